import { MinidumpDump } from '../../formats/minidump/minidumpDump';
import { defineCommand } from '../command';
import { CommandError } from '../errors';
import { hexN, ptr, windbgDuration } from '../format';
import type { DebugSession } from '../session';
import { type Bits, TEB, at, pointerText, readPtr } from '../userMode/layouts';
import { printPebFields } from '../userMode/pebText';
import { printTebFields, tebHeadSize } from '../userMode/tebText';
import { isWow64, peb32Of, teb32Of } from '../userMode/wow64';

function currentTeb(s: DebugSession): bigint {
  if (s.dump.format !== 'minidump') throw new CommandError('Kernel dump: user-mode TEB/PEB are not available here; use !thread / !process');
  const t = s.dump.threads()[s.currentThread];
  if (!t?.teb) throw new CommandError('The current thread has no TEB address in the dump');
  return t.teb;
}

function bitsOf(s: DebugSession): Bits {
  return s.is64 ? 64 : 32;
}

export const teb = defineCommand({
  name: '!teb',
  family: 'User mode',
  syntax: '!teb [Address]',
  summary: 'the thread environment block of the current thread (or at Address)',
  help: 'Needs the TEB page in the dump (MiniDumpWithProcessThreadData or full memory).\nA WOW64 thread (32-bit process, 64-bit dump) shows its 32-bit TEB first, then the 64-bit one.',
  run({ session: s, out, args, evaluate }) {
    const tebAt = args.trim() ? evaluate(args.trim()) : currentTeb(s);
    const bits = bitsOf(s);
    // WOW64: the 32-bit TEB, then "Wow64 TEB at" the 64-bit one (WinDbg's exts !teb).
    const teb32 = isWow64(s) ? teb32Of(s, tebAt) : undefined;
    if (teb32 !== undefined) {
      out.line(`Wow64 TEB32 at ${pointerText(teb32, s.is64)}`);
      printTebFields(s, out, teb32, 32);
      out.text('Wow64 ');
    }
    out.line(`TEB at ${pointerText(tebAt, s.is64)}`);
    if (!s.read(tebAt, tebHeadSize(bits))) {
      throw new CommandError(`The dump does not hold the TEB memory at ${ptr(tebAt, s.is64)} (written without MiniDumpWithProcessThreadData)`);
    }
    printTebFields(s, out, tebAt, bits);
  },
});

export const peb = defineCommand({
  name: '!peb',
  family: 'User mode',
  syntax: '!peb [Address]',
  summary: 'the process environment block: image base, heap, command line, paths',
  help: 'Finds the PEB through the current thread\'s TEB. Needs the PEB and process parameters in\nthe dump (full-memory or MiniDumpWithProcessThreadData dumps). A WOW64 process (32-bit, in a\n64-bit dump) shows its 32-bit PEB first, then the 64-bit one.',
  run({ session: s, out, args, evaluate }) {
    const bits = bitsOf(s);
    let pebAt: bigint;
    if (args.trim()) pebAt = evaluate(args.trim());
    else {
      const tebAt = currentTeb(s);
      // WOW64: "Wow64 PEB32 at" the 32-bit PEB, two blank lines, then "Wow64 PEB at" the 64-bit one.
      const teb32 = isWow64(s) ? teb32Of(s, tebAt) : undefined;
      const peb32 = teb32 === undefined ? undefined : peb32Of(s, teb32);
      if (peb32 !== undefined && s.read(peb32, PEB_HEAD[0])) {
        out.line(`Wow64 PEB32 at ${peb32.toString(16)}`);
        printPebFields(s, out, peb32, 32);
        out.line().line().text('Wow64 ');
      }
      const p = readPtr(s, at(tebAt, TEB.ProcessEnvironmentBlock, bits), bits);
      if (p === undefined) throw new CommandError(`The dump does not hold the TEB at ${ptr(tebAt, s.is64)}, so the PEB address is unknown (written without MiniDumpWithProcessThreadData)`);
      pebAt = p;
    }
    if (!s.read(pebAt, bits === 64 ? PEB_HEAD[1] : PEB_HEAD[0])) throw new CommandError(`PEB at ${ptr(pebAt, s.is64)}: the dump does not hold this memory`);
    out.line(`PEB at ${pointerText(pebAt, s.is64)}`);
    printPebFields(s, out, pebAt, bits);
  },
});

/** Bytes of the PEB's head (up to NtGlobalFlag) that must be in the dump to print it. */
const PEB_HEAD = [0x6c, 0xc0] as const;

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
