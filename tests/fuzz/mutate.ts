// Mutations that aim at what a hostile minidump would change: sizes, counts
// and RVAs in the stream directory and inside streams, random bytes, and the
// file's length. Deterministic from a seed so every finding reproduces.
import { streamDirectory } from './minidumpLayout';

/** mulberry32: small, fast, seedable. */
export function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Mutated {
  bytes: Uint8Array;
  /** What was changed, for reproducing a finding by hand. */
  steps: string[];
}

export function mutate(original: Uint8Array, seed: number): Mutated {
  const rnd = prng(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  let bytes = original.slice();
  const steps: string[] = [];
  const view = (): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const interesting = (): number => {
    const size = bytes.length;
    const pool = [0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x1000, 0xffff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
      size, size - 1, size + 1, int(size), int(0x100000000)];
    return pool[int(pool.length)]! >>> 0;
  };
  const put32 = (offset: number, value: number, what: string): void => {
    if (offset < 0 || offset + 4 > bytes.length) return;
    view().setUint32(offset, value, true);
    steps.push(`${what}: u32 @0x${offset.toString(16)} = 0x${value.toString(16)}`);
  };

  const n = 1 + int(4);
  for (let i = 0; i < n; i++) {
    const dir = streamDirectory(bytes);
    const entry = dir.length ? dir[int(dir.length)]! : undefined;
    switch (int(7)) {
      case 0: // a stream's size in the directory
        if (entry) put32(entry.entryOffset + 4, interesting(), 'directory DataSize');
        break;
      case 1: // a stream's RVA in the directory
        if (entry) put32(entry.entryOffset + 8, interesting(), 'directory Rva');
        break;
      case 2: // the count that starts most list streams
        if (entry) put32(entry.rva, interesting(), `count of stream type 0x${entry.type.toString(16)}`);
        break;
      case 3: // any aligned word inside a stream: nested sizes, counts and RVAs (names, CodeView, contexts, memory)
        if (entry && entry.size >= 4) put32(entry.rva + 4 * int(Math.floor(entry.size / 4)), interesting(), `word in stream 0x${entry.type.toString(16)}`);
        break;
      case 4: { // random bytes anywhere
        const at = int(bytes.length);
        const len = 1 + int(16);
        for (let k = 0; k < len && at + k < bytes.length; k++) bytes[at + k] = int(256);
        steps.push(`random ${len} bytes @0x${at.toString(16)}`);
        break;
      }
      case 5: // the header's stream count and directory RVA
        put32(int(2) ? 8 : 12, interesting(), 'header');
        break;
      default: { // truncate
        const cut = int(bytes.length);
        bytes = bytes.slice(0, cut);
        steps.push(`truncate to ${cut}`);
      }
    }
  }
  return { bytes, steps };
}
