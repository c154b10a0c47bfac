// Every Driver Verifier output sample in ../shared/corpus/verifier, parsed
// into the verifier status model and checked against values read off the text.
import { describe, expect, it } from 'vitest';
import { parseVerifierOutput, type VerifierStatus } from '../../shared/settings/verifierOutput';
import { listCorpus, readCorpus } from '../helpers/corpus';

const read = (file: string): VerifierStatus => parseVerifierOutput(new TextDecoder().decode(readCorpus('verifier', file)));

describe('Driver Verifier corpus output', () => {
  it('covers every file of the corpus folder', () => {
    expect(listCorpus('verifier')).toHaveLength(9);
    for (const f of listCorpus('verifier')) expect(read(f).kind, f).toMatch(/^(settings|statistics|not-active|flags|pool-log|fault-injection-log|irql-log|volatile-change)$/);
  });

  it('!verifier 3 (ebpf issue): /standard bits plus the reserved bit, each checkbox', () => {
    const s = read('gh-issue_microsoft-ebpf-for-windows-1091_bang-verifier-3_EXCERPT.txt');
    expect(s.kind).toBe('flags');
    expect(s.command).toBe('!verifier 3 netebpfext.sys');
    expect(s.flags).toBe(0x1209bb);
    expect(s.options).toHaveLength(24);
    expect(s.options.filter((o) => o.enabled).map((o) => o.mask)).toEqual([0x0, 0x1, 0x2, 0x8, 0x10, 0x20, 0x80, 0x100, 0x800, 0x20000, 0x100000]);
    expect(s.options.find((o) => o.mask === 0x2000000)).toEqual({ name: 'Code integrity checks', mask: 0x2000000, enabled: false });
    expect(s.counters).toEqual({ RaiseIrqls: 0n });
  });

  it('!verifier (OpenZFS issue): same flags from the checkboxes alone, four counters', () => {
    const s = read('gh-issue_openzfsonwindows-openzfs-124_bang-verifier_EXCERPT.txt');
    expect(s.kind).toBe('flags');
    expect(s.flags).toBe(0x1209bb);
    expect(s.counters).toEqual({ RaiseIrqls: 0n, AcquireSpinLocks: 2n, 'Synch Executions': 0n, Trims: 0n });
  });

  it('!verifier 80: two pool blocks with their stacks', () => {
    const s = read('msdocs_debugger-verifier-md_bang-verifier-80-address_vista.txt');
    expect(s.kind).toBe('pool-log');
    expect(s.command).toBe('!verifier 80 a2b1cf20');
    expect(s.logEntries.map((e) => e.fields)).toEqual([
      { 'Pool block': 'a2b1ce98', Size: '00000168', Thread: 'a2b1ce98' },
      { 'Pool block': 'a2b1ce98', Size: '00000164', Thread: 'a2b1ce98' },
    ]);
    expect(s.logEntries[0]!.frames).toHaveLength(13);
    expect(s.logEntries[0]!.frames[12]).toEqual({ address: 0x8ac4a8ban, symbol: 'test1!HandleCompletedTxPacket+0xea' });
    expect(s.logEntries[1]!.frames[0]).toEqual({ address: 0x822af87fn, symbol: 'nt!VerifierExAllocatePoolWithTagPriority+0x5d' });
  });

  it('IRQL log (x64): two transitions with old/new IRQL and five frames each', () => {
    const s = read('msdocs_debugger-verifier-md_bang-verifier-irql-log-x64-remarks.txt');
    expect(s.kind).toBe('irql-log');
    expect(s.logEntries).toHaveLength(2);
    expect(s.logEntries[0]!.fields).toEqual({ Thread: 'fffffa80068c9400', 'Old irql': '0000000000000002', 'New irql': '0000000000000000', Processor: '0000000000000002', 'Time stamp': '0000000000000857' });
    expect(s.logEntries[1]!.fields['New irql']).toBe('0000000000000002');
    expect(s.logEntries[1]!.frames[0]).toEqual({ address: 0xfffff8800140d48dn, symbol: 'ndis!ndisReferenceTopMiniportByNameForNsi+0x1ce' });
    expect(s.logEntries.map((e) => e.frames.length)).toEqual([5, 5]);
  });

  it('!verifier 4: fault-injection entries 75 and 74', () => {
    const s = read('msdocs_low-resources-simulation_bang-verifier-4.txt');
    expect(s.kind).toBe('fault-injection-log');
    expect(s.logEntries.map((e) => e.fields)).toEqual([
      { Entry: '8354B258', Index: '75', Thread: 'C2638220' },
      { Entry: '8354B230', Index: '74', Thread: '8436D770' },
    ]);
    expect(s.logEntries.map((e) => e.frames.length)).toEqual([8, 3]);
    expect(s.logEntries[0]!.frames[7]!.symbol).toBe('nt!PspExitThread+0x603');
  });

  it('!verifier summary: level 5 = special pool + low resources, ten counters', () => {
    const s = read('msdocs_low-resources-simulation_bang-verifier-summary.txt');
    expect(s.kind).toBe('statistics');
    expect(s.flags).toBe(5);
    expect(s.options).toEqual([
      { name: 'Special pool', mask: 0x1, enabled: true },
      { name: 'Inject random low-resource API failures', mask: 0x4, enabled: true },
    ]);
    expect(s.counters.RaiseIrqls).toBe(0x2c671fn);
    expect(s.counters['Pool Allocations Succeeded SpecialPool']).toBe(0x768060n);
    expect(s.counters['Resource Allocations Failed Deliberately']).toBe(0x3f5n);
    expect(Object.keys(s.counters)).toHaveLength(10);
  });

  it('verifier /querysettings (old layout): low resources only, its options and the verified driver', () => {
    const s = read('msdocs_low-resources-simulation_querysettings.txt');
    expect(s.kind).toBe('settings');
    expect(s.command).toBe('verifier /querysettings');
    expect(s.options).toHaveLength(12);
    expect(s.options.filter((o) => o.enabled)).toEqual([{ name: 'Low resources simulation', mask: 0x4, enabled: true }]);
    expect(s.options.find((o) => o.name === 'Enhanced I/O verification')?.mask).toBe(0x40);
    expect(s.flags).toBe(0x4);
    expect(s.lowResources).toEqual({ probability: '1/10000', poolTags: ['Tag1', 'Tag2'], applications: ['test1.exe', 'test2.exe'], bootDelayMinutes: 2 });
    expect(s.drivers).toEqual(['blah.sys']);
  });

  it('verifier /volatile /faults /adddriver: the defaults it reports', () => {
    const s = read('msdocs_low-resources-simulation_volatile-faults-adddriver.txt');
    expect(s.kind).toBe('volatile-change');
    expect(s.command).toBe('verifier /volatile /faults /adddriver MyDriver.sys');
    expect(s.lowResources).toEqual({ probability: 'default', poolTags: [], applications: [] });
  });

  it('old verifier /query (pastebin): level 0x2012B, global counters and per-driver records', () => {
    const s = read('pastebin_S5bBVdj0_verifier-query_EXCERPT.txt');
    expect(s.kind).toBe('statistics');
    expect(s.timestamp).toBe('20.2.2013, 15:27:56');
    expect(s.flags).toBe(0x2012b);
    expect(s.counters).toMatchObject({ AcquireSpinLocks: 115235n, SynchronizeExecutions: 5735n, Trims: 43750n, UnTrackedPool: 0n });
    expect(Object.keys(s.counters)).toHaveLength(11);
    expect(s.drivers).toEqual(['atikmpag.sys', 'atikmdag.sys', 'dump_dumpata.sys', 'dump_atapi.sys']);
    expect(s.driverStatistics[1]).toEqual({
      name: 'atikmdag.sys', loads: 1, unloads: 0,
      counters: {
        CurrentPagedPoolAllocations: 967n, CurrentNonPagedPoolAllocations: 579n, PeakPagedPoolAllocations: 1075n, PeakNonPagedPoolAllocations: 725n,
        PagedPoolUsageInBytes: 17382653n, NonPagedPoolUsageInBytes: 1451592n, PeakPagedPoolUsageInBytes: 17452397n, PeakNonPagedPoolUsageInBytes: 1576104n,
      },
    });
    expect(s.driverStatistics[3]).toMatchObject({ name: 'dump_atapi.sys', loads: 2, unloads: 1, counters: { CurrentPagedPoolAllocations: 0n } });
  });
});
