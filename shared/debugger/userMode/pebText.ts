import { windbgDate } from '../format';
import type { OutputBuilder } from '../output';
import type { DebugSession } from '../session';
import { type Bits, LDR, LDR_ENTRY, NT_GLOBAL_FLAG2_BUILD, PARAMS, PEB, at, pointerText, readPtr, readU32, readU8, readUnicodeString } from './layouts';

/** Loader entries `!peb` lists at most (a damaged list must not loop). */
const MAX_MODULES = 4096;
/** Environment block bytes read at most. */
const MAX_ENVIRONMENT = 0x10000;

/**
 * The fields `!peb` prints for a PEB of `bits` width at `peb`, in WinDbg's
 * layout (exts.dll): flags, image base, global flags, the loader lists and
 * their modules, heap, process parameters and the environment. Pointers are
 * `%p` at the debugger's width.
 */
export function printPebFields(s: DebugSession, out: OutputBuilder, peb: bigint, bits: Bits): void {
  const ptr = (v: bigint | undefined): string => (v === undefined ? '?'.repeat(s.is64 ? 16 : 8) : pointerText(v, s.is64));
  const field = (name: keyof typeof PEB): bigint | undefined => readPtr(s, at(peb, PEB[name], bits), bits);
  const yesNo = (v: number | undefined): string => (v === undefined ? '?' : v ? 'Yes' : 'No');
  out.line(`    InheritedAddressSpace:    ${yesNo(readU8(s, at(peb, PEB.InheritedAddressSpace, bits)))}`);
  out.line(`    ReadImageFileExecOptions: ${yesNo(readU8(s, at(peb, PEB.ReadImageFileExecOptions, bits)))}`);
  out.line(`    BeingDebugged:            ${yesNo(readU8(s, at(peb, PEB.BeingDebugged, bits)))}`);
  out.line(`    ImageBaseAddress:         ${ptr(field('ImageBaseAddress'))}`);
  out.line(`    NtGlobalFlag:             ${(readU32(s, at(peb, PEB.NtGlobalFlag, bits)) ?? 0).toString(16)}`);
  const build = s.dump.system()?.buildNumber;
  const flag2 = build !== undefined && build < NT_GLOBAL_FLAG2_BUILD ? 0 : readU32(s, at(peb, PEB.NtGlobalFlag2, bits)) ?? 0;
  out.line(`    NtGlobalFlag2:            ${flag2.toString(16)}`);
  const ldr = field('Ldr');
  out.line(`    Ldr                       ${ptr(ldr)}`);
  printLoader(s, out, ldr, bits);
  out.line(`    SubSystemData:     ${ptr(field('SubSystemData'))}`);
  out.line(`    ProcessHeap:       ${ptr(field('ProcessHeap'))}`);
  const params = field('ProcessParameters');
  out.line(`    ProcessParameters: ${ptr(params)}`);
  if (params === undefined || !s.read(params, 0x10)) {
    out.line('    *** unable to read process parameters');
    return;
  }
  const str = (name: keyof typeof PARAMS): string => `'${readUnicodeString(s, at(params, PARAMS[name], bits), bits) ?? '< Name not readable >'}'`;
  out.line(`    CurrentDirectory:  ${str('CurrentDirectory')}`);
  out.line(`    WindowTitle:  ${str('WindowTitle')}`);
  out.line(`    ImageFile:    ${str('ImagePathName')}`);
  out.line(`    CommandLine:  ${str('CommandLine')}`);
  out.line(`    DllPath:      ${str('DllPath')}`);
  const env = readPtr(s, at(params, PARAMS.Environment, bits), bits);
  out.line(`    Environment:  ${ptr(env)}`);
  const vars = env ? environment(s, env) : undefined;
  if (!vars) out.line('       Unable to read Environment string.');
  else for (const v of vars) out.line(`        ${v}`);
}

/** Ldr.Initialized, the three list heads, and the modules in load order. */
function printLoader(s: DebugSession, out: OutputBuilder, ldr: bigint | undefined, bits: Bits): void {
  const head = (name: keyof typeof LDR): [bigint, bigint] | undefined => {
    if (ldr === undefined) return undefined;
    const a = at(ldr, LDR[name], bits);
    const flink = readPtr(s, a, bits);
    const blink = readPtr(s, a + BigInt(bits / 8), bits);
    return flink === undefined || blink === undefined ? undefined : [flink, blink];
  };
  const initialized = ldr === undefined ? undefined : readU8(s, at(ldr, LDR.Initialized, bits));
  const load = head('InLoadOrderModuleList');
  const init = head('InInitializationOrderModuleList');
  const memory = head('InMemoryOrderModuleList');
  if (initialized === undefined || !load || !init || !memory) {
    out.line(`    *** unable to read Ldr table at ${ldr === undefined ? '?'.repeat(s.is64 ? 16 : 8) : pointerText(ldr, s.is64)}`);
    return;
  }
  const p = (v: bigint): string => pointerText(v, s.is64);
  out.line(`    Ldr.Initialized:          ${initialized ? 'Yes' : 'No'}`);
  out.line(`    Ldr.InInitializationOrderModuleList: ${p(init[0])} . ${p(init[1])}`);
  out.line(`    Ldr.InLoadOrderModuleList:           ${p(load[0])} . ${p(load[1])}`);
  out.line(`    Ldr.InMemoryOrderModuleList:         ${p(memory[0])} . ${p(memory[1])}`);
  const width = s.is64 ? 16 : 8;
  out.line(`        ${'Base'.padStart(width)} TimeStamp                     Module`);
  // InLoadOrderLinks is the entry's first field, so a link is the entry's address.
  const listHead = at(ldr!, LDR.InLoadOrderModuleList, bits);
  const seen = new Set<bigint>();
  for (let e = load[0]; e !== listHead && e !== 0n && !seen.has(e) && seen.size < MAX_MODULES; ) {
    seen.add(e);
    const base = readPtr(s, at(e, LDR_ENTRY.DllBase, bits), bits);
    const stamp = readU32(s, at(e, LDR_ENTRY.TimeDateStamp, bits));
    const name = readUnicodeString(s, at(e, LDR_ENTRY.FullDllName, bits), bits);
    if (base === undefined || stamp === undefined) {
      out.line(`    *** unable to read loader entry at ${p(e)}`);
      break;
    }
    const date = windbgDate(new Date(stamp * 1000)).slice(4); // "Feb 04 03:45:04 2022": no weekday
    out.line(`        ${base.toString(16).padStart(width)} ${stamp.toString(16).padStart(8, '0')} ${date} ${name ?? ''}`);
    const next = readPtr(s, e, bits);
    if (next === undefined) break;
    e = next;
  }
}

/** The environment block's NAME=value strings, up to the empty one that ends it. */
function environment(s: DebugSession, env: bigint): string[] | undefined {
  const vars: string[] = [];
  let cur = '';
  for (let a = env; a < env + BigInt(MAX_ENVIRONMENT); ) {
    // Big reads where the block allows, single characters near the end of what the dump holds.
    const b = s.read(a, 0x200) ?? s.read(a, 2);
    if (!b) return a === env ? undefined : vars;
    for (let i = 0; i + 1 < b.length; i += 2) {
      const c = b[i]! | (b[i + 1]! << 8);
      if (c !== 0) {
        cur += String.fromCharCode(c);
        continue;
      }
      if (!cur) return vars;
      vars.push(cur);
      cur = '';
    }
    a += BigInt(b.length);
  }
  return vars;
}
