// A ByteSource that fails loudly when asked for bytes the file does not have:
// the fuzz and truncation tests' proof that no hostile size or count makes
// the reader read (and so allocate) more than the file.
import type { ByteSource } from '../../shared/bytes/byteSource';

export class ReadBeyondFileError extends Error {}

export class CheckedByteSource implements ByteSource {
  readonly size: number;
  /** Longest single read seen, for the report. */
  longestRead = 0;
  constructor(private readonly bytes: Uint8Array) {
    this.size = bytes.length;
  }
  read(offset: number, length: number): Uint8Array {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || length > this.size) {
      throw new ReadBeyondFileError(`read of ${length} bytes at ${offset} from a ${this.size}-byte file`);
    }
    this.longestRead = Math.max(this.longestRead, length);
    return this.bytes.subarray(offset, Math.min(offset + length, this.size));
  }
}
