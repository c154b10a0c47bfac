import { CommandError, ExprErrors } from '../errors';
import type { DebugSession } from '../session';
import { type CppToken, CppSyntaxError, tokenizeCpp } from './cppTokenizer';
import { CPP, type CppType, type CppValue, commonType, convert, normalize, promote, sizeOf, sizeType } from './cppTypes';
import { evaluate as evaluateMasm } from './evaluator';

/** Binary operators by C precedence (higher binds tighter); `?:` sits below them all. */
const BINARY: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5,
  '==': 6, '!=': 6,
  '<': 7, '>': 7, '<=': 7, '>=': 7,
  '<<': 8, '>>': 8,
  '+': 9, '-': 9,
  '*': 10, '/': 10, '%': 10,
};

/** Words that can start a built-in type name in a cast or sizeof. */
const TYPE_WORDS = new Set(['char', 'short', 'int', 'long', 'signed', 'unsigned', '__int8', '__int16', '__int32', '__int64', 'int64', 'bool', 'void', 'wchar_t']);

/** What a register name holds, by its width: rax 64, eax 32, ax/cs 16, al 8 bits (x86/amd64). */
function registerType(name: string, pointerSize: number): CppType {
  if (name.startsWith('$')) return sizeType(pointerSize);
  if (/^(?:[a-d][lh]|[sd]il|[sb]pl|r(?:[89]|1[0-5])b)$/.test(name)) return CPP.uchar;
  if (/^(?:[a-d]x|[sd]i|[sb]p|ip|[c-gs]s|r(?:[89]|1[0-5])w)$/.test(name)) return CPP.ushort;
  if (/^(?:e[a-z]+|r(?:[89]|1[0-5])d)$/.test(name)) return CPP.uint;
  if (/^r/.test(name)) return CPP.uint64;
  return sizeType(pointerSize);
}

/**
 * WinDbg's C++ expression evaluator over a session, for `??` and `@@c++()`:
 * C precedence and operators (?:, &&, ||, !, ~, <<, >>, comparisons as bool),
 * MSVC's integer types with their promotions and conversions, casts to
 * built-in and pointer types, `*` and `[]` reading target memory, sizeof,
 * @registers, @$pseudo-registers and `@@masm(…)`. Without PDB types there are
 * no variables, structs or fields: those answer with WinDbg's errors.
 */
export class CppEvaluator {
  private tokens: CppToken[] = [];
  private i = 0;

  constructor(private readonly session: DebugSession, private readonly input: string) {}

  private get ptrSize(): number {
    return this.session.pointerSize;
  }

  evaluate(): CppValue {
    try {
      this.tokens = tokenizeCpp(this.input);
    } catch (e) {
      if (e instanceof CppSyntaxError) throw ExprErrors.syntax(this.input.slice(e.pos) || ' ');
      throw e;
    }
    this.i = 0;
    if (this.peek().kind === 'end') throw ExprErrors.syntax(' ');
    const v = this.ternary();
    const rest = this.peek();
    if (rest.kind !== 'end') throw ExprErrors.syntax(this.rest(rest));
    return v;
  }

