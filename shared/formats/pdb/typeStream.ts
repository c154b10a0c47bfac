import { MemoryByteSource, type ByteSource } from '../../bytes/byteSource';
import { Reader } from '../../bytes/reader';
import { DumpFormatError } from '../../errors';
import { TPI_HEADER, TPI_VERSION_V80 } from './structs';
import { MAX_TYPE_DEPTH, TypeNamer, type TypeNameOptions } from './typeNames';
import {
  CV_PROP_FWDREF, FIRST_NONPRIMITIVE_TYPE, LF_CLASS, LF_CLASS2, LF_INTERFACE, LF_INTERFACE2, LF_STRUCTURE, LF_STRUCTURE2,
  LF_UNION, LF_UNION2, decodeTypeRecord, primitiveType, type FieldMember, type TypeRecord,
} from './typeRecords';
import type { PdbField, PdbTypeInfo } from './typeInfo';

const UDT_LEAVES = new Set([LF_CLASS, LF_STRUCTURE, LF_UNION, LF_INTERFACE, LF_CLASS2, LF_STRUCTURE2, LF_UNION2, LF_INTERFACE2]);
/** How deep `field()` looks through anonymous members and base classes for a name that is not a direct member. */
const MAX_ANONYMOUS_DEPTH = 8;

/** "<unnamed-tag>" (MSVC), "__unnamed" (old MSVC), "<anonymous-struct>" / "<unnamed-type-x>" (clang-cl), also nested ("_KTHREAD::<unnamed-tag>"). */
export function isUnnamedType(name: string): boolean {
  return /(^|::)(<unnamed-|<anonymous-|__unnamed)/.test(name);
}

/**
 * The TPI stream (stream 2): CodeView type records numbered from
 * TypeIndexBegin (0x1000). https://llvm.org/docs/PDB/TpiStream.html
 *
 * Opening reads and checks the header only. The first question reads the
 * records into memory and walks them once, keeping each type index's offset
 * (nothing is decoded); the first question by name then builds a name → index
 * map of the structures, classes, unions and interfaces, preferring full
 * definitions over forward references (MSVC emits a forward reference with the
 * same name before the definition). Records are decoded when asked for and cached.
 *
 * Errors: nothing from the file is trusted. A header that does not fit throws
 * `DumpFormatError` from the constructor. A record running past the stream
 * stops the index there: questions that need a type index at or beyond it (or
 * a name lookup that found nothing before it) throw that DumpFormatError;
 * earlier types still answer. A malformed record throws from the question that
 * decodes it. Type indexes outside [begin, end) are unknown (undefined), and
 * cycles (LF_INDEX chains, self-nesting types) are cut by visited sets and
 * depth caps (MAX_TYPE_DEPTH, MAX_ANONYMOUS_DEPTH).
 */
export class PdbTypeStream implements PdbTypeInfo {
  readonly version: number;
  /** First and one-past-last type index of the stream's records. */
  readonly begin: number;
  readonly end: number;
  private readonly recordsStart: number;
  private readonly recordsEnd: number;
  /** The record bytes, read on the first question. */
  private rr?: Reader;
  private offsets?: Uint32Array;
  /** How many records the index walk reached, and why it stopped short, if it did. */
  private indexed = 0;
  private indexError?: DumpFormatError;
  private readonly cache = new Map<number, TypeRecord>();
  private names?: { byName: Map<string, number>; forward: Map<string, number>; byUniqueName: Map<string, number> };
  private readonly plainNames = new TypeNamer(this);
  private readonly taggedNames = new TypeNamer(this, { tagKeywords: true });

