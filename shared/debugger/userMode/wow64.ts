import type { DebugSession } from '../session';
import { TEB, at, readPtr, readU32 } from './layouts';

/**
 * WOW64: a 32-bit process on 64-bit Windows. A 64-bit dump of it (WER, a
 * 64-bit debugger) lists the 64-bit TEB of each thread; the thread's 32-bit
 * TEB sits beside it, and its 32-bit PEB is TEB32.ProcessEnvironmentBlock.
 * The process has wow64.dll and wow64cpu.dll loaded.
 */

/** The 64-bit DLLs only a WOW64 process loads. */
const WOW64_MODULES = new Set(['wow64.dll', 'wow64cpu.dll']);

export function isWow64(s: DebugSession): boolean {
  if (!s.is64 || s.dump.format !== 'minidump') return false;
  return s.modules().some((m) => WOW64_MODULES.has(baseName(m.module.name).toLowerCase()));
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
}

/**
 * The 32-bit TEB of the thread whose 64-bit TEB is at `teb64`, or undefined.
 * Where it is, in the order tried: TEB64.WowTebOffset (Windows 10+), TEB64.NtTib.ExceptionList
 * (WOW64 points it at the 32-bit TEB: real !teb output shows "Wow64 TEB at 00dc0000 /
 * ExceptionList: 00dc2000", and on Windows 7 7efdb000 → 7efdd000), and TEB64 + 0x2000 (two pages
 * on, on every release). A candidate counts only if its NtTib.Self points at itself.
 */
export function teb32Of(s: DebugSession, teb64: bigint): bigint | undefined {
  const candidates: bigint[] = [];
  const off = readU32(s, at(teb64, TEB.WowTebOffset, 64));
  if (off) candidates.push(teb64 + BigInt(off | 0));
  const exceptionList = readPtr(s, at(teb64, TEB.ExceptionList, 64), 64);
  if (exceptionList) candidates.push(exceptionList);
  candidates.push(teb64 + 0x2000n);
  return candidates.find((c) => c > 0n && c < 0x100000000n && readU32(s, at(c, TEB.Self, 32)) === Number(c));
}

/** The 32-bit PEB, from the 32-bit TEB; undefined when that is not in the dump. */
export function peb32Of(s: DebugSession, teb32: bigint): bigint | undefined {
  return readPtr(s, at(teb32, TEB.ProcessEnvironmentBlock, 32), 32);
}
