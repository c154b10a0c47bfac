import type { CpuArch, RegisterContext } from '../../dump/types';
import type { StackFrame } from '../session';
import type { KernelTarget } from './target';

/**
 * Where a thread that is not running stopped: KTHREAD.KernelStack, saved by the
 * context switch, points at the switch frame the switch code pushed. Its
 * return address is the first frame of the thread's stack; the frame's end is
 * that frame's stack pointer.
 *
 * x64 _KSWITCH_FRAME (0x40 bytes; public amd64 ketypes/ntosp layouts, as ReactOS
 * ndk/amd64/ketypes.h and the WRK-era ntamd64.h give it): P1Home..P5Home
 * +0x00..+0x27, MxCsr/ApcBypass +0x28, Rbp +0x30, Return +0x38. WinDbg's
 * first Child-SP for such a thread is KernelStack + 0x40 (nt!KiSwapContext+…).
 *
 * arm64 _KSWITCH_FRAME (0x20 bytes; public arm64 ntoskrnl layout dumps):
 * ApcBypass +0x00, Tpidr +0x08, Fp +0x10, Return +0x18.
 *
 * x86 (no _KSWITCH_FRAME type in the symbols; ReactOS's KSWITCHFRAME follows
 * the XP-era SwapContext): ExceptionList +0x0, ApcBypassDisable +0x4, RetAddr
 * +0x8 (into nt!KiSwapContext). KiSwapContext keeps no frame pointer: it saved
 * ebp, edi, esi, ebx in 0x10 bytes just above (+0xc..+0x1b), then comes its own
 * return address (+0x1c, into KiSwapThread). WinDbg's x86 !thread shows that frame
 * as "ChildEBP Current+0x18, nt!KiSwapContext+0x26" (Windows Server 2003 output in
 * dumpanalysis.org "Crash Dump Analysis Patterns (Part 123)"; Windows 7 x86 shows the
 * same +0x26), so the walk goes on from +0x1c with the saved ebp, and does not skip
 * KiSwapThread by following ebp from KiSwapContext.
 */
interface SwitchFrameLayout {
  size: number;
  ret: number;
  fp: number;
  names: { ip: string; sp: string; fp: string };
}

const LAYOUTS: Partial<Record<CpuArch, SwitchFrameLayout>> = {
  amd64: { size: 0x40, ret: 0x38, fp: 0x30, names: { ip: 'rip', sp: 'rsp', fp: 'rbp' } },
  arm64: { size: 0x20, ret: 0x18, fp: 0x10, names: { ip: 'pc', sp: 'sp', fp: 'x29' } },
  x86: { size: 0xc, ret: 0x8, fp: 0xc, names: { ip: 'eip', sp: 'esp', fp: 'ebp' } },
};

/** True when DumpDesk knows the switch frame of this architecture. */
export function hasSwitchFrame(arch: CpuArch): boolean {
  return LAYOUTS[arch] !== undefined;
}

/** x86: KiSwapContext's saved registers (0x10 bytes) sit above the switch frame, then its return address. */
const X86_SWAP_CONTEXT_RET = 0x1c;
/** x86: where WinDbg puts KiSwapContext's ChildEBP (just below its return address). */
const X86_SWAP_CONTEXT_EBP = 0x18;

/**
 * Where the stack walk of a switched-out thread starts: frames taken straight from
 * the switch (`lead`, x86's KiSwapContext) and the registers the walker goes on from.
 * Undefined when the dump lacks the switch frame.
 */
export function switchFrameStart(t: KernelTarget, kernelStack: bigint): { lead: StackFrame[]; context?: RegisterContext } | undefined {
  const context = switchFrameContext(t, kernelStack);
  if (!context || context.arch !== 'x86') return context ? { lead: [], context } : undefined;
  const lead: StackFrame[] = [{ ip: context.ip, sp: context.sp, fp: kernelStack + BigInt(X86_SWAP_CONTEXT_EBP), trust: 'context' }];
  const ip = t.readPointer(kernelStack + BigInt(X86_SWAP_CONTEXT_RET));
  if (ip === undefined) return { lead };
  const sp = kernelStack + BigInt(X86_SWAP_CONTEXT_RET + 4);
  const regs: Record<string, bigint> = { eip: ip, esp: sp };
  if (context.fp !== undefined) regs.ebp = context.fp;
  return { lead, context: { arch: 'x86', regs, order: Object.keys(regs), ip, sp, fp: context.fp } };
}

/**
 * The registers at the switch frame at `kernelStack` (its return address and saved
 * frame pointer); undefined when the dump lacks that memory.
 */
export function switchFrameContext(t: KernelTarget, kernelStack: bigint): RegisterContext | undefined {
  const arch = t.dump.arch;
  const l = LAYOUTS[arch];
  if (!l) return undefined;
  const ip = t.readPointer(kernelStack + BigInt(l.ret));
  const fp = t.readPointer(kernelStack + BigInt(l.fp));
  if (ip === undefined) return undefined;
  // The return address is popped by the switch's `ret`: the caller's stack pointer is just past the frame.
  const sp = kernelStack + BigInt(l.size);
  const regs: Record<string, bigint> = { [l.names.ip]: ip, [l.names.sp]: sp };
  if (fp !== undefined) regs[l.names.fp] = fp;
  return { arch, regs, order: [l.names.ip, l.names.sp, l.names.fp].filter((n) => n in regs), ip, sp, fp };
}
