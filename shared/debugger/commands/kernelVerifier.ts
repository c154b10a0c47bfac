import { VERIFIER_FLAGS } from '../../settings/verifierFlags';
import { defineCommand, type CommandDef } from '../command';
import { CommandError } from '../errors';
import { layoutHint, missingHint } from '../kernel/hints';
import { kdbgPointer } from '../kernel/kdbgPointers';
import { kernelTarget } from '../kernel/target';
import { readVerifierData, type VerifierData } from '../kernel/verifierData';
import type { OutputBuilder } from '../output';
import { kernelNeeds, missingDataReason } from './kernel';

/**
 * The option bits !verifier lists. Enhanced I/O verification (0x40) is not among them in
 * the real outputs (../shared/corpus/verifier): since Windows 7 it is part of I/O
 * verification, so a set 0x40 falls into the reserved section like any unknown bit.
 */
const LISTED = VERIFIER_FLAGS.filter((f) => f.mask !== 0x40);
const LISTED_MASK = LISTED.reduce((m, f) => m | f.mask, 0) >>> 0;

/** `!verifier Flags` values that select one of the verifier's logs instead of the summary (MS docs). */
const LOGS: Record<number, string> = {
  0x4: 'fault injection log',
  0x8: 'IRQL transition log',
  0x20: 'driver hang verification log',
  0x40: 'forced pending I/O log',
  0x80: 'pool Allocate/Free log',
  0x100: 'IoAllocateIrp/IoCompleteRequest/IoCancelIrp log',
  0x200: 'critical region log',
  0x400: 'cancelled IRP watch list',
  0x800: 'systematic low resources fault injection log',
};

const hex8 = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;

function flagLine(out: OutputBuilder, on: boolean, mask: number, name: string): void {
  out.line(`    [${on ? 'X' : ' '}] (${hex8(mask)}) ${name}`);
}

/** The flags table: "Verify Flags Level 0x001209bb" and the STANDARD/ADDITIONAL/RESERVED checkbox lists. */
function printFlags(out: OutputBuilder, level: number): void {
  out.line();
  out.line(`Verify Flags Level ${hex8(level)}`);
  out.line();
  out.line('  STANDARD FLAGS:');
  flagLine(out, true, 0, 'Automatic Checks');
  for (const f of LISTED.filter((x) => x.standard)) flagLine(out, (level & f.mask) !== 0, f.mask, f.name);
  out.line();
  out.line('  ADDITIONAL FLAGS:');
  for (const f of LISTED.filter((x) => !x.standard)) flagLine(out, (level & f.mask) !== 0, f.mask, f.name);
  out.line();
  // Bits !verifier does not list (0x00100000 on real machines, VERIFIER_RESERVED_FLAGS): one line each, only when set.
  const reserved = (level & ~LISTED_MASK) >>> 0;
  if (reserved) {
    out.line('  RESERVED FLAGS (use of these flags is unsupported):');
    for (let bit = 0; bit < 32; bit++) {
      const mask = 2 ** bit;
      if (reserved & mask) flagLine(out, true, mask, 'Unused or reserved flag');
    }
    out.line();
  }
  out.line('    [X] Indicates flag is enabled');
}

/** "  RaiseIrqls           0x0": the IRQL block's names in 21 columns. */
const irqlLine = (label: string, v: number): string => `  ${label.padEnd(21)}0x${v.toString(16)}`;
/** "  Pool Allocations Attempted             0x2db1a": the pool block's names in 39 columns. */
const poolLine = (label: string, v: number): string => `  ${label.padEnd(39)}0x${v.toString(16)}`;
/** "  Peak nonpaged pool allocations         0x13 for 0004A4A0 bytes". */
const usageLine = (label: string, n: number, bytes: bigint): string =>
  `${poolLine(label, n)} for ${bytes.toString(16).toUpperCase().padStart(8, '0')} bytes`;

