import { DumpFormatError } from '../errors';
import type { ByteSource } from './byteSource';

/**
 * Bounds-checked little-endian reads over a `ByteSource`. The only place in
 * `shared/` that touches `DataView`: every offset and size read from a file
 * passes through `check()` before it is used.
 */
export class Reader {
  constructor(
    readonly source: ByteSource,
    /** Name of the thing being read, for error messages ("minidump", "PDB"). */
    readonly what = 'file',
  ) {}

  get size(): number {
    return this.source.size;
  }

  /** Throws OutOfBounds unless [offset, offset+size) lies inside the data. */
  check(offset: number, size: number, context = ''): void {
    if (
      !Number.isSafeInteger(offset) || !Number.isSafeInteger(size) ||
      offset < 0 || size < 0 || offset + size > this.source.size
    ) {
      const where = context ? ` (${context})` : '';
      throw new DumpFormatError(
        'OutOfBounds',
        `${this.what}: ${size} bytes at offset 0x${offset.toString(16)} run past the end of the data (size 0x${this.source.size.toString(16)})${where}`,
        { offset, size, limit: this.source.size },
      );
    }
  }

  /** Whether [offset, offset+size) lies inside the data. */
  has(offset: number, size: number): boolean {
    return Number.isSafeInteger(offset) && Number.isSafeInteger(size) && offset >= 0 && size >= 0 &&
      offset + size <= this.source.size;
  }

  bytes(offset: number, size: number, context = ''): Uint8Array {
    this.check(offset, size, context);
    return this.source.read(offset, size);
  }

  view(offset: number, size: number, context = ''): DataView {
    const b = this.bytes(offset, size, context);
    return new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  u8(offset: number): number {
    return this.bytes(offset, 1)[0]!;
  }
  u16(offset: number): number {
    return this.view(offset, 2).getUint16(0, true);
  }
  u32(offset: number): number {
    return this.view(offset, 4).getUint32(0, true);
  }
  i32(offset: number): number {
    return this.view(offset, 4).getInt32(0, true);
  }
  u64(offset: number): bigint {
    return this.view(offset, 8).getBigUint64(0, true);
  }

  /**
   * A count read from the file, checked against the bytes that would hold the
   * elements: a hostile count can never make us allocate more than the file.
   */
  count(n: number, elementSize: number, offset: number, context: string): number {
    if (!Number.isSafeInteger(n) || n < 0 || (elementSize > 0 && n * elementSize > this.source.size - offset)) {
      throw new DumpFormatError(
        'BadCount',
        `${this.what}: ${context} claims ${n} entries of ${elementSize} bytes at 0x${offset.toString(16)}, more than the file holds`,
        { offset, size: n * elementSize, limit: this.source.size },
      );
    }
    return n;
  }

  /** UTF-16LE string of `byteLength` bytes (a trailing NUL, if any, is dropped). */
  utf16(offset: number, byteLength: number): string {
    return decodeUtf16(this.bytes(offset, byteLength & ~1));
  }

  /** NUL-terminated 8-bit string, at most `max` bytes. */
  cstring(offset: number, max: number): string {
    const n = Math.max(0, Math.min(max, this.source.size - offset));
    const b = this.bytes(offset, n);
    const end = b.indexOf(0);
    return decodeLatin1(end < 0 ? b : b.subarray(0, end));
  }
}

export function decodeUtf16(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < b.length; i += 2) {
    const c = b[i]! | (b[i + 1]! << 8);
    if (c === 0 && i + 2 >= b.length) break;
    s += String.fromCharCode(c);
  }
  return s;
}

export function decodeLatin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}
