import type { Reader } from '../../bytes/reader';
import { DumpFormatError } from '../../errors';

/**
 * CodeView type records (TPI stream 2): leaf kinds, primitive type indexes and
 * a decoder from a record's bytes to a plain object. Names and layouts follow
 * Microsoft's microsoft-pdb include/cvinfo.h (LEAF_ENUM_e, lfPointer, lfClass…)
 * and LLVM's https://llvm.org/docs/PDB/TpiStream.html and CodeView type docs.
 * Every read is bounded by the record's own end: a record never reads its neighbour.
 */

/** Leaf kinds (cvinfo.h LEAF_ENUM_e) this reader decodes. */
export const LF_MODIFIER = 0x1001;
export const LF_POINTER = 0x1002;
export const LF_PROCEDURE = 0x1008;
export const LF_MFUNCTION = 0x1009;
export const LF_VTSHAPE = 0x000a;
export const LF_ARGLIST = 0x1201;
export const LF_FIELDLIST = 0x1203;
export const LF_BITFIELD = 0x1205;
export const LF_METHODLIST = 0x1206;
export const LF_BCLASS = 0x1400;
export const LF_VBCLASS = 0x1401;
export const LF_IVBCLASS = 0x1402;
export const LF_INDEX = 0x1404;
export const LF_VFUNCTAB = 0x1409;
export const LF_FRIENDCLS = 0x140a;
export const LF_VFUNCOFF = 0x140c;
export const LF_ENUMERATE = 0x1502;
export const LF_ARRAY = 0x1503;
export const LF_CLASS = 0x1504;
export const LF_STRUCTURE = 0x1505;
export const LF_UNION = 0x1506;
export const LF_ENUM = 0x1507;
export const LF_FRIENDFCN = 0x150c;
export const LF_MEMBER = 0x150d;
export const LF_STMEMBER = 0x150e;
export const LF_METHOD = 0x150f;
export const LF_NESTTYPE = 0x1510;
export const LF_ONEMETHOD = 0x1511;
export const LF_NESTTYPEEX = 0x1512;
export const LF_INTERFACE = 0x1519;
export const LF_BINTERFACE = 0x151a;
/** VS 2019 16.x+ forms with a 32-bit property field (microsoft-pdb issue #50). */
export const LF_CLASS2 = 0x1608;
export const LF_STRUCTURE2 = 0x1609;
export const LF_UNION2 = 0x160a;
export const LF_INTERFACE2 = 0x160b;

/** Numeric leaves: a u16 below 0x8000 is the value itself; these kinds prefix a wider value. */
export const LF_CHAR = 0x8000;
export const LF_SHORT = 0x8001;
export const LF_USHORT = 0x8002;
export const LF_LONG = 0x8003;
export const LF_ULONG = 0x8004;
export const LF_QUADWORD = 0x8009;
export const LF_UQUADWORD = 0x800a;
/** Non-integer numeric leaves, skipped by their width (LF_REAL32…LF_COMPLEX128, LF_OCTWORD, LF_DATE, LF_REAL16). */
const NUMERIC_WIDTHS: Record<number, number> = {
  0x8005: 4, 0x8006: 8, 0x8007: 10, 0x8008: 16, 0x800b: 6, 0x800c: 8, 0x800d: 16, 0x800e: 20, 0x800f: 32,
  0x8017: 16, 0x8018: 16, 0x8019: 16, 0x801a: 8, 0x801c: 2,
};

/** CV_prop_t bits of LF_CLASS/STRUCTURE/UNION/ENUM. */
export const CV_PROP_FWDREF = 0x0080;
export const CV_PROP_HASUNIQUENAME = 0x0200;

/** CV_ptrmode_e: what an LF_POINTER points with. */
export const CV_PTR_MODE_PTR = 0;
export const CV_PTR_MODE_LVREF = 1;
export const CV_PTR_MODE_PMEM = 2;
export const CV_PTR_MODE_PMFUNC = 3;
export const CV_PTR_MODE_RVREF = 4;

