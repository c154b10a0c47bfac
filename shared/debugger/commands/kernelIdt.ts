import { defineCommand, type CommandDef } from '../command';
import { CommandError } from '../errors';
import { isrThunkBase, isTaskGate, istStack, isUnexpectedStub, locateIdt, readIdt, type IdtEntry } from '../kernel/idt';
import { missingHint } from '../kernel/hints';
import { interruptChain, interruptObjects, kinterruptLayout, MAX_CHAIN, type InterruptChain } from '../kernel/kinterrupt';
import { currentProcessorNumber, findProcessor } from '../kernel/processor';
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
    'one line per vector, handler and symbol, and the IST stack from the KPCR\'s TSS. On x64 Windows 8+',
    'a vector with interrupt objects (KPRCB.InterruptObject) shows each KINTERRUPT and its service routine,',
    'shared ones on lines of their own. Without -a, vectors that are not present or go to an',
    'unexpected-interrupt stub (no KINTERRUPT, handler in nt\'s per-vector stub table) are left out.',
    'Vector: that entry only. Example: !idt, !idt -a, !idt b0',
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
    // x64: which vectors have interrupt objects (only where the KPRCB offset was checked for the build).
    const io = t.dump.arch === 'amd64' ? interruptObjects(t, findProcessor(t, n)) : undefined;
    const objects = io?.objects;
    const layout = kinterruptLayout(t);
    const thunkBase = objects ? isrThunkBase(entries, objects) : undefined;
    const shown = vector !== undefined ? entries.filter((e) => BigInt(e.vector) === vector) : entries;
    for (const e of shown) {
      const sym = s.symbolize(e.handler);
      const taskGate = !t.is64 && isTaskGate(e);
      if (vector === undefined && !all) {
        if (!e.present || (e.handler === 0n && !taskGate) || UNEXPECTED.test(sym.text)) continue;
        if (objects && isUnexpectedStub(e, objects, thunkBase)) continue;
      }
      printEntry(e);
    }
    if (vector !== undefined && !shown.length) out.line(`    (vector ${vector.toString(16)} is past the IDT limit: ${where.count} entries)`);
    if (io && !objects) {
      out.line(io.reason === 'layout'
        ? `    (no verified KPRCB.InterruptObject offset for amd64 build ${t.layout.build}: no KINTERRUPTs, and vectors going to the unexpected-interrupt stubs are listed unless symbols name them)`
        : `    (KPRCB.InterruptObject of processor ${n} is not in this dump: no KINTERRUPTs, and vectors going to the unexpected-interrupt stubs are listed unless symbols name them)`);
    } else if (objects && !layout && objects.some(Boolean)) {
      out.line(`    (no verified _KINTERRUPT layout for amd64 build ${t.layout.build} and no nt PDB with types: service routines and shared interrupts are not shown)`);
    }

    function printEntry(e: IdtEntry): void {
      out.text(`${e.vector.toString(16).padStart(2, '0')}:\t`);
      if (!t.is64 && isTaskGate(e)) {
        // A task gate's "handler" is a TSS selector (x86 double fault and NMI).
        out.line(`${t.p(0n)} Task Selector = 0x${e.selector.toString(16).padStart(4, '0')}`);
        return;
      }
      out.link(t.p(e.handler), 'address', `0x${e.handler.toString(16)}`);
      const first = objects?.[e.vector];
      const chain = first && layout ? interruptChain(t, first, layout) : undefined;
      const head = chain?.objects[0];
      // A connected vector: WinDbg names the KINTERRUPT's service routine, not the stub the IDT points at.
      const named = head ? head.routine : e.handler;
      const sym = s.symbolize(named);
      if (sym.module || head) out.text(' ').link(sym.text, 'symbol', `0x${named.toString(16)}`);
      const stack = istStack(t, where!.tss, e.ist);
      // WinDbg prints the IST stack in upper case ("Stack = 0xFFFFF80001865000").
      if (stack !== undefined) out.text(` Stack = 0x${t.p(stack).toUpperCase()}`);
      if (first) out.text(' (KINTERRUPT ').link(t.p(first), 'address', `0x${first.toString(16)}`).text(')');
      out.line();
      if (chain) printChain(chain, first!);
    }

    /** The shared KINTERRUPTs after the first, under the symbol column as WinDbg lays them out, and why a walk stopped. */
    function printChain(chain: InterruptChain, first: bigint): void {
      const pad = `\t${' '.repeat(t.is64 ? 17 : 9)}`;
      for (const k of chain.objects.slice(1)) {
        const sym = s.symbolize(k.routine);
        out.text(pad).link(sym.text, 'symbol', `0x${k.routine.toString(16)}`);
        out.text(' (KINTERRUPT ').link(t.p(k.address), 'address', `0x${k.address.toString(16)}`).text(')').line();
      }
      const stop = chain.stop;
      if (!stop) return;
      const at = t.p(stop.at);
      const why = {
        loop: `the InterruptListEntry chain loops back to KINTERRUPT ${at} without returning to ${t.p(first)}: stopped`,
        cap: `more than ${MAX_CHAIN} KINTERRUPTs on the InterruptListEntry chain: stopped at ${at}`,
        unreadable: `KINTERRUPT ${at} is not in the dump`,
        'not-interrupt': `${at} on the InterruptListEntry chain is not a KINTERRUPT (Type is not 22): stopped`,
        null: `KINTERRUPT ${at} has a NULL InterruptListEntry.Flink: stopped`,
      }[stop.reason];
      out.line(`${pad}(${why})`);
    }
  },
});

/** !idt: the interrupt descriptor table. */
export const idtCommands: readonly CommandDef[] = [idt];
