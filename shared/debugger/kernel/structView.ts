import { MemoryByteSource } from '../../bytes/byteSource';
import { Reader } from '../../bytes/reader';

/**
 * A copy of one kernel structure read at a virtual address. Field getters
 * take offsets that may be unknown for the build (undefined) and answer
 * undefined then, or when the copy is too short: a missing field is shown as
 * missing, never as a wrong value.
 */
export class StructView {
  private readonly r: Reader;

  constructor(readonly address: bigint, readonly bytes: Uint8Array, readonly is64: boolean, what = 'kernel structure') {
    this.r = new Reader(new MemoryByteSource(bytes), what);
  }

  get size(): number {
    return this.bytes.length;
  }

  private ok(o: number | undefined, n: number): o is number {
    return o !== undefined && o >= 0 && this.r.has(o, n);
  }

  u8(o: number | undefined): number | undefined {
    return this.ok(o, 1) ? this.r.u8(o) : undefined;
  }

  /** A signed CHAR (priorities). */
  i8(o: number | undefined): number | undefined {
    const v = this.u8(o);
    return v === undefined ? undefined : (v << 24) >> 24;
  }

  u16(o: number | undefined): number | undefined {
    return this.ok(o, 2) ? this.r.u16(o) : undefined;
  }

  u32(o: number | undefined): number | undefined {
    return this.ok(o, 4) ? this.r.u32(o) : undefined;
  }

  u64(o: number | undefined): bigint | undefined {
    return this.ok(o, 8) ? this.r.u64(o) : undefined;
  }

  /** A pointer-sized value (ULONG_PTR, HANDLE, PVOID). */
  ptr(o: number | undefined): bigint | undefined {
    return this.is64 ? this.u64(o) : this.u32(o) === undefined ? undefined : BigInt(this.u32(o)!);
  }

  /** The virtual address of a field. */
  at(o: number): bigint {
    return this.address + BigInt(o);
  }
}