  private peek(k = 0): CppToken {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)]!;
  }

  private rest(t: CppToken): string {
    return this.input.slice(t.pos) || ' ';
  }

  private isOp(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.text === text;
  }

  private expect(text: string): void {
    if (!this.isOp(text)) throw ExprErrors.syntax(this.rest(this.peek()));
    this.i++;
  }

  private ternary(): CppValue {
    const cond = this.binary(0);
    if (!this.isOp('?')) return cond;
    this.i++;
    const a = this.ternary();
    this.expect(':');
    const b = this.ternary();
    const chosen = truth(cond) ? a : b;
    if (a.type.kind === 'int' && b.type.kind === 'int') return convert(chosen, commonType(a.type, b.type), this.ptrSize);
    return chosen;
  }

  private binary(minPrec: number): CppValue {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const prec = t.kind === 'op' ? BINARY[t.text] : undefined;
      if (prec === undefined || prec <= minPrec) return left;
      this.i++;
      const right = this.binary(prec);
      left = this.apply(t, left, right);
    }
  }

  private apply(at: CppToken, a: CppValue, b: CppValue): CppValue {
    const op = at.text;
    const bool = (x: boolean): CppValue => ({ type: CPP.bool, v: x ? 1n : 0n });
    if (op === '&&') return bool(truth(a) && truth(b));
    if (op === '||') return bool(truth(a) || truth(b));
    // Pointer arithmetic: p ± n moves by elements, p - q counts them.
    if (a.type.kind === 'ptr' || b.type.kind === 'ptr') return this.pointerOp(at, a, b);
    const ta = this.integral(a, at);
    const tb = this.integral(b, at);
    if (op === '<<' || op === '>>') {
      const t = promote(ta);
      const x = convert(a, t, this.ptrSize).v;
      const n = BigInt.asUintN(6, b.v);
      return { type: t, v: normalize(t, op === '<<' ? x << n : x >> n, this.ptrSize) };
    }
    const t = commonType(ta, tb);
    const x = convert(a, t, this.ptrSize).v;
    const y = convert(b, t, this.ptrSize).v;
    const result = (v: bigint): CppValue => ({ type: t, v: normalize(t, v, this.ptrSize) });
    switch (op) {
      case '+': return result(x + y);
      case '-': return result(x - y);
      case '*': return result(x * y);
      case '/':
      case '%':
        if (y === 0n) throw ExprErrors.divideByZero(this.rest(at));
        return result(op === '/' ? x / y : x % y); // bigint division truncates toward zero, as C does
      case '&': return result(x & y);
      case '|': return result(x | y);
      case '^': return result(x ^ y);
      case '==': return bool(x === y);
      case '!=': return bool(x !== y);
      case '<': return bool(x < y);
      case '>': return bool(x > y);
      case '<=': return bool(x <= y);
      case '>=': return bool(x >= y);
      default: throw ExprErrors.syntax(this.rest(at));
    }
  }

  private pointerOp(at: CppToken, a: CppValue, b: CppValue): CppValue {
    const op = at.text;
    const bool = (x: boolean): CppValue => ({ type: CPP.bool, v: x ? 1n : 0n });
    const compare: Record<string, (x: bigint, y: bigint) => boolean> = {
      '==': (x, y) => x === y, '!=': (x, y) => x !== y, '<': (x, y) => x < y, '>': (x, y) => x > y, '<=': (x, y) => x <= y, '>=': (x, y) => x >= y,
    };
    const cmp = compare[op];
    if (cmp) return bool(cmp(BigInt.asUintN(64, a.v), BigInt.asUintN(64, b.v)));
    if (a.type.kind === 'ptr' && b.type.kind === 'ptr' && op === '-') {
      const size = BigInt(Math.max(1, sizeOf(a.type.to, this.ptrSize)));
      const diffType = this.ptrSize === 8 ? CPP.int64 : CPP.int;
      return { type: diffType, v: normalize(diffType, (BigInt.asIntN(64, a.v) - BigInt.asIntN(64, b.v)) / size, this.ptrSize) };
    }
    const [p, n] = a.type.kind === 'ptr' ? [a, b] : [b, a];
    if (p.type.kind !== 'ptr' || n.type.kind === 'ptr' || (op !== '+' && op !== '-') || (op === '-' && p !== a)) throw ExprErrors.syntax(this.rest(at));
    this.integral(n, at);
    const step = BigInt(Math.max(1, sizeOf(p.type.to, this.ptrSize)));
    const delta = BigInt.asIntN(64, n.v) * step;
    return { type: p.type, v: normalize(p.type, op === '+' ? p.v + delta : p.v - delta, this.ptrSize) };
  }

  /** The operand's integral type; void has none. */
  private integral(x: CppValue, at: CppToken): CppType {
    if (x.type.kind === 'void') throw ExprErrors.syntax(this.rest(at));
    return x.type;
  }

  private unary(): CppValue {
    const t = this.peek();
    if (t.kind === 'ident' && t.text === 'sizeof') {
      this.i++;
      return this.sizeofExpr(t);
    }
    if (t.kind !== 'op') return this.postfix();
    if (t.text === '(' && this.startsType(1)) {
      this.i++;
      const type = this.typeName();
      this.expect(')');
      const v = this.unary();
      if (v.type.kind === 'void') throw ExprErrors.syntax(this.rest(t));
      return convert(v, type, this.ptrSize);
    }
    if (!['-', '+', '!', '~', '*', '&'].includes(t.text)) return this.postfix();
    this.i++;
    const v = this.unary();
    switch (t.text) {
      case '!': return { type: CPP.bool, v: truth(v) ? 0n : 1n };
      case '*': return this.deref(v, t);
      case '&':
        // Only what was read from memory has an address; without symbols nothing else does.
        if (v.address === undefined) throw ExprErrors.syntax(this.rest(t));
        return { type: { kind: 'ptr', to: v.type }, v: v.address };
      default: {
        const type = promote(this.integral(v, t));
        const x = convert(v, type, this.ptrSize).v;
        return { type, v: normalize(type, t.text === '-' ? -x : t.text === '~' ? ~x : x, this.ptrSize) };
      }
    }
  }

  /** `*p`: reads the pointee from target memory. */
  private deref(p: CppValue, at: CppToken): CppValue {
    if (p.type.kind !== 'ptr') throw new CommandError(`Pointer expression required at '${this.rest(at)}'`);
    const to = p.type.to;
    if (to.kind === 'void') throw new CommandError(`Type information missing error for void`);
    const size = sizeOf(to, this.ptrSize);
    const bytes = this.session.read(p.v, size);
    if (!bytes || bytes.length < size) throw ExprErrors.memoryAccess(this.rest(this.peek()));
    let raw = 0n;
    for (let k = size - 1; k >= 0; k--) raw = (raw << 8n) | BigInt(bytes[k]!);
    return { type: to, v: normalize(to, raw, this.ptrSize), address: p.v };
  }

  private sizeofExpr(at: CppToken): CppValue {
    const result = (t: CppType): CppValue => ({ type: sizeType(this.ptrSize), v: BigInt(sizeOf(t, this.ptrSize)) });
    if (this.isOp('(') && this.startsType(1)) {
      this.i++;
      const type = this.typeName();
      this.expect(')');
      return result(type);
    }
    // sizeof(SomeStruct): a type that only PDB type information could name.
    if (this.isOp('(') && this.peek(1).kind === 'ident' && this.isOp(')', 2) && !this.session.findModule(this.peek(1).text)) {
      throw ExprErrors.couldNotResolve(this.rest(this.peek(1)));
    }
    if (this.peek().kind === 'end') throw ExprErrors.syntax(this.rest(at));
    return result(this.unary().type);
  }

  /** Whether the token `k` ahead starts a built-in type name. */
  private startsType(k: number): boolean {
    const t = this.peek(k);
    return t.kind === 'ident' && TYPE_WORDS.has(t.text);
  }

  /** A built-in type: `unsigned short`, `__int64`, `long long`, `int**`, `void *`. */
  private typeName(): CppType {
    const first = this.peek();
    const words: string[] = [];
    while (this.peek().kind === 'ident' && TYPE_WORDS.has(this.peek().text)) words.push(this.tokens[this.i++]!.text);
    let type = baseType(words);
    if (!type) throw ExprErrors.syntax(this.rest(first));
    while (this.isOp('*')) {
      this.i++;
      type = { kind: 'ptr', to: type };
    }
    if (this.peek().kind === 'ident') throw ExprErrors.couldNotResolve(this.rest(first));
    return type;
  }

  private postfix(): CppValue {
    let v = this.primary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op') return v;
      if (t.text === '[') {
        this.i++;
        const index = this.ternary();
        this.expect(']');
        v = this.deref(this.pointerOp({ ...t, text: '+' }, v, index), t);
      } else if (t.text === '.' || t.text === '->') {
        // Fields need the struct's layout, which only PDB type information has.
        const field = this.peek(1);
        throw new CommandError(`Type information missing error for ${field.kind === 'ident' ? field.text : this.rest(field)}`);
      } else return v;
    }
  }

  private primary(): CppValue {
    const t = this.peek();
    this.i++;
    switch (t.kind) {
      case 'number': return this.number(t);
      case 'char': return { type: CPP.char, v: BigInt(charCode(t.text)) };
      case 'register': return this.register(t);
      case 'switch': return this.switchEvaluator(t);
      case 'ident': return this.identifier(t);
      case 'op':
        if (t.text === '(') {
          const v = this.ternary();
          this.expect(')');
          return v;
        }
        throw ExprErrors.syntax(this.rest(t));
      default:
        throw ExprErrors.syntax(this.rest(t));
    }
  }

  /** A C literal's type: int, then (hex/octal only) unsigned int, then int64, then unsigned int64; suffixes narrow it. */
  private number(t: CppToken): CppValue {
    const m = /^(0[xX][0-9a-fA-F`]+|[0-9]+)(.*)$/.exec(t.text)!;
    const digits = m[1]!.replace(/`/g, '');
    const suffix = m[2]!.toLowerCase();
    let v: bigint;
    if (/^0x/i.test(digits)) v = BigInt(digits);
    else if (digits.length > 1 && digits.startsWith('0')) {
      if (!/^[0-7]+$/.test(digits)) throw ExprErrors.syntax(this.rest(t));
      v = BigInt('0o' + digits.slice(1));
    } else v = BigInt(digits);
    if (v > 0xffffffffffffffffn) throw new CommandError(`Numeric overflow error at '${this.rest(t)}'`);
    const decimal = !/^0/.test(digits) || digits === '0';
    const unsigned = suffix.includes('u');
    const wide = suffix.includes('ll') || suffix.includes('i64');
    const long = !wide && suffix.includes('l');
    const fits = (type: CppType): boolean => normalize(type, v, this.ptrSize) === v;
    const candidates: CppType[] = wide
      ? unsigned ? [CPP.uint64] : decimal ? [CPP.int64] : [CPP.int64, CPP.uint64]
      : long
        ? unsigned ? [CPP.ulong, CPP.uint64] : decimal ? [CPP.long, CPP.int64] : [CPP.long, CPP.ulong, CPP.int64, CPP.uint64]
        : unsigned ? [CPP.uint, CPP.uint64] : decimal ? [CPP.int, CPP.int64] : [CPP.int, CPP.uint, CPP.int64, CPP.uint64];
    const type = candidates.find(fits) ?? CPP.uint64;
    return { type, v };
  }

  private register(t: CppToken): CppValue {
    const name = t.text.slice(1).toLowerCase();
    let v: bigint;
    try {
      v = evaluateMasm(this.session, `@${name}`);
    } catch {
      throw new CommandError(`Bad register error at '${this.rest(t)}'`);
    }
    const type = registerType(name, this.ptrSize);
    return { type, v: normalize(type, v, this.ptrSize) };
  }

  /** `@@masm(…)` evaluates its inside as MASM (a 64-bit value); `@@c++(…)` / `@@(…)` as C++ again. */
  private switchEvaluator(t: CppToken): CppValue {
    const inner = t.inner ?? '';
    if (t.evaluator === 'masm') return { type: CPP.uint64, v: evaluateMasm(this.session, inner) };
    return new CppEvaluator(this.session, inner).evaluate();
  }

  private identifier(t: CppToken): CppValue {
    if (t.text === 'true' || t.text === 'false') return { type: CPP.bool, v: t.text === 'true' ? 1n : 0n };
    if (TYPE_WORDS.has(t.text)) throw ExprErrors.syntax(this.rest(t));
    // A module or symbol the dump knows has an address but no type without PDB type information.
    if (this.knownSymbol(t.text)) throw new CommandError(`Type information missing error for ${t.text}`);
    throw ExprErrors.couldNotResolve(this.rest(t));
  }

  private knownSymbol(name: string): boolean {
    const s = this.session;
    const bang = name.indexOf('!');
    if (bang >= 0) {
      const m = s.findModule(name.slice(0, bang));
      return !!m && s.symbols?.findSymbol?.(m.module, name.slice(bang + 1)) !== undefined;
    }
    return s.modules().some((m) => s.symbols?.findSymbol?.(m.module, name) !== undefined);
  }
}

