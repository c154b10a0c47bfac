import { KDDEBUGGER_DATA64 } from '../../formats/kernel/structs';
import type { KernelDump } from '../../formats/kernel/kernelDump';
import { Reader } from '../../bytes/reader';
import { MemoryByteSource } from '../../bytes/byteSource';
import { kdbgBlockOf } from './kdbgOffsets';

/** A KDDEBUGGER_DATA64 field holding a kernel address or counter variable's address ("ObpRootDirectoryObject"). */
export type KdbgPointerField = Parameters<typeof KDDEBUGGER_DATA64.offsetOf>[0];

/**
 * The value of one KDDEBUGGER_DATA64 field: for most fields the address of a
 * kernel variable (nt!PoolTrackTable, nt!ExpSystemResourcesList), which the
 * kernel extensions then read through memory. Undefined when the dump has no
 * plain block, the field lies past the block's Size, or it is 0 (the kernel
 * no longer maintains it: many Mm* fields on Windows 10+). 32-bit kernels
 * store sign-extended addresses; they come back as 32-bit values.
 */
export function kdbgPointer(dump: KernelDump, field: KdbgPointerField): bigint | undefined {
  const block = kdbgBlockOf(dump);
  if (!block) return undefined;
  const at = KDDEBUGGER_DATA64.offsetOf(field);
  const r = new Reader(new MemoryByteSource(block), 'KDDEBUGGER_DATA64');
  const size = Math.min(r.u32(KDDEBUGGER_DATA64.offsetOf('Size')), block.length);
  if (at + 8 > size) return undefined;
  const v = r.u64(at);
  if (v === 0n) return undefined;
  return dump.is64 ? v : v & 0xffffffffn;
}
