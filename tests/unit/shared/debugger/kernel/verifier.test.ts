// !verifier on synthetic full dumps: nt!MmVerifierData (_MM_DRIVER_VERIFIER_DATA) written by hand
// at the public offsets (ntdiff/headers ntoskrnl.exe ALL_SORTED.h: Win10_2004_20H1/x64 and
// Win7_SP1/x64, byte counters ULONGLONG at 0x50-0x68; Win7_SP1/x86, byte counters ULONG at
// 0x50-0x5c; Win11_2209_22H2/x64 with AllocationFreed at 0x30), not taken from the code under test. The expected text follows the real
// WinDbg outputs in ../shared/corpus/verifier and expected/083125-14875-01.windbg.verifier.txt.
import { describe, expect, it } from 'vitest';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';
import { le } from '../../../../synth/kernel/writer';
import { corpusEngine, engineFor, run } from '../helpers';
import { ntTypes, WIN10_20H1 } from './ntTypes';

const KERN64 = 0xfffff80000000000n;
const KERN32 = 0x80400000n;

/** The counters, in _MM_DRIVER_VERIFIER_DATA order from Level (+0x0) to PeakNonPagedPoolAllocations (+0x4c). */
const COUNTERS = [
  0x001209bb, // Level
  0x2aaf, // RaiseIrqls
  0x45cb, // AcquireSpinLocks
  0xf6, // SynchronizeExecutions
  0x10a04, // AllocationsAttempted
  0x109b3, // AllocationsSucceeded
  0x109b0, // AllocationsSucceededSpecialPool
  0x1, // AllocationsWithNoTag
  0x99, // TrimRequests (not printed)
  0x2240, // Trims
  0x51, // AllocationsFailed
  0x3f5, // AllocationsFailedDeliberately
  3, 1, 0, 0, // Loads, Unloads, UnTrackedPool, UserTrims
  0x1a, // CurrentPagedPoolAllocations (+0x40)
  0x3, // CurrentNonPagedPoolAllocations
  0x1b, // PeakPagedPoolAllocations
  0x13, // PeakNonPagedPoolAllocations (+0x4c)
];
/** PagedBytes, NonPagedBytes, PeakPagedBytes, PeakNonPagedBytes. */
const BYTES = [0x950n, 0x1058n, 0xac4n, 0x4a4a0n];

function verifierData(is64: boolean, level = COUNTERS[0]!): Uint8Array {
  const b = new Uint8Array(0xb0);
  COUNTERS.forEach((v, i) => b.set(le(BigInt(i === 0 ? level : v), 4), i * 4));
  const w = is64 ? 8 : 4;
  BYTES.forEach((v, i) => b.set(le(v, w), 0x50 + i * w));
  // What follows (BurstAllocationsFailedDeliberately …): noise the command must not print.
  b.set(le(0x7777n, 4), 0x50 + 4 * w);
  return b;
}

/** Win11 22H2 x64 (ntdiff Win11_2209_22H2): AllocationFreed at 0x30, Loads … at 0x34-0x50, byte counters at 0x58. */
function verifierData22621(): Uint8Array {
  const b = new Uint8Array(0xb0);
  COUNTERS.slice(0, 12).forEach((v, i) => b.set(le(BigInt(v), 4), i * 4)); // Level … AllocationsFailedDeliberately (0x00-0x2c)
  b.set(le(0x6666n, 4), 0x30); // AllocationFreed: not printed
  COUNTERS.slice(12).forEach((v, i) => b.set(le(BigInt(v), 4), 0x34 + i * 4)); // Loads … PeakNonPagedPoolAllocations (0x34-0x50)
  b.set(le(0x5555n, 4), 0x54); // alignment padding: must not be read
  BYTES.forEach((v, i) => b.set(le(v, 8), 0x58 + i * 8)); // PagedBytes … PeakNonPagedBytes (0x58-0x70)
  return b;
}

