import { defineCommand, type CommandContext } from '../command';
import { CommandError } from '../errors';
import { layoutHint, missingHint } from '../kernel/hints';
import { currentProcessorNumber, findProcessor, type Processor } from '../kernel/processor';
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

export const prcbCommand = defineCommand({
  name: '!prcb',
  family: 'Kernel',
  syntax: '!prcb [Processor]',
  summary: 'a processor control block: current, next and idle threads',
  help: 'Processor defaults to the bug-checking processor. Small memory dumps hold that processor\'s KPRCB only;\nits address is found from KiProcessorBlock, or from the copy\'s own self-pointers.',
  run(ctx) {
    const t = kernelTarget(ctx.session, '!prcb');
    const p = processorArg(ctx, t);
    const out = ctx.out;
    out.text(`PRCB for Processor ${p.number} at `).link(p.prcb === undefined ? '?' : t.p(p.prcb), 'address', `0x${(p.prcb ?? 0n).toString(16)}`).line(':');
    // The IRQL lives in the KPCR header on x64 (and KPCR/KPRCB fields DumpDesk has no verified offsets for).
    out.line('Current IRQL -- ?');
    out.line(t.isSmallDump ? missingHint(t, 'the KPCR header holding the IRQL') : layoutHint(t, '_KPCR.Irql'));
    const l = t.layout.prcb;
    out.text('Threads--  Current ').link(threadField(t, p, l.currentThread), 'thread', `!thread ${threadField(t, p, l.currentThread)}`);
    out.text(' Next ').text(threadField(t, p, l.nextThread)).text(' Idle ').link(threadField(t, p, l.idleThread), 'thread', `!thread ${threadField(t, p, l.idleThread)}`).line();
    out.line(`Processor Index ${p.view?.u32(l.number) ?? '?'}`);
    if (p.how === 'self-references') out.line('    (KPRCB address: from the self-pointers in the small dump\'s KPRCB copy; KiProcessorBlock is not in the dump)');
  },
});

export const pcrCommand = defineCommand({
  name: '!pcr',
  family: 'Kernel',
  syntax: '!pcr [Processor]',
  summary: 'a processor control region: its KPRCB and threads',
  help: 'The KPCR is KPRCB minus _KPCR.Prcb (KDDEBUGGER_DATA64\'s OffsetPcrContainedPrcb). A small memory dump holds\nonly the KPRCB part, so NtTib, IRQL, IDT, GDT and TSS are shown only when memory holds them.',
  run(ctx) {
    const t = kernelTarget(ctx.session, '!pcr');
    const p = processorArg(ctx, t);
    const out = ctx.out;
    out.text(`KPCR for Processor ${p.number} at `).link(p.pcr === undefined ? '?' : t.p(p.pcr), 'address', `0x${(p.pcr ?? 0n).toString(16)}`).line(':');
    const header = p.pcr === undefined ? undefined : ctx.session.read(p.pcr, 0x40);
    if (!header) out.line(p.pcr === undefined ? layoutHint(t, '_KPCR.Prcb') : missingHint(t, 'the KPCR header (NtTib, Irql, IDT, GDT, TSS)'));
    const l = t.layout.prcb;
    out.text('\t               Prcb: ').link(p.prcb === undefined ? '?' : t.p(p.prcb), 'command', '!prcb').line();
    out.line();
    out.text('\t      CurrentThread: ').link(threadField(t, p, l.currentThread), 'thread', `!thread ${threadField(t, p, l.currentThread)}`).line();
    out.line(`\t         NextThread: ${threadField(t, p, l.nextThread)}`);
    out.text('\t         IdleThread: ').link(threadField(t, p, l.idleThread), 'thread', `!thread ${threadField(t, p, l.idleThread)}`).line();
  },
});
