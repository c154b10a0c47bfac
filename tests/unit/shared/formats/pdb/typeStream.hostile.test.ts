// The TPI reader over type streams laid out by hand (offsets written here, not taken from
// structs.ts, so a wrong layout cannot confirm itself): cycles, a record running past the
// end, an out-of-range type index, a bit field, a name without its NUL; then random damage
// to a real TPI stream. Everything answers, is undefined, or throws DumpFormatError.
import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '../../../../../shared/bytes/byteSource';
import { DumpFormatError } from '../../../../../shared/errors';
import { PdbFile, PdbTypeStream } from '../../../../../shared/formats/pdb/index';
import { readCorpus } from '../../../../helpers/corpus';

/** Little-endian byte writer. */
class Bytes {
  readonly b: number[] = [];
  u8(v: number) { this.b.push(v & 0xff); return this; }
  u16(v: number) { return this.u8(v).u8(v >> 8); }
  u32(v: number) { return this.u16(v & 0xffff).u16(v >>> 16); }
  str(s: string, nul = true) { for (const c of s) this.u8(c.charCodeAt(0)); return nul ? this.u8(0) : this; }
  /** LF_PADn bytes up to a 4-byte boundary (the leaf counts from the record body's start). */
  pad() { while (this.b.length % 4) this.u8(0xf0 | (4 - (this.b.length % 4))); return this; }
  get length() { return this.b.length; }
}

const LF_POINTER = 0x1002;
const LF_FIELDLIST = 0x1203;
const LF_BITFIELD = 0x1205;
const LF_INDEX = 0x1404;
const LF_STRUCTURE = 0x1505;
const LF_MEMBER = 0x150d;
const T_INT4 = 0x74;
const T_ULONG = 0x22;

/** A record: u16 length (kind + body), u16 kind, body. */
function record(kind: number, body: Bytes): Bytes {
  const r = new Bytes().u16(body.length + 2).u16(kind);
  r.b.push(...body.b);
  return r;
}

const member = (b: Bytes, type: number, offset: number, name: string) => b.u16(LF_MEMBER).u16(3).u32(type).u16(offset).str(name).pad();
const index = (b: Bytes, next: number) => b.u16(LF_INDEX).u16(0).u32(next);
const structure = (fieldList: number, property: number, size: number, name: string, nul = true) =>
  record(LF_STRUCTURE, new Bytes().u16(0).u16(property).u32(fieldList).u32(0).u32(0).u16(size).str(name, nul));

/** TpiStreamHeader (56 bytes) + records; `recordBytes` overrides TypeRecordBytes. */
function tpi(records: Bytes[], opts: { version?: number; begin?: number; end?: number; recordBytes?: number; headerSize?: number } = {}): Uint8Array {
  const body = new Bytes();
  for (const r of records) body.b.push(...r.b);
  const begin = opts.begin ?? 0x1000;
  const h = new Bytes().u32(opts.version ?? 20040203).u32(opts.headerSize ?? 56).u32(begin).u32(opts.end ?? begin + records.length).u32(opts.recordBytes ?? body.length);
  h.u16(0xffff).u16(0xffff).u32(4).u32(0x3ffff);
  for (let i = 0; i < 6; i++) h.u32(0);
  expect(h.length).toBe(56);
  return new Uint8Array([...h.b, ...body.b]);
}

const reader = (bytes: Uint8Array) => new PdbTypeStream(new MemoryByteSource(bytes));

