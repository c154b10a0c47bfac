// !vm and !memusage on synthetic full dumps: memory manager variables at the addresses
// KDDEBUGGER_DATA64 gives, and a PFN database of _MMPFN entries written by hand at the public
// x64 layout (ntdiff/headers ntoskrnl.exe Win10_1903_19H1: 0x30 bytes, u3.e1 at +0x22 with
// PageLocation in bits 0-2), not taken from the code under test.
import { describe, expect, it } from 'vitest';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';
import { le } from '../../../../synth/kernel/writer';
import { corpusEngine, engineFor, run } from '../helpers';
import { ntTypes, WIN10_20H1 } from './ntTypes';

const KERN = 0xfffff80000000000n;
const VARS = KERN + 0x720000n;
const ABSENT = KERN + 0x7f0000n; // a variable address no page of the dump holds
const PFN_DB = 0xffffc30000000000n;
const RAM_PAGES = 0x200n; // the header's one physical memory run: PFNs 0..511

function vars(): Uint8Array {
  const v = new Uint8Array(0x50);
  v.set(le(512n, 4), 0x00); // MmNumberOfPhysicalPages: PFN_COUNT (ULONG)
  v.set(le(0xdeadbeefn, 4), 0x04); // whatever follows it: must not leak into the count
  v.set(le(250n, 4), 0x08); // MmAvailablePages: a page count, read as its low 32 bits …
  v.set(le(0xabcdn, 4), 0x0c); // … so a neighbour after a 32-bit variable cannot leak in
  v.set(le(300n, 8), 0x10); // MmResidentAvailablePages
  v.set(le(1234n, 8), 0x18); // MmAllocatedNonPagedPool (pages)
  v.set(le(0x10000000n, 8), 0x20); // MmMaximumNonPagedPoolInBytes
  v.set(le(0x20000000000n, 8), 0x28); // MmSizeOfPagedPoolInBytes
  v.set(le(36992n, 8), 0x30); // MmPagedPoolCommit
  v.set(le(226966n, 8), 0x38); // MmTotalCommittedPages
  v.set(le(2096416n, 8), 0x40); // MmTotalCommitLimit
  v.set(le(PFN_DB, 8), 0x48); // MmPfnDatabase (the variable holds the array's base)
  return v;
}

/** PageLocation of each PFN 0..425; the entries of 426..511 lie in the PFN database's sixth page, left out of the dump. */
function location(i: number): number {
  if (i < 100) return 0; // Zeroed
  if (i < 150) return 1; // Free
  if (i < 250) return 2; // Standby
  if (i < 260) return 3; // Modified
  if (i < 262) return 4; // ModifiedNoWrite
  if (i < 263) return 5; // Bad
  if (i < 420) return 6; // Active
  return 7; // Transition
}

function pfnDatabase(): Uint8Array {
  const db = new Uint8Array(0x5000); // five pages: entries whose e1 byte (i*0x30+0x22) is below 0x5000, i.e. PFNs 0..425
  for (let i = 0; i * 0x30 + 0x22 < db.length; i++) {
    db[i * 0x30 + 0x22] = location(i) | (location(i) === 6 ? 0x10 : 0); // e1.Modified (bit 4) on active pages
    db[i * 0x30 + 0x20] = 1; // ReferenceCount: not part of PageLocation
  }
  return db;
}

function fullDump(withFields: boolean, build = 19041): Uint8Array {
  return toBytes(buildKernelDump({
    type: 'full', is64: true, build, singleRunPages: RAM_PAGES,
    kdbgFields: withFields
      ? {
        MmNumberOfPhysicalPages: VARS, MmAvailablePages: VARS + 0x08n, MmResidentAvailablePages: VARS + 0x10n,
        MmAllocatedNonPagedPool: VARS + 0x18n, MmMaximumNonPagedPoolInBytes: VARS + 0x20n, MmSizeOfPagedPoolInBytes: VARS + 0x28n,
        MmPagedPoolCommit: VARS + 0x30n, MmTotalCommittedPages: VARS + 0x38n, MmTotalCommitLimit: VARS + 0x40n,
        MmDriverCommit: ABSENT, MmPfnDatabase: VARS + 0x48n,
      }
      : { MmPfnDatabase: VARS + 0x48n },
    memory: [{ va: VARS, bytes: vars() }, { va: PFN_DB, bytes: pfnDatabase() }],
  }));
}

