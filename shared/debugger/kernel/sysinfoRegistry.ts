import { MemoryByteSource } from '../../bytes/byteSource';
import { Reader, decodeUtf16 } from '../../bytes/reader';
import type { KernelDump } from '../../formats/kernel/kernelDump';
import { findBlobBlock, type BlockFind } from './smbiosBlob';

/**
 * The processor's registry values (HKLM\HARDWARE\DESCRIPTION\System\CentralProcessor\0) as
 * mssmbios.sys copies them into the bug-check secondary data, block tagged
 * {6C7AC389-4313-47DC-9F34-A8800A0FB56C} (mssmbios!SMBiosGuidBios). Layout read off the
 * corpus dump 083125-14875-01 (block at file offset 0x24e99, 0x21a bytes): one record after
 * another, each ULONG NameSize (bytes, NUL included), the UTF-16 name, ULONG Type (REG_*),
 * ULONG DataSize, the data; the records fill the block ("~MHz" REG_DWORD 3072 … "MSR8B"
 * REG_QWORD). These are the lines of WinDbg's `[CPU Information]`.
 */
export interface RegistryValue {
  name: string;
  type: number;
  data: Uint8Array;
}

/** mssmbios!SMBiosGuidBios as it lies in memory. */
const BIOS_VALUES_TAG = [0x89, 0xc3, 0x7a, 0x6c, 0x13, 0x43, 0xdc, 0x47, 0x9f, 0x34, 0xa8, 0x80, 0x0a, 0x0f, 0xb5, 0x6c];
/** Records we read at most; the block holds about ten. */
const MAX_VALUES = 256;

export const REG_SZ = 1;
export const REG_BINARY = 3;
export const REG_DWORD = 4;
export const REG_FULL_RESOURCE_DESCRIPTOR = 9;
export const REG_QWORD = 11;

export function parseRegistryValues(block: Uint8Array): RegistryValue[] {
  const r = new Reader(new MemoryByteSource(block), 'registry values');
  const out: RegistryValue[] = [];
  let at = 0;
  while (out.length < MAX_VALUES && r.has(at, 4)) {
    const nameSize = r.u32(at);
    if (nameSize === 0 || !r.has(at + 4, nameSize + 8)) break;
    const name = decodeUtf16(r.bytes(at + 4, nameSize)).replace(/\0+$/, '');
    const typeAt = at + 4 + nameSize;
    const type = r.u32(typeAt);
    const dataSize = r.u32(typeAt + 4);
    if (!r.has(typeAt + 8, dataSize)) break;
    out.push({ name, type, data: r.bytes(typeAt + 8, dataSize) });
    at = typeAt + 8 + dataSize;
  }
  return out;
}

export type RegistryFind = { ok: true; values: RegistryValue[]; fileOffset: number } | Extract<BlockFind, { ok: false }>;

export function findCpuRegistryValues(d: KernelDump): RegistryFind {
  const b = findBlobBlock(d, BIOS_VALUES_TAG);
  if (!b.ok) return b;
  return { ok: true, values: parseRegistryValues(b.data), fileOffset: b.fileOffset };
}

const hexBytes = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16)).join(',');

/** "REG_DWORD 3072", "REG_SZ GenuineIntel", "REG_BINARY 0,0,ca,0", "REG_QWORD ca00000000", as WinDbg prints them. */
export function formatRegistryValue(v: RegistryValue): string {
  const r = new Reader(new MemoryByteSource(v.data), v.name);
  switch (v.type) {
    case REG_SZ: return `REG_SZ ${decodeUtf16(v.data).replace(/\0+$/, '')}`;
    case REG_DWORD: return v.data.length === 4 ? `REG_DWORD ${r.u32(0)}` : `REG_DWORD ${hexBytes(v.data)}`;
    case REG_QWORD: return v.data.length === 8 ? `REG_QWORD ${r.u64(0).toString(16)}` : `REG_QWORD ${hexBytes(v.data)}`;
    case REG_BINARY: return `REG_BINARY ${hexBytes(v.data)}`;
    case REG_FULL_RESOURCE_DESCRIPTOR: return `REG_FULL_RESOURCE_DESCRIPTOR ${hexBytes(v.data)}`;
    default: return `REG_${v.type} ${hexBytes(v.data)}`;
  }
}
