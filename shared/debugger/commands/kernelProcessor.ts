import { defineCommand, type CommandContext } from '../command';
import { CommandError } from '../errors';
import type { OutputBuilder as Output } from '../output';
import { layoutHint, missingHint } from '../kernel/hints';
import { currentProcessorNumber, dpcQueue, findProcessor, pcrHead, type Processor } from '../kernel/processor';
import type { StructView } from '../kernel/structView';
import { kernelTarget, type KernelTarget } from '../kernel/target';

/** The processor the command names (default: the bug-checking one), checked against the header's count. */
function processorArg(ctx: CommandContext, t: KernelTarget): Processor {
  const a = ctx.args.trim().split(/\s+/).filter(Boolean)[0];
  const n = a === undefined ? currentProcessorNumber(t) : Number(BigInt.asUintN(32, ctx.evaluate(a)));
  const count = t.dump.header.numberProcessors;
  if (n >= Math.max(count, 1)) throw new CommandError(`Processor ${n.toString(16)} does not exist: the dump header counts ${count} processor(s)`);
  const p = findProcessor(t, n);
  if (!p.view) {
    throw new CommandError(`Cannot get PRCB address for processor ${n}\n${missingHint(t, `processor ${n}'s KPRCB (a small memory dump copies only the bug-checking processor's)`)}`);
  }
  return p;
}

function threadField(t: KernelTarget, p: Processor, offset: number | undefined): string {
  const v = p.view?.ptr(offset);
  return v === undefined ? '?'.repeat(t.is64 ? 16 : 8) : t.p(v);
}

/** A KPRCB ULONG as WinDbg's !prcb prints it (%08x), or question marks. */
function ulong(p: Processor, offset: number | undefined): string {
  const v = p.view?.u32(offset);
  return v === undefined ? '????????' : v.toString(16).padStart(8, '0');
}

/** The KPCR's IRQL, when the layout and memory have the KPCR head. */
function irqlOf(t: KernelTarget, head: StructView | undefined): number | undefined {
  return head?.u8(t.layout.pcr?.irql);
}

/** What the KPCR head cannot be shown for: the build's layout or the dump's memory. */
function pcrHeadHint(t: KernelTarget, p: Processor): string {
  if (!t.layout.pcr) return layoutHint(t, '_KPCR', false);
  if (p.pcr === undefined) return layoutHint(t, '_KPCR.Prcb');
  return missingHint(t, 'the KPCR header (NtTib, Irql, IDT, GDT, TSS)');
}

export const prcbCommand = defineCommand({
  name: '!prcb',
  family: 'Kernel',
  syntax: '!prcb [Processor]',
  summary: 'a processor control block: current, next and idle threads',
  help: 'Processor defaults to the bug-checking processor. Small memory dumps hold that processor\'s KPRCB only;\nits address is found from KiProcessorBlock, or from the copy\'s own self-pointers. The IRQL is the KPCR\'s,\nwhich a small memory dump does not hold.',
  run(ctx) {
    const t = kernelTarget(ctx.session, '!prcb');
    const p = processorArg(ctx, t);
    const out = ctx.out;
    const l = t.layout.prcb;
    out.text(`PRCB for Processor ${p.number} at `).link(p.prcb === undefined ? '?' : t.p(p.prcb), 'address', `0x${(p.prcb ?? 0n).toString(16)}`).line(':');
    const irql = irqlOf(t, pcrHead(t, p));
    out.line(`Current IRQL -- ${irql === undefined ? '?' : irql.toString(16)}`);
    if (irql === undefined) out.line(t.isSmallDump ? missingHint(t, 'the KPCR header holding the IRQL') : pcrHeadHint(t, p));
    threadsLine(out, t, p);
    const v = p.view;
    const index = v?.u32(l.number);
    const group = v?.u8(l.group);
    const groupIndex = v?.u8(l.groupIndex);
    const member = v?.ptr(l.groupSetMember);
    out.line(`Processor Index ${index ?? '?'} Number (${group ?? '?'}, ${groupIndex ?? '?'}) GroupSetMember ${member === undefined ? '?' : member.toString(16)}`);
    out.line(`Interrupt Count -- ${ulong(p, l.interruptCount)}`);
    out.line(`Times -- Dpc    ${ulong(p, l.dpcTime)} Interrupt ${ulong(p, l.interruptTime)} `);
    out.line(`         Kernel ${ulong(p, l.kernelTime)} User      ${ulong(p, l.userTime)} `);
    const unknown = (['group', 'groupIndex', 'groupSetMember', 'interruptCount', 'dpcTime', 'interruptTime', 'kernelTime', 'userTime'] as const).filter((f) => l[f] === undefined);
    if (unknown.length) out.line(layoutHint(t, unknown.map((f) => `_KPRCB.${f.charAt(0).toUpperCase()}${f.slice(1)}`).join(', ')));
    if (p.how === 'self-references') out.line('    (KPRCB address: from the self-pointers in the small dump\'s KPRCB copy; KiProcessorBlock is not in the dump)');
  },
});

function threadsLine(out: Output, t: KernelTarget, p: Processor): void {
  const l = t.layout.prcb;
  out.text('Threads--  Current ').link(threadField(t, p, l.currentThread), 'thread', `!thread ${threadField(t, p, l.currentThread)}`);
  out.text(' Next ').text(threadField(t, p, l.nextThread)).text(' Idle ').link(threadField(t, p, l.idleThread), 'thread', `!thread ${threadField(t, p, l.idleThread)}`).line();
}

