import { defineCommand, type CommandDef } from '../command';
import { CommandError } from '../errors';
import { isTaskGate, istStack, locateIdt, readIdt, type IdtEntry } from '../kernel/idt';
import { missingHint } from '../kernel/hints';
import { currentProcessorNumber } from '../kernel/processor';
import { kernelTarget } from '../kernel/target';
import { kernelNeeds } from './kernel';

/** Handlers WinDbg leaves out of `!idt` (no interrupt connected): the kernel's unexpected-interrupt stubs. */
const UNEXPECTED = /!(KxUnexpectedInterrupt|KiUnexpectedInterrupt)/;

const idt = defineCommand({
  name: '!idt',
  family: 'Kernel',
  ...kernelNeeds('!idt'),
  help: [
    kernelNeeds('!idt').help,
    'The current processor\'s interrupt descriptor table (KPCR.IdtBase, else KPRCB.ProcessorState\'s Idtr):',
    'one line per vector, handler and symbol, and the IST stack from the KPCR\'s TSS.',
    'Without -a, vectors that are not present (or go to the unexpected-interrupt stubs, when symbols',
    'name them) are left out. Vector: that entry only. Example: !idt, !idt -a, !idt 2e',
  ].join('\n'),
  run({ session: s, out, args, evaluate }) {
    const t = kernelTarget(s, '!idt');
    const words = args.trim().split(/\s+/).filter(Boolean);
    const all = words.some((w) => w.toLowerCase() === '-a');
    const bad = words.find((w) => w.startsWith('-') && w.toLowerCase() !== '-a');
    if (bad) throw new CommandError(`Unknown option '${bad}'`);
    const vectorText = words.filter((w) => !w.startsWith('-')).join(' ');
    const vector = vectorText ? evaluate(vectorText) : undefined;
    if (vector !== undefined && (vector < 0n || vector > 0xffn)) throw new CommandError(`Invalid vector ${vectorText}: vectors are 0..ff`);
    if (t.dump.arch !== 'amd64' && t.dump.arch !== 'x86') {
      throw new CommandError(`!idt: an ${t.dump.arch} processor has no interrupt descriptor table (x86 and x64 only; ARM64 dispatches through its exception vector table)`);
    }
    const n = currentProcessorNumber(t);
    const where = locateIdt(t, n);
    if (!where) {
      throw new CommandError([
        `Unable to find the IDT of processor ${n}`,
        `    (neither the KPCR (IdtBase) nor a KPRCB copy with a checked ProcessorState layout for ${t.dump.arch} build ${t.layout.build} is in this dump)`,
      ].join('\n'));
    }
    out.line(`Dumping IDT: ${t.p(where.base)}`);
    const entries = readIdt(t, where);
    if (!entries) {
      out.line(`Unable to read the IDT at ${t.p(where.base)}`);
      out.line(missingHint(t, 'the IDT page'));
      return;
    }
    const shown = vector !== undefined ? entries.filter((e) => BigInt(e.vector) === vector) : entries;
    for (const e of shown) {
      const sym = s.symbolize(e.handler);
      const taskGate = !t.is64 && isTaskGate(e);
      if (vector === undefined && !all && (!e.present || (e.handler === 0n && !taskGate) || UNEXPECTED.test(sym.text))) continue;
      printEntry(e);
    }
    if (vector !== undefined && !shown.length) out.line(`    (vector ${vector.toString(16)} is past the IDT limit: ${where.count} entries)`);

    function printEntry(e: IdtEntry): void {
      out.text(`${e.vector.toString(16).padStart(2, '0')}:\t`);
      if (!t.is64 && isTaskGate(e)) {
        // A task gate's "handler" is a TSS selector (x86 double fault and NMI).
        out.line(`${t.p(0n)} Task Selector = 0x${e.selector.toString(16).padStart(4, '0')}`);
        return;
      }
      const sym = s.symbolize(e.handler);
      out.link(t.p(e.handler), 'address', `0x${e.handler.toString(16)}`);
      if (sym.module) out.text(' ').link(sym.text, 'symbol', `0x${e.handler.toString(16)}`);
      const stack = istStack(t, where!.tss, e.ist);
      // WinDbg prints the IST stack in upper case ("Stack = 0xFFFFF80001865000").
      if (stack !== undefined) out.text(` Stack = 0x${t.p(stack).toUpperCase()}`);
      out.line();
    }
  },
});

/** !idt: the interrupt descriptor table. */
export const idtCommands: readonly CommandDef[] = [idt];
