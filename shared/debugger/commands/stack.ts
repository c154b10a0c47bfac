import type { RegisterContext } from '../../dump/types';
import { defineCommand } from '../command';
import { ExpressionParser } from '../expression/evaluator';
import { CommandError } from '../errors';
import { ptr } from '../format';
import { argsToChild, trapFrameNote } from '../kernel/stackText';
import type { DebugSession, StackFrame } from '../session';

/** Frames `k` shows when no count is given (WinDbg's default .kframes). */
const DEFAULT_FRAMES = 0x100;

/** The walked stack of the current scope: the provider's frames, or just the context frame. */
export function currentStack(s: DebugSession): { frames: StackFrame[]; walked: boolean; context: RegisterContext } {
  const c = s.registers();
  if (!c) throw new CommandError('Unable to get current thread context: the dump holds no registers for this thread');
  return walkFrom(s, c);
}

function walkFrom(s: DebugSession, c: RegisterContext): { frames: StackFrame[]; walked: boolean; context: RegisterContext } {
  if (!s.stacks) return { frames: [{ ip: c.ip, sp: c.sp, fp: c.fp, trust: 'context' }], walked: false, context: c };
  return { frames: s.stacks.walk(s.dump, c), walked: true, context: c };
}

/** Where `k = …` starts: the values given after '='; undefined ones come from the current registers. */
export interface KStart {
  fp?: bigint;
  sp?: bigint;
  ip?: bigint;
}

interface KOptions {
  args: boolean;
  numbers: boolean;
  callSiteOnly: boolean;
  /** `kv`: "(TrapFrame @ …)" after the frame that returns into user mode through a trap frame. */
  trapNotes: boolean;
  count: number;
  start?: KStart;
}

function frameCount(text: string, n: bigint): number {
  const c = Number(n);
  if (!(c > 0 && c <= 0xffff)) throw new CommandError(`Frame count ${text} is out of range (1..0xffff)`);
  return c;
}

/**
 * The values after `k =`, as WinDbg reads them (debugger docs, "k, kb, kc, kd, kp, kP, kv"):
 * x86 `= BasePtr [FrameCount]` (kernel mode: `= StackPtr FrameCount`) and
 * `= BasePtr StackPtr InstructionPtr [FrameCount]`; x64 `= StackPtr FrameCount` and
 * `= StackPtr InstructionPtr FrameCount`. What is not given (esp/eip for `= BasePtr`, rip for
 * `= StackPtr`) comes from the registers.
 */
export function parseKStart(args: string, x64: boolean, parser: (text: string) => { parse(pos: number): { value: bigint; end: number } }, kernel = false): { start: KStart; count?: number } {
  const eq = args.indexOf('=');
  const text = args.slice(eq + 1);
  const values: { value: bigint; text: string }[] = [];
  let pos = 0;
  while (text.slice(pos).trim()) {
    if (values.length === 4) throw new CommandError(`Syntax error at '${text.slice(pos).trim()}'`);
    const { value, end } = parser(text).parse(pos);
    values.push({ value, text: text.slice(pos, end).trim() });
    pos = end;
  }
  if (!values.length) throw new CommandError("Syntax error at ' '");
  const v = values.map((x) => x.value);
  const count = (i: number): number | undefined => (values[i] ? frameCount(values[i]!.text, v[i]!) : undefined);
  if (x64) {
    if (values.length === 4) throw new CommandError(`Syntax error at '${values[3]!.text}'`);
    if (values.length === 3) return { start: { sp: v[0], ip: v[1] }, count: count(2) };
    return { start: { sp: v[0] }, count: count(1) };
  }
  if (values.length === 3 || values.length === 4) return { start: { fp: v[0], sp: v[1], ip: v[2] }, count: count(3) };
  return { start: kernel && values.length === 2 ? { sp: v[0] } : { fp: v[0] }, count: count(1) };
}

function parseK(glued: string, args: string, evaluate: (e: string) => bigint, x64: boolean, parser: (text: string) => { parse(pos: number): { value: bigint; end: number } }, kernel: boolean): KOptions {
  const o: KOptions = { args: false, numbers: true, callSiteOnly: false, trapNotes: glued.includes('v'), count: DEFAULT_FRAMES };
  for (const c of glued) {
    if (c === 'b' || c === 'v' || c === 'p' || c === 'P') o.args = true;
    else if (c === 'n') o.numbers = true;
    else if (c === 'c') o.callSiteOnly = true;
    else if (c === 'L' || c === 'f' || c === 'd' || c === 'M') continue; // source lines / distances / DML: nothing to change here
    else throw new CommandError(`Syntax error in 'k${glued}'`);
  }
  const a = args.trim();
  if (a.startsWith('=')) {
    const { start, count } = parseKStart(a, x64, parser, kernel);
    o.start = start;
    if (count !== undefined) o.count = count;
  } else if (a) {
    o.count = frameCount(a, evaluate(a));
  }
  return o;
}