/** Type indexes below this are primitive (cvinfo.h CV_primitive_type: T_* values with mode bits). */
export const FIRST_NONPRIMITIVE_TYPE = 0x1000;
export const T_NOTYPE = 0x0000;
export const T_VOID = 0x0003;

/**
 * Primitive base types (low byte of a primitive type index), named as DIA and
 * the MSVC undecorator print them in signatures ("unsigned long", "__int64").
 */
const PRIMITIVES: Record<number, readonly [name: string, size: number]> = {
  0x03: ['void', 0], 0x08: ['HRESULT', 4],
  0x10: ['signed char', 1], 0x11: ['short', 2], 0x12: ['long', 4], 0x13: ['__int64', 8], 0x14: ['__int128', 16],
  0x20: ['unsigned char', 1], 0x21: ['unsigned short', 2], 0x22: ['unsigned long', 4], 0x23: ['unsigned __int64', 8], 0x24: ['unsigned __int128', 16],
  0x30: ['bool', 1], 0x31: ['bool', 2], 0x32: ['bool', 4], 0x33: ['bool', 8],
  0x40: ['float', 4], 0x41: ['double', 8], 0x42: ['long double', 10], 0x43: ['__float128', 16], 0x44: ['__float48', 6], 0x46: ['__half', 2],
  0x68: ['__int8', 1], 0x69: ['unsigned __int8', 1],
  0x70: ['char', 1], 0x71: ['wchar_t', 2], 0x72: ['short', 2], 0x73: ['unsigned short', 2], 0x74: ['int', 4], 0x75: ['unsigned int', 4],
  0x76: ['__int64', 8], 0x77: ['unsigned __int64', 8], 0x78: ['__int128', 16], 0x79: ['unsigned __int128', 16],
  0x7a: ['char16_t', 2], 0x7b: ['char32_t', 4], 0x7c: ['char8_t', 1],
};

/** Pointer size of a primitive's mode bits 8–10 (CV_prmode_e): near, far, huge, near32, far32, near64, near128. */
const PRIMITIVE_POINTER_SIZES = [0, 2, 4, 4, 4, 6, 8, 16] as const;

export interface PrimitiveType {
  /** Base type name ("unsigned long"); a pointer mode adds " *". */
  base: string;
  /** Size of the base type (0 for void). */
  baseSize: number;
  /** Pointer size from the mode bits, or 0 for a direct value. */
  pointerSize: number;
}

/** A primitive type index (< 0x1000) split into base type and pointer mode; undefined if it names no known type. */
export function primitiveType(ti: number): PrimitiveType | undefined {
  if (!Number.isInteger(ti) || ti <= 0 || ti > 0x7ff) return undefined;
  const p = PRIMITIVES[ti & 0xff];
  if (!p) return undefined;
  return { base: p[0], baseSize: p[1], pointerSize: PRIMITIVE_POINTER_SIZES[(ti >> 8) & 0x7]! };
}

export type UdtTag = 'struct' | 'class' | 'union' | 'interface';

/** The records `PdbTypeStream` reads; anything else decodes as `unknown` with its leaf. */
export type TypeRecord =
  | { kind: 'modifier'; type: number; isConst: boolean; isVolatile: boolean; isUnaligned: boolean }
  | {
    kind: 'pointer'; type: number; mode: number; size: number;
    isConst: boolean; isVolatile: boolean; isRestrict: boolean; isUnaligned: boolean;
    /** Pointers to members: the class. */
    containingClass?: number;
  }
  | { kind: 'procedure'; returnType: number; callingConvention: number; parameterCount: number; argList: number }
  | { kind: 'mfunction'; returnType: number; classType: number; thisType: number; callingConvention: number; parameterCount: number; argList: number }
  | { kind: 'arglist'; args: number[] }
  | { kind: 'fieldlist'; members: FieldMember[] }
  | { kind: 'bitfield'; type: number; length: number; position: number }
  | { kind: 'array'; elementType: number; indexType: number; size: number; name: string }
  | { kind: 'udt'; tag: UdtTag; property: number; fieldList: number; size: number; name: string; uniqueName?: string }
  | { kind: 'enum'; property: number; underlyingType: number; fieldList: number; name: string; uniqueName?: string }
  | { kind: 'unknown'; leaf: number };

