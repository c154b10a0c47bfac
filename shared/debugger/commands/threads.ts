import { defineCommand } from '../command';
import { CommandError } from '../errors';
import { ptr } from '../format';
import { MinidumpDump } from '../../formats/minidump/minidumpDump';
import type { OutputBuilder } from '../output';
import type { DebugSession } from '../session';

/** One `~` line: ".  0  Id: f5c.bf4 Suspend: 0 Teb: 7ffdf000 Unfrozen "name"". */
export function threadLine(s: DebugSession, out: OutputBuilder, index: number): void {
  const t = s.dump.threads()[index]!;
  const event = s.dump.crashingThreadIndex();
  const mark = index === s.currentThread ? '.' : index === event ? '#' : ' ';
  const pid = (s.dump.process()?.id ?? 0).toString(16);
  out.text(`${mark}${String(index).padStart(3)}  Id: `).link(`${pid}.${t.id.toString(16)}`, 'thread', `~${index}s`);
  out.text(` Suspend: ${t.suspendCount ?? 0} Teb: ${ptr(t.teb ?? 0n, s.is64)} Unfrozen`);
  out.line(t.name ? ` "${t.name}"` : '');
}

/** Thread numbers a `~` prefix selects: `*`, `.`, `#`, `N`, `~[tid]`. */
function selectThreads(s: DebugSession, spec: string, evaluate: (e: string) => bigint): number[] {
  const threads = s.dump.threads();
  if (spec === '*') return threads.map((_, i) => i);
  if (spec === '.') return [s.currentThread];
  if (spec === '#') {
    const e = s.dump.crashingThreadIndex();
    if (e === undefined) throw new CommandError('No event thread: the dump has no exception');
    return [e];
  }
  const tid = /^~\[(.+)\]$/.exec(spec);
  if (tid) {
    const id = evaluate(tid[1]!);
    const i = threads.findIndex((t) => BigInt(t.id) === id);
    if (i < 0) throw new CommandError(`Illegal thread error in '~~[${tid[1]}]'`);
    return [i];
  }
  const n = /^\d+$/.test(spec) ? Number(spec) : NaN;
  if (!(n >= 0 && n < threads.length)) throw new CommandError(`Illegal thread error in '~${spec}'`);
  return [n];
}

export const tilde = defineCommand({
  name: '~',
  family: 'Threads and stacks',
  syntax: '~[Thread] [s | Command]',
  summary: 'list threads, switch thread (~Ns) or run a command on threads (~*k, ~2 r)',
  help: [
    'Thread is a decimal thread number, . (current), # (event thread), * (all) or ~[TID].',
    '  ~        list threads (. current, # event thread)',
    '  ~*       list threads with priority',
    '  ~3s      make thread 3 current and show its registers',
    '  ~*k      run k on every thread',
    '  ~~[bf4]s switch to the thread whose id is 0xbf4',
  ].join('\n'),
  run({ session: s, out, args, run, evaluate }) {
    const threads = s.dump.threads();
    const a = args.trim();
    if (!a) {
      threads.forEach((_, i) => threadLine(s, out, i));
      return;
    }
    const m = /^(\*|\.|#|\d+|~\[[^\]]+\])\s*(.*)$/s.exec(a);
    if (!m) throw new CommandError(`Syntax error in '~${a}'`);
    const targets = selectThreads(s, m[1]!, evaluate);
    const cmd = m[2]!.trim();
    if (cmd === '') {
      for (const i of targets) {
        threadLine(s, out, i);
        if (m[1] === '*') {
          const t = threads[i]!;
          const raw = s.dump instanceof MinidumpDump ? s.dump.rawThreads()[i] : undefined;
          const info = s.dump instanceof MinidumpDump ? s.dump.threadInfos().find((x) => x.ThreadId === t.id) : undefined;
          if (info?.StartAddress) out.text('      Start: ').link(s.symbolize(info.StartAddress).text, 'symbol', `0x${info.StartAddress.toString(16)}`).line(` (${ptr(info.StartAddress, s.is64)})`);
          out.line(`      Priority: ${t.priority ?? 0}  Priority class: ${raw?.PriorityClass ?? 0}${info ? `  Affinity: ${info.Affinity.toString(16)}` : ''}`);
        }
      }
      return;
    }
    if (cmd === 's') {
      if (targets.length !== 1) throw new CommandError("Syntax error in '~*s': switch to one thread");
      s.setThread(targets[0]!);
      run('r');
      return;
    }
    if (/^[nmfu]$/.test(cmd)) throw new CommandError(`~${cmd}: threads cannot be suspended or frozen in a dump file`);
    // ~N CMD: run CMD with thread N current, then come back.
    const saved = s.currentThread;
    const savedScope = s.scopeContext;
    try {
      for (const i of targets) {
        if (targets.length > 1) {
          out.line();
          threadLine(s, out, i);
        }
        s.setThread(i);
        run(cmd);
      }
    } finally {
      s.currentThread = saved;
      s.scopeContext = savedScope;
    }
  },
});
