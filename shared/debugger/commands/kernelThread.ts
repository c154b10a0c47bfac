import { defineCommand } from '../command';
import { CommandError } from '../errors';
import { safe, type DebugSession, type StackFrame } from '../session';
import type { OutputBuilder } from '../output';
import { layoutHint, missingHint } from '../kernel/hints';
import { readKernelProcess } from '../kernel/process';
import { printStackText } from '../kernel/stackText';
import { processorContext } from '../kernel/savedStackPrcb';
import { hasSwitchFrame, switchFrameStart } from '../kernel/switchFrame';
import { kernelTarget, type KernelTarget } from '../kernel/target';
import { readKernelThread, THREAD_OBJECT_TYPE, THREAD_STATES, WAIT_REASONS, type KernelThread } from '../kernel/thread';
import { currentStack } from './stack';

/** KUSER_SHARED_DATA's kernel address (x64/ARM64; x86 maps it at 0xffdf0000) and its TickCount (+0x320, Vista+). */
function sharedDataAddress(t: KernelTarget): bigint {
  return t.is64 ? 0xfffff78000000000n : 0xffdf0000n;
}
const TICK_COUNT = 0x320n;
const KTHREAD_STATE_RUNNING = 2;
const KTHREAD_STATE_WAITING = 5;

/** "00:00:00.000" from 100-ns units. */
function hms(units: bigint): string {
  const ms = Number(units / 10000n);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(Math.floor(ms / 3600000))}:${p(Math.floor(ms / 60000) % 60)}:${p(Math.floor(ms / 1000) % 60)}.${p(ms % 1000, 3)}`;
}

/** nt!KeMaximumIncrement (100-ns units per clock tick), when symbols name it and memory holds it. */
function maximumIncrement(s: DebugSession): bigint | undefined {
  const nt = s.findModule('nt');
  const rva = nt && s.symbols?.findSymbol ? safe(() => s.symbols!.findSymbol!(nt.module, 'KeMaximumIncrement'), undefined) : undefined;
  if (!nt || rva === undefined) return undefined;
  const b = s.read(nt.start + BigInt(rva), 4);
  return b ? BigInt(b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) & 0xffffffffn : undefined;
}

function stateText(th: KernelThread): string {
  const word = th.state === undefined ? '' : THREAD_STATES[th.state] ?? `STATE ${th.state}`;
  if (th.state === KTHREAD_STATE_WAITING) {
    const reason = th.waitReason === undefined ? '?' : WAIT_REASONS[th.waitReason] ?? `${th.waitReason}`;
    const mode = th.waitMode === undefined ? '' : th.waitMode ? ' UserMode' : ' KernelMode';
    const alert = th.alertable === undefined ? '' : th.alertable ? ' Alertable' : ' Non-Alertable';
    return `WAIT: (${reason})${mode}${alert}`;
  }
  if ((th.state === 1 || th.state === 2 || th.state === 3) && th.nextProcessor !== undefined) return `${word} on processor ${th.nextProcessor.toString(16)}`;
  return word;
}

const pad = (s: string, n: number): string => s.padEnd(n);

/** The IRP list (ETHREAD.IrpList → _IRP.ThreadListEntry), loop-guarded. */
function printIrps(t: KernelTarget, out: OutputBuilder, th: KernelThread): void {
  const list = th.irpList;
  if (!list || list.flink === list.head || list.flink === 0n) return;
  out.line('IRP List:');
  const irp = t.layout.irp;
  if (!irp) {
    out.line(layoutHint(t, 'nt!_IRP'));
    return;
  }
  const seen = new Set<bigint>();
  for (let link = list.flink; link !== list.head && !seen.has(link) && seen.size < 64;) {
    seen.add(link);
    const at = link - BigInt(irp.threadListEntry);
    const v = t.view(at, irp.threadListEntry + (t.is64 ? 16 : 8), '_IRP');
    if (!v) {
      // WinDbg's words (083125-14875-01.windbg.thread.txt), then where the IRP would be.
      out.text('Unable to read nt!_IRP @ ').link(t.p(at), 'command', `!irp ${t.p(at)}`).line();
      out.line(missingHint(t, 'the IRP (nonpaged pool)'));
      return;
    }
    out.text('    ').link(t.p(at), 'command', `!irp ${t.p(at)}`);
    // WinDbg prints a null Mdl as 8 digits even on x64 ("Mdl: 00000000"); a real one in full here.
    const mdl = v.ptr(irp.mdlAddress) ?? 0n;
    out.line(`: (${(v.u16(irp.type) ?? 0).toString(16).padStart(4, '0')},${(v.u16(irp.size) ?? 0).toString(16).padStart(4, '0')}) Flags: ${(v.u32(irp.flags) ?? 0).toString(16).padStart(8, '0')}  Mdl: ${mdl === 0n ? '00000000' : t.p(mdl)}`);
    const next = v.ptr(irp.threadListEntry);
    if (next === undefined) return;
    link = next;
  }
}

function printProcessLine(t: KernelTarget, out: OutputBuilder, label: string, va: bigint | undefined): void {
  if (va === undefined) {
    out.line(`${pad(label, 26)}N/A            Image:         N/A`);
    return;
  }
  const name = readKernelProcess(t, va)?.imageFileName;
  out.text(pad(label, 26)).link(t.p(va), 'process', `!process ${t.p(va)}`).line(`       Image:         ${name ?? '<Unknown>'}`);
}

/**
 * Prints one thread the way WinDbg's `!thread` does, line for line where the dump holds the data;
 * `stack: false` leaves out the call stack (`!process` without both thread flags 2 and 4).
 */
export function printThread(s: DebugSession, t: KernelTarget, out: OutputBuilder, th: KernelThread, options: { stack?: boolean } = {}): void {
  const cid = th.cid ? `${th.cid.process.toString(16).padStart(4, '0')}.${th.cid.thread.toString(16).padStart(4, '0')}` : '????.????';
  const opt = (v: bigint | undefined): string => (v === undefined ? '?'.repeat(t.is64 ? 16 : 8) : t.p(v));
  out.text('THREAD ').link(t.p(th.address), 'thread', `!thread ${t.p(th.address)}`);
  out.line(`  Cid ${cid}  Teb: ${opt(th.teb)} Win32Thread: ${opt(th.win32Thread)} ${stateText(th)}`.replace(/ +$/, ''));
  if (!th.cid) out.line(layoutHint(t, '_ETHREAD.Cid'));
  printIrps(t, out, th);
  if (th.impersonating !== undefined) out.line(th.impersonating ? 'Impersonating (ETHREAD.ClientSecurity: token details need the token object)' : 'Not impersonating');
  // WinDbg reads an nt global here (the device-map mode) before DeviceMap; a small dump lacks it.
  if (t.isSmallDump) out.line(missingHint(t, 'the nt global WinDbg reads before DeviceMap'));
  if (th.process === undefined && th.apcProcess !== undefined) {
    // No KTHREAD.Process offset for this build: ApcState.Process is the process the thread runs in
    // (its owner unless attached, which this build's layout cannot tell).
    printProcessLine(t, out, 'Owning Process', th.apcProcess);
    out.line(layoutHint(t, '_KTHREAD.Process (shown: ApcState.Process) and ApcStateIndex'));
  } else {
    printProcessLine(t, out, 'Owning Process', th.process);
    printProcessLine(t, out, 'Attached Process', th.attached ? th.apcProcess : undefined);
  }
  const shared = sharedDataAddress(t);
  const tick = s.read(shared + TICK_COUNT, 4);
  const wait = th.waitTime === undefined ? '?' : String(th.waitTime);
  if (!tick) {
    out.line(`${t.p(shared)}: Unable to get shared data`);
    out.line(missingHint(t, 'KUSER_SHARED_DATA (the current tick count)'));
    out.line(`${pad('Wait Start TickCount', 26)}${wait}`);
  } else {
    const now = tick[0]! | (tick[1]! << 8) | (tick[2]! << 16) | (tick[3]! << 24);
    out.line(`${pad('Wait Start TickCount', 26)}${pad(wait, 15)}Ticks: ${th.waitTime === undefined ? '?' : ((now >>> 0) - th.waitTime) >>> 0}`);
  }
  out.line(`${pad('Context Switch Count', 26)}${pad(th.contextSwitches === undefined ? '?' : String(th.contextSwitches), 15)}IdealProcessor: ${th.idealProcessor ?? '?'}`);
  const inc = maximumIncrement(s);
  if (inc === undefined) {
    out.line('ReadMemory error: Cannot get nt!KeMaximumIncrement value.');
    out.line(`    (nt!KeMaximumIncrement needs nt's symbols and a dump holding nt's data; raw clock ticks: user ${th.userTime ?? '?'}, kernel ${th.kernelTime ?? '?'})`);
  }
  out.line(`${pad('UserTime', 26)}${hms(BigInt(th.userTime ?? 0) * (inc ?? 0n))}`);
  out.line(`${pad('KernelTime', 26)}${hms(BigInt(th.kernelTime ?? 0) * (inc ?? 0n))}`);
  if (th.win32StartAddress !== undefined) {
    const sym = s.symbolize(th.win32StartAddress);
    const raw = `0x${t.p(th.win32StartAddress)}`;
    out.text('Win32 Start Address ');
    if (sym.module) out.link(sym.text, 'symbol', raw).line(` (${raw})`);
    else out.link(raw, 'address', raw).line();
  }
  out.line(`Stack Init ${opt(th.initialStack)} Current ${opt(th.kernelStack)}`);
  // "Call": the callout stack; no _KTHREAD field for it in the builds we know, and WinDbg prints 0 on 19041.
  out.line(`Base ${opt(th.stackBase)} Limit ${opt(th.stackLimit)} Call ${t.p(0n)}`);
  const prio = [`Priority ${th.priority ?? '?'}`, `BasePriority ${th.basePriority ?? '?'}`];
  if (th.foregroundBoost !== undefined) prio.push(`Foreground Boost ${th.foregroundBoost}`);
  if (th.unusualBoost) prio.push(`Unusual Boost ${th.unusualBoost}`);
  if (th.ioPriority !== undefined) prio.push(`IoPriority ${th.ioPriority}`, `PagePriority ${th.pagePriority}`);
  out.line(prio.join('  '));
  const owner = th.process === undefined ? undefined : readKernelProcess(t, th.process);
  // EPROCESS.Flags3 ForegroundExternal/ForegroundSystem: set in the corpus dump, where WinDbg prints this line.
  if (owner?.foreground) out.line('Part of process with FOREGROUND Priority');
  if (options.stack !== false) printThreadStack(s, t, out, th);
}

function printThreadStack(s: DebugSession, t: KernelTarget, out: OutputBuilder, th: KernelThread): void {
  if (th.address === t.currentThread()) {
    const stack = safe(() => currentStack(s), undefined);
    if (!stack) {
      out.line('    (stack: the dump holds no registers for this thread)');
      return;
    }
    printStackText(s, out, stack.frames);
    return;
  }
  const saved = savedThreadStack(s, t, th);
  if ('frames' in saved) printStackText(s, out, saved.frames);
  else out.line(saved.reason);
}

/**
 * The stack of a thread that is not the bug-checking one, walked from the switch
 * frame its saved KTHREAD.KernelStack points to; or why it cannot be.
 */
export function savedThreadStack(s: DebugSession, t: KernelTarget, th: KernelThread): { frames: StackFrame[] } | { reason: string } {
  if (th.state === KTHREAD_STATE_RUNNING) {
    // Its KernelStack is from its last switch: the live registers are the ones its processor
    // saved in KPRCB.ProcessorState.ContextFrame when the bug check froze it.
    const n = th.nextProcessor;
    const c = n === undefined ? 'layout' : processorContext(t, n);
    if (typeof c !== 'string') {
      const walked = s.stacks ? safe(() => s.stacks!.walk(s.dump, c), undefined) : undefined;
      return { frames: walked?.length ? walked : [{ ip: c.ip, sp: c.sp, fp: c.fp, trust: 'context' }] };
    }
    const why = c === 'memory' ? `the dump does not hold processor ${n}'s KPRCB`
      : c === 'empty' ? `processor ${n}'s KPRCB.ProcessorState.ContextFrame is empty`
        : `DumpDesk knows no KPRCB.ProcessorState.ContextFrame offset for ${t.dump.arch} build ${t.layout.build}`;
    return { reason: `    (stack: the thread is running on processor ${n ?? '?'}; ${why})` };
  }
  if (!hasSwitchFrame(t.dump.arch)) return { reason: `    (stack: DumpDesk does not know the ${t.dump.arch} switch frame)` };
  if (th.kernelStack === undefined) return { reason: layoutHint(t, '_KTHREAD.KernelStack') };
  const start = switchFrameStart(t, th.kernelStack);
  if (!start) return { reason: `Unable to read the switch frame at ${t.p(th.kernelStack)}\n${missingHint(t, 'the thread\'s kernel stack')}` };
  const { lead, context } = start;
  const walked = context && s.stacks ? safe(() => s.stacks!.walk(s.dump, context), undefined) : undefined;
  const frames = [...lead, ...(walked?.length ? walked : context ? [{ ip: context.ip, sp: context.sp, fp: context.fp, trust: 'context' }] : [])];
  return { frames };
}