function printStatistics(out: OutputBuilder, d: VerifierData): void {
  out.line();
  out.line('Summary of All Verifier Statistics');
  out.line();
  out.line(irqlLine('RaiseIrqls', d.raiseIrqls));
  out.line(irqlLine('AcquireSpinLocks', d.acquireSpinLocks));
  out.line(irqlLine('Synch Executions', d.synchronizeExecutions));
  out.line(irqlLine('Trims', d.trims));
  out.line();
  out.line(poolLine('Pool Allocations Attempted', d.allocationsAttempted));
  out.line(poolLine('Pool Allocations Succeeded', d.allocationsSucceeded));
  out.line(poolLine('Pool Allocations Succeeded SpecialPool', d.allocationsSucceededSpecialPool));
  out.line(poolLine('Pool Allocations With NO TAG', d.allocationsWithNoTag));
  out.line(poolLine('Pool Allocations Failed', d.allocationsFailed));
  // Real Windows 10 outputs without low resources simulation (0x4) omit this line; older ones
  // always had it (3 spaces after the name, not aligned): shown when the option is on.
  if (d.level & 0x4) out.line(`  Resource Allocations Failed Deliberately   0x${d.allocationsFailedDeliberately.toString(16)}`);
  out.line();
  out.line(usageLine('Current paged pool allocations', d.currentPagedPoolAllocations, d.pagedBytes));
  out.line(usageLine('Peak paged pool allocations', d.peakPagedPoolAllocations, d.peakPagedBytes));
  out.line(usageLine('Current nonpaged pool allocations', d.currentNonPagedPoolAllocations, d.nonPagedBytes));
  out.line(usageLine('Peak nonpaged pool allocations', d.peakNonPagedPoolAllocations, d.peakNonPagedBytes));
}

const verifier = defineCommand({
  name: '!verifier',
  family: 'Kernel',
  ...kernelNeeds('!verifier'),
  help: `${kernelNeeds('!verifier').help}\nFlags (default 0) other than a log selector print the option flags and the statistics of nt!MmVerifierData\n(_MM_DRIVER_VERIFIER_DATA: from the nt PDB's types when the symbol path has it, else the layouts checked for x64 7601, 17763, 19041-19045 and 22621, x86 7601). The Driver Verification List\n(nt!VfDriverList / MiVerifyingDriverList) and the logs (4, 8, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800) need nt symbols.`,
  run({ session: s, out, args, evaluate }) {
    if (s.dump.format === 'minidump') throw new CommandError(missingDataReason(s, '!verifier') ?? '!verifier is a kernel-mode extension');
    const t = kernelTarget(s, '!verifier');
    const words = args.trim().split(/\s+/).filter(Boolean);
    const flags = words[0] === undefined ? 0 : Number(BigInt.asUintN(32, evaluate(words[0])));
    const va = kdbgPointer(t.dump, 'MmVerifierData');
    const unable = `${va === undefined ? '' : `${t.p(va)}: `}Unable to get verifier list.`;
    if (t.isSmallDump) {
      // WinDbg's own first line (083125-14875-01.windbg.verifier.txt), then which dump holds the data.
      const why = (missingDataReason(s, '!verifier') ?? '').split('\n').slice(1).join('\n');
      throw new CommandError(why ? `${unable}\n${why}` : unable);
    }
    const log = LOGS[flags];
    if (log) {
      throw new CommandError(`!verifier ${flags.toString(16)}: the verifier's ${log} is kept in nt's verifier globals, whose addresses need nt symbols\n    (KDDEBUGGER_DATA64 gives only nt!MmVerifierData: run !verifier for the flags and statistics)`);
    }
    if (va === undefined) throw new CommandError(`${unable}\n    (the dump's KDDEBUGGER_DATA64 has no MmVerifierData)`);
    const r = readVerifierData(t, va);
    if (!r.ok) {
      if (r.why === 'layout') throw new CommandError(`${unable}\n${layoutHint(t, 'nt!_MM_DRIVER_VERIFIER_DATA')}`);
      throw new CommandError(`${unable}\n${missingHint(t, `nt!MmVerifierData at ${t.p(va)}`)}`);
    }
    printFlags(out, r.data.level);
    printStatistics(out, r.data);
    out.line();
    if (r.data.level === 0) out.line('    (Level 0: no Driver Verifier option was set when the dump was written)');
    out.line('    (Driver Verification List: the verified drivers are on nt!VfDriverList (MiVerifyingDriverList before Windows 8),');
    out.line('     whose address needs nt symbols: not shown)');
    if (words[1] !== undefined) out.line(`    (Image ${words[1]}: the per-driver counters are in that list too: not shown)`);
  },
});

/** !verifier: Driver Verifier's options and counters from nt!MmVerifierData. */
export const verifierCommands: readonly CommandDef[] = [verifier];
