/**
 * Stack scanning, the last resort: walk up the stack from the callee's sp
 * and take the first word that points into a module and, where the code
 * bytes are in the dump, follows a call instruction. Breakpad and
 * rust-minidump search 40 words, four times as many right after the context
 * frame (a leaf function may have pushed more before crashing).
 */
import { precededByCall } from './callSite';
import { type WalkContext, type WalkedFrame, readPointer } from './walkContext';

export const SCAN_WORDS = 40;

/**
 * The first page of an image holds its PE headers, never code: a value there
 * (typically the module base itself, an HMODULE left on the stack) is data.
 */
export const FIRST_CODE_RVA = 0x1000n;

export function isCodeOffset(frame: WalkedFrame): boolean {
  return frame.module !== undefined && frame.ip - frame.module.base >= FIRST_CODE_RVA;
}
export const SCAN_WORDS_CONTEXT = SCAN_WORDS * 4;

export function unwindByScan(callee: WalkedFrame, ctx: WalkContext): WalkedFrame | undefined {
  const r = ctx.regs;
  const size = BigInt(r.ptrSize);
  const words = callee.trust === 'context' ? SCAN_WORDS_CONTEXT : SCAN_WORDS;
  for (let i = 0; i < words; i++) {
    const slot = callee.sp + BigInt(i) * size;
    const value = readPointer(ctx.memory, slot, r.ptrSize);
    if (value === undefined) return undefined; // ran off the captured stack
    const module = ctx.modules.find(value);
    if (!module || value - module.base < FIRST_CODE_RVA) continue;
    if (precededByCall(ctx.memory, value, ctx.arch) === 'not-call') continue;

    const sp = slot + size; // the call pushed the return address; the caller's sp is just above it
    const regs: Record<string, bigint> = { [r.ip]: value, [r.sp]: sp };
    const calleeFp = callee.regs[r.fp];
    if (r.lr) {
      // arm64: the link register was saved somewhere below; the caller's x29 is unknown unless kept.
      if (calleeFp !== undefined) regs[r.fp] = calleeFp;
    } else if (calleeFp !== undefined && calleeFp === slot - size) {
      // The callee pushed its caller's frame pointer right below the return address (push ebp; mov ebp, esp).
      const saved = readPointer(ctx.memory, calleeFp, r.ptrSize);
      if (saved !== undefined) regs[r.fp] = saved;
    } else if (calleeFp !== undefined) {
      regs[r.fp] = calleeFp; // callee-saved: unchanged unless the callee used it
    }
    return { ip: value, sp, regs, trust: 'scan', module };
  }
  return undefined;
}