export const threadCommand = defineCommand({
  name: '!thread',
  family: 'Kernel',
  syntax: '!thread [-1 | Address] [Flags]',
  summary: 'a kernel thread: state, IRPs, owning process, times, stacks, priority and call stack',
  help: [
    'With no address (or -1): the bug-checking thread (PRCB.CurrentThread).',
    'Address is a KTHREAD/ETHREAD. A small memory dump holds only the current thread; kernel and',
    'complete memory dumps hold every thread. Fields come from KDDEBUGGER_DATA64\'s offsets and',
    'DumpDesk\'s verified per-build layouts (shared/debugger/kernel/layouts.ts).',
    'Flags (default 6): the call stack needs both 2 and 4, as in WinDbg.',
    'Example: !thread, !thread ffffd20bfc13c080, !thread ffffd20bfc13c080 2',
  ].join('\n'),
  run({ session: s, out, args, evaluate }) {
    const t = kernelTarget(s, '!thread');
    const [first, flagText] = args.trim().split(/\s+/).filter(Boolean);
    // WinDbg's default flags are 0x6; the stack needs both bits 1 (0x2) and 2 (0x4).
    const flags = flagText === undefined ? 6n : evaluate(flagText);
    const current = t.currentThread();
    const va = first === undefined || first === '-1' ? current : BigInt.asUintN(t.is64 ? 64 : 32, evaluate(first));
    if (va === undefined) throw new CommandError('Unable to get the current thread: the dump\'s KPRCB copy or KDDEBUGGER_DATA64 offsets are missing');
    const th = readKernelThread(t, va);
    if (!th) {
      const lines = [`Unable to read nt!_ETHREAD @ ${t.p(va)}`, missingHint(t, `the thread at ${t.p(va)}`)];
      throw new CommandError(t.isSmallDump && va !== current ? `${lines.join('\n')}\n    (a small memory dump holds only the bug-checking thread, ${current === undefined ? 'unknown here' : t.p(current)})` : lines.join('\n'));
    }
    // An address the user typed must be a thread object; PRCB.CurrentThread is one by definition.
    if (va !== current && th.type !== undefined && th.type !== THREAD_OBJECT_TYPE) throw new CommandError(`TYPE mismatch for thread object at ${t.p(va)}`);
    printThread(s, t, out, th, { stack: (flags & 6n) === 6n });
  },
});
