import { evaluatePostfix, type PostfixContext } from './postfix';

/**
 * STACK CFI rule sets: ".cfa: $rsp 8 + .ra: .cfa 8 - ^ $rbx: .cfa 16 - ^".
 * Each "NAME:" starts a rule whose postfix expression runs to the next "NAME:".
 */
export function parseCfiRules(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | undefined;
  let expr: string[] = [];
  const flush = () => {
    if (name !== undefined) out.set(name, expr.join(' '));
  };
  for (const t of text.trim().split(/\s+/)) {
    if (t.endsWith(':') && t.length > 1) {
      flush();
      name = t.slice(0, -1);
      expr = [];
    } else expr.push(t);
  }
  flush();
  return out;
}

/** Registers as the CFI rules name them: x86/amd64 use "$rsp", ARM "sp"/"x29". */
export type RegisterNaming = (reg: string) => string;

/**
 * Recovers the caller's registers: evaluates .cfa with the callee's
 * registers, then every other rule with .cfa bound. The caller's stack
 * pointer is the CFA and its instruction pointer is .ra. Registers without a
 * rule keep their callee value (callee-saved by convention). Undefined when
 * .cfa or .ra cannot be computed.
 */
export function applyCfi(
  ruleSets: readonly string[],
  regs: Readonly<Record<string, bigint>>,
  deref: PostfixContext['deref'],
  bits: 32 | 64,
  toCfiName: RegisterNaming,
  fromCfiName: (name: string) => string | undefined,
): { cfa: bigint; ra: bigint; regs: Record<string, bigint> } | undefined {
  const rules = new Map<string, string>();
  for (const set of ruleSets) for (const [k, v] of parseCfiRules(set)) rules.set(k, v);
  const vars = new Map<string, bigint>();
  for (const [k, v] of Object.entries(regs)) vars.set(toCfiName(k), v);
  const ctx: PostfixContext = { vars, deref, bits };
  const cfaRule = rules.get('.cfa');
  const raRule = rules.get('.ra');
  if (!cfaRule || !raRule) return undefined;
  const cfa = evaluatePostfix(cfaRule, ctx);
  if (cfa === undefined) return undefined;
  vars.set('.cfa', cfa);
  const ra = evaluatePostfix(raRule, ctx);
  if (ra === undefined) return undefined;
  const out: Record<string, bigint> = { ...regs };
  for (const [k, expr] of rules) {
    if (k === '.cfa' || k === '.ra') continue;
    const reg = fromCfiName(k);
    if (!reg) continue;
    const v = evaluatePostfix(expr, { vars: new Map(vars), deref, bits });
    if (v !== undefined) out[reg] = v;
  }
  return { cfa, ra, regs: out };
}
