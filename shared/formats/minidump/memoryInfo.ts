import type { StructValue } from '../../bytes/struct';
import type { MinidumpFile } from './minidumpFile';
import { readSizedList } from './sizedList';
import { MINIDUMP_MEMORY_INFO, MINIDUMP_MEMORY_INFO_LIST } from './structs';
import { StreamType } from './streamTypes';

export type RawMemoryInfo = StructValue<typeof MINIDUMP_MEMORY_INFO.fields>;

/** MemoryInfoList stream: one VirtualQuery result per region (`!address`). */
export function readMemoryInfoList(file: MinidumpFile): RawMemoryInfo[] {
  const entry = file.stream(StreamType.MemoryInfoList);
  if (!entry) return [];
  const offsets = readSizedList(file, entry, MINIDUMP_MEMORY_INFO_LIST, MINIDUMP_MEMORY_INFO.size, (h) => ({
    sizeOfHeader: h.SizeOfHeader, sizeOfEntry: h.SizeOfEntry, count: h.NumberOfEntries,
  }));
  // Full-memory-info dumps hold tens of thousands of entries (22014 in
  // zuohuiyang_electron.dmp): decode them from one view of the stream
  // instead of one bounds-checked read per entry. Offsets still come from the table.
  const view = file.reader.view(entry.rva, entry.dataSize, 'MemoryInfoList');
  const at = (f: Parameters<typeof MINIDUMP_MEMORY_INFO.offsetOf>[0]): number => MINIDUMP_MEMORY_INFO.offsetOf(f);
  const [base, allocBase, allocProtect, size, state, protect, type] =
    [at('BaseAddress'), at('AllocationBase'), at('AllocationProtect'), at('RegionSize'), at('State'), at('Protect'), at('Type')];
  return offsets.map((o) => {
    const e = o - entry.rva;
    return {
      BaseAddress: view.getBigUint64(e + base, true),
      AllocationBase: view.getBigUint64(e + allocBase, true),
      AllocationProtect: view.getUint32(e + allocProtect, true),
      __alignment1: 0,
      RegionSize: view.getBigUint64(e + size, true),
      State: view.getUint32(e + state, true),
      Protect: view.getUint32(e + protect, true),
      Type: view.getUint32(e + type, true),
      __alignment2: 0,
    };
  });
}

/** MEM_COMMIT / MEM_RESERVE / MEM_FREE */
export const MEMORY_STATE: Record<number, string> = { 0x1000: 'MEM_COMMIT', 0x2000: 'MEM_RESERVE', 0x10000: 'MEM_FREE' };
/** MEM_PRIVATE / MEM_MAPPED / MEM_IMAGE */
export const MEMORY_TYPE: Record<number, string> = { 0x20000: 'MEM_PRIVATE', 0x40000: 'MEM_MAPPED', 0x1000000: 'MEM_IMAGE' };

const PROTECT_BASE: Record<number, string> = {
  0x01: 'PAGE_NOACCESS', 0x02: 'PAGE_READONLY', 0x04: 'PAGE_READWRITE', 0x08: 'PAGE_WRITECOPY',
  0x10: 'PAGE_EXECUTE', 0x20: 'PAGE_EXECUTE_READ', 0x40: 'PAGE_EXECUTE_READWRITE', 0x80: 'PAGE_EXECUTE_WRITECOPY',
};

/** PAGE_* protection bits as WinDbg's `!address` names them ("PAGE_READWRITE | PAGE_GUARD"). */
export function protectName(p: number): string {
  if (p === 0) return '';
  const parts: string[] = [];
  const base = PROTECT_BASE[p & 0xff];
  parts.push(base ?? `0x${(p & 0xff).toString(16)}`);
  if (p & 0x100) parts.push('PAGE_GUARD');
  if (p & 0x200) parts.push('PAGE_NOCACHE');
  if (p & 0x400) parts.push('PAGE_WRITECOMBINE');
  return parts.join(' | ');
}
