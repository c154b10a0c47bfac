import type { CpuArch, RegisterContext } from '../../dump/types';
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
 * +0x8; KiSwapContext saved ebp just above it (+0xc).
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

/**
 * The registers a stack walk of a switched-out thread starts from, read from
 * the switch frame at `kernelStack`; undefined when the dump lacks that memory.
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