function dump(is64: boolean, build: number, opts: { level?: number; withPage?: boolean; field?: boolean } = {}): Uint8Array {
  const kern = is64 ? KERN64 : KERN32;
  const va = kern + 0x720780n;
  return toBytes(buildKernelDump({
    type: 'full', is64, build,
    memory: opts.withPage === false ? [] : [{ va, bytes: build === 22621 ? verifierData22621() : verifierData(is64, opts.level) }],
    kdbgFields: opts.field === false ? {} : { MmVerifierData: va },
  }));
}

const FLAGS_1209BB = [
  '',
  'Verify Flags Level 0x001209bb',
  '',
  '  STANDARD FLAGS:',
  '    [X] (0x00000000) Automatic Checks',
  '    [X] (0x00000001) Special pool',
  '    [X] (0x00000002) Force IRQL checking',
  '    [X] (0x00000008) Pool tracking',
  '    [X] (0x00000010) I/O verification',
  '    [X] (0x00000020) Deadlock detection',
  '    [X] (0x00000080) DMA checking',
  '    [X] (0x00000100) Security checks',
  '    [X] (0x00000800) Miscellaneous checks',
  '    [X] (0x00020000) DDI compliance checking',
  '',
  '  ADDITIONAL FLAGS:',
  '    [ ] (0x00000004) Randomized low resources simulation',
  '    [ ] (0x00000200) Force pending I/O requests',
  '    [ ] (0x00000400) IRP logging',
  '    [ ] (0x00002000) Invariant MDL checking for stack',
  '    [ ] (0x00004000) Invariant MDL checking for driver',
  '    [ ] (0x00008000) Power framework delay fuzzing',
  '    [ ] (0x00010000) Port/miniport interface checking',
  '    [ ] (0x00040000) Systematic low resources simulation',
  '    [ ] (0x00080000) DDI compliance checking (additional)',
  '    [ ] (0x00200000) NDIS/WIFI verification',
  '    [ ] (0x00800000) Kernel synchronization delay fuzzing',
  '    [ ] (0x01000000) VM switch verification',
  '    [ ] (0x02000000) Code integrity checks',
  '',
  '  RESERVED FLAGS (use of these flags is unsupported):',
  '    [X] (0x00100000) Unused or reserved flag',
  '',
  '    [X] Indicates flag is enabled',
];

const STATISTICS = [
  '',
  'Summary of All Verifier Statistics',
  '',
  '  RaiseIrqls           0x2aaf',
  '  AcquireSpinLocks     0x45cb',
  '  Synch Executions     0xf6',
  '  Trims                0x2240',
  '',
  '  Pool Allocations Attempted             0x10a04',
  '  Pool Allocations Succeeded             0x109b3',
  '  Pool Allocations Succeeded SpecialPool 0x109b0',
  '  Pool Allocations With NO TAG           0x1',
  '  Pool Allocations Failed                0x51',
  '',
  '  Current paged pool allocations         0x1a for 00000950 bytes',
  '  Peak paged pool allocations            0x1b for 00000AC4 bytes',
  '  Current nonpaged pool allocations      0x3 for 00001058 bytes',
  '  Peak nonpaged pool allocations         0x13 for 0004A4A0 bytes',
];