describe('a hand-made TPI stream', () => {
  // 0x1000 struct S (forward reference)
  // 0x1001 field list A: a:int @0, flags:bitfield(0x1004) @4, bad:<type 0x9999> @8, LF_INDEX → 0x1002
  // 0x1002 field list B: b:unsigned long @12, LF_INDEX → 0x1001 (a cycle)
  // 0x1003 struct S (definition, after its forward reference, as MSVC writes them), size 16
  // 0x1004 bit field: 3 bits at bit 5 of an unsigned long
  // 0x1005 pointer to itself (a cycle)
  // 0x1006 struct T: p:S (through the forward reference) @0x10, size 0x20
  // 0x1007 field list of T
  // 0x1008 struct U, size 8, whose name has no NUL before the record ends
  // 0x1009 a record whose length runs past the end of the stream
  const A = new Bytes();
  member(A, T_INT4, 0, 'a');
  member(A, 0x1004, 4, 'flags');
  member(A, 0x9999, 8, 'bad');
  index(A, 0x1002);
  const B = new Bytes();
  member(B, T_ULONG, 12, 'b');
  index(B, 0x1001);
  const T = new Bytes();
  member(T, 0x1000, 0x10, 'p');
  const broken = new Bytes().u16(0x200).u16(LF_STRUCTURE).u32(0);
  const stream = tpi([
    structure(0, 0x80, 0, 'S'),
    record(LF_FIELDLIST, A),
    record(LF_FIELDLIST, B),
    structure(0x1001, 0, 16, 'S'),
    record(LF_BITFIELD, new Bytes().u32(T_ULONG).u8(3).u8(5).u16(0xf2f1)),
    record(LF_POINTER, new Bytes().u32(0x1005).u32(0x1000c)),
    structure(0x1007, 0, 0x20, 'T'),
    record(LF_FIELDLIST, T),
    structure(0, 0, 8, 'U', false),
    broken,
  ]);

  it('prefers the definition over the forward reference of the same name', () => {
    const t = reader(stream);
    expect(t.structSize('S')).toBe(16);
    expect(t.udtIndex('S')).toBe(0x1003);
  });

  it('members: plain, bit field, out-of-range type (offset only), through the LF_INDEX continuation', () => {
    const t = reader(stream);
    expect(t.field('S', 'a')).toEqual({ offset: 0, size: 4, typeName: 'int' });
    expect(t.field('S', 'flags')).toEqual({ offset: 4, size: 4, bitPosition: 5, bitLength: 3, typeName: 'unsigned long' });
    expect(t.field('S', 'bad')).toEqual({ offset: 8 });
    expect(t.field('S', 'b')).toEqual({ offset: 12, size: 4, typeName: 'unsigned long' });
    expect(t.typeName(0x9999)).toBeUndefined();
  });

  it('the LF_INDEX cycle ends: a missing member is undefined', () => {
    const t = reader(stream);
    expect(t.field('S', 'nope')).toBeUndefined();
    expect([...t.members(0x1001)].map((m) => m.kind === 'member' && m.name)).toEqual(['a', 'flags', 'bad', 'b']);
  });

  it('a dotted path through a member whose type is a forward reference adds the offsets', () => {
    const t = reader(stream);
    expect(t.field('T', 'p')).toEqual({ offset: 0x10, size: 16, typeName: 'S' });
    expect(t.field('T', 'p.b')).toEqual({ offset: 0x1c, size: 4, typeName: 'unsigned long' });
    expect(t.field('T', 'p.bad.x')).toBeUndefined();
    expect(t.field('T', 'p.')).toBeUndefined();
  });

  it('a self-referencing pointer is a Loop error', () => {
    expect(() => reader(stream).typeName(0x1005)).toThrow(expect.objectContaining({ code: 'Loop' }));
  });

  it('a name without its NUL ends at its record', () => {
    expect(reader(stream).structSize('U')).toBe(8);
  });

  it('the record running past the end: earlier types answer, it and names not found throw Truncated', () => {
    const t = reader(stream);
    expect(() => t.typeName(0x1009)).toThrow(expect.objectContaining({
      name: 'DumpFormatError', code: 'Truncated', message: expect.stringMatching(/type record 0x1009 at 0x[0-9a-f]+ has length 512, which runs past the end/),
    }));
    expect(t.typeName(0x1003)).toBe('S');
    expect(() => t.structSize('Missing')).toThrow(expect.objectContaining({ code: 'Truncated' }));
  });

  it('a header that lies is a DumpFormatError from the constructor', () => {
    expect(() => reader(tpi([], { version: 19990903 }))).toThrow(expect.objectContaining({ code: 'BadVersion' }));
    expect(() => reader(tpi([], { headerSize: 4000 }))).toThrow(expect.objectContaining({ code: 'BadValue' }));
    expect(() => reader(tpi([], { begin: 0x10 }))).toThrow(expect.objectContaining({ code: 'BadValue' }));
    expect(() => reader(tpi([], { recordBytes: 1 << 30 }))).toThrow(expect.objectContaining({ code: 'OutOfBounds' }));
    expect(() => reader(tpi([structure(0, 0, 8, 'U')], { end: 0xffffffff }))).toThrow(expect.objectContaining({ code: 'BadCount' }));
    expect(() => reader(new Uint8Array(20))).toThrow(DumpFormatError);
  });

  it('a record of length 0 where the third should be: the records before it answer, it throws', () => {
    // Two records of 24 bytes, then 12 bytes of zeros where the third should be.
    const bytes = tpi([structure(0, 0, 8, 'U'), structure(0, 0, 8, 'V')], { end: 0x1003, recordBytes: 2 * 24 + 12 });
    const t = reader(new Uint8Array([...bytes, ...new Uint8Array(12)]));
    expect(t.structSize('V')).toBe(8);
    expect(() => t.record(0x1002)).toThrow(expect.objectContaining({ code: 'BadValue', message: expect.stringMatching(/type record 0x1002 at 0x68 has length 0 \(a record holds at least/) }));
  });

  it('a long LF_INDEX chain (3000 field lists, the last pointing back to the first) is walked once', () => {
    const records: Bytes[] = [];
    for (let i = 0; i < 3000; i++) {
      const f = new Bytes();
      member(f, T_INT4, i * 4, `m${i}`);
      index(f, 0x1000 + ((i + 1) % 3000));
      records.push(record(LF_FIELDLIST, f));
    }
    records.push(structure(0x1000, 0, 12000, 'Big'));
    const t = reader(tpi(records));
    expect(t.field('Big', 'm2999')).toEqual({ offset: 11996, size: 4, typeName: 'int' });
    expect(t.field('Big', 'absent')).toBeUndefined();
  });
});

describe('random damage to a real TPI stream (crash.pdb)', () => {
  it('every question answers, is undefined, or throws DumpFormatError', () => {
    const pdb = new PdbFile(new MemoryByteSource(readCorpus('pe-pdb', 'crash.pdb')));
    const src = pdb.msf.stream(2);
    const full = src.read(0, src.size);
    let seed = 11;
    let threw = 0;
    for (let k = 0; k < 60; k++) {
      const b = full.slice();
      for (let j = 0; j < 40; j++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        b[56 + (seed % (b.length - 56))] = seed >>> 24;
      }
      const ask = (f: () => unknown) => {
        try { f(); } catch (e) { expect(e).toBeInstanceOf(DumpFormatError); threw++; }
      };
      const t = reader(b);
      ask(() => t.field('_CONTEXT', 'Eip'));
      ask(() => t.field('_EXCEPTION_RECORD', 'ExceptionInformation'));
      ask(() => t.field('_TP_CALLBACK_ENVIRON_V3', 'u.s.Private'));
      for (let ti = t.begin; ti < t.end; ti += 7) ask(() => [t.typeName(ti), t.argumentList(ti), t.sizeOf(ti)]);
    }
    expect(threw).toBeGreaterThan(0);
  });
});
