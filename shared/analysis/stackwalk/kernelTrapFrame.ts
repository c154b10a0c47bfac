/**
 * Kernel stacks that end in a system call: the thread's user-mode trap frame.
 *
 * WinDbg learns from nt's unwind data (UWOP_PUSH_MACHFRAME in KiSystemCall64's
 * and KiSystemServiceExit*'s .pdata) that the frame at the base of a kernel stack
 * holds a KTRAP_FRAME, and follows its Rip/Rsp into user mode. A small dump has
 * no nt .pdata, so we find that trap frame by where x64 puts it: on entry from
 * user mode (syscall, interrupt, exception) the processor or KiSystemCall64
 * switches to KPCR/TSS Rsp0 = KTHREAD.InitialStack and builds the _KTRAP_FRAME
 * right below it, so it is the 0x190 bytes ending at InitialStack. In
 * 083125-14875-01.dmp that is ffffa704`eeb6bfd0 - 0x190 = ffffa704`eeb6be40,
 * WinDbg's "(TrapFrame @ ffffa704`eeb6be40)", and KTHREAD.TrapFrame
 * (_KTHREAD +0x90 in ntdiff Win10_2004_20H1/x64/System32/ntoskrnl.exe) holds the
 * same address. InitialStack's offset comes from the dump's KDDEBUGGER_DATA64, so
 * no per-build table is needed.
 *
 * Nothing read here is trusted: the frame is used only when it says it was
 * entered from user mode (SegCs and SegSs with RPL 3, Rip and Rsp below the
 * user-mode limit), and the walk uses it only on the same stack, below it.
 *
 * x86 is left alone: its KTRAP_FRAME sits below a build-dependent NPX save area
 * (not at a fixed distance from InitialStack), so there is no sound rule without
 * nt's symbols.
 */
import type { Dump, MemoryReader } from '../../dump/types';
import { uintLE } from '../../formats/common/littleEndian';
import { isKernelDump } from '../../formats/kernel/kernelDump';
import type { ModuleMap } from './moduleMap';
import type { WalkedFrame } from './walkContext';

/** sizeof(_KTRAP_FRAME) on x64 (ntdiff Win10_2004_20H1/x64/System32/ntoskrnl.exe: size 0x0190; the same since Windows 7). */
export const KTRAP_FRAME_SIZE_X64 = 0x190n;

/** _KTRAP_FRAME (x64) fields read here, from ntdiff Win10_2004_20H1/x64/System32/ntoskrnl.exe. */
const TF = {
  rbp: 0x158, // _KTRAP_FRAME.Rbp
  rip: 0x168, // _KTRAP_FRAME.Rip
  segCs: 0x170, // _KTRAP_FRAME.SegCs (USHORT)
  rsp: 0x180, // _KTRAP_FRAME.Rsp
  segSs: 0x188, // _KTRAP_FRAME.SegSs (USHORT)
} as const;
/** The part of the frame read: Rbp through SegSs. */
const READ_FROM = TF.rbp;
const READ_SIZE = TF.segSs + 2 - TF.rbp;

/** x64 user-mode addresses are below 0x0000_8000_0000_0000 (canonical lower half). */
export const USER_LIMIT_X64 = 0x800000000000n;
/** Kernel-mode addresses start at the canonical upper half. */
const KERNEL_START_X64 = 0xffff800000000000n;
/** A kernel stack is 24–72 KiB (currentThread.ts uses the same bound); a frame further below InitialStack is another stack. */
export const MAX_KERNEL_STACK = 0x20000n;

export interface UserTrapFrame {
  /** VA of the _KTRAP_FRAME: WinDbg's "(TrapFrame @ …)". */
  address: bigint;
  /** KTHREAD.InitialStack: the trap frame ends here. */
  initialStack: bigint;
  /**
   * The lowest stack address known to be this thread's: the bug-check context's
   * rsp (findUserTrapFrame), else InitialStack - MAX_KERNEL_STACK. Walks that
   * start below it (another thread's stack, a `k =` elsewhere) ignore the frame.
   */
  stackLow: bigint;
  /** The user-mode registers the trap saved. */
  rip: bigint;
  rsp: bigint;
  rbp: bigint;
}

