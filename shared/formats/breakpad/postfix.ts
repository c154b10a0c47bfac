/**
 * The postfix expression machine of Breakpad STACK CFI rules and STACK WIN
 * program strings (symbol_files.md, "STACK CFI" and "STACK WIN").
 *
 *   ".cfa 8 - ^"                 → read the word at CFA-8
 *   "$T0 $ebp = $eip $T0 4 + ^ ="  → assignments, evaluated left to right
 *
 * Operators: + - * / % (binary), @ (align down: a b @ = a & -b), ^ (dereference),
 * = (assign: NAME VALUE =). Everything else is a number (decimal or 0x hex) or
 * a variable. Arithmetic wraps to the word size. Any error (unknown variable,
 * unreadable memory, division by zero, stack underflow) makes the whole
 * evaluation fail with undefined: a wrong frame is worse than no frame.
 */
export interface PostfixContext {
  /** Variables: registers ($esp, rsp, x29), pseudo-registers (.cfa, .raSearch), temporaries ($T0). */
  vars: Map<string, bigint>;
  /** Reads one word at `address`; undefined when the memory is not in the dump. */
  deref(address: bigint): bigint | undefined;
  /** 32 or 64. */
  bits: 32 | 64;
}

type Item = { kind: 'value'; v: bigint } | { kind: 'name'; name: string };

const NUMBER = /^-?(0x[0-9a-f]+|\d+)$/i;
const MAX_TOKENS = 4096;

function tokens(program: string): string[] {
  return program.trim().split(/\s+/).filter(Boolean);
}

/**
 * Runs `program`; assignments update `ctx.vars`. Returns the value left on
 * top of the stack (undefined if none), or `null` when evaluation failed.
 */
export function runPostfix(program: string, ctx: PostfixContext): bigint | undefined | null {
  const toks = tokens(program);
  if (toks.length > MAX_TOKENS) return null;
  const wrap = (v: bigint) => BigInt.asUintN(ctx.bits, v);
  const stack: Item[] = [];
  const value = (it: Item | undefined): bigint | undefined => {
    if (!it) return undefined;
    if (it.kind === 'value') return it.v;
    return ctx.vars.get(it.name);
  };
  for (const t of toks) {
    if (t === '^') {
      const a = value(stack.pop());
      if (a === undefined) return null;
      const v = ctx.deref(a);
      if (v === undefined) return null;
      stack.push({ kind: 'value', v: wrap(v) });
    } else if (t === '=') {
      const v = value(stack.pop());
      const target = stack.pop();
      if (v === undefined || !target || target.kind !== 'name') return null;
      ctx.vars.set(target.name, v);
    } else if (t.length === 1 && '+-*/%@'.includes(t)) {
      const b = value(stack.pop());
      const a = value(stack.pop());
      if (a === undefined || b === undefined) return null;
      let r: bigint;
      switch (t) {
        case '+': r = a + b; break;
        case '-': r = a - b; break;
        case '*': r = a * b; break;
        case '/': if (b === 0n) return null; r = BigInt.asIntN(ctx.bits, a) / BigInt.asIntN(ctx.bits, b); break;
        case '%': if (b === 0n) return null; r = BigInt.asIntN(ctx.bits, a) % BigInt.asIntN(ctx.bits, b); break;
        default: if (b === 0n) return null; r = a & -b; break; // '@': align a down to a multiple of b
      }
      stack.push({ kind: 'value', v: wrap(r) });
    } else if (NUMBER.test(t)) {
      const neg = t.startsWith('-');
      const body = neg ? t.slice(1) : t;
      const v = BigInt(body);
      stack.push({ kind: 'value', v: wrap(neg ? -v : v) });
    } else {
      stack.push({ kind: 'name', name: t });
    }
  }
  if (stack.length === 0) return undefined;
  const top = value(stack[stack.length - 1]);
  return top === undefined ? null : top;
}

/** Evaluates one expression (no assignments): its value, or undefined on any failure. */
export function evaluatePostfix(expr: string, ctx: PostfixContext): bigint | undefined {
  const v = runPostfix(expr, ctx);
  return v === null ? undefined : v;
}
