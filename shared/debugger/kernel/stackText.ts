import { belowTrapFrame, findUserTrapFrame } from '../../analysis/stackwalk/kernelTrapFrame';
import type { OutputBuilder } from '../output';
import type { DebugSession, StackFrame } from '../session';
import { ptr } from '../format';

/**
 * A stack in the form `!thread` and `!analyze`'s STACK_TEXT print it: the `kv`
 * columns without frame numbers (083125-14875-01.windbg.thread.txt). x64
 * arguments are the four home slots at the caller's Child-SP, as `kv` reads them.
 */
export function printStackText(s: DebugSession, out: OutputBuilder, frames: readonly StackFrame[]): void {
  const x64 = s.is64;
  out.line(x64
    ? 'Child-SP          RetAddr               : Args to Child                                                           : Call Site'
    : 'ChildEBP RetAddr  Args to Child              ');
  frames.forEach((f, i) => {
    const ret = frames[i + 1]?.ip ?? 0n;
    const base = x64 ? f.sp : f.fp ?? f.sp;
    const args = argsToChild(s, frames, i);
    out.link(ptr(base, x64), 'address', `0x${base.toString(16)}`).text(' ').text(ptr(ret, x64));
    out.text(x64 ? `     : ${args} : ` : ` ${args} `);
    const sym = s.symbolize(f.ip);
    if (sym.module) out.link(sym.text, 'symbol', `0x${f.ip.toString(16)}`);
    else out.link(`0x${ptr(f.ip, x64)}`, 'address', `0x${f.ip.toString(16)}`);
    out.text(trapFrameNote(s, frames, i)).line();
  });
}

/**
 * The "Args to Child" column of frame `i`. x64: the four home slots the caller
 * reserved for this frame's arguments, which start at the caller's Child-SP
 * (083125-14875-01.windbg.kv.txt: frame 1's args are at frame 2's Child-SP);
 * slots the dump does not hold print as zeros, as WinDbg prints them (same file:
 * frame 2's home slots are on the user stack at frame 3's Child-SP
 * 0000007d`488fe9b8, which the small dump lacks, and read 00000000`00000000).
 * x86: the three dwords above ChildEBP, `????????` where absent.
 */
export function argsToChild(s: DebugSession, frames: readonly StackFrame[], i: number): string {
  const x64 = s.is64;
  const f = frames[i]!;
  const home = x64 ? frames[i + 1]?.sp ?? f.sp + 8n : (f.fp ?? f.sp) + 8n;
  const slots = [0n, 1n, 2n, 3n].slice(0, x64 ? 4 : 3).map((k) => s.readPointer(home + k * BigInt(s.pointerSize)));
  return slots.map((v) => (v === undefined ? (x64 ? ptr(0n, true) : '????????') : ptr(v, x64))).join(' ');
}

/**
 * ` (TrapFrame @ ffffa704`eeb6be40)` after the kernel frame whose caller is the
 * user-mode frame the walk took from the thread's trap frame (kernelTrapFrame.ts),
 * as WinDbg's `kv` and `!thread` print it; '' for every other frame.
 */
export function trapFrameNote(s: DebugSession, frames: readonly StackFrame[], i: number): string {
  const next = frames[i + 1];
  if (!next || !s.is64) return '';
  const trap = findUserTrapFrame(s.dump);
  if (!trap || next.ip !== trap.rip || next.sp !== trap.rsp || !belowTrapFrame(frames[i]!.sp, trap)) return '';
  return ` (TrapFrame @ ${ptr(trap.address, true)})`;
}
