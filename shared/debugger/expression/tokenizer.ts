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