/** One entry of an LF_FIELDLIST. */
export type FieldMember =
  | { kind: 'member'; type: number; offset: number; name: string }
  | { kind: 'staticMember'; type: number; name: string }
  | { kind: 'baseClass'; type: number; offset: number }
  | { kind: 'virtualBaseClass'; type: number }
  | { kind: 'nestedType'; type: number; name: string }
  | { kind: 'method'; name: string }
  | { kind: 'vfunctab'; type: number }
  | { kind: 'enumerate'; value: bigint; name: string }
  | { kind: 'index'; type: number }
  | { kind: 'friend' };

/** A bounded cursor over one record's bytes. */
class LeafCursor {
  constructor(private readonly r: Reader, private p: number, readonly end: number, private readonly where: string) {}

  private need(n: number): number {
    const at = this.p;
    if (at + n > this.end) {
      throw new DumpFormatError('Truncated', `PDB ${this.where}: ${n} bytes at 0x${at.toString(16)} run past the end of the record (0x${this.end.toString(16)})`, { offset: at, size: n, limit: this.end });
    }
    this.p += n;
    return at;
  }

  /** Where the next read starts. */
  get offset(): number {
    return this.p;
  }
  get left(): number {
    return this.end - this.p;
  }
  u8(): number {
    return this.r.u8(this.need(1));
  }
  peek(): number {
    return this.r.u8(this.p);
  }
  u16(): number {
    return this.r.u16(this.need(2));
  }
  u32(): number {
    return this.r.u32(this.need(4));
  }
  skip(n: number): void {
    this.need(n);
  }

  /** A numeric leaf (cvinfo.h "numeric leaves"), as bigint; non-integer kinds are skipped and read as 0. */
  numeric(): bigint {
    const leaf = this.u16();
    if (leaf < LF_CHAR) return BigInt(leaf);
    switch (leaf) {
      case LF_CHAR: return BigInt.asIntN(8, BigInt(this.u8()));
      case LF_SHORT: return BigInt.asIntN(16, BigInt(this.u16()));
      case LF_USHORT: return BigInt(this.u16());
      case LF_LONG: return BigInt.asIntN(32, BigInt(this.u32()));
      case LF_ULONG: return BigInt(this.u32());
      case LF_QUADWORD: return BigInt.asIntN(64, this.r.u64(this.need(8)));
      case LF_UQUADWORD: return this.r.u64(this.need(8));
      default: {
        const w = NUMERIC_WIDTHS[leaf];
        if (w === undefined) {
          throw new DumpFormatError('BadValue', `PDB ${this.where}: unknown numeric leaf 0x${leaf.toString(16)} at 0x${(this.p - 2).toString(16)}`, { offset: this.p - 2 });
        }
        this.skip(w);
        return 0n;
      }
    }
  }

  /** A numeric leaf that is a size or offset: a non-negative safe integer. */
  length(what: string): number {
    const v = this.numeric();
    if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new DumpFormatError('BadValue', `PDB ${this.where}: ${what} ${v} is not a valid size or offset`, { offset: this.p });
    }
    return Number(v);
  }

  /** A NUL-terminated name; one without its NUL ends at the record's end. */
  name(): string {
    const s = this.r.cstring(this.p, this.left);
    this.p = Math.min(this.end, this.p + s.length + 1);
    return s;
  }
}

/**
 * Decodes the record whose body (after RecordLen and Kind) is [offset, end).
 * `ti` is only for messages. Throws DumpFormatError when a field runs past the record.
 */
