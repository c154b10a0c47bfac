/**
 * Does a return-address candidate follow a call instruction? Stack scanning
 * finds many values that merely point into a module; a real return address
 * sits right after a CALL (x86/amd64: E8 rel32 or FF /2 in any addressing
 * form; arm64: BL/BLR/BLRA*). Minidumps often omit code pages, so the answer
 * is three-valued and only a definite "no" rejects a candidate.
 */
import type { CpuArch, MemoryReader } from '../../dump/types';

export type CallCheck = 'call' | 'not-call' | 'unknown';

/** Longest x86 call we recognise: REX + FF + ModRM + SIB + disp32. */
const MAX_X86_CALL = 8;

export function precededByCall(memory: MemoryReader, returnAddress: bigint, arch: CpuArch): CallCheck {
  if (arch === 'arm64') return arm64Check(memory, returnAddress);
  if (arch !== 'x86' && arch !== 'amd64') return 'unknown';
  // The code may start less than MAX_X86_CALL bytes before the return address: take what there is.
  for (let n = MAX_X86_CALL; n >= 2; n--) {
    if (returnAddress < BigInt(n)) continue;
    const bytes = memory.read(returnAddress - BigInt(n), n);
    if (bytes) return x86CallEndsAt(bytes) ? 'call' : 'not-call';
  }
  return 'unknown';
}

/** Whether some call instruction ends exactly at the end of `code` (the bytes just before a return address). */
export function x86CallEndsAt(code: Uint8Array): boolean {
  const end = code.length;
  // E8 rel32: near relative call.
  if (end >= 5 && code[end - 5] === 0xe8) return true;
  // FF /2 (near indirect) or FF /3 (far indirect). A REX prefix on amd64 comes before the FF
  // and changes no length, so finding the FF is enough.
  for (let start = end - 2; start >= 0; start--) {
    if (code[start] !== 0xff) continue;
    const len = modrmCallLength(code, start + 1);
    if (len !== undefined && start + 1 + len === end) return true;
  }
  return false;
}

/** Length of ModRM (+SIB +displacement) at `at` when its reg field says CALL (2 or 3); undefined otherwise. */
function modrmCallLength(code: Uint8Array, at: number): number | undefined {
  const modrm = code[at];
  if (modrm === undefined) return undefined;
  const reg = (modrm >> 3) & 7;
  if (reg !== 2 && reg !== 3) return undefined;
  const mod = modrm >> 6;
  const rm = modrm & 7;
  if (mod === 3) return reg === 2 ? 1 : undefined; // call reg (far call needs memory)
  let len = 1;
  if (rm === 4) {
    const sib = code[at + 1];
    if (sib === undefined) return undefined;
    len += 1;
    if (mod === 0 && (sib & 7) === 5) len += 4; // no base: disp32
  } else if (mod === 0 && rm === 5) {
    len += 4; // disp32 (RIP-relative on amd64, absolute on x86)
  }
  if (mod === 1) len += 1;
  if (mod === 2) len += 4;
  return len;
}

function arm64Check(memory: MemoryReader, returnAddress: bigint): CallCheck {
  if (returnAddress < 4n || (returnAddress & 3n) !== 0n) return returnAddress & 3n ? 'not-call' : 'unknown';
  const b = memory.read(returnAddress - 4n, 4);
  if (!b) return 'unknown';
  const insn = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  const bl = (insn & 0xfc000000) >>> 0 === 0x94000000;
  const blr = (insn & 0xfffffc1f) >>> 0 === 0xd63f0000;
  const blra = (insn & 0xfefff800) >>> 0 === 0xd63f0800; // BLRAA/BLRAB/BLRAAZ/BLRABZ
  return bl || blr || blra ? 'call' : 'not-call';
}