/** The current registers with the frame `k =` names put in: the walk starts there. */
function startContext(c: RegisterContext, start: KStart, x64: boolean): RegisterContext {
  const ip = start.ip ?? c.ip;
  const sp = start.sp ?? c.sp;
  const fp = start.fp ?? c.fp;
  const regs: Record<string, bigint> = { ...c.regs, ...(x64 ? { rip: ip, rsp: sp } : { eip: ip, esp: sp }) };
  if (fp !== undefined) regs[x64 ? 'rbp' : 'ebp'] = fp;
  return { ...c, regs, ip, sp, fp };
}

export const k = defineCommand({
  name: 'k',
  gluedOptions: true,
  family: 'Threads and stacks',
  syntax: 'k[b|v|p|n|c|L] [FrameCount]',
  summary: 'show the call stack of the current thread (or the .ecxr/.cxr scope)',
  help: [
    '  k    frames with Child-SP/ChildEBP, return address and call site',
    '  kb   also the first arguments (x86: 3 dwords above ChildEBP; x64: the 4 home slots)',
    '  kv   as kb',
    '  kp   as kb (parameter names need PDB types)',
    '  kn   frame numbers (always shown, as in current WinDbg)',
    '  kc   call sites only',
    '  k = BasePtr StackPtr InstructionPtr [FrameCount]   (x86) walk from the frame given, not the context',
    '  k = StackPtr [InstructionPtr] FrameCount           (x64) omitted values come from the registers',
    'Examples: k, kb 5, ~*k, .ecxr; kv, k = 0012ff70 0012fe90 00404200, k = @rsp @rip 5',
  ].join('\n'),
  run({ session: s, out, glued, args, evaluate }) {
    const o = parseK(glued, args, evaluate, s.is64, (text) => new ExpressionParser(s, text), s.dump.format === 'kernel');
    const c = s.registers();
    if (!c) throw new CommandError('Unable to get current thread context: the dump holds no registers for this thread');
    const { frames, walked } = walkFrom(s, o.start ? startContext(c, o.start, s.is64) : c);
    const shown = frames.slice(0, o.count);
    const x64 = s.is64;
    if (o.callSiteOnly) {
      out.line(' # Call Site');
      shown.forEach((f, i) => {
        const sym = s.symbolize(f.ip);
        out.text(`${i.toString(16).padStart(2, '0')} `).link(sym.module ? sym.text : ptr(f.ip, x64), 'symbol', `0x${f.ip.toString(16)}`).line();
      });
    } else {
      const spHead = x64 ? 'Child-SP         ' : 'ChildEBP';
      const retHead = x64 ? 'RetAddr              ' : 'RetAddr ';
      const argHead = o.args ? (x64 ? ' : Args to Child                                                           :' : ' Args to Child              ') : '';
      out.line(`# ${spHead} ${retHead}${argHead} Call Site`.replace(/ +$/, ''));
      shown.forEach((f, i) => {
        const ret = frames[i + 1]?.ip ?? 0n;
        // x86 shows the frame's ebp (ChildEBP) where known; x64 the stack pointer.
        const base = x64 ? f.sp : f.fp ?? f.sp;
        out.text(`${i.toString(16).padStart(2, '0')} `).link(ptr(base, x64), 'address', `0x${base.toString(16)}`).text(' ').text(ptr(ret, x64)).text(x64 ? '     ' : ' ');
        if (o.args) {
          const text = argsToChild(s, frames, i); // kernel/stackText.ts: x64 home slots, x86 dwords above ChildEBP
          out.text(x64 ? `: ${text} : ` : `${text} `);
        }
        const sym = s.symbolize(f.ip);
        out.link(sym.module ? sym.text : `0x${ptr(f.ip, x64)}`, 'symbol', `0x${f.ip.toString(16)}`);
        out.text(o.trapNotes ? trapFrameNote(s, frames, i) : '').line();
      });
    }
    if (!walked) out.line('(stack walking is not available in this session: only the context frame is shown)');
  },
});

export const frame = defineCommand({
  name: '.frame',
  family: 'Threads and stacks',
  syntax: '.frame [FrameNumber]',
  summary: 'show a frame of the current stack',
  help: 'Frame numbers are hex, as k prints them. Example: .frame 2',
  run({ session: s, out, args, evaluate }) {
    const { frames } = currentStack(s);
    const n = args.trim() ? Number(evaluate(args.trim())) : 0;
    const f = frames[n];
    if (!f) throw new CommandError(`Frame ${n.toString(16)} is out of range: the stack has ${frames.length} frame(s)`);
    const sym = s.symbolize(f.ip);
    // The same columns as the frame's line in `k`.
    out.line(`${n.toString(16).padStart(2, '0')} ${ptr(s.is64 ? f.sp : f.fp ?? f.sp, s.is64)} ${ptr(frames[n + 1]?.ip ?? 0n, s.is64)}${s.is64 ? '     ' : ' '}${sym.module ? sym.text : `0x${ptr(f.ip, s.is64)}`}`);
  },
});
