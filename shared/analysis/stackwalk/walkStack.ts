/**
 * The stack walker: the context frame, then for each caller the unwind-data
 * unwinders (H4's .pdata / STACK CFI / STACK WIN, through the seam in
 * unwinder.ts), then frame pointers, then stack scanning — rust-minidump's
 * order — with its progress guards: the stack pointer must grow, an
 * instruction pointer below 4096 ends the walk, and a frame cap.
 */
import { isDumpDeskError } from '../../errors';
import type { MemoryReader, RegisterContext } from '../../dump/types';
import { archRegs } from './archRegs';
import { unwindByFramePointer } from './framePointer';
import { belowTrapFrame, type UserTrapFrame, userFrameAfter } from './kernelTrapFrame';
import type { ModuleMap } from './moduleMap';
import { isCodeOffset, unwindByScan } from './stackScan';
import type { FrameUnwinder } from './unwinder';
import type { WalkContext, WalkedFrame } from './walkContext';

/** Breakpad's default cap; deep recursion (stack overflows) is cut here. */
export const MAX_FRAMES = 1024;

/** Addresses below one page are sentinels ("end of stack"), never code. */
const MIN_CODE_ADDRESS = 4096n;

export interface WalkOptions {
  memory: MemoryReader;
  modules: ModuleMap;
  unwinders?: readonly FrameUnwinder[];
  maxFrames?: number;
  /** x64 kernel dumps: the thread's user-mode trap frame (kernelTrapFrame.ts); the walk crosses into user mode there. */
  trapFrame?: UserTrapFrame;
}

export function walkStack(context: RegisterContext, opts: WalkOptions): WalkedFrame[] {
  const regs = archRegs(context.arch);
  const first: WalkedFrame = {
    ip: context.ip,
    sp: context.sp,
    regs: { ...context.regs },
    trust: 'context',
    module: opts.modules.find(context.ip),
  };
  const frames = [first];
  if (!regs) return frames; // an architecture we cannot unwind: the context frame is all we know
  first.regs[regs.ip] ??= context.ip;
  first.regs[regs.sp] ??= context.sp;
  if (context.fp !== undefined) first.regs[regs.fp] ??= context.fp;

  const ctx: WalkContext = { arch: context.arch, regs, memory: opts.memory, modules: opts.modules };
  const max = opts.maxFrames ?? MAX_FRAMES;
  // The trap frame counts only for a walk that starts on its stack, below it.
  let trap = opts.trapFrame && belowTrapFrame(context.sp, opts.trapFrame) ? opts.trapFrame : undefined;
  while (frames.length < max) {
    const callee = frames[frames.length - 1]!;
    let caller = nextFrame(callee, ctx, opts.unwinders ?? []);
    const user = trap && userFrameAfter(callee, caller, trap, opts.modules);
    if (user) [caller, trap] = [user, undefined];
    if (!caller) break;
    frames.push(caller);
  }
  return frames;
}

/** The caller of `callee`, or undefined when the walk ends here. */
function nextFrame(callee: WalkedFrame, ctx: WalkContext, unwinders: readonly FrameUnwinder[]): WalkedFrame | undefined {
  const r = ctx.regs;
  // 1. Unwind data. Its answer is trusted: an ip below one page means the stack ends.
  if (callee.module) {
    for (const u of unwinders) {
      const res = tryUnwinder(u, callee, ctx);
      if (!res) continue;
      const ip = res.regs[r.ip];
      const sp = res.regs[r.sp];
      if (ip === undefined || sp === undefined) continue;
      if (ip < MIN_CODE_ADDRESS || sp <= callee.sp) return undefined;
      return { ip, sp, regs: res.regs, trust: res.trust, module: ctx.modules.find(ip) };
    }
  }
  // 2. Frame pointer, then 3. scanning. On amd64 the order flips: MSVC's x64 code does not keep
  // rbp as a frame pointer (unwinding there is .pdata's job), so rbp usually belongs to some
  // ancestor and following it skips frames — in zuohuiyang_electron.dmp it jumps from frame 0
  // straight to Breakpad's frame 9. Breakpad scans there too; the frame pointer is a last resort.
  if (ctx.arch === 'amd64') return byScan(callee, ctx) ?? byFramePointer(callee, ctx);
  const fp = unwindByFramePointer(callee, ctx);
  // x86 threads start with ebp = 0 / return address 0: the end of the chain.
  if (fp && ctx.arch === 'x86' && fp.ip === 0n) return undefined;
  return (fp && acceptable(fp, callee) ? fp : undefined) ?? byScan(callee, ctx);
}

function byFramePointer(callee: WalkedFrame, ctx: WalkContext): WalkedFrame | undefined {
  const f = unwindByFramePointer(callee, ctx);
  return f && acceptable(f, callee) ? f : undefined;
}

function byScan(callee: WalkedFrame, ctx: WalkContext): WalkedFrame | undefined {
  const f = unwindByScan(callee, ctx);
  return f && f.sp > callee.sp ? f : undefined;
}

/** A recovered caller must return into code inside a module, on a higher stack address. */
function acceptable(caller: WalkedFrame, callee: WalkedFrame): boolean {
  return caller.module !== undefined && isCodeOffset(caller) && caller.sp > callee.sp;
}

/** Unwinders read module data that may be corrupt: their format errors mean "no data here", not a failed analysis. */
function tryUnwinder(u: FrameUnwinder, callee: WalkedFrame, ctx: WalkContext) {
  const module = callee.module!;
  try {
    return u.unwind({
      arch: ctx.arch,
      regs: callee.regs,
      module,
      rva: Number(callee.ip - module.base),
      isContextFrame: callee.trust === 'context',
      memory: ctx.memory,
    });
  } catch (e) {
    if (isDumpDeskError(e)) return undefined;
    throw e;
  }
}