describe('!verifier', () => {
  it.each([
    ['x64 19041 (Win10 2004 layout)', true, 19041],
    ['x64 7601 (Win7 SP1 layout)', true, 7601],
    ['x64 17763 (Win10 1809 layout, as 2004)', true, 17763],
    ['x86 7601 (ULONG byte counters)', false, 7601],
    ['x64 22621 (Win11 22H2 layout: AllocationFreed at 0x30)', true, 22621],
  ])('prints the flags and statistics of nt!MmVerifierData: %s', (_name, is64, build) => {
    const lines = run(engineFor(dump(is64, build)), '!verifier').split('\n');
    expect(lines.slice(0, FLAGS_1209BB.length)).toEqual(FLAGS_1209BB);
    expect(lines.slice(FLAGS_1209BB.length, FLAGS_1209BB.length + STATISTICS.length)).toEqual(STATISTICS);
    expect(lines.slice(FLAGS_1209BB.length + STATISTICS.length).join('\n')).toContain('nt!VfDriverList');
    expect(lines.join('\n')).not.toMatch(/0x7777|0x6666|0x5555/);
  });

  it('shows low resources simulation, its counter line, and Enhanced I/O verification (0x40) as reserved', () => {
    const text = run(engineFor(dump(true, 19041, { level: 0x4d })), '!verifier');
    expect(text).toContain('\nVerify Flags Level 0x0000004d\n');
    expect(text).toContain('    [X] (0x00000004) Randomized low resources simulation\n');
    expect(text).toContain('    [X] (0x00000008) Pool tracking\n');
    expect(text).toContain('    [ ] (0x00000002) Force IRQL checking\n');
    expect(text).toContain('  RESERVED FLAGS (use of these flags is unsupported):\n    [X] (0x00000040) Unused or reserved flag\n');
    expect(text).toContain('  Pool Allocations Failed                0x51\n  Resource Allocations Failed Deliberately   0x3f5\n\n');
  });

  it('has no RESERVED section when no unlisted bit is set', () => {
    const text = run(engineFor(dump(true, 19041, { level: 0x209bb })), '!verifier');
    expect(text).not.toContain('RESERVED');
    expect(text).toContain('    [X] (0x00020000) DDI compliance checking\n\n  ADDITIONAL FLAGS:\n');
    expect(text).toContain('    [ ] (0x02000000) Code integrity checks\n\n    [X] Indicates flag is enabled\n');
  });

  it('says when Driver Verifier was off (Level 0)', () => {
    const text = run(engineFor(dump(true, 19041, { level: 0 })), '!verifier');
    expect(text).toContain('\nVerify Flags Level 0x00000000\n');
    expect(text).toContain('    [ ] (0x00000001) Special pool\n');
    expect(text).toContain('    (Level 0: no Driver Verifier option was set when the dump was written)\n');
  });

  it('says which memory is missing when the page of nt!MmVerifierData is not in the dump', () => {
    const text = run(engineFor(dump(true, 19041, { withPage: false })), '!verifier');
    expect(text).toBe('fffff80000720780: Unable to get verifier list.\n    (this dump does not hold nt!MmVerifierData at fffff80000720780: the page was not captured or was paged out)\n');
  });

  it('says so when KDDEBUGGER_DATA64 has no MmVerifierData', () => {
    const text = run(engineFor(dump(true, 19041, { field: false })), '!verifier');
    expect(text).toBe('Unable to get verifier list.\n    (the dump\'s KDDEBUGGER_DATA64 has no MmVerifierData)\n');
  });

  it('does not guess the layout of an unchecked build', () => {
    const text = run(engineFor(dump(true, 22000)), '!verifier');
    expect(text).toBe('fffff80000720780: Unable to get verifier list.\n    (nt!_MM_DRIVER_VERIFIER_DATA: DumpDesk has no verified layout for amd64 build 22000, and the dump\'s KDDEBUGGER_DATA64 does not give it; PDB types are needed)\n');
  });

  it('reads an unchecked build at the nt PDB\'s _MM_DRIVER_VERIFIER_DATA offsets when the symbol path has them', () => {
    const withPdb = run(engineFor(dump(true, 22000), '(test)', ntTypes(WIN10_20H1)), '!verifier');
    expect(withPdb).toBe(run(engineFor(dump(true, 19041)), '!verifier'));
    expect(withPdb).toContain('Verify Flags Level 0x001209bb');
  });

  it('answers the log selectors with what they need', () => {
    const text = run(engineFor(dump(true, 19041)), '!verifier 80');
    expect(text).toContain('!verifier 80: the verifier\'s pool Allocate/Free log is kept in nt\'s verifier globals');
  });

  it('keeps WinDbg\'s first line on the small corpus dump (083125-14875-01.windbg.verifier.txt)', () => {
    const text = run(corpusEngine('kernel', '083125-14875-01.dmp'), '!verifier');
    expect(text.split('\n')[0]).toBe('fffff8075c838780: Unable to get verifier list.');
    expect(text.split('\n')[1]).toContain('Small memory dump: it does not hold the verifier globals (MmVerifierData)');
  });
});