function truth(x: CppValue): boolean {
  return x.v !== 0n;
}

/** 'A' → 65; the common escapes. */
function charCode(lit: string): number {
  const body = lit.slice(1, -1);
  if (!body.startsWith('\\')) return body.charCodeAt(0);
  const esc: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, v: 11 };
  return esc[body[1]!] ?? body.charCodeAt(1);
}

/** The built-in type named by `words` ("unsigned", "long", "long"), MSVC's meanings; undefined if none. */
function baseType(words: string[]): CppType | undefined {
  const key = words.filter((w) => w !== 'int' || words.length === 1 || !words.some((x) => x === 'short' || x === 'long' || x === 'signed' || x === 'unsigned')).join(' ');
  const table: Record<string, CppType> = {
    char: CPP.char, 'signed char': CPP.signedChar, 'unsigned char': CPP.uchar, __int8: CPP.char, 'unsigned __int8': CPP.uchar,
    short: CPP.short, 'signed short': CPP.short, 'unsigned short': CPP.ushort, __int16: CPP.short, 'unsigned __int16': CPP.ushort,
    int: CPP.int, signed: CPP.int, unsigned: CPP.uint, 'signed int': CPP.int, __int32: CPP.int, 'unsigned __int32': CPP.uint,
    long: CPP.long, 'signed long': CPP.long, 'unsigned long': CPP.ulong,
    'long long': CPP.int64, 'signed long long': CPP.int64, 'unsigned long long': CPP.uint64, __int64: CPP.int64, 'unsigned __int64': CPP.uint64,
    // WinDbg's own names, as it prints them: ((unsigned int64)0 - 1).
    int64: CPP.int64, 'unsigned int64': CPP.uint64,
    bool: CPP.bool, void: CPP.void, wchar_t: CPP.wchar,
  };
  return table[key];
}

/** Characters `??` shows of a string a char* / wchar_t* points at. */
const MAX_STRING = 256;

/**
 * The line `??` adds under a `char *` or `wchar_t *`: the string it points at, quoted
 * (` "text"`); undefined for other types or when the dump does not hold the text.
 */
export function pointeeString(session: DebugSession, x: CppValue): string | undefined {
  if (x.type.kind !== 'ptr' || x.type.to.kind !== 'int' || !x.type.to.char || x.type.to.name === 'unsigned char') return undefined;
  const wide = x.type.to.size === 2;
  let text = '';
  for (let i = 0; i < MAX_STRING; i++) {
    const b = session.read(x.v + BigInt(i * (wide ? 2 : 1)), wide ? 2 : 1);
    if (!b) return i === 0 ? undefined : ` "${text}"`;
    const c = wide ? b[0]! | (b[1]! << 8) : b[0]!;
    if (c === 0) break;
    text += c < 0x20 ? '?' : String.fromCharCode(c);
  }
  return ` "${text}"`;
}

/** Evaluates a whole C++ expression to a typed value (throws CommandError in WinDbg's words). */
export function evaluateCpp(session: DebugSession, input: string): CppValue {
  return new CppEvaluator(session, input.trim()).evaluate();
}
