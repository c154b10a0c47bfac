import { MinidumpDump } from '../../formats/minidump/minidumpDump';
import { defineCommand } from '../command';
import { CommandError } from '../errors';
import { hexN, ptr, windbgDuration } from '../format';
import type { DebugSession } from '../session';

/** Field offsets (x86, x64) in TEB / PEB / RTL_USER_PROCESS_PARAMETERS (winternl.h, ntpsapi). */
const TEB = {
  ExceptionList: [0x0, 0x0], StackBase: [0x4, 0x8], StackLimit: [0x8, 0x10], SubSystemTib: [0xc, 0x18],
  FiberData: [0x10, 0x20], ArbitraryUserPointer: [0x14, 0x28], Self: [0x18, 0x30], EnvironmentPointer: [0x1c, 0x38],
  UniqueProcess: [0x20, 0x40], UniqueThread: [0x24, 0x48], RpcHandle: [0x28, 0x50], TlsStorage: [0x2c, 0x58],
  Peb: [0x30, 0x60], LastErrorValue: [0x34, 0x68], CountOwnedLocks: [0x38, 0x6c], LastStatusValue: [0xbf4, 0x1250],
  HardErrorMode: [0xf28, 0x16b0],
} as const;
const PEB = {
  InheritedAddressSpace: [0x0, 0x0], ReadImageFileExecOptions: [0x1, 0x1], BeingDebugged: [0x2, 0x2],
  ImageBaseAddress: [0x8, 0x10], Ldr: [0xc, 0x18], ProcessParameters: [0x10, 0x20], ProcessHeap: [0x18, 0x30],
  NumberOfProcessors: [0x64, 0xb8], NtGlobalFlag: [0x68, 0xbc], OSMajorVersion: [0xa4, 0x118], OSMinorVersion: [0xa8, 0x11c],
  OSBuildNumber: [0xac, 0x120],
} as const;
const PARAMS = {
  CurrentDirectory: [0x24, 0x38], DllPath: [0x30, 0x50], ImagePathName: [0x38, 0x60], CommandLine: [0x40, 0x70],
  Environment: [0x48, 0x80], WindowTitle: [0x70, 0xb0],
} as const;

function off(s: DebugSession, pair: readonly [number, number]): bigint {
  return BigInt(s.is64 ? pair[1] : pair[0]);
}

function u32(s: DebugSession, a: bigint): number | undefined {
  const b = s.read(a, 4);
  return b ? new DataView(b.buffer, b.byteOffset).getUint32(0, true) : undefined;
}

function u8(s: DebugSession, a: bigint): number | undefined {
  return s.read(a, 1)?.[0];
}

/** A UNICODE_STRING {Length, MaximumLength, Buffer} at `a`; undefined when not in the dump. */
function unicodeString(s: DebugSession, a: bigint): string | undefined {
  const len = s.read(a, 2);
  const buf = s.readPointer(a + (s.is64 ? 8n : 4n));
  if (!len || buf === undefined) return undefined;
  const n = len[0]! | (len[1]! << 8);
  const b = s.read(buf, Math.min(n, 0x10000));
  if (!b) return undefined;
  let out = '';
  for (let i = 0; i + 1 < b.length; i += 2) out += String.fromCharCode(b[i]! | (b[i + 1]! << 8));
  return out;
}

function currentTeb(s: DebugSession): bigint {
  if (s.dump.format !== 'minidump') throw new CommandError('Kernel dump: user-mode TEB/PEB are not available here; use !thread / !process');
  const t = s.dump.threads()[s.currentThread];
  if (!t?.teb) throw new CommandError('The current thread has no TEB address in the dump');
  return t.teb;
}

