import { ExprErrors } from '../errors';
import type { DebugSession } from '../session';
import { type Token, tokenize } from './tokenizer';
import { pseudoRegister } from './pseudoRegisters';
import { evaluateCpp } from './cppEvaluator';

/** Unary operators that read memory or pick bits (`poi(x)`, `dwo x`, `hi x`). */
const UNARY_WORDS = new Set(['poi', 'by', 'wo', 'dwo', 'qwo', 'hi', 'low', 'not', 'pwo']);

const BINARY: Record<string, number> = {
  '|': 1, '^': 2, '&': 3,
  '==': 4, '=': 4, '!=': 4,
  '<': 5, '>': 5, '<=': 5, '>=': 5,
  '<<': 6, '>>': 6,
  '+': 7, '-': 7,
  '*': 8, '/': 8, '%': 8, mod: 8,
};

const MASK64 = (1n << 64n) - 1n;

/** Parses a MASM number: default radix 16, `0x` hex, `0n` decimal, `0t` octal, `0y` binary, backticks ignored. */
export function parseNumber(word: string): bigint | undefined {
  const w = word.replace(/`/g, '');
  let m: RegExpExecArray | null;
  if ((m = /^0x([0-9a-f]+)$/i.exec(w))) return BigInt('0x' + m[1]);
  if ((m = /^0n([0-9]+)$/i.exec(w))) return BigInt(m[1]!);
  if ((m = /^0t([0-7]+)$/i.exec(w))) return BigInt('0o' + m[1]);
  if ((m = /^0y([01]+)$/i.exec(w))) return BigInt('0b' + m[1]);
  if (/^[0-9a-f]+$/i.test(w)) return BigInt('0x' + w);
  return undefined;
}

/**
 * A MASM expression evaluator over a session (registers, memory, modules,
 * symbols). `parse` reads one expression starting at `pos` and stops at the
 * first token that cannot continue it, so commands can read ranges like
 * `esp L4` or `1000 2000` themselves. Arithmetic wraps at 64 bits.
 */
export class ExpressionParser {
  private tokens: Token[] = [];
  private i = 0;

  constructor(private readonly session: DebugSession, private readonly input: string) {}

  /** Evaluates the expression at `pos`; returns its value and where it ended. */
  parse(pos = 0): { value: bigint; end: number } {
    this.tokens = tokenize(this.input, pos);
    this.i = 0;
    if (this.peek().kind === 'end') throw ExprErrors.syntax(this.input.slice(pos).trim() || ' ');
    const value = this.binary(0);
    return { value: value & MASK64, end: this.peek().pos };
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private rest(t: Token): string {
    return this.input.slice(t.pos);
  }

  private binary(minPrec: number): bigint {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const op = t.kind === 'op' ? t.text : t.kind === 'word' && t.text.toLowerCase() === 'mod' ? 'mod' : undefined;
      const prec = op ? BINARY[op] : undefined;
      if (op === undefined || prec === undefined || prec <= minPrec) return left;
      this.i++;
      const right = this.binary(prec);
      left = this.apply(op, left, right, t);
    }
  }

  private apply(op: string, a: bigint, b: bigint, at: Token): bigint {
    const sa = BigInt.asIntN(64, a);
    const sb = BigInt.asIntN(64, b);
    switch (op) {
      case '+': return (a + b) & MASK64;
      case '-': return (a - b) & MASK64;
      case '*': return (a * b) & MASK64;
      case '/':
        if (b === 0n) throw ExprErrors.divideByZero(this.rest(at));
        return BigInt.asUintN(64, sa / sb);
      case '%':
      case 'mod':
        if (b === 0n) throw ExprErrors.divideByZero(this.rest(at));
        return BigInt.asUintN(64, sa % sb);
      case '&': return a & b;
      case '|': return a | b;
      case '^': return a ^ b;
      case '<<': return (a << (b & 63n)) & MASK64;
      case '>>': return a >> (b & 63n);
      case '==':
      case '=': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '<': return sa < sb ? 1n : 0n;
      case '>': return sa > sb ? 1n : 0n;
      case '<=': return sa <= sb ? 1n : 0n;
      case '>=': return sa >= sb ? 1n : 0n;
      default: throw ExprErrors.syntax(this.rest(at));
    }
  }

  private unary(): bigint {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '~')) {
      this.i++;
      const v = this.unary();
      return t.text === '-' ? (-v) & MASK64 : t.text === '~' ? ~v & MASK64 : v;
    }
    if (t.kind === 'word' && UNARY_WORDS.has(t.text.toLowerCase())) {
      this.i++;
      const v = this.unary();
      // WinDbg points memory errors at the operand's last token: "Memory access error at ')'".
      const last = this.tokens[this.i - 1]!;
      return this.unaryWord(t.text.toLowerCase(), v, last);
    }
    return this.primary();
  }

  private unaryWord(op: string, v: bigint, after: Token): bigint {
    const read = (size: number): bigint => {
      const b = this.session.read(v, size);
      if (!b) throw ExprErrors.memoryAccess(this.rest(after) || ' ');
      let x = 0n;
      for (let k = size - 1; k >= 0; k--) x = (x << 8n) | BigInt(b[k]!);
      return x;
    };
    switch (op) {
      case 'poi': return read(this.session.pointerSize);
      case 'by': return read(1);
      case 'wo': return read(2);
      case 'dwo': return read(4);
      case 'qwo': return read(8);
      case 'pwo': return read(this.session.pointerSize);
      case 'hi': return (v >> 16n) & 0xffffn;
      case 'low': return v & 0xffffn;
      case 'not': return v === 0n ? 1n : 0n;
      default: throw ExprErrors.syntax(this.rest(after));
    }
  }

  private primary(): bigint {
    const t = this.peek();
    if (t.kind === 'lparen') {
      this.i++;
      const v = this.binary(0);
      const close = this.peek();
      if (close.kind !== 'rparen') throw ExprErrors.syntax(this.rest(close) || ' ');
      this.i++;
      return v;
    }
    if (t.kind !== 'word') throw ExprErrors.syntax(this.rest(t) || ' ');
    this.i++;
    return this.word(t);
  }

  /** A number, register, pseudo-register, module or symbol — in WinDbg's order. */
  private word(t: Token): bigint {
    const w = t.text;
    const fail = (): never => {
      throw ExprErrors.couldNotResolve(this.rest(t));
    };
    if (w.startsWith('@@')) return this.otherEvaluator(w, t);
    if (w.startsWith('@')) return this.register(w.slice(1)) ?? fail();
    if (w.startsWith('$')) return this.register(w) ?? fail();
    const n = parseNumber(w);
    if (n !== undefined) return n;
    const reg = this.register(w);
    if (reg !== undefined) return reg;
    return this.symbol(w) ?? fail();
  }

  /** `@@c++(expr)` / `@@(expr)`: the C++ evaluator's value (as 64 bits); `@@masm(expr)`: MASM again. */
  private otherEvaluator(w: string, t: Token): bigint {
    const m = /^@@(c\+\+|cpp|masm|)\s*\(([\s\S]*)\)$/i.exec(w);
    if (!m) throw ExprErrors.syntax(this.rest(t));
    if (m[1]!.toLowerCase() === 'masm') return evaluate(this.session, m[2]!);
    return BigInt.asUintN(64, evaluateCpp(this.session, m[2]!).v);
  }

  private register(name: string): bigint | undefined {
    if (name.startsWith('$')) return pseudoRegister(this.session, name.slice(1).toLowerCase());
    const regs = this.session.registers();
    const v = regs?.regs[name.toLowerCase()];
    if (v !== undefined) return v;
    // 32-bit and smaller views of the x86/amd64 registers (eax in a 64-bit dump, ax, al).
    return subRegister(regs?.regs ?? {}, name.toLowerCase());
  }

  private symbol(w: string): bigint | undefined {
    const bang = w.indexOf('!');
    const session = this.session;
    if (bang >= 0) {
      const m = session.findModule(w.slice(0, bang));
      if (!m) return undefined;
      const name = w.slice(bang + 1);
      if (name === '') return m.start;
      const rva = session.symbols?.findSymbol?.(m.module, name);
      return rva === undefined ? undefined : m.start + BigInt(rva);
    }
    const m = session.findModule(w);
    if (m) return m.start;
    for (const mod of session.modules()) {
      const rva = session.symbols?.findSymbol?.(mod.module, w);
      if (rva !== undefined) return mod.start + BigInt(rva);
    }
    return undefined;
  }
}

/** 32/16/8-bit views of x86/amd64 registers: eax in a 64-bit dump, ax, al, ah, r8d, r8w, r8b. */
function subRegister(regs: Record<string, bigint>, name: string): bigint | undefined {
  const full = (n: string): bigint | undefined => regs[`r${n}`] ?? regs[`e${n}`];
  let m: RegExpExecArray | null;
  if ((m = /^e(ax|bx|cx|dx|si|di|sp|bp|ip)$/.exec(name))) {
    const v = regs[`r${m[1]}`];
    return v === undefined ? undefined : v & 0xffffffffn;
  }
  if ((m = /^(ax|bx|cx|dx|si|di|sp|bp|ip)$/.exec(name))) {
    const v = full(m[1]!);
    return v === undefined ? undefined : v & 0xffffn;
  }
  if ((m = /^([abcd])([lh])$/.exec(name))) {
    const v = full(`${m[1]}x`);
    return v === undefined ? undefined : m[2] === 'l' ? v & 0xffn : (v >> 8n) & 0xffn;
  }
  if ((m = /^(r(?:[89]|1[0-5]))([dwb])$/.exec(name))) {
    const v = regs[m[1]!];
    return v === undefined ? undefined : v & (m[2] === 'd' ? 0xffffffffn : m[2] === 'w' ? 0xffffn : 0xffn);
  }
  return undefined;
}

/** Evaluates a whole expression; trailing text is a syntax error. */
export function evaluate(session: DebugSession, input: string): bigint {
  const p = new ExpressionParser(session, input);
  const { value, end } = p.parse(0);
  if (input.slice(end).trim()) throw ExprErrors.syntax(input.slice(end).trim());
  return value;
}

