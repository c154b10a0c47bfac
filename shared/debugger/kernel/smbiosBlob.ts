import { MemoryByteSource } from '../../bytes/byteSource';
import { Reader } from '../../bytes/reader';
import type { KernelDump } from '../../formats/kernel/kernelDump';

/**
 * The SMBIOS copy a dump carries as bug-check secondary data: mssmbios.sys's callback adds the
 * firmware table, tagged {BC5C008F-1E3A-44D7-988D-86F6884C6758} (mssmbios!SMBiosGuidSMBios), to the
 * region that starts with a DUMP_BLOB_FILE_HEADER ("DumpBlob", HeaderSize, BuildNumber) right after
 * the triage data of a small dump (TRIAGE_DUMP.SizeOfDump) or after the last stored page of a
 * full dump. Each block: DUMP_BLOB_HEADER {ULONG HeaderSize; GUID Tag; ULONG DataSize, PrePad,
 * PostPad}, then PrePad bytes, the data, PostPad bytes. The data is the RawSMBIOSData layout
 * GetSystemFirmwareTable('RSMB') returns: UCHAR Used20CallingMethod, SMBIOSMajorVersion,
 * SMBIOSMinorVersion, DmiRevision; DWORD Length; the structure table.
 * Checked on 083125-14875-01.dmp: 28 blocks from file offset 0x1b600 (= SizeOfDump), the SMBIOS
 * one at 0x24c5e with SMBIOS 2.5, Length 0x1f3.
 */
export interface SmbiosCopy {
  used20CallingMethod: number;
  major: number;
  minor: number;
  dmiRevision: number;
  /** The structure table (RawSMBIOSData.Length bytes, clipped to the block). */
  table: Uint8Array;
  /** File offset of the block's data, for messages. */
  fileOffset: number;
}

const FILE_HEADER = 0x10;
const BLOCK_HEADER = 0x20;
/** Blocks we walk at most: Windows writes a few dozen. */
const MAX_BLOCKS = 1024;
/** mssmbios!SMBiosGuidSMBios as it lies in memory (GUID: Data1-3 little-endian). */
const SMBIOS_TAG = [0x8f, 0x00, 0x5c, 0xbc, 0x3a, 0x1e, 0xd7, 0x44, 0x98, 0x8d, 0x86, 0xf6, 0x88, 0x4c, 0x67, 0x58];
const SIGNATURE = [0x44, 0x75, 0x6d, 0x70, 0x42, 0x6c, 0x6f, 0x62]; // "DumpBlob"

/** Where the DumpBlob region can start: after a small dump's triage data, or after a run dump's pages. */
function regionCandidates(d: KernelDump): number[] {
  if (d.triage) return [d.triage.header.sizeOfDump];
  if (d.layout.type === 'runs' && !d.layout.rdmp) return [d.header.headerSize + Number(d.layout.physical.storedPages) * 0x1000];
  return [];
}

function hasBytes(d: KernelDump, at: number, n: number): boolean {
  return Number.isSafeInteger(at) && at >= 0 && d.reader.has(at, n);
}

/** The file offset of the DumpBlob region, when the dump has one where Windows writes it. */
export function blobRegion(d: KernelDump): number | undefined {
  for (const at of regionCandidates(d)) {
    if (!hasBytes(d, at, FILE_HEADER)) continue;
    const sig = d.reader.bytes(at, 8);
    if (SIGNATURE.every((b, i) => sig[i] === b)) return at;
  }
  return undefined;
}

export type BlockFind =
  | { ok: true; data: Uint8Array; fileOffset: number }
  | { ok: false; why: 'no-region' | 'no-block' };

/** The data of the first block tagged `tag` (16 bytes as in memory). */
export function findBlobBlock(d: KernelDump, tag: readonly number[]): BlockFind {
  const region = blobRegion(d);
  if (region === undefined) return { ok: false, why: 'no-region' };
  let at = region + Math.max(d.reader.u32(region + 8), FILE_HEADER);
  for (let n = 0; n < MAX_BLOCKS && hasBytes(d, at, BLOCK_HEADER); n++) {
    const headerSize = d.reader.u32(at);
    if (headerSize < BLOCK_HEADER) break; // a zero header ends the region
    const blockTag = d.reader.bytes(at + 4, 16);
    const dataSize = d.reader.u32(at + 20);
    const data = at + headerSize + d.reader.u32(at + 24);
    const next = data + dataSize + d.reader.u32(at + 28);
    if (!hasBytes(d, data, dataSize)) break;
    if (tag.every((b, i) => blockTag[i] === b)) return { ok: true, data: d.reader.bytes(data, dataSize), fileOffset: data };
    if (next <= at) break;
    at = next;
  }
  return { ok: false, why: 'no-block' };
}

export type SmbiosFind =
  | { ok: true; copy: SmbiosCopy }
  | { ok: false; why: 'no-region' | 'no-block' | 'bad-block' };

export function findSmbiosCopy(d: KernelDump): SmbiosFind {
  const b = findBlobBlock(d, SMBIOS_TAG);
  if (!b.ok) return b;
  if (b.data.length < 8) return { ok: false, why: 'bad-block' };
  const r = new Reader(new MemoryByteSource(b.data), 'RawSMBIOSData');
  const length = Math.min(r.u32(4), b.data.length - 8);
  return {
    ok: true,
    copy: { used20CallingMethod: r.u8(0), major: r.u8(1), minor: r.u8(2), dmiRevision: r.u8(3), table: b.data.subarray(8, 8 + length), fileOffset: b.fileOffset },
  };
}