export const teb = defineCommand({
  name: '!teb',
  family: 'User mode',
  syntax: '!teb [Address]',
  summary: 'the thread environment block of the current thread (or at Address)',
  help: 'Needs the TEB page in the dump (MiniDumpWithProcessThreadData or full memory).',
  run({ session: s, out, args, evaluate }) {
    const at = args.trim() ? evaluate(args.trim()) : currentTeb(s);
    const p = (name: keyof typeof TEB): string => {
      const v = s.readPointer(at + off(s, TEB[name]));
      return v === undefined ? '????????' : ptr(v, s.is64);
    };
    out.line(`TEB at ${hexN(at, s.is64 ? 16 : 8)}`);
    if (!s.read(at, s.is64 ? 0x70 : 0x3c)) {
      throw new CommandError(`The dump does not hold the TEB memory at ${ptr(at, s.is64)} (written without MiniDumpWithProcessThreadData)`);
    }
    out.line(`    ExceptionList:        ${p('ExceptionList')}`);
    out.line(`    StackBase:            ${p('StackBase')}`);
    out.line(`    StackLimit:           ${p('StackLimit')}`);
    out.line(`    SubSystemTib:         ${p('SubSystemTib')}`);
    out.line(`    FiberData:            ${p('FiberData')}`);
    out.line(`    ArbitraryUserPointer: ${p('ArbitraryUserPointer')}`);
    out.line(`    Self:                 ${p('Self')}`);
    out.line(`    EnvironmentPointer:   ${p('EnvironmentPointer')}`);
    out.line(`    ClientId:             ${p('UniqueProcess')} . ${p('UniqueThread')}`);
    out.line(`    RpcHandle:            ${p('RpcHandle')}`);
    out.line(`    Tls Storage:          ${p('TlsStorage')}`);
    out.text('    PEB Address:          ').link(p('Peb'), 'address', p('Peb')).line();
    const le = u32(s, at + off(s, TEB.LastErrorValue));
    out.line(`    LastErrorValue:       ${le ?? '?'}`);
    const ls = u32(s, at + off(s, TEB.LastStatusValue));
    out.line(`    LastStatusValue:      ${ls === undefined ? '(not in the dump)' : ls.toString(16)}`);
    out.line(`    Count Owned Locks:    ${u32(s, at + off(s, TEB.CountOwnedLocks)) ?? '?'}`);
    const hem = u32(s, at + off(s, TEB.HardErrorMode));
    out.line(`    HardErrorMode:        ${hem ?? '(not in the dump)'}`);
  },
});

export const peb = defineCommand({
  name: '!peb',
  family: 'User mode',
  syntax: '!peb [Address]',
  summary: 'the process environment block: image base, heap, command line, paths',
  help: 'Finds the PEB through the current thread\'s TEB. Needs the PEB and process parameters in\nthe dump (full-memory or MiniDumpWithProcessThreadData dumps).',
  run({ session: s, out, args, evaluate }) {
    let at: bigint;
    if (args.trim()) at = evaluate(args.trim());
    else {
      const tebAt = currentTeb(s);
      const p = s.readPointer(tebAt + off(s, TEB.Peb));
      if (p === undefined) throw new CommandError(`The dump does not hold the TEB at ${ptr(tebAt, s.is64)}, so the PEB address is unknown (written without MiniDumpWithProcessThreadData)`);
      at = p;
    }
    if (!s.read(at, s.is64 ? 0x128 : 0xb0)) throw new CommandError(`PEB at ${ptr(at, s.is64)}: the dump does not hold this memory`);
    const yesNo = (v: number | undefined): string => (v === undefined ? '?' : v ? 'Yes' : 'No');
    const pv = (name: keyof typeof PEB): string => {
      const v = s.readPointer(at + off(s, PEB[name]));
      return v === undefined ? '????????' : ptr(v, s.is64);
    };
    out.line(`PEB at ${hexN(at, s.is64 ? 16 : 8)}`);
    out.line(`    InheritedAddressSpace:    ${yesNo(u8(s, at + off(s, PEB.InheritedAddressSpace)))}`);
    out.line(`    ReadImageFileExecOptions: ${yesNo(u8(s, at + off(s, PEB.ReadImageFileExecOptions)))}`);
    out.line(`    BeingDebugged:            ${yesNo(u8(s, at + off(s, PEB.BeingDebugged)))}`);
    out.line(`    ImageBaseAddress:         ${pv('ImageBaseAddress')}`);
    out.line(`    NtGlobalFlag:             ${(u32(s, at + off(s, PEB.NtGlobalFlag)) ?? 0).toString(16)}`);
    out.line(`    Ldr                       ${pv('Ldr')}`);
    out.line(`    ProcessHeap:              ${pv('ProcessHeap')}`);
    out.line(`    NumberOfProcessors:       ${u32(s, at + off(s, PEB.NumberOfProcessors)) ?? '?'}`);
    const major = u32(s, at + off(s, PEB.OSMajorVersion));
    const minor = u32(s, at + off(s, PEB.OSMinorVersion));
    const build = s.read(at + off(s, PEB.OSBuildNumber), 2);
    out.line(`    OSVersion:                ${major ?? '?'}.${minor ?? '?'}.${build ? build[0]! | (build[1]! << 8) : '?'}`);
    const params = s.readPointer(at + off(s, PEB.ProcessParameters));
    out.line(`    ProcessParameters:        ${params === undefined ? '????????' : ptr(params, s.is64)}`);
    if (params === undefined || !s.read(params, 0x10)) {
      out.line('    (process parameters are not in the dump)');
      return;
    }
    const str = (name: keyof typeof PARAMS): string => {
      const v = unicodeString(s, params + off(s, PARAMS[name]));
      return v === undefined ? '< Name not readable >' : `'${v}'`;
    };
    out.line(`    CurrentDirectory:  ${str('CurrentDirectory')}`);
    out.line(`    WindowTitle:  ${str('WindowTitle')}`);
    out.line(`    ImageFile:    ${str('ImagePathName')}`);
    out.line(`    CommandLine:  ${str('CommandLine')}`);
    out.line(`    DllPath:      ${str('DllPath')}`);
    const env = s.readPointer(params + off(s, PARAMS.Environment));
    out.line(`    Environment:  ${env === undefined ? '????????' : ptr(env, s.is64)}`);
  },
});

