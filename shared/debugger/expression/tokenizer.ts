/**
 * Tokens of WinDbg's MASM expression syntax. A "word" is a run of
 * characters that can form a number, register or symbol
 * (`0x10`, `fffff800`12345678`, `@rip`, `$csp`, `ntdll!RtlFoo`, `a::b`);
 * what it means is decided by the evaluator, as in WinDbg, where `abc` is a
 * number but `eax` is a register.
 */
export type TokenKind = 'word' | 'op' | 'lparen' | 'rparen' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset in the input. */
  pos: number;
}

const OPERATORS = ['<<', '>>', '==', '!=', '<=', '>=', '+', '-', '*', '/', '%', '&', '|', '^', '~', '<', '>', '='];
const WORD = /[A-Za-z0-9_$@!.:`?]/;

export function tokenize(input: string, start = 0): Token[] {
  const out: Token[] = [];
  let i = start;
  while (i < input.length) {
    const c = input[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '(' || c === '[') {
      out.push({ kind: 'lparen', text: c, pos: i++ });
      continue;
    }
    if (c === ')' || c === ']') {
      out.push({ kind: 'rparen', text: c, pos: i++ });
      continue;
    }
    // @@c++(…), @@cpp(…), @@(…) and @@masm(…): one word up to the matching ')', evaluated by
    // the evaluator it names (evaluator.ts).
    const sw = /^@@(?:c\+\+|cpp|masm|)\s*\(/i.exec(input.slice(i));
    if (sw) {
      const close = closingParen(input, i + sw[0].length - 1);
      const end = close < 0 ? input.length : close + 1;
      out.push({ kind: 'word', text: input.slice(i, end), pos: i });
      i = end;
      continue;
    }
    const op = OPERATORS.find((o) => input.startsWith(o, i));
    // '!' starts a word only inside one (module!symbol); '!=' is an operator.
    if (op && !(c === '!' && op !== '!=')) {
      out.push({ kind: 'op', text: op, pos: i });
      i += op.length;
      continue;
    }
    if (WORD.test(c)) {
      const s = i;
      while (i < input.length && WORD.test(input[i]!)) {
        // A word ends at "!=" so "a!=b" still compares.
        if (input[i] === '!' && input[i + 1] === '=') break;
        i++;
      }
      // Symbol offsets like "mod!sym+0x10" are split by the '+' operator above.
      out.push({ kind: 'word', text: input.slice(s, i), pos: s });
      continue;
    }
    // Anything else is a word of one character that nothing will resolve.
    out.push({ kind: 'word', text: c, pos: i++ });
  }
  out.push({ kind: 'end', text: '', pos: input.length });
  return out;
}

/** Offset of the ')' closing the '(' at `open`, or -1. */
function closingParen(s: string, open: number): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    if (s[k] === '(') depth++;
    else if (s[k] === ')' && --depth === 0) return k;
  }
  return -1;
}
