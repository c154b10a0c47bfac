import { defineCommand } from '../command';
import { CommandError } from '../errors';
import type { OutputBuilder } from '../output';
import { safe, type DebugSession } from '../session';
import { layoutHint, missingHint } from '../kernel/hints';
import { PROCESS_OBJECT_TYPE, readKernelProcess, type KernelProcess } from '../kernel/process';
import { kernelTarget, type KernelTarget } from '../kernel/target';
import { readKernelThread } from '../kernel/thread';
import { printThread } from './kernelThread';

/** Processes and threads we walk at most: real lists are far shorter; a cycle or a damaged link stops here. */
const MAX_LIST = 4096;
/** !process flag bits that ask for the thread list (2: summary, 4: full; WinDbg's documented flags). */
const THREAD_FLAGS = 0x6n;
/** Both bits: each thread with its stack trace (WinDbg's !process documentation). */
const STACK_FLAGS = 0x6n;

const h4 = (v: bigint | undefined): string => (v === undefined ? '????' : v.toString(16).padStart(4, '0'));

/** One process in `!process 0 0`'s layout (PROCESS / SessionId / DirBase / Image). */
function printProcessSummary(t: KernelTarget, out: OutputBuilder, p: KernelProcess): void {
  out.text('PROCESS ').link(t.p(p.address), 'process', `!process ${t.p(p.address)} 7`).line();
  // MM_SESSION_SPACE.SessionId sits in session space, which a small dump does not carry.
  const sessionId = p.session === 0n ? 'none' : '<Data Not Accessible>';
  out.line(`    SessionId: ${sessionId}  Cid: ${h4(p.pid)}    Peb: ${p.peb === undefined ? '?' : p.peb.toString(16)}  ParentCid: ${h4(p.parentPid)}`);
  const dirBase = p.directoryTableBase === undefined ? '????????' : p.directoryTableBase.toString(16).padStart(8, '0');
  out.line(`    DirBase: ${dirBase}  ObjectTable: ${p.objectTable === undefined ? '?' : t.p(p.objectTable)}  HandleCount: <Data Not Accessible>`);
  // Image: WinDbg prefers the full name (SeAuditProcessCreationInfo, in paged pool); ImageFileName is its 15-character fallback.
  out.line(`    Image: ${p.imageFileName ?? '<Unknown>'}`);
  out.line();
}

function printThreads(s: DebugSession, t: KernelTarget, out: OutputBuilder, p: KernelProcess, flags: bigint): void {
  const list = p.threadListHead;
  const entry = t.layout.ethread.threadListEntry;
  if (!list || entry === undefined) {
    out.line(layoutHint(t, '_EPROCESS.ThreadListHead / _ETHREAD.ThreadListEntry'));
    return;
  }
  const seen = new Set<bigint>();
  for (let link = list.flink; link !== list.head && link !== 0n && !seen.has(link) && seen.size < MAX_LIST;) {
    seen.add(link);
    const va = link - BigInt(entry);
    const th = readKernelThread(t, va);
    if (!th) {
      out.line(`Unable to read nt!_ETHREAD @ ${t.p(va)}`);
      out.line(missingHint(t, `the process's other threads (next: ${t.p(va)})`));
      return;
    }
    printThread(s, t, out, th, { stack: (flags & STACK_FLAGS) === STACK_FLAGS });
    out.line();
    const next = t.readPointer(link);
    if (next === undefined) return;
    link = next;
  }
}

