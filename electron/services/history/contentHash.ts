/**
 * A content fingerprint used to recognise a renamed or restored dump without
 * analysing it again. Dumps can be many GB (MEMORY.DMP), so large files are
 * sampled: SHA-256 over the size, the first and the last 64 KiB. Dump headers
 * (with their timestamps and checksums) sit at the start, so two different
 * dumps never share a sample in practice. Files up to 128 KiB (most minidumps) are hashed whole.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

const SAMPLE = 64 * 1024;

export async function contentHash(path: string, size: number): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const h = createHash('sha256');
    h.update(`${size}:`);
    if (size <= 2 * SAMPLE) {
      const buf = Buffer.alloc(size);
      const { bytesRead } = await fh.read(buf, 0, size, 0);
      if (bytesRead !== size) throw Object.assign(new Error(`file shrank while reading (${bytesRead} of ${size} bytes)`), { code: 'ESHRUNK' });
      h.update(buf);
    } else {
      const buf = Buffer.alloc(SAMPLE);
      for (const at of [0, size - SAMPLE]) {
        const { bytesRead } = await fh.read(buf, 0, SAMPLE, at);
        if (bytesRead !== SAMPLE) throw Object.assign(new Error('file shrank while reading'), { code: 'ESHRUNK' });
        h.update(buf);
      }
    }
    return h.digest('hex');
  } finally {
    await fh.close();
  }
}
