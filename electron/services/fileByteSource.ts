import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from '../../shared/bytes/byteSource';

/** Block size and number of cached blocks: 64 KiB × 64 = 4 MiB at most. */
const BLOCK = 64 * 1024;
const MAX_BLOCKS = 64;

/**
 * A `ByteSource` over an open file descriptor with synchronous reads and a
 * small LRU block cache, so a multi-GB dump is never read whole: parsers
 * touch headers and a few streams, and repeated small reads hit the cache.
 */
export class FileByteSource implements ByteSource {
  readonly size: number;
  private fd: number | undefined;
  /** Block index → bytes; Map iteration order is our LRU order. */
  private readonly cache = new Map<number, Uint8Array>();

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
    try {
      const st = fstatSync(this.fd);
      if (st.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
      this.size = st.size;
    } catch (e) {
      closeSync(this.fd);
      throw e;
    }
  }

  read(offset: number, length: number): Uint8Array {
    const end = Math.min(offset + length, this.size);
    if (offset >= end) return new Uint8Array(0);
    const first = Math.floor(offset / BLOCK);
    const last = Math.floor((end - 1) / BLOCK);
    if (first === last) {
      const b = this.block(first);
      return b.subarray(offset - first * BLOCK, end - first * BLOCK);
    }
    // Spans blocks: read straight from the file, without polluting the cache.
    const out = new Uint8Array(end - offset);
    const n = readSync(this.openFd(), out, 0, out.length, offset);
    return out.subarray(0, n);
  }

  private block(i: number): Uint8Array {
    const hit = this.cache.get(i);
    if (hit) {
      this.cache.delete(i);
      this.cache.set(i, hit);
      return hit;
    }
    const start = i * BLOCK;
    const buf = new Uint8Array(Math.min(BLOCK, this.size - start));
    const n = readSync(this.openFd(), buf, 0, buf.length, start);
    const b = buf.subarray(0, n);
    this.cache.set(i, b);
    if (this.cache.size > MAX_BLOCKS) this.cache.delete(this.cache.keys().next().value!);
    return b;
  }

  private openFd(): number {
    if (this.fd === undefined) throw new Error(`${this.path}: read after close`);
    return this.fd;
  }

  /** Closes the file; later reads throw. Safe to call twice. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.cache.clear();
  }
}
