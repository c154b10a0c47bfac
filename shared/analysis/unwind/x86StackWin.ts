import type { DumpModule } from '../../dump/types';
import { runPostfix } from '../../formats/breakpad/postfix';
import type { BpStackWin, BreakpadSymbols } from '../../formats/breakpad/symFile';
import type { FrameUnwinder, UnwindRequest, UnwindResult } from '../stackwalk/unwinder';
import { readWord } from './memoryWords';

/** Caller frames remembered for .cbCalleeParams; walks are sequential, a few entries suffice. */
const MAX_REMEMBERED = 64;

/** How far Breakpad scans for a return address after a program string misses (words). */
const RA_SCAN_WORDS = 40;
/** .raSearchStart may sit below a quadword-aligned return address: look this many words up. */
const RA_ALIGN_WORDS = 3;

/**
 * x86 STACK WIN (FPO type 0 and frame data type 4), the way Breakpad's
 * StackwalkerX86::GetCallerByWindowsFrameInfo walks it: the program string
 * (or a stock one for FPO records) runs in the postfix machine with
 * $esp/$ebp, .raSearchStart, .cbParams, .cbSavedRegs, .cbLocals and
 * .cbCalleeParams; a return address that is not code is searched for a few
 * words higher, and a lost %ebp is looked for in the saved-register area.
 */
export class X86StackWinUnwinder implements FrameUnwinder {
  /**
   * Breakpad's .cbCalleeParams: the parameter size of the function a frame
   * was unwound out of. Keyed by the caller frame we returned (eip:esp), so
   * the next request — for that very frame — finds it; nothing is added to the
   * frame's registers.
   */
  private readonly calleeParams = new Map<string, bigint>();

  constructor(
    private readonly symbolsFor: (m: DumpModule) => BreakpadSymbols | undefined,
    /** True when `address` is inside a loaded module (a plausible return address). */
    private readonly isCode: (address: bigint) => boolean,
  ) {}

  unwind(req: UnwindRequest): UnwindResult | undefined {
    if (req.arch !== 'x86') return undefined;
    const sym = this.symbolsFor(req.module);
    const info = sym?.stackWinAt(req.isContextFrame ? req.rva : req.rva - 1);
    if (!info) return undefined;
    const esp = req.regs.esp;
    const ebp = req.regs.ebp;
    if (esp === undefined || ebp === undefined) return undefined;
    const deref = (a: bigint) => readWord(req.memory, a, 4);
    const calleeParams = req.isContextFrame ? 0n : (this.calleeParams.get(frameKey(req.regs.eip, esp)) ?? 0n);

    let raSearchStart = (esp + calleeParams + BigInt(info.localSize) + BigInt(info.savedRegSize)) & 0xffffffffn;
    const aligned = this.scan(raSearchStart, RA_ALIGN_WORDS, deref);
    if (aligned) raSearchStart = aligned.location;

    const vars = new Map<string, bigint>([
      ['$ebp', ebp], ['$esp', esp],
      ['.cbCalleeParams', calleeParams], ['.cbSavedRegs', BigInt(info.savedRegSize)], ['.cbLocals', BigInt(info.localSize)],
      ['.raSearchStart', raSearchStart], ['.raSearch', raSearchStart], ['.cbParams', BigInt(info.paramSize)],
    ]);
    for (const r of ['ebx', 'esi', 'edi']) if (req.regs[r] !== undefined) vars.set('$' + r, req.regs[r]!);
    const { program, recoverEbp } = programFor(info);
    const ok = runPostfix(program, { vars, deref, bits: 32 }) !== null && vars.has('$eip') && vars.get('$esp') !== esp;
    if (!ok) return undefined; // the walker falls back to frame pointers and scanning

    let trust: UnwindResult['trust'] = 'cfi';
    let offset = 0n;
    let eip = vars.get('$eip')!;
    let newEbp = vars.get('$ebp')!;
    if (eip !== 0n || newEbp !== 0n) {
      if (!this.isCode(eip)) {
        // The return address the program found is not code: look a little higher, as Breakpad does.
        const start = raSearchStart + 4n;
        const hit = this.scan(start, RA_SCAN_WORDS, deref);
        if (hit) {
          eip = hit.value;
          vars.set('$eip', eip);
          vars.set('$esp', hit.location + 4n);
          offset = hit.location - start;
          trust = 'scan';
        }
      }
      if (recoverEbp && deref(newEbp) === undefined) {
        // Look for a saved %ebp that points at readable memory, top of the saved-register area down.
        const end = esp + calleeParams;
        for (let loc = end + BigInt(info.savedRegSize) + offset; loc >= end; loc -= 4n) {
          const v = deref(loc);
          if (v === undefined) break;
          if (deref(v) !== undefined) { newEbp = v; break; }
        }
      }
    }
    const regs: Record<string, bigint> = { eip: vars.get('$eip')!, esp: vars.get('$esp')!, ebp: newEbp };
    if (this.calleeParams.size >= MAX_REMEMBERED) this.calleeParams.delete(this.calleeParams.keys().next().value!);
    this.calleeParams.set(frameKey(regs.eip, regs.esp), BigInt(info.paramSize));
    for (const r of ['ebx', 'esi', 'edi']) {
      const v = vars.get('$' + r);
      if (v !== undefined) regs[r] = v;
    }
    return { regs, trust };
  }

  /** First word in [start, start + words*4] that is a code address. */
  private scan(start: bigint, words: number, deref: (a: bigint) => bigint | undefined): { location: bigint; value: bigint } | undefined {
    for (let i = 0; i <= words; i++) {
      const loc = start + BigInt(i * 4);
      const v = deref(loc);
      if (v === undefined) return undefined;
      if (this.isCode(v)) return { location: loc, value: v };
    }
    return undefined;
  }
}

function frameKey(eip: bigint | undefined, esp: bigint | undefined): string {
  return `${eip ?? '?'}:${esp ?? '?'}`;
}

/** The record's own program string, or Breakpad's stock programs for FPO records without one. */
function programFor(info: BpStackWin): { program: string; recoverEbp: boolean } {
  if (info.program !== undefined) return { program: info.program, recoverEbp: true };
  if (info.allocatesBasePointer) {
    return { program: '$eip .raSearchStart ^ = $ebp $esp .cbCalleeParams + .cbSavedRegs + 8 - ^ = $esp .raSearchStart 4 + =', recoverEbp: true };
  }
  return { program: '$eip .raSearchStart ^ = $esp .raSearchStart 4 + =', recoverEbp: false };
}