export function decodeTypeRecord(r: Reader, leaf: number, offset: number, end: number, ti: number): TypeRecord {
  const c = new LeafCursor(r, offset, end, `type record 0x${ti.toString(16)}`);
  switch (leaf) {
    case LF_MODIFIER: {
      const type = c.u32();
      const attr = c.u16();
      return { kind: 'modifier', type, isConst: (attr & 1) !== 0, isVolatile: (attr & 2) !== 0, isUnaligned: (attr & 4) !== 0 };
    }
    case LF_POINTER: {
      // lfPointer attr: ptrtype:5 ptrmode:3 isflat32:1 isvolatile:1 isconst:1 isunaligned:1 isrestrict:1 size:6 …
      const type = c.u32();
      const attr = c.u32();
      const mode = (attr >>> 5) & 0x7;
      const rec: TypeRecord = {
        kind: 'pointer', type, mode, size: (attr >>> 13) & 0x3f,
        isVolatile: (attr & (1 << 9)) !== 0, isConst: (attr & (1 << 10)) !== 0,
        isUnaligned: (attr & (1 << 11)) !== 0, isRestrict: (attr & (1 << 12)) !== 0,
      };
      if (mode === CV_PTR_MODE_PMEM || mode === CV_PTR_MODE_PMFUNC) rec.containingClass = c.u32();
      return rec;
    }
    case LF_PROCEDURE: {
      const returnType = c.u32();
      const callingConvention = c.u8();
      c.skip(1); // funcattr
      const parameterCount = c.u16();
      return { kind: 'procedure', returnType, callingConvention, parameterCount, argList: c.u32() };
    }
    case LF_MFUNCTION: {
      const returnType = c.u32();
      const classType = c.u32();
      const thisType = c.u32();
      const callingConvention = c.u8();
      c.skip(1);
      const parameterCount = c.u16();
      return { kind: 'mfunction', returnType, classType, thisType, callingConvention, parameterCount, argList: c.u32() };
    }
    case LF_ARGLIST: {
      const n = c.u32();
      if (n * 4 > c.left) {
        throw new DumpFormatError('BadCount', `PDB type record 0x${ti.toString(16)}: LF_ARGLIST claims ${n} arguments in ${c.left} bytes`, { offset });
      }
      const args: number[] = [];
      for (let i = 0; i < n; i++) args.push(c.u32());
      return { kind: 'arglist', args };
    }
    case LF_FIELDLIST:
      return { kind: 'fieldlist', members: decodeFieldList(c) };
    case LF_BITFIELD: {
      const type = c.u32();
      const length = c.u8();
      return { kind: 'bitfield', type, length, position: c.u8() };
    }
    case LF_ARRAY: {
      const elementType = c.u32();
      const indexType = c.u32();
      const size = c.length('array size');
      return { kind: 'array', elementType, indexType, size, name: c.name() };
    }
    case LF_CLASS: case LF_STRUCTURE: case LF_INTERFACE: {
      c.skip(2); // count
      const property = c.u16();
      const fieldList = c.u32();
      c.skip(8); // derived, vshape
      const size = c.length('structure size');
      return udt(c, leaf === LF_CLASS ? 'class' : leaf === LF_STRUCTURE ? 'struct' : 'interface', property, fieldList, size);
    }
    case LF_CLASS2: case LF_STRUCTURE2: case LF_INTERFACE2: {
      const property = c.u32() & 0xffff;
      const fieldList = c.u32();
      c.skip(8); // derived, vshape
      c.skip(2); // count
      const size = c.length('structure size');
      return udt(c, leaf === LF_CLASS2 ? 'class' : leaf === LF_STRUCTURE2 ? 'struct' : 'interface', property, fieldList, size);
    }
    case LF_UNION: {
      c.skip(2);
      const property = c.u16();
      const fieldList = c.u32();
      return udt(c, 'union', property, fieldList, c.length('union size'));
    }
    case LF_UNION2: {
      const property = c.u32() & 0xffff;
      const fieldList = c.u32();
      c.skip(2);
      return udt(c, 'union', property, fieldList, c.length('union size'));
    }
    case LF_ENUM: {
      c.skip(2);
      const property = c.u16();
      const underlyingType = c.u32();
      const fieldList = c.u32();
      const name = c.name();
      const rec: TypeRecord = { kind: 'enum', property, underlyingType, fieldList, name };
      if (property & CV_PROP_HASUNIQUENAME && c.left > 0) rec.uniqueName = c.name();
      return rec;
    }
    default:
      return { kind: 'unknown', leaf };
  }
}

