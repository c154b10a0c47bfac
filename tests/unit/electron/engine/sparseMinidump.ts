/**
 * Writes a large sparse minidump for the engine tests: a 32-byte header,
 * a SystemInfo stream (AMD64, build 19041) and a Memory64List with one range
 * covering almost the whole file. Only the first page is written; the rest
 * is a hole (no disk space used), except marker bytes at known addresses so
 * reads through the engine can be checked. Offsets are written here by hand
 * (never from structs.ts), as tests/synth builders do.
 */
import { openSync, closeSync, ftruncateSync, writeSync } from 'node:fs';

export const MEMORY_BASE = 0x100_0000_0000n;
export const DATA_RVA = 4096;

export interface SparseDump {
  path: string;
  size: number;
  /** Virtual address → the 8 bytes written there. */
  markers: Map<bigint, Uint8Array>;
}

export function writeSparseMinidump(path: string, totalSize: number): SparseDump {
  const head = new Uint8Array(DATA_RVA);
  const v = new DataView(head.buffer);
  const streams = 2;
  const dirRva = 32;
  const sysRva = dirRva + streams * 12; // 56
  const csdRva = sysRva + 56; // 112: empty MINIDUMP_STRING
  const mem64Rva = csdRva + 4; // 116
  const dataSize = totalSize - DATA_RVA;

  // MINIDUMP_HEADER
  v.setUint32(0, 0x504d444d, true); // 'MDMP'
  v.setUint32(4, 0xa793, true);
  v.setUint32(8, streams, true);
  v.setUint32(12, dirRva, true);
  v.setUint32(20, 0x5f000000, true); // TimeDateStamp: 2020-07-04T04:05:20Z
  // MINIDUMP_DIRECTORY × 2
  v.setUint32(dirRva, 7, true); // SystemInfoStream
  v.setUint32(dirRva + 4, 56, true);
  v.setUint32(dirRva + 8, sysRva, true);
  v.setUint32(dirRva + 12, 9, true); // Memory64ListStream
  v.setUint32(dirRva + 16, 16 + 16, true);
  v.setUint32(dirRva + 20, mem64Rva, true);
  // MINIDUMP_SYSTEM_INFO
  v.setUint16(sysRva, 9, true); // PROCESSOR_ARCHITECTURE_AMD64
  v.setUint16(sysRva + 2, 6, true);
  v.setUint8(sysRva + 6, 8); // NumberOfProcessors
  v.setUint8(sysRva + 7, 1); // VER_NT_WORKSTATION
  v.setUint32(sysRva + 8, 10, true);
  v.setUint32(sysRva + 12, 0, true);
  v.setUint32(sysRva + 16, 19041, true);
  v.setUint32(sysRva + 20, 2, true); // VER_PLATFORM_WIN32_NT
  v.setUint32(sysRva + 24, csdRva, true);
  // MINIDUMP_MEMORY64_LIST: one range, data from DATA_RVA to the end of the file
  v.setBigUint64(mem64Rva, 1n, true);
  v.setBigUint64(mem64Rva + 8, BigInt(DATA_RVA), true);
  v.setBigUint64(mem64Rva + 16, MEMORY_BASE, true);
  v.setBigUint64(mem64Rva + 24, BigInt(dataSize), true);

  const markers = new Map<bigint, Uint8Array>();
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head, 0, head.length, 0);
    ftruncateSync(fd, totalSize);
    for (const fraction of [0, 0.25, 0.5, 0.75]) {
      const offset = Math.floor((dataSize * fraction) / 4096) * 4096;
      const bytes = Uint8Array.from([0xde, 0xad, 0xbe, 0xef, offset & 0xff, (offset >>> 8) & 0xff, (offset >>> 16) & 0xff, 0x42]);
      writeSync(fd, bytes, 0, bytes.length, DATA_RVA + offset);
      markers.set(MEMORY_BASE + BigInt(offset), bytes);
    }
  } finally {
    closeSync(fd);
  }
  return { path, size: totalSize, markers };
}
