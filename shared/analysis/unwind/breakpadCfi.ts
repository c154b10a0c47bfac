import type { DumpModule } from '../../dump/types';
import { applyCfi } from '../../formats/breakpad/cfiRules';
import type { BreakpadSymbols } from '../../formats/breakpad/symFile';
import type { FrameUnwinder, UnwindRequest, UnwindResult } from '../stackwalk/unwinder';
import { calleeSavedOf, readWord } from './memoryWords';

/** Register names as STACK CFI writes them: "$rsp" on x86/amd64, "sp"/"x29" on ARM. */
const CFI_NAMES: Record<string, { to(r: string): string; from(n: string): string | undefined; ip: string; sp: string; bits: 32 | 64 }> = {
  x86: { to: (r) => '$' + r, from: (n) => (n.startsWith('$') ? n.slice(1) : undefined), ip: 'eip', sp: 'esp', bits: 32 },
  amd64: { to: (r) => '$' + r, from: (n) => (n.startsWith('$') ? n.slice(1) : undefined), ip: 'rip', sp: 'rsp', bits: 64 },
  arm64: { to: (r) => r, from: (n) => n, ip: 'pc', sp: 'sp', bits: 64 },
};

/**
 * Breakpad STACK CFI: the rules in effect at the frame's address give the
 * CFA and the caller's registers. Caller frames are looked up one byte
 * before the return address (inside the call), as Breakpad does.
 */
export class BreakpadCfiUnwinder implements FrameUnwinder {
  constructor(private readonly symbolsFor: (m: DumpModule) => BreakpadSymbols | undefined) {}

  unwind(req: UnwindRequest): UnwindResult | undefined {
    const names = CFI_NAMES[req.arch];
    const sym = this.symbolsFor(req.module);
    if (!names || !sym || sym.cfi.length === 0) return undefined;
    const rva = req.isContextFrame ? req.rva : req.rva - 1;
    const rules = sym.cfiRules(rva);
    if (!rules) return undefined;
    const word = names.bits === 32 ? 4 : 8;
    const r = applyCfi(rules, req.regs, (a) => readWord(req.memory, a, word), names.bits, names.to, names.from);
    if (!r) return undefined;
    // Registers the rules recover, plus callee-saved ones carried through; scratch registers are unknown.
    const regs: Record<string, bigint> = { ...calleeSavedOf(req.arch, req.regs) };
    for (const [k, v] of Object.entries(r.regs)) if (v !== req.regs[k]) regs[k] = v;
    regs[names.ip] = r.ra;
    regs[names.sp] = r.cfa;
    return { regs, trust: 'cfi' };
  }
}