/** One `!pcr` field line: the label right-aligned after a tab, as WinDbg's x64 output. */
function field(out: Output, label: string, value: string): void {
  out.line(`\t${label.padStart(19)}: ${value}`);
}

export const pcrCommand = defineCommand({
  name: '!pcr',
  family: 'Kernel',
  syntax: '!pcr [Processor]',
  summary: 'a processor control region: its KPRCB and threads',
  help: 'The KPCR is KPRCB minus _KPCR.Prcb (KDDEBUGGER_DATA64\'s OffsetPcrContainedPrcb). A small memory dump holds\nonly the KPRCB part, so NtTib, IRQL, IDT, GDT and TSS are shown only when memory holds them. On x64 the\nNtTib fields are the GdtBase, TssBase, UserRsp, Self, CurrentPrcb, LockArray and Used_Self they overlay, and\nIRR, IDR and InterruptMode (x86 fields) print as 0, as in WinDbg.',
  run(ctx) {
    const t = kernelTarget(ctx.session, '!pcr');
    const p = processorArg(ctx, t);
    const out = ctx.out;
    out.text(`KPCR for Processor ${p.number} at `).link(p.pcr === undefined ? '?' : t.p(p.pcr), 'address', `0x${(p.pcr ?? 0n).toString(16)}`).line(':');
    const head = pcrHead(t, p);
    const pl = t.layout.pcr;
    const w = t.is64 ? 8 : 4;
    const ptr = (o: number | undefined): string => {
      const v = o === undefined ? undefined : head?.ptr(o);
      return v === undefined ? '?'.repeat(w * 2) : t.p(v);
    };
    if (head && pl) {
      out.line(`    Major ${head.u16(pl.majorVersion) ?? '?'} Minor ${head.u16(pl.minorVersion) ?? '?'}`);
      // _NT_TIB: ExceptionList, StackBase, StackLimit, SubSystemTib, FiberData/Version (a ULONG), ArbitraryUserPointer, Self.
      field(out, 'NtTib.ExceptionList', ptr(pl.ntTib));
      field(out, 'NtTib.StackBase', ptr(pl.ntTib + w));
      field(out, 'NtTib.StackLimit', ptr(pl.ntTib + 2 * w));
      field(out, 'NtTib.SubSystemTib', ptr(pl.ntTib + 3 * w));
      const version = head.u32(pl.ntTib + 4 * w);
      field(out, 'NtTib.Version', version === undefined ? '?'.repeat(w * 2) : version.toString(16).padStart(w * 2, '0'));
      field(out, 'NtTib.UserPointer', ptr(pl.ntTib + 5 * w));
      field(out, 'NtTib.SelfTib', ptr(pl.ntTib + 6 * w));
      out.line();
      field(out, 'SelfPcr', ptr(pl.selfPcr));
    } else {
      out.line(pcrHeadHint(t, p));
    }
    out.text(`\t${'Prcb'.padStart(19)}: `).link(p.prcb === undefined ? '?' : t.p(p.prcb), 'command', `!prcb ${p.number}`).line();
    if (head && pl) {
      const hex = (v: number | undefined): string => (v === undefined ? '?'.repeat(w * 2) : v.toString(16).padStart(w * 2, '0'));
      // A field the architecture's KPCR lacks prints 0, as WinDbg does; one the copy lacks prints question marks.
      const u32 = (o: number | undefined): string => (o === undefined ? hex(0) : hex(head.u32(o)));
      field(out, 'Irql', hex(head.u8(pl.irql)));
      // The x64 KPCR has no IRR, IDR or InterruptMode: WinDbg prints zeros for them.
      field(out, 'IRR', u32(pl.irr));
      field(out, 'IDR', u32(pl.idr));
      field(out, 'InterruptMode', u32(pl.interruptMode));
      field(out, 'IDT', ptr(pl.idt));
      field(out, 'GDT', ptr(pl.gdt));
      field(out, 'TSS', ptr(pl.tss));
    }
    out.line();
    const l = t.layout.prcb;
    out.text(`\t${'CurrentThread'.padStart(19)}: `).link(threadField(t, p, l.currentThread), 'thread', `!thread ${threadField(t, p, l.currentThread)}`).line();
    field(out, 'NextThread', threadField(t, p, l.nextThread));
    out.text(`\t${'IdleThread'.padStart(19)}: `).link(threadField(t, p, l.idleThread), 'thread', `!thread ${threadField(t, p, l.idleThread)}`).line();
    out.line();
    dpcLine(ctx, t, p);
  },
});

/** WinDbg's `DpcQueue:` line: each queued DPC as "0xKDPC 0xRoutine symbol". */
function dpcLine(ctx: CommandContext, t: KernelTarget, p: Processor): void {
  const out = ctx.out;
  const q = dpcQueue(t, p);
  out.text(`\t${'DpcQueue'.padStart(18)}: `);
  if (!q) {
    out.line();
    out.line(t.layout.prcb.dpcData === undefined ? layoutHint(t, '_KPRCB.DpcData') : missingHint(t, 'the KPRCB\'s DPC list head'));
    return;
  }
  for (const d of q.dpcs) {
    out.text(' ').link(`0x${t.p(d.dpc)}`, 'address', `0x${d.dpc.toString(16)}`);
    if (d.routine === undefined) out.text(' ?');
    else out.text(` 0x${t.p(d.routine)} ${ctx.session.symbolize(d.routine).text}`);
  }
  out.line();
  if (q.broken !== undefined) out.line(missingHint(t, `the rest of the DPC list (the link at ${t.p(q.broken)} is unreadable, loops, or the list is longer than 256 entries)`));
}