/** Every process on PsActiveProcessHead (loop-guarded), or the reason the dump cannot list them. */
function walkProcesses(t: KernelTarget, out: OutputBuilder): KernelProcess[] | undefined {
  const head = safe(() => t.dump.debuggerData()?.psActiveProcessHead, undefined) || t.dump.header.psActiveProcessHead;
  const links = t.layout.eprocess.activeProcessLinks;
  const first = head ? t.readPointer(head) : undefined;
  if (first === undefined) {
    out.line(`Unable to read _LIST_ENTRY @ ${t.p(head ?? 0n)}`);
    out.line(missingHint(t, 'the process list (nt!PsActiveProcessHead and every EPROCESS)'));
    return undefined;
  }
  if (links === undefined) {
    out.line(layoutHint(t, '_EPROCESS.ActiveProcessLinks'));
    return undefined;
  }
  const found: KernelProcess[] = [];
  const seen = new Set<bigint>();
  for (let link = first; link !== head && link !== 0n && !seen.has(link) && seen.size < MAX_LIST;) {
    seen.add(link);
    const p = readKernelProcess(t, link - BigInt(links));
    if (!p) {
      out.line(`Unable to read nt!_EPROCESS @ ${t.p(link - BigInt(links))}`);
      break;
    }
    found.push(p);
    const next = t.readPointer(link);
    if (next === undefined) break;
    link = next;
  }
  return found;
}

/** The bug-checking thread's process (KTHREAD.ApcState.Process, the process current on that processor). */
function currentProcess(t: KernelTarget): bigint | undefined {
  const th = t.currentThread();
  return th === undefined ? undefined : readKernelThread(t, th)?.apcProcess;
}

export const processCommand = defineCommand({
  name: '!process',
  family: 'Kernel',
  syntax: '!process [0|-1|Address] [Flags] [Name]',
  summary: 'processes: 0 0 lists all, an address shows one (flags 2/4: with its threads)',
  help: [
    '!process 0 0            every process on PsActiveProcessHead (kernel and complete dumps)',
    '!process 0 0 name.exe   only processes whose image name starts with name.exe',
    '!process Address Flags  one EPROCESS; flags 2 or 4 also print its threads (!thread form)',
    '!process, !process -1   the current process (the bug-checking thread\'s)',
    'A small memory dump holds only the current process: 0 0 shows it and says the list is missing.',
  ].join('\n'),
  run({ session: s, out, args, evaluate }) {
    const t = kernelTarget(s, '!process');
    const parts = args.trim().split(/\s+/).filter(Boolean);
    const target = parts[0] === undefined || parts[0] === '-1' ? -1n : evaluate(parts[0]);
    // WinDbg's documented default: 0x3 when Process is omitted, 0 or -1; otherwise 0xF.
    const flags = parts[1] !== undefined ? evaluate(parts[1]) : target === 0n || target === -1n ? 3n : 0xfn;
    if (target === 0n) {
      const name = parts[2]?.toLowerCase();
      out.line('**** NT ACTIVE PROCESS DUMP ****');
      const all = walkProcesses(t, out);
      const list = all ?? [currentProcess(t)].filter((v): v is bigint => v !== undefined).map((va) => readKernelProcess(t, va)).filter((p): p is KernelProcess => !!p);
      if (!all && list.length) out.line('    (only the current process is in this dump:)');
      for (const p of list) {
        if (name && !(p.imageFileName ?? '').toLowerCase().startsWith(name.slice(0, 14))) continue;
        printProcessSummary(t, out, p);
        if (flags & THREAD_FLAGS) printThreads(s, t, out, p, flags);
      }
      return;
    }
    const va = target === -1n ? currentProcess(t) : BigInt.asUintN(t.is64 ? 64 : 32, target);
    if (va === undefined) throw new CommandError('Unable to get the current process: the dump\'s thread copy or its layout is missing');
    const p = readKernelProcess(t, va);
    if (!p) throw new CommandError(`Unable to read nt!_EPROCESS @ ${t.p(va)}\n${missingHint(t, `the process at ${t.p(va)}`)}`);
    if (target !== -1n && p.type !== undefined && p.type !== PROCESS_OBJECT_TYPE) throw new CommandError(`TYPE mismatch for process object at ${t.p(va)}`);
    printProcessSummary(t, out, p);
    if (flags & THREAD_FLAGS) printThreads(s, t, out, p, flags);
  },
});