/**
 * The user-mode trap frame ending at KTHREAD.InitialStack of the thread at
 * `kthread`, or undefined when the memory is absent or the frame does not say
 * it came from user mode.
 */
export function readUserTrapFrame(memory: MemoryReader, kthread: bigint, initialStackOffset: number): UserTrapFrame | undefined {
  const is = memory.read(kthread + BigInt(initialStackOffset), 8);
  if (!is || is.length < 8) return undefined;
  const initialStack = uintLE(is, 8);
  if (initialStack < KERNEL_START_X64 || (initialStack & 0xfn) !== 0n) return undefined;
  const address = initialStack - KTRAP_FRAME_SIZE_X64;
  const b = memory.read(address + BigInt(READ_FROM), READ_SIZE);
  if (!b || b.length < READ_SIZE) return undefined;
  const at = (off: number, size: 2 | 8): bigint => uintLE(b.subarray(off - READ_FROM, off - READ_FROM + size), size);
  const segCs = at(TF.segCs, 2);
  const segSs = at(TF.segSs, 2);
  const rip = at(TF.rip, 8);
  const rsp = at(TF.rsp, 8);
  // RPL 3 in both selectors: the trap came from user mode (KGDT64_R3_CODE 0x33 / KGDT64_R3_CMCODE 0x23, KGDT64_R3_DATA 0x2b).
  if ((segCs & 3n) !== 3n || (segSs & 3n) !== 3n) return undefined;
  if (rip < 0x1000n || rip >= USER_LIMIT_X64 || rsp === 0n || rsp >= USER_LIMIT_X64) return undefined;
  return { address, initialStack, stackLow: initialStack - MAX_KERNEL_STACK, rip, rsp, rbp: at(TF.rbp, 8) };
}

/**
 * The bug-checking thread's user-mode trap frame in an x64 kernel dump (its
 * KTHREAD is the thread's `teb`), when the bug-check context's rsp lies on that
 * thread's stack below the frame; the stack from that rsp up is the thread's own.
 */
export function findUserTrapFrame(dump: Dump): UserTrapFrame | undefined {
  if (!isKernelDump(dump) || dump.system().cpuArch !== 'amd64') return undefined;
  try {
    const offset = dump.debuggerData()?.offsets?.kthreadInitialStack;
    const thread = dump.threads()[dump.crashingThreadIndex() ?? 0];
    const sp = thread?.context?.sp;
    if (!offset || thread?.teb === undefined || sp === undefined) return undefined;
    const trap = readUserTrapFrame(dump.memory, thread.teb, offset);
    return trap && belowTrapFrame(sp, trap) ? { ...trap, stackLow: sp } : undefined;
  } catch {
    return undefined; // an unreadable thread or debugger-data block: no trap frame, today's walk
  }
}

/** True when `sp` lies on the trap frame's kernel stack, below the trap frame. */
export function belowTrapFrame(sp: bigint, trap: UserTrapFrame): boolean {
  return sp >= trap.stackLow && sp < trap.address;
}

/**
 * The user-mode frame that replaces `caller` when the step from `callee` reaches
 * the trap frame: `callee` is on the trap frame's stack below it, and the
 * caller found by unwinding or scanning would lie at or above the trap frame
 * (inside it: no kernel frame of this stack is there) or was not found at all.
 * Undefined when the walk goes on as before.
 */
export function userFrameAfter(callee: WalkedFrame, caller: WalkedFrame | undefined, trap: UserTrapFrame, modules: ModuleMap): WalkedFrame | undefined {
  if (!belowTrapFrame(callee.sp, trap)) return undefined;
  if (caller && caller.sp > callee.sp && caller.sp < trap.address) return undefined;
  return {
    ip: trap.rip,
    sp: trap.rsp,
    regs: { rip: trap.rip, rsp: trap.rsp, rbp: trap.rbp },
    trust: 'cfi',
    module: modules.find(trap.rip),
  };
}