export const handle = defineCommand({
  name: '!handle',
  family: 'User mode',
  syntax: '!handle [Handle [Flags]]',
  summary: 'handles of the process (from the HandleData stream)',
  help: 'Without arguments lists every handle and a count per type; with a handle (and flag f)\nshows its name, access and counts. Needs a dump written with MiniDumpWithHandleData.',
  run({ session: s, out, args, evaluate }) {
    if (!(s.dump instanceof MinidumpDump)) throw new CommandError('!handle lists a user process\'s handles: not available in a kernel dump (use !process with flags)');
    const handles = s.dump.handles();
    if (!handles.length) throw new CommandError('The dump has no handle data (written without MiniDumpWithHandleData)');
    const parts = args.trim().split(/\s+/).filter(Boolean);
    const wanted = parts[0] && parts[0] !== '0' ? evaluate(parts[0]) : undefined;
    const detail = wanted !== undefined || (parts[1] !== undefined && /f/i.test(parts[1]));
    const list = wanted === undefined ? handles : handles.filter((h) => h.handle === wanted);
    if (!list.length) throw new CommandError(`Handle ${wanted!.toString(16)} not found in the dump's handle data`);
    for (const h of list) {
      out.line(`Handle ${hexN(h.handle, s.is64 ? 16 : 8)}`);
      out.line(`  Type         \t${h.typeName ?? '<none>'}`);
      if (detail) {
        out.line(`  Attributes   \t0x${h.attributes.toString(16)}`);
        out.line(`  GrantedAccess\t0x${h.grantedAccess.toString(16)}`);
        out.line(`  HandleCount  \t${h.handleCount}`);
        out.line(`  PointerCount \t${h.pointerCount}`);
        out.line(`  Name         \t${h.objectName ?? '<none>'}`);
      }
    }
    if (wanted === undefined) {
      out.line(`${handles.length} Handles`);
      out.line('Type           \tCount');
      const counts = new Map<string, number>();
      for (const h of handles) counts.set(h.typeName ?? '<none>', (counts.get(h.typeName ?? '<none>') ?? 0) + 1);
      for (const [t, n] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) out.line(`${t.padEnd(15)}\t${n}`);
    }
  },
});

export const runaway = defineCommand({
  name: '!runaway',
  family: 'User mode',
  syntax: '!runaway [Flags]',
  summary: 'CPU time per thread, busiest first (1 user, 2 kernel, 4 elapsed)',
  help: 'Needs the ThreadInfoList stream (MiniDumpWithThreadInfo). Example: !runaway 7',
  run({ session: s, out, args, evaluate }) {
    const threads = s.dump.threads();
    if (!threads.some((t) => t.userTimeMs !== undefined)) {
      throw new CommandError('The dump has no thread times (no ThreadInfoList stream: written without MiniDumpWithThreadInfo)');
    }
    const flags = args.trim() ? Number(evaluate(args.trim()) & 7n) : 1;
    const written = s.dump.timestamp()?.getTime();
    const table = (title: string, get: (t: (typeof threads)[number]) => number | undefined): void => {
      out.line(` ${title}`);
      out.line('  Thread       Time');
      const rows = threads.map((t, i) => ({ t, i, ms: get(t) ?? 0 })).sort((a, b) => b.ms - a.ms);
      for (const r of rows) {
        out.text('  ').link(`${String(r.i).padStart(2)}:${r.t.id.toString(16)}`.padEnd(11), 'thread', `~${r.i}s`).line(`  ${windbgDuration(r.ms)}`);
      }
    };
    if (flags & 1) table('User Mode Time', (t) => t.userTimeMs);
    if (flags & 2) table('Kernel Mode Time', (t) => t.kernelTimeMs);
    if (flags & 4) table('Elapsed Time', (t) => (t.createTime && written ? written - t.createTime.getTime() : undefined));
  },
});