  constructor(private readonly source: ByteSource) {
    const r = new Reader(source, 'PDB TPI stream');
    const h = TPI_HEADER.read(r, 0);
    if (h.Version !== TPI_VERSION_V80) {
      throw new DumpFormatError('BadVersion', `PDB TPI stream: version ${h.Version} (only ${TPI_VERSION_V80}, V80, is read)`, { offset: 0 });
    }
    if (h.HeaderSize < TPI_HEADER.size || h.HeaderSize > r.size) {
      throw new DumpFormatError('BadValue', `PDB TPI stream: HeaderSize ${h.HeaderSize} (at least ${TPI_HEADER.size}, at most the stream's ${r.size} bytes)`, { offset: TPI_HEADER.offsetOf('HeaderSize') });
    }
    if (h.TypeIndexBegin < FIRST_NONPRIMITIVE_TYPE || h.TypeIndexEnd < h.TypeIndexBegin) {
      throw new DumpFormatError('BadValue', `PDB TPI stream: type indexes [0x${h.TypeIndexBegin.toString(16)}, 0x${h.TypeIndexEnd.toString(16)}) are not a range above the primitive types`, { offset: TPI_HEADER.offsetOf('TypeIndexBegin') });
    }
    r.check(h.HeaderSize, h.TypeRecordBytes, 'TPI TypeRecordBytes');
    // Every record takes at least 4 bytes: a count the bytes cannot hold is a lie.
    if ((h.TypeIndexEnd - h.TypeIndexBegin) * 4 > h.TypeRecordBytes) {
      throw new DumpFormatError('BadCount', `PDB TPI stream: ${h.TypeIndexEnd - h.TypeIndexBegin} type records cannot fit in TypeRecordBytes ${h.TypeRecordBytes}`, { offset: TPI_HEADER.offsetOf('TypeRecordBytes') });
    }
    this.version = h.Version;
    this.begin = h.TypeIndexBegin;
    this.end = h.TypeIndexEnd;
    this.recordsStart = h.HeaderSize;
    this.recordsEnd = h.HeaderSize + h.TypeRecordBytes;
  }

  /** Number of type records the header announces. */
  get count(): number {
    return this.end - this.begin;
  }

  /** The stream's bytes up to the end of the records, read once. */
  private get r(): Reader {
    return (this.rr ??= new Reader(new MemoryByteSource(this.source.read(0, this.recordsEnd)), 'PDB TPI stream'));
  }

  /** The one pass over the records: offset of each type index, nothing decoded. */
  private index(): Uint32Array {
    if (this.offsets) return this.offsets;
    const offsets = new Uint32Array(this.count);
    let p = this.recordsStart;
    let i = 0;
    for (; i < offsets.length; i++) {
      const ti = this.begin + i;
      if (p + 4 > this.recordsEnd) {
        this.indexError = new DumpFormatError('Truncated', `PDB TPI stream: the type records end after ${i} of the ${offsets.length} the header announces (type 0x${ti.toString(16)} is missing)`, { offset: p, limit: this.recordsEnd });
        break;
      }
      const len = this.r.u16(p);
      if (len < 2) {
        this.indexError = new DumpFormatError('BadValue', `PDB TPI stream: type record 0x${ti.toString(16)} at 0x${p.toString(16)} has length ${len} (a record holds at least its 2-byte kind)`, { offset: p });
        break;
      }
      if (p + 2 + len > this.recordsEnd) {
        this.indexError = new DumpFormatError('Truncated', `PDB TPI stream: type record 0x${ti.toString(16)} at 0x${p.toString(16)} has length ${len}, which runs past the end of the type records (0x${this.recordsEnd.toString(16)})`, { offset: p, size: len + 2, limit: this.recordsEnd });
        break;
      }
      offsets[i] = p;
      p += 2 + len;
    }
    this.indexed = i;
    this.offsets = offsets;
    return offsets;
  }

  /** Whether `ti` is a record of this stream (primitives are not). */
  has(ti: number): boolean {
    return Number.isInteger(ti) && ti >= this.begin && ti < this.end;
  }

  /** The leaf kind of a record, or undefined outside [begin, end). */
  leaf(ti: number): number | undefined {
    const at = this.offsetOf(ti);
    return at === undefined ? undefined : this.r.u16(at + 2);
  }

  private offsetOf(ti: number): number | undefined {
    if (!this.has(ti)) return undefined;
    const offsets = this.index();
    const i = ti - this.begin;
    if (i >= this.indexed) throw this.indexError!;
    return offsets[i]!;
  }

  /** The decoded record of `ti`; undefined for primitives and indexes outside the stream. */
  record(ti: number): TypeRecord | undefined {
    let rec = this.cache.get(ti);
    if (!rec) {
      rec = this.decode(ti);
      if (rec) this.cache.set(ti, rec);
    }
    return rec;
  }

