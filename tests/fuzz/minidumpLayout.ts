// Where the interesting fields of a minidump are, read with our own offsets (MINIDUMP_HEADER:
// NumberOfStreams at 8, StreamDirectoryRva at 12; MINIDUMP_DIRECTORY: type, size, rva — 12 bytes)
// so the fuzzer and the truncation test never trust the reader they are testing.
export interface StreamEntry {
  /** File offset of this MINIDUMP_DIRECTORY entry. */
  entryOffset: number;
  type: number;
  size: number;
  rva: number;
}

export function streamDirectory(bytes: Uint8Array): StreamEntry[] {
  if (bytes.length < 32) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(8, true);
  const dir = view.getUint32(12, true);
  const out: StreamEntry[] = [];
  for (let i = 0; i < count && dir + (i + 1) * 12 <= bytes.length; i++) {
    const o = dir + i * 12;
    out.push({ entryOffset: o, type: view.getUint32(o, true), size: view.getUint32(o + 4, true), rva: view.getUint32(o + 8, true) });
  }
  return out;
}
