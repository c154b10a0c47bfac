import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '../../../../shared/bytes/byteSource';
import { Reader } from '../../../../shared/bytes/reader';
import { defineStruct } from '../../../../shared/bytes/struct';
import { DumpFormatError } from '../../../../shared/errors';

const bytes = new Uint8Array([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x41, 0, 0x42, 0, 0, 0, 0, 0]);
const r = new Reader(new MemoryByteSource(bytes), 'test');

describe('Reader', () => {
  it('reads little-endian values', () => {
    expect(r.u32(0)).toBe(1);
    expect(r.i32(4)).toBe(-1);
    expect(r.u64(0)).toBe(0xffffffff00000001n);
    expect(r.utf16(8, 4)).toBe('AB');
  });
  it('throws OutOfBounds for reads past the end, negative or unsafe offsets', () => {
    for (const [o, n] of [[14, 4], [-1, 1], [2 ** 60, 1], [0, 17]] as const) {
      try {
        r.bytes(o, n);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(DumpFormatError);
        expect((e as DumpFormatError).code).toBe('OutOfBounds');
      }
    }
  });
  it('caps counts by the bytes remaining', () => {
    expect(r.count(2, 8, 0, 'x')).toBe(2);
    expect(() => r.count(3, 8, 0, 'x')).toThrow(/claims 3 entries/);
  });
});

describe('defineStruct', () => {
  const S = defineStruct('S', [['a', 'u32'], ['b', 'i32'], ['c', { bytes: 4 }], ['d', 'u16']] as const);
  it('derives offsets and size', () => {
    expect(S.offsetOf('c')).toBe(8);
    expect(S.size).toBe(14);
  });
  it('reads fields', () => {
    const v = S.read(r, 0);
    expect(v.a).toBe(1);
    expect(v.b).toBe(-1);
    expect(Array.from(v.c)).toEqual([0x41, 0, 0x42, 0]);
    expect(v.d).toBe(0);
  });
});
