import { MemoryByteSource } from '../../bytes/byteSource';
import { decodeUtf16, Reader } from '../../bytes/reader';
import type { MemoryReader } from '../../dump/types';
import { MI_UNLOADED_DRIVERS_MAX, UNLOADED_DRIVERS32, UNLOADED_DRIVERS64 } from './structs';

export interface MemoryUnloadedDriver {
  name: string;
  start: bigint;
  end: bigint;
  /** FILETIME of the unload. */
  unloadTime: bigint;
}

/**
 * MmUnloadedDrivers read from kernel memory (full/kernel/bitmap dumps): the
 * variable at `variable` points to an array of at most 50 UNLOADED_DRIVERS;
 * entries with an empty name are unused. The array is a ring, but every used
 * slot is listed (WinDbg's `lm` shows them all too). Unreadable memory just
 * ends the list.
 */
export function readUnloadedDriversFromMemory(memory: MemoryReader, variable: bigint, is64: boolean): MemoryUnloadedDriver[] {
  const def = is64 ? UNLOADED_DRIVERS64 : UNLOADED_DRIVERS32;
  const w = is64 ? 8 : 4;
  const p = memory.read(variable, w);
  if (!p) return [];
  const pr = new Reader(new MemoryByteSource(p));
  const array = is64 ? pr.u64(0) : BigInt(pr.u32(0));
  if (array === 0n) return [];
  const table = memory.read(array, def.size * MI_UNLOADED_DRIVERS_MAX);
  if (!table) return [];
  const r = new Reader(new MemoryByteSource(table), 'MmUnloadedDrivers');
  const out: MemoryUnloadedDriver[] = [];
  for (let i = 0; i < MI_UNLOADED_DRIVERS_MAX; i++) {
    const e = def.read(r, i * def.size);
    if (e.NameLength === 0 || e.NameLength > 0x200) continue;
    const name = memory.read(BigInt(e.NameBuffer), e.NameLength & ~1);
    out.push({ name: name ? decodeUtf16(name) : '', start: BigInt(e.StartAddress), end: BigInt(e.EndAddress), unloadTime: e.CurrentTime });
  }
  return out;
}