function udt(c: LeafCursor, tag: UdtTag, property: number, fieldList: number, size: number): TypeRecord {
  const rec: TypeRecord = { kind: 'udt', tag, property, fieldList, size, name: c.name() };
  if (property & CV_PROP_HASUNIQUENAME && c.left > 0) rec.uniqueName = c.name();
  return rec;
}

/** Members of one LF_FIELDLIST record, with the LF_PADn bytes (0xF0–0xFF) between them skipped. */
function decodeFieldList(c: LeafCursor): FieldMember[] {
  const out: FieldMember[] = [];
  while (c.left > 0) {
    const leaf = c.u16();
    switch (leaf) {
      case LF_MEMBER: {
        c.skip(2); // attr
        const type = c.u32();
        const offset = c.length('member offset');
        out.push({ kind: 'member', type, offset, name: c.name() });
        break;
      }
      case LF_STMEMBER: {
        c.skip(2);
        const type = c.u32();
        out.push({ kind: 'staticMember', type, name: c.name() });
        break;
      }
      case LF_BCLASS: case LF_BINTERFACE: {
        c.skip(2);
        const type = c.u32();
        out.push({ kind: 'baseClass', type, offset: c.length('base class offset') });
        break;
      }
      case LF_VBCLASS: case LF_IVBCLASS: {
        c.skip(2);
        const type = c.u32();
        c.skip(4); // vbptr type
        c.numeric(); // vbpoff
        c.numeric(); // vboff
        out.push({ kind: 'virtualBaseClass', type });
        break;
      }
      case LF_INDEX: {
        c.skip(2);
        out.push({ kind: 'index', type: c.u32() });
        break;
      }
      case LF_VFUNCTAB: {
        c.skip(2);
        out.push({ kind: 'vfunctab', type: c.u32() });
        break;
      }
      case LF_FRIENDCLS: {
        c.skip(6);
        out.push({ kind: 'friend' });
        break;
      }
      case LF_VFUNCOFF: {
        c.skip(10);
        break;
      }
      case LF_FRIENDFCN: {
        c.skip(6);
        c.name();
        out.push({ kind: 'friend' });
        break;
      }
      case LF_ENUMERATE: {
        c.skip(2);
        const value = c.numeric();
        out.push({ kind: 'enumerate', value, name: c.name() });
        break;
      }
      case LF_NESTTYPE: case LF_NESTTYPEEX: {
        c.skip(2);
        const type = c.u32();
        out.push({ kind: 'nestedType', type, name: c.name() });
        break;
      }
      case LF_METHOD: {
        c.skip(6); // count, method list
        out.push({ kind: 'method', name: c.name() });
        break;
      }
      case LF_ONEMETHOD: {
        const attr = c.u16();
        c.skip(4); // type
        const mprop = (attr >> 2) & 0x7;
        if (mprop === 4 || mprop === 6) c.skip(4); // introducing virtual: vtable offset
        out.push({ kind: 'method', name: c.name() });
        break;
      }
      default:
        throw new DumpFormatError('Unsupported', `PDB field list: member leaf 0x${leaf.toString(16)} at 0x${(c.offset - 2).toString(16)} is not one DumpDesk reads`, { offset: c.offset - 2 });
    }
    // LF_PAD0..LF_PAD15: the low nibble counts the padding bytes, this one included.
    while (c.left > 0 && c.peek() >= 0xf0) c.skip(Math.max(1, Math.min(c.peek() & 0xf, c.left)));
  }
  return out;
}
