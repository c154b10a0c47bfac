/**
 * The built-in types of WinDbg's C++ evaluator (`??`, `@@c++()`) and how `??`
 * prints a value of each: "int 0n5", "unsigned int 0x1f", "unsigned int64
 * 0x12345678`9abcdef0", "unsigned char 0x41 'A'", "bool true", "int * 0x0012f54e".
 * Without PDB types these are the only types there are: MSVC's sizes (long is
 * 4 bytes, char is signed), pointers of the target's size.
 */
export type CppType =
  | { kind: 'int'; name: string; size: 1 | 2 | 4 | 8; signed: boolean; char?: boolean }
  | { kind: 'bool' }
  | { kind: 'void' }
  | { kind: 'ptr'; to: CppType };

/** A typed value; integers are kept normalized to their type (signed ones as negative bigints). */
export interface CppValue {
  type: CppType;
  v: bigint;
  /** Where the value was read from (`*p`, `p[i]`), so `&` can take it back. */
  address?: bigint;
}

const int = (name: string, size: 1 | 2 | 4 | 8, signed: boolean, char?: boolean): CppType => ({ kind: 'int', name, size, signed, ...(char ? { char } : {}) });

export const CPP = {
  char: int('char', 1, true, true),
  signedChar: int('signed char', 1, true, true),
  uchar: int('unsigned char', 1, false, true),
  wchar: int('wchar_t', 2, false, true),
  short: int('short', 2, true),
  ushort: int('unsigned short', 2, false),
  int: int('int', 4, true),
  uint: int('unsigned int', 4, false),
  long: int('long', 4, true),
  ulong: int('unsigned long', 4, false),
  int64: int('int64', 8, true),
  uint64: int('unsigned int64', 8, false),
  bool: { kind: 'bool' } as CppType,
  void: { kind: 'void' } as CppType,
};

/** Integer conversion rank (C++ [conv.rank]): by size, and long above int of the same size. */
function rank(t: CppType): number {
  if (t.kind !== 'int') return 0;
  return t.size * 2 + (t.name.includes('long') ? 1 : 0);
}

/** Bytes of a value of type `t` (sizeof). */
export function sizeOf(t: CppType, pointerSize: number): number {
  switch (t.kind) {
    case 'int': return t.size;
    case 'bool': return 1;
    case 'ptr': return pointerSize;
    case 'void': return 0;
  }
}

/** size_t: `unsigned int` on 32-bit targets, `unsigned int64` on 64-bit ones. */
export function sizeType(pointerSize: number): CppType {
  return pointerSize === 8 ? CPP.uint64 : CPP.uint;
}

/** Brings a raw value into type `t`: wraps at its width, sign-extends signed types, bool is 0/1. */
export function normalize(t: CppType, v: bigint, pointerSize: number): bigint {
  switch (t.kind) {
    case 'int': return t.signed ? BigInt.asIntN(t.size * 8, v) : BigInt.asUintN(t.size * 8, v);
    case 'bool': return v !== 0n ? 1n : 0n;
    case 'ptr': return BigInt.asUintN(pointerSize * 8, v);
    case 'void': return 0n;
  }
}

export function convert(x: CppValue, t: CppType, pointerSize: number): CppValue {
  return { type: t, v: normalize(t, x.v, pointerSize) };
}

/** Integral promotion: bool, char and short (signed or not) become int. */
export function promote(t: CppType): CppType {
  if (t.kind === 'bool') return CPP.int;
  if (t.kind === 'int' && t.size < 4) return CPP.int;
  return t;
}

/** The usual arithmetic conversions (C++ [expr.arith.conv]) of two integral operands. */
export function commonType(a: CppType, b: CppType): CppType {
  const x = promote(a);
  const y = promote(b);
  if (x.kind !== 'int' || y.kind !== 'int') return x;
  if (x.name === y.name) return x;
  if (x.signed === y.signed) return rank(x) >= rank(y) ? x : y;
  const [u, s] = x.signed ? [y, x] : [x, y];
  if (rank(u) >= rank(s)) return u;
  if (s.size > u.size) return s;
  // The signed type cannot hold every value of the unsigned one: its unsigned counterpart.
  return s.size === 8 ? CPP.uint64 : s.name === 'long' ? CPP.ulong : CPP.uint;
}

export function typeName(t: CppType): string {
  switch (t.kind) {
    case 'int': return t.name;
    case 'bool': return 'bool';
    case 'void': return 'void';
    case 'ptr': {
      const inner = typeName(t.to);
      return t.to.kind === 'ptr' ? `${inner}*` : `${inner} *`;
    }
  }
}

function hex(v: bigint): string {
  return v.toString(16);
}

/** A 64-bit value WinDbg-style: high and low halves split by a backtick when the high half is not 0. */
function hex64(v: bigint): string {
  const hi = v >> 32n;
  return hi ? `${hex(hi).padStart(8, '0')}\`${hex(v & 0xffffffffn).padStart(8, '0')}` : hex(v);
}

function charText(code: bigint): string {
  const c = Number(code);
  return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : "''";
}

/** The value part of `??`'s answer. */
export function formatValue(x: CppValue, pointerSize: number): string {
  const t = x.type;
  switch (t.kind) {
    case 'bool': return x.v ? 'true' : 'false';
    case 'void': return '';
    case 'ptr': {
      const v = BigInt.asUintN(pointerSize * 8, x.v);
      return pointerSize === 8 ? `0x${hex(v >> 32n).padStart(8, '0')}\`${hex(v & 0xffffffffn).padStart(8, '0')}` : `0x${hex(v).padStart(8, '0')}`;
    }
    case 'int': {
      if (t.signed) return `0n${x.v}${t.char ? ` ${charText(BigInt.asUintN(8, x.v))}` : ''}`;
      if (t.size === 1) return `0x${hex(x.v).padStart(2, '0')} ${charText(x.v)}`;
      if (t.char) return `0x${hex(x.v)} ${charText(x.v)}`;
      // Unsigned values are hex; 0…9 read the same in any radix and WinDbg leaves off the 0x.
      return x.v < 10n ? `${x.v}` : `0x${hex64(x.v)}`;
    }
  }
}

/** `??`'s line: "<type> <value>". */
export function formatTyped(x: CppValue, pointerSize: number): string {
  return `${typeName(x.type)} ${formatValue(x, pointerSize)}`;
}
