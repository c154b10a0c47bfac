// A growable little-endian byte buffer for the synthetic kernel-dump builder.
// Deliberately independent of shared/bytes and shared/formats/kernel/structs.ts.

export class ByteWriter {
  private buf = new Uint8Array(0x10000);
  length = 0;

  private ensure(end: number): void {
    if (end <= this.buf.length) return;
    let n = this.buf.length;
    while (n < end) n *= 2;
    const next = new Uint8Array(n);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** Reserves `size` bytes at the end, aligned; returns their offset. */
  alloc(size: number, align = 8): number {
    const at = Math.ceil(this.length / align) * align;
    this.ensure(at + size);
    this.length = at + size;
    return at;
  }

  fill(offset: number, size: number, pattern: Uint8Array): void {
    this.ensure(offset + size);
    for (let i = 0; i < size; i++) this.buf[offset + i] = pattern[i % pattern.length]!;
    this.length = Math.max(this.length, offset + size);
  }

  bytes(offset: number, b: Uint8Array): void {
    this.ensure(offset + b.length);
    this.buf.set(b, offset);
    this.length = Math.max(this.length, offset + b.length);
  }

  u8(offset: number, v: number): void {
    this.bytes(offset, new Uint8Array([v & 0xff]));
  }

  u16(offset: number, v: number): void {
    this.bytes(offset, new Uint8Array([v & 0xff, (v >>> 8) & 0xff]));
  }

  u32(offset: number, v: number): void {
    this.bytes(offset, le(BigInt(v >>> 0), 4));
  }

  u64(offset: number, v: bigint): void {
    this.bytes(offset, le(v, 8));
  }

  /** u32 or u64 by pointer width. */
  ptr(offset: number, v: bigint, is64: boolean): void {
    if (is64) this.u64(offset, v);
    else this.u32(offset, Number(BigInt.asUintN(32, v)));
  }

  utf16(offset: number, s: string): void {
    for (let i = 0; i < s.length; i++) this.u16(offset + i * 2, s.charCodeAt(i));
  }

  ascii(offset: number, s: string): void {
    for (let i = 0; i < s.length; i++) this.u8(offset + i, s.charCodeAt(i));
  }

  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export function le(v: bigint, n: number): Uint8Array {
  const out = new Uint8Array(n);
  v = BigInt.asUintN(n * 8, v);
  for (let i = 0; i < n; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

export const ascii4 = (s: string): number => s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | ((s.charCodeAt(3) << 24) >>> 0);
