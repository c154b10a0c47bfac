import type { MemoryReader } from '../../dump/types';
import { uintLE } from '../../formats/common/littleEndian';

/** A little-endian word of `size` bytes at `address`, or undefined when the dump lacks it. */
export function readWord(memory: MemoryReader, address: bigint, size: 4 | 8): bigint | undefined {
  if (address < 0n || address > (size === 4 ? 0xffffffffn : 0xffffffffffffffffn) - BigInt(size) + 1n) return undefined;
  const b = memory.read(address, size);
  return b && b.length >= size ? uintLE(b, size) : undefined;
}

/** Callee-saved registers by convention: kept in the caller frame when unwind data says nothing about them. */
export const CALLEE_SAVED: Record<string, readonly string[]> = {
  x86: ['ebx', 'ebp', 'esi', 'edi'],
  amd64: ['rbx', 'rbp', 'rsi', 'rdi', 'r12', 'r13', 'r14', 'r15'],
  arm64: ['x19', 'x20', 'x21', 'x22', 'x23', 'x24', 'x25', 'x26', 'x27', 'x28', 'x29'],
};

/** Keeps only callee-saved registers of `regs` (the rest are unknown in the caller). */
export function calleeSavedOf(arch: string, regs: Readonly<Record<string, bigint>>): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const r of CALLEE_SAVED[arch] ?? []) if (regs[r] !== undefined) out[r] = regs[r]!;
  return out;
}