  private decode(ti: number): TypeRecord | undefined {
    const at = this.offsetOf(ti);
    if (at === undefined) return undefined;
    const len = this.r.u16(at);
    return decodeTypeRecord(this.r, this.r.u16(at + 2), at + 4, at + 2 + len, ti);
  }

  /** Structure/class/union by name: its full definition, else its forward reference. Built on first use. */
  udtIndex(name: string): number | undefined {
    const n = this.nameMaps();
    const ti = n.byName.get(name) ?? n.forward.get(name);
    if (ti === undefined && this.indexError) throw this.indexError;
    return ti;
  }

  private nameMaps(): NonNullable<PdbTypeStream['names']> {
    if (this.names) return this.names;
    const byName = new Map<string, number>();
    const forward = new Map<string, number>();
    const byUniqueName = new Map<string, number>();
    this.index();
    for (let i = 0; i < this.indexed; i++) {
      const ti = this.begin + i;
      const leaf = this.leaf(ti)!;
      if (!UDT_LEAVES.has(leaf)) continue;
      const rec = this.decode(ti);
      if (rec?.kind !== 'udt') continue;
      if (rec.property & CV_PROP_FWDREF) {
        if (!forward.has(rec.name)) forward.set(rec.name, ti);
        continue;
      }
      if (!byName.has(rec.name)) byName.set(rec.name, ti);
      if (rec.uniqueName !== undefined && !byUniqueName.has(rec.uniqueName)) byUniqueName.set(rec.uniqueName, ti);
    }
    return (this.names = { byName, forward, byUniqueName });
  }

  /**
   * `ti` with modifiers taken off and a forward reference replaced by its
   * definition (by unique name, else by name): the record that has the fields.
   */
  definition(ti: number): { ti: number; rec: TypeRecord } | undefined {
    let cur = ti;
    for (let depth = 0; depth <= MAX_TYPE_DEPTH; depth++) {
      const rec = this.record(cur);
      if (!rec) return undefined;
      if (rec.kind === 'modifier') { cur = rec.type; continue; }
      if ((rec.kind === 'udt' || rec.kind === 'enum') && rec.property & CV_PROP_FWDREF) {
        const n = this.nameMaps();
        const def = (rec.uniqueName !== undefined ? n.byUniqueName.get(rec.uniqueName) : undefined) ?? n.byName.get(rec.name);
        if (rec.kind === 'enum' || def === undefined) return { ti: cur, rec };
        return { ti: def, rec: this.record(def)! };
      }
      return { ti: cur, rec };
    }
    throw new DumpFormatError('Loop', `PDB types: type 0x${ti.toString(16)} is a chain of more than ${MAX_TYPE_DEPTH} modifiers (a cycle)`);
  }

  /** Size in bytes of a type: primitives, pointers (from their attributes), structures (from their definition), arrays. */
  sizeOf(ti: number, depth = 0): number | undefined {
    if (depth > MAX_TYPE_DEPTH) throw new DumpFormatError('Loop', `PDB types: type 0x${ti.toString(16)} nests more than ${MAX_TYPE_DEPTH} levels deep (a cycle)`);
    if (ti < FIRST_NONPRIMITIVE_TYPE) {
      const p = primitiveType(ti);
      return p ? (p.pointerSize || p.baseSize || undefined) : undefined;
    }
    const own = this.record(ti);
    if (own?.kind === 'modifier') return this.sizeOf(own.type, depth + 1);
    const rec = this.definition(ti)?.rec;
    switch (rec?.kind) {
      case 'pointer': return rec.size || undefined;
      case 'udt': return rec.property & CV_PROP_FWDREF ? undefined : rec.size;
      case 'array': return rec.size;
      case 'enum': return this.sizeOf(rec.underlyingType, depth + 1);
      case 'bitfield': return this.sizeOf(rec.type, depth + 1);
      default: return undefined;
    }
  }