describe('!vm on a full dump (x64 19041)', () => {
  it('prints the counters KDDEBUGGER_DATA64 points to, in WinDbg\'s columns, and names the rest', () => {
    const out = run(engineFor(fullDump(true), 'synthetic-full.dmp'), '!vm').split('\n');
    expect(out.slice(0, 11)).toEqual([
      '',
      'Physical Memory:              512 (       2048 Kb)',
      'Available Pages:              250 (       1000 Kb)',
      'ResAvail Pages:               300 (       1200 Kb)',
      'NonPagedPool Usage:          1234 (       4936 Kb)',
      'NonPagedPool Max:           65536 (     262144 Kb)',
      'PagedPool Maximum:      536870912 ( 2147483648 Kb)',
      'PagedPool Commit:           36992 (     147968 Kb)',
      'Committed pages:           226966 (     907864 Kb)',
      'Commit limit:             2096416 (    8385664 Kb)',
      '',
    ]);
    expect(out[11]).toBe('    (not maintained by this kernel (KDDEBUGGER_DATA64 field 0): Shared Commit; they need nt symbols (nt!MiState))');
    expect(out[12]).toBe('    (this dump does not hold the variables of Driver Commit: the page was not captured or was paged out)');
    expect(out[13]).toMatch(/^ {4}\(need nt symbols: Page File, Locked IO Pages, Free System PTEs, Modified Pages, /);
  });

  it('takes Physical Memory from the dump header when KDDEBUGGER_DATA64 leaves MmNumberOfPhysicalPages 0 (as 19041 does)', () => {
    const out = run(engineFor(fullDump(false), 'synthetic-full.dmp'), '!vm').split('\n');
    expect(out[1]).toBe('Physical Memory:              512 (       2048 Kb)');
    expect(out[2]).toBe('');
    expect(out[3]).toBe("    (Physical Memory: from the dump header's physical memory descriptor; KDDEBUGGER_DATA64 leaves it 0)");
  });
});

describe('!memusage on a full dump (x64 19041)', () => {
  it('counts PFNs by PageLocation and the ones whose entry the dump lacks as unknown', () => {
    expect(run(engineFor(fullDump(true), 'synthetic-full.dmp'), '!memusage')).toBe([
      ' loading PFN database',
      '',
      '             Zeroed:    100 (   400 kb)',
      '               Free:     50 (   200 kb)',
      '            Standby:    100 (   400 kb)',
      '           Modified:     10 (    40 kb)',
      '    ModifiedNoWrite:      2 (     8 kb)',
      '       Active/Valid:    157 (   628 kb)',
      '         Transition:      6 (    24 kb)',
      '          SLIST/Bad:      1 (     4 kb)',
      '            Unknown:     86 (   344 kb)',
      '              TOTAL:    512 (  2048 kb)',
      '    (this dump does not hold the PFN database entries of 86 pages (array at ffffc30000000000): the page was not captured or was paged out)',
      '    (the usage summary by control area needs nt symbols: not shown)',
      '',
    ].join('\n'));
  });

  it('a build without a table row reads _MMPFN from the nt PDB\'s types when the symbol path has it', () => {
    const fromTable = run(engineFor(fullDump(true), 'synthetic-full.dmp'), '!memusage');
    expect(run(engineFor(fullDump(true, 22000), 'synthetic-full.dmp'), '!memusage')).toContain('nt!_MMPFN: DumpDesk has no verified layout for amd64 build 22000');
    expect(run(engineFor(fullDump(true, 22000), 'synthetic-full.dmp', ntTypes(WIN10_20H1)), '!memusage')).toBe(fromTable);
  });

  it('an x86 7601 dump answers that the _MMPFN layout is not verified', () => {
    const e = engineFor(toBytes(buildKernelDump({ type: 'full', is64: false, build: 7601 })), 'synthetic-x86.dmp');
    expect(run(e, '!memusage')).toBe('(nt!_MMPFN: DumpDesk has no verified layout for x86 build 7601, and the dump\'s KDDEBUGGER_DATA64 does not give it; PDB types are needed)\n');
  });

  /** A small PFN database of `n` entries, `size` bytes each, PageLocation byte at `at`. */
  function smallDb(n: number, size: number, at: number, loc: (i: number) => number): Uint8Array {
    const db = new Uint8Array(n * size);
    for (let i = 0; i < n; i++) db[i * size + at] = loc(i);
    return db;
  }
  const counts = (out: string): string[] => out.split('\n').filter((l) => /^ +[A-Za-z/]+: /.test(l)).map((l) => l.trim().replace(/ +/g, ' '));

  it('reads the x86 _MMPFN (Win10 1809+: 0x1c bytes, e1 at +0x16)', () => {
    const db32 = 0x84000000n;
    const var32 = 0x80400000n + 0x720000n;
    const e = engineFor(toBytes(buildKernelDump({
      type: 'full', is64: false, build: 17763, singleRunPages: 0x100n,
      kdbgFields: { MmPfnDatabase: var32 },
      memory: [{ va: var32, bytes: le(db32, 4) }, { va: db32, bytes: smallDb(0x100, 0x1c, 0x16, (i) => i % 8) }],
    })), 'synthetic-x86.dmp');
    expect(counts(run(e, '!memusage'))).toEqual([
      'Zeroed: 32 ( 128 kb)', 'Free: 32 ( 128 kb)', 'Standby: 32 ( 128 kb)', 'Modified: 32 ( 128 kb)', 'ModifiedNoWrite: 32 ( 128 kb)',
      'Active/Valid: 32 ( 128 kb)', 'Transition: 32 ( 128 kb)', 'SLIST/Bad: 32 ( 128 kb)', 'Unknown: 0 ( 0 kb)', 'TOTAL: 256 ( 1024 kb)',
    ]);
  });

  it('reads the Windows 7 x64 _MMPFN (0x30 bytes, e1 at +0x1a)', () => {
    const e = engineFor(toBytes(buildKernelDump({
      type: 'full', is64: true, build: 7601, singleRunPages: 0x100n,
      kdbgFields: { MmPfnDatabase: VARS + 0x48n },
      memory: [{ va: VARS + 0x48n, bytes: le(PFN_DB, 8) }, { va: PFN_DB, bytes: smallDb(0x100, 0x30, 0x1a, (i) => (i < 200 ? 6 : 2)) }],
    })), 'synthetic-win7.dmp');
    const c = counts(run(e, '!memusage'));
    expect(c).toContain('Active/Valid: 200 ( 800 kb)');
    expect(c).toContain('Standby: 56 ( 224 kb)');
    expect(c).toContain('TOTAL: 256 ( 1024 kb)');
  });

  it('a PFN database variable the dump lacks says so', () => {
    const e = engineFor(toBytes(buildKernelDump({ type: 'full', is64: true, build: 19041, kdbgFields: { MmPfnDatabase: ABSENT } })), 'synthetic-full.dmp');
    expect(run(e, '!memusage')).toBe('Unable to read nt!MmPfnDatabase at fffff800007f0000\n    (this dump does not hold the variable nt!MmPfnDatabase: the page was not captured or was paged out)\n');
  });
});

describe('!vm and !memusage on a small memory dump', () => {
  const engine = corpusEngine('kernel', '083125-14875-01.dmp');
  it('give the reason and the dump type that holds the data', () => {
    expect(run(engine, '!vm')).toBe('Small memory dump: it does not hold the memory manager globals and PFN database; open the kernel or complete memory dump (MEMORY.DMP) for !vm.\n');
    expect(run(engine, '!memusage')).toBe('Small memory dump: it does not hold the PFN database; open the kernel or complete memory dump (MEMORY.DMP) for !memusage.\n');
  });
});
