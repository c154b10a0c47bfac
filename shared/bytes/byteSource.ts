/**
 * Random-access, synchronous byte reads: the only thing a format reader needs.
 * Implementations: `MemoryByteSource` here (tests, browser, small files) and a
 * file-descriptor source with a block cache in `electron/services/fileByteSource.ts`.
 */
export interface ByteSource {
  /** Total length in bytes. */
  readonly size: number;
  /**
   * Up to `length` bytes starting at `offset`; shorter only at end of data.
   * Callers go through `Reader`, which checks bounds first.
   */
  read(offset: number, length: number): Uint8Array;
}

export class MemoryByteSource implements ByteSource {
  readonly size: number;
  constructor(private readonly bytes: Uint8Array) {
    this.size = bytes.length;
  }
  read(offset: number, length: number): Uint8Array {
    return this.bytes.subarray(offset, Math.min(offset + length, this.size));
  }
}
