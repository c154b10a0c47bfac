import type { OutputBuilder } from '../output';
import type { DebugSession } from '../session';
import { type Bits, TEB, at, pointerText, readPtr, readU32 } from './layouts';

/**
 * The fields `!teb` prints for a TEB of `bits` width at `teb`, in WinDbg's
 * layout (exts.dll): pointers as `%p` at the debugger's width, so a WOW64
 * 32-bit TEB in a 64-bit dump shows 16-digit values, as WinDbg's do.
 */
export function printTebFields(s: DebugSession, out: OutputBuilder, teb: bigint, bits: Bits): void {
  const p = (field: keyof typeof TEB): string => {
    const v = readPtr(s, at(teb, TEB[field], bits), bits);
    return v === undefined ? '?'.repeat(s.is64 ? 16 : 8) : pointerText(v, s.is64);
  };
  const u = (field: keyof typeof TEB): number | undefined => readU32(s, at(teb, TEB[field], bits));
  out.line(`    ExceptionList:        ${p('ExceptionList')}`);
  out.line(`    StackBase:            ${p('StackBase')}`);
  out.line(`    StackLimit:           ${p('StackLimit')}`);
  out.line(`    SubSystemTib:         ${p('SubSystemTib')}`);
  out.line(`    FiberData:            ${p('FiberData')}`);
  out.line(`    ArbitraryUserPointer: ${p('ArbitraryUserPointer')}`);
  out.line(`    Self:                 ${p('Self')}`);
  out.line(`    EnvironmentPointer:   ${p('EnvironmentPointer')}`);
  out.line(`    ClientId:             ${p('UniqueProcess')} . ${p('UniqueThread')}`);
  out.line(`    RpcHandle:            ${p('ActiveRpcHandle')}`);
  out.line(`    Tls Storage:          ${p('ThreadLocalStoragePointer')}`);
  const peb = p('ProcessEnvironmentBlock');
  out.text('    PEB Address:          ').link(peb, 'address', `0x${peb.replace(/^0+(?=.)/, '')}`).line();
  out.line(`    LastErrorValue:       ${u('LastErrorValue') ?? '?'}`);
  const status = u('LastStatusValue');
  out.line(`    LastStatusValue:      ${status === undefined ? '(not in the dump)' : status.toString(16)}`);
  out.line(`    Count Owned Locks:    ${u('CountOfOwnedCriticalSections') ?? '?'}`);
  out.line(`    HardErrorMode:        ${u('HardErrorMode') ?? '(not in the dump)'}`);
}

/** Bytes of the TEB's head (NT_TIB … CountOfOwnedCriticalSections) that must be in the dump to print it. */
export function tebHeadSize(bits: Bits): number {
  return bits === 64 ? 0x70 : 0x3c;
}