  /** Members of a field list and its LF_INDEX continuations, each list visited once. */
  *members(fieldList: number): Generator<FieldMember> {
    const seen = new Set<number>();
    let next: number | undefined = fieldList;
    while (next !== undefined && !seen.has(next)) {
      seen.add(next);
      const rec = this.record(next);
      next = undefined;
      if (rec?.kind !== 'fieldlist') return;
      for (const m of rec.members) {
        if (m.kind === 'index') next = m.type;
        else yield m;
      }
    }
  }

  // --- PdbTypeInfo ---

  structSize(name: string): number | undefined {
    const ti = this.udtIndex(name);
    if (ti === undefined) return undefined;
    const rec = this.record(ti);
    return rec?.kind === 'udt' && !(rec.property & CV_PROP_FWDREF) ? rec.size : undefined;
  }

  field(structName: string, path: string): PdbField | undefined {
    const parts = path.split('.');
    if (parts.some((p) => p === '')) return undefined;
    let ti = this.udtIndex(structName);
    if (ti === undefined) return undefined;
    let offset = 0;
    for (const [i, part] of parts.entries()) {
      const m = this.findMember(ti, part, 0, new Set());
      if (!m) return undefined;
      offset += m.offset;
      if (i === parts.length - 1) return this.describe(m.type, offset);
      ti = m.type;
    }
    return undefined;
  }

  /** A data member named `name` of the structure `ti`: direct first, then inside unnamed members and base classes. */
  private findMember(ti: number, name: string, depth: number, seen: Set<number>): { offset: number; type: number } | undefined {
    const d = this.definition(ti);
    if (d?.rec.kind !== 'udt' || d.rec.property & CV_PROP_FWDREF || seen.has(d.ti)) return undefined;
    seen.add(d.ti);
    const nested: { offset: number; type: number }[] = [];
    for (const m of this.members(d.rec.fieldList)) {
      if (m.kind === 'member') {
        if (m.name === name) return { offset: m.offset, type: m.type };
        if (depth < MAX_ANONYMOUS_DEPTH) {
          const md = this.definition(m.type);
          if (md?.rec.kind === 'udt' && isUnnamedType(md.rec.name)) nested.push(m);
        }
      } else if (m.kind === 'baseClass' && depth < MAX_ANONYMOUS_DEPTH) {
        nested.push(m);
      }
    }
    for (const n of nested) {
      const found = this.findMember(n.type, name, depth + 1, seen);
      if (found) return { offset: n.offset + found.offset, type: found.type };
    }
    return undefined;
  }

  private describe(type: number, offset: number): PdbField {
    // A bit field may sit under a const/volatile modifier.
    let rec = this.record(type);
    for (let depth = 0; rec?.kind === 'modifier' && depth < MAX_TYPE_DEPTH; depth++) {
      const under = this.record(rec.type);
      if (under?.kind !== 'bitfield' && under?.kind !== 'modifier') break;
      rec = under;
    }
    const out: PdbField = { offset };
    const base = rec?.kind === 'bitfield' ? rec.type : type;
    const size = this.sizeOf(base);
    if (size !== undefined) out.size = size;
    if (rec?.kind === 'bitfield') {
      out.bitPosition = rec.position;
      out.bitLength = rec.length;
    }
    // As `dt` shows a member: without its own top-level const/volatile.
    const name = this.plainNames.unqualifiedName(base);
    if (name !== undefined) out.typeName = name;
    return out;
  }

  argumentList(typeIndex: number, opts?: TypeNameOptions): string | undefined {
    const rec = this.record(typeIndex);
    if (rec?.kind !== 'procedure' && rec?.kind !== 'mfunction') return undefined;
    return this.namer(opts).argumentList(rec.argList);
  }

  typeName(typeIndex: number, opts?: TypeNameOptions): string | undefined {
    return this.namer(opts).name(typeIndex);
  }

  /** The return type of an LF_PROCEDURE / LF_MFUNCTION. */
  returnType(typeIndex: number): number | undefined {
    const rec = this.record(typeIndex);
    return rec?.kind === 'procedure' || rec?.kind === 'mfunction' ? rec.returnType : undefined;
  }

  private namer(opts?: TypeNameOptions): TypeNamer {
    return opts?.tagKeywords ? this.taggedNames : this.plainNames;
  }
}
