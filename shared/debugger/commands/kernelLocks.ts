import { defineCommand, type CommandDef } from '../command';
import { CommandError } from '../errors';
import type { OutputBuilder } from '../output';
import type { DebugSession } from '../session';
import { eresourceLayout, exclusiveWaiterThreads, readEresource, type Eresource } from '../kernel/eresource';
import { layoutHint, missingHint } from '../kernel/hints';
import { kdbgPointer } from '../kernel/kdbgPointers';
import { eresourceLayoutFromTypes } from '../kernel/pdbLayout';
import { kernelTarget, type KernelTarget } from '../kernel/target';
import { kernelNeeds, missingDataReason } from './kernel';

/** Resources we walk at most: a busy system has tens of thousands; a cycle or damaged link stops here. */
const MAX_RESOURCES = 1 << 20;
/** One progress dot per this many resources scanned (WinDbg prints dots too; its rate is not documented). */
const PER_DOT = 32;

/** "Resource @ nt!CmpRegistryLock (0xfffff8…)" with a symbol, else "Resource @ 0xffff…", as WinDbg prints it. */
function resourceName(s: DebugSession, t: KernelTarget, va: bigint): string {
  const sym = s.symbolize(va);
  return sym.text.includes('!') ? `${sym.text} (0x${t.p(va)})` : `0x${t.p(va)}`;
}

function printResource(s: DebugSession, t: KernelTarget, out: OutputBuilder, r: Eresource): void {
  const held = r.activeCount !== 0;
  const state = !held ? 'Available' : r.exclusive ? 'Exclusively owned' : `Shared ${r.activeEntries ?? r.activeCount} owning threads`;
  out.text('Resource @ ').link(resourceName(s, t, r.address), 'command', `!locks ${t.p(r.address)}`).line(`    ${state}`);
  if (r.contentionCount) out.line(`    Contention Count = ${r.contentionCount}`);
  if (r.sharedWaiters) out.line(`    NumberOfSharedWaiters = ${r.sharedWaiters}`);
  if (r.exclusiveWaiters) out.line(`    NumberOfExclusiveWaiters = ${r.exclusiveWaiters}`);
  if (!held) return;
  out.text('     Threads: ');
  for (const o of r.owners) {
    // Low bits set: an owner pointer (ExSetResourceOwnerPointer), not a KTHREAD; WinDbg names the thread under it.
    const thread = o.thread & ~3n;
    out.link(t.p(o.thread), 'thread', `!thread ${t.p(thread)}`).text(`-${(o.count & 0xff).toString(16).padStart(2, '0')}<*> `);
    if (thread !== o.thread) out.text(`*** Actual Thread ${t.p(thread)}`);
  }
  out.line();
  if (r.ownerTableMissing !== undefined) out.line(missingHint(t, `the resource's owner table at ${t.p(r.ownerTableMissing)}`));
  const waiting = r.exclusiveWaiters ? exclusiveWaiterThreads(t, r) : undefined;
  if (waiting?.length) {
    out.line('     Threads Waiting On Exclusive Access:');
    for (let i = 0; i < waiting.length; i += 4) {
      out.text('              ');
      for (const w of waiting.slice(i, i + 4)) out.link(t.p(w), 'thread', `!thread ${t.p(w)}`).text('       ');
      out.line();
    }
  } else if (r.exclusiveWaiters) {
    out.line('    (exclusive waiters: the dump lacks the ExclusiveWaiters event\'s wait list, or its _KWAIT_BLOCK layout is not checked for this build)');
  }
  if (r.sharedWaiters) out.line('    (shared waiters: DumpDesk does not walk the SharedWaiters wait list yet)');
}

const locks = defineCommand({
  name: '!locks',
  family: 'Kernel',
  ...kernelNeeds('!locks'),
  help: [
    kernelNeeds('!locks').help,
    'Walks nt!ExpSystemResourcesList (KDDEBUGGER_DATA64) and prints the ERESOURCEs threads hold:',
    'owner, exclusive or shared, contention and waiter counts. -v / -d: every resource, held or not.',
    'Address: that ERESOURCE only. Example: !locks, !locks -v, !locks ffffd20bfc13c080',
  ].join('\n'),
  run({ session: s, out, args, evaluate }) {
    const reason = missingDataReason(s, '!locks');
    if (reason) throw new CommandError(reason);
    const t = kernelTarget(s, '!locks');
    const words = args.trim().split(/\s+/).filter(Boolean);
    const all = words.some((w) => /^-[vdp]+$/i.test(w) && /[vd]/i.test(w));
    const bad = words.find((w) => w.startsWith('-') && !/^-[vdp]+$/i.test(w));
    if (bad) throw new CommandError(`Unknown option '${bad}'`);
    const addressText = words.filter((w) => !w.startsWith('-')).join(' ');
    const address = addressText ? BigInt.asUintN(t.is64 ? 64 : 32, evaluate(addressText)) : 0n;
    const l = (t.types && eresourceLayoutFromTypes(t.types, t.is64)) ?? eresourceLayout(t.dump.arch, t.layout.build);
    if (!l) throw new CommandError(layoutHint(t, 'nt!_ERESOURCE').trim());
    out.line('**** DUMP OF ALL RESOURCE OBJECTS ****');
    if (address) {
      const r = readEresource(t, l, address);
      if (!r) throw new CommandError(`Unable to read nt!_ERESOURCE @ ${t.p(address)}\n${missingHint(t, `the resource at ${t.p(address)}`)}`);
      out.line();
      printResource(s, t, out, r);
      return;
    }
    const head = kdbgPointer(t.dump, 'ExpSystemResourcesList');
    if (head === undefined) throw new CommandError("Unable to get nt!ExpSystemResourcesList: the dump's KDDEBUGGER_DATA64 does not give its address");
    const first = t.readPointer(head);
    if (first === undefined) throw new CommandError(`Unable to read nt!ExpSystemResourcesList @ ${t.p(head)}\n${missingHint(t, 'the variable nt!ExpSystemResourcesList')}`);
    let total = 0;
    let held = 0;
    let sinceShown = 0;
    const progress = (): void => {
      out.line(`KD: Scanning for held locks${'.'.repeat(Math.max(1, Math.ceil(sinceShown / PER_DOT)))}`);
      sinceShown = 0;
    };
    const seen = new Set<bigint>();
    let stop: string[] | undefined;
    for (let link = first; link !== head && link !== 0n;) {
      if (seen.has(link) || seen.size >= MAX_RESOURCES) {
        stop = [`    (the list loops or exceeds ${MAX_RESOURCES} resources at ${t.p(link)}: stopped there)`];
        break;
      }
      seen.add(link);
      const r = readEresource(t, l, link);
      if (!r) {
        stop = [`Unable to read nt!_ERESOURCE @ ${t.p(link)}`, missingHint(t, `the resources from ${t.p(link)} on`)];
        break;
      }
      total++;
      sinceShown++;
      const isHeld = r.activeCount !== 0;
      if (isHeld) held++;
      if (isHeld || all) {
        progress();
        out.line();
        printResource(s, t, out, r);
      }
      if (r.next === undefined) break;
      link = r.next;
    }
    if (sinceShown) progress();
    for (const line of stop ?? []) out.line(line);
    out.line(`${total} total locks, ${held} locks currently held`);
  },
});

/** !locks: ERESOURCE locks held and waited on. */
export const lockCommands: readonly CommandDef[] = [locks];
