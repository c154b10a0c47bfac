import { defineCommand, type CommandDef } from '../command';
import { CommandError } from '../errors';
import { layoutHint, missingHint } from '../kernel/hints';
import { readMemoryCounters, SYMBOL_ONLY_LINES } from '../kernel/memoryCounters';
import { PAGE_LISTS, pfnCensus } from '../kernel/pfnDatabase';
import { kernelTarget } from '../kernel/target';
import { kernelNeeds, missingDataReason } from './kernel';

/** "Physical Memory:          2096983 (    8387932 Kb)": the count ends at column 33, Kb in 11 columns. */
function vmLine(label: string, pages: bigint): string {
  const n = pages.toString();
  return `${label}${' '.repeat(Math.max(1, 33 - label.length - n.length))}${n} (${(pages * 4n).toString().padStart(11)} Kb)`;
}

const vm = defineCommand({
  name: '!vm',
  family: 'Kernel',
  ...kernelNeeds('!vm'),
  help: `${kernelNeeds('!vm').help}\nShows the counters KDDEBUGGER_DATA64 points to; Windows 10 and later keep most of the others in nt!MiState, whose layout needs nt symbols.`,
  run({ session: s, out }) {
    const reason = missingDataReason(s, '!vm');
    if (reason) throw new CommandError(reason);
    const t = kernelTarget(s, '!vm');
    const values = readMemoryCounters(t);
    out.line();
    for (const v of values) if (v.pages !== undefined) out.line(vmLine(v.label, v.pages));
    out.line();
    const header = values.filter((v) => v.fromHeader).map((v) => v.label.replace(/:$/, ''));
    if (header.length) out.line(`    (${header.join(', ')}: from the dump header's physical memory descriptor; KDDEBUGGER_DATA64 leaves it 0)`);
    const zero = values.filter((v) => v.missing === 'not-maintained').map((v) => v.label.replace(/:$/, ''));
    if (zero.length) out.line(`    (not maintained by this kernel (KDDEBUGGER_DATA64 field 0): ${zero.join(', ')}; they need nt symbols (nt!MiState))`);
    const gone = values.filter((v) => v.missing === 'unreadable');
    if (gone.length) out.line(missingHint(t, `the variables of ${gone.map((v) => v.label.replace(/:$/, '')).join(', ')}`));
    out.line(`    (need nt symbols: ${SYMBOL_ONLY_LINES.join(', ')})`);
  },
});

/** "             Zeroed:     49 (   196 kb)": labels right-aligned in 19 columns. */
function memLine(label: string, pages: number): string {
  return `${label.padStart(19)}: ${pages.toString().padStart(6)} (${(pages * 4).toString().padStart(6)} kb)`;
}

const memusage = defineCommand({
  name: '!memusage',
  family: 'Kernel',
  ...kernelNeeds('!memusage'),
  help: `${kernelNeeds('!memusage').help}\nCounts pages by _MMPFN PageLocation (the list header lines of WinDbg's !memusage); the per-control-area usage summary needs nt symbols.`,
  run({ session: s, out }) {
    const reason = missingDataReason(s, '!memusage');
    if (reason) throw new CommandError(reason);
    const t = kernelTarget(s, '!memusage');
    const r = pfnCensus(t);
    if (!r.ok) {
      if (r.why === 'layout') throw new CommandError(layoutHint(t, 'nt!_MMPFN').trim());
      if (r.why === 'no-kdbg') throw new CommandError("Unable to find nt!MmPfnDatabase: the dump's KDDEBUGGER_DATA64 does not give its address");
      if (r.why === 'no-database') throw new CommandError(`Unable to read nt!MmPfnDatabase at ${t.p(r.at!)}\n${missingHint(t, 'the variable nt!MmPfnDatabase')}`);
      throw new CommandError("Unable to find the range of physical pages: neither the dump header's physical memory descriptor nor KDDEBUGGER_DATA64.MmHighestPhysicalPage gives it");
    }
    const c = r.census;
    out.line(' loading PFN database');
    out.line();
    const order = [0, 1, 2, 3, 4, 6, 7];
    for (const i of order) out.line(memLine(PAGE_LISTS[i]!, c.byList[i]!));
    out.line(memLine('SLIST/Bad', c.byList[5]!));
    out.line(memLine('Unknown', c.unknown));
    out.line(memLine('TOTAL', c.total));
    if (c.unknown) out.line(missingHint(t, `the PFN database entries of ${c.unknown} pages (array at ${t.p(c.database)})`));
    out.line('    (the usage summary by control area needs nt symbols: not shown)');
  },
});

/** !vm and !memusage: memory manager counters and the PFN database. */
export const memoryUsageCommands: readonly CommandDef[] = [vm, memusage];
