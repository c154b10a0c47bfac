/**
 * A content fingerprint used to recognise a renamed or restored dump without
 * analysing it again. Dumps can be many GB (MEMORY.DMP), so large files are
 * sampled: SHA-256 over the size, the first and the last 64 KiB. Dump headers
 * (with their timestamps and checksums) sit at the start, so two different
 * dumps never share a sample in practice. Files up to 128 KiB (most minidumps)
 * are hashed whole.
 *
 * Synchronous on purpose, like the dump reader itself (openDumpFile): at most
 * 128 KiB is read, and three async round trips per file cost more than the read
 * (≈ 300 µs against 20 µs per small dump when indexing thousands).
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

const SAMPLE = 64 * 1024;

function readExactly(fd: number, buf: Buffer, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw Object.assign(new Error(`file shrank while reading (${position + done} bytes)`), { code: 'ESHRUNK' });
    done += n;
  }
}

export function contentHash(path: string, size: number): string {
  const fd = openSync(path, 'r');
  try {
    const h = createHash('sha256');
    h.update(`${size}:`);
    if (size <= 2 * SAMPLE) {
      const buf = Buffer.alloc(size);
      readExactly(fd, buf, size, 0);
      h.update(buf);
    } else {
      const buf = Buffer.alloc(SAMPLE);
      for (const at of [0, size - SAMPLE]) {
        readExactly(fd, buf, SAMPLE, at);
        h.update(buf);
      }
    }
    return h.digest('hex');
  } finally {
    closeSync(fd);
  }
}
