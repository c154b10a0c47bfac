/**
 * Tokens of WinDbg's C++ expression syntax (`??`, `@@c++()`): decimal by
 * default (0x hex, leading 0 octal, C suffixes u/l/ll/i64), 'c' characters,
 * identifiers (also `mod!sym`, `a::b`), `@reg` and `@$pseudo` registers,
 * `@@masm(…)` / `@@c++(…)` / `@@(…)` switching evaluators for what is inside
 * the parentheses, and C's operators.
 */
export type CppTokenKind = 'number' | 'char' | 'ident' | 'register' | 'switch' | 'op' | 'end';

export interface CppToken {
  kind: CppTokenKind;
  text: string;
  /** Offset in the input. */
  pos: number;
  /** 'switch' tokens: the evaluator named ("masm", "c++", "") and the text inside the parentheses. */
  evaluator?: string;
  inner?: string;
}

// Longest first, so "<<" is not read as "<" "<".
const OPERATORS = ['->', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '%', '&', '|', '^', '~', '!', '<', '>', '?', ':', '(', ')', '[', ']', '.', ','];

/** Thrown with the offset where tokenizing stopped; the evaluator turns it into WinDbg's words. */
export class CppSyntaxError extends Error {
  constructor(readonly pos: number) {
    super(`C++ syntax error at ${pos}`);
  }
}

export function tokenizeCpp(input: string): CppToken[] {
  const out: CppToken[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const start = i;
    if (input.startsWith('@@', i)) {
      const m = /^@@(c\+\+|cpp|masm|)\s*\(/i.exec(input.slice(i));
      if (!m) throw new CppSyntaxError(i);
      const open = i + m[0].length - 1;
      const close = matchingParen(input, open);
      if (close < 0) throw new CppSyntaxError(i);
      out.push({ kind: 'switch', text: input.slice(i, close + 1), pos: i, evaluator: m[1]!.toLowerCase(), inner: input.slice(open + 1, close) });
      i = close + 1;
      continue;
    }
    if (c === '@') {
      const m = /^@\$?[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i));
      if (!m) throw new CppSyntaxError(i);
      out.push({ kind: 'register', text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^(0[xX][0-9a-fA-F`]+|[0-9]+)([uU]?(?:i64|I64|ll|LL|[lL])?[uU]?)/.exec(input.slice(i))!;
      out.push({ kind: 'number', text: m[0], pos: i });
      i += m[0].length;
      if (i < input.length && /[A-Za-z0-9_]/.test(input[i]!)) throw new CppSyntaxError(start);
      continue;
    }
    if (c === "'") {
      const m = /^'(\\.|[^'\\])'/.exec(input.slice(i));
      if (!m) throw new CppSyntaxError(i);
      out.push({ kind: 'char', text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*(?:(?:!|::)[A-Za-z_$~][A-Za-z0-9_$]*)*/.exec(input.slice(i))!;
      out.push({ kind: 'ident', text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => input.startsWith(o, i));
    if (!op) throw new CppSyntaxError(i);
    out.push({ kind: 'op', text: op, pos: i });
    i += op.length;
  }
  out.push({ kind: 'end', text: '', pos: input.length });
  return out;
}

/** Offset of the ')' closing the '(' at `open`, or -1. */
function matchingParen(s: string, open: number): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    if (s[k] === '(') depth++;
    else if (s[k] === ')' && --depth === 0) return k;
  }
  return -1;
}
