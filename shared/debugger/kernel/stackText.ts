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
    const home = x64 ? frames[i + 1]?.sp ?? f.sp + 8n : base + 8n;
    const slots = [0n, 1n, 2n, 3n].slice(0, x64 ? 4 : 3).map((k) => s.readPointer(home + k * BigInt(s.pointerSize)));
    const args = slots.map((v) => (v === undefined ? (x64 ? '????????`????????' : '????????') : ptr(v, x64))).join(' ');
    out.link(ptr(base, x64), 'address', `0x${base.toString(16)}`).text(' ').text(ptr(ret, x64));
    out.text(x64 ? `     : ${args} : ` : ` ${args} `);
    const sym = s.symbolize(f.ip);
    if (sym.module) out.link(sym.text, 'symbol', `0x${f.ip.toString(16)}`).line();
    else out.link(`0x${ptr(f.ip, x64)}`, 'address', `0x${f.ip.toString(16)}`).line();
  });
}
