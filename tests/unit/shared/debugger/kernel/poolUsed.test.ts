// !poolused on synthetic full dumps: nt!PoolTrackTable and its _POOL_TRACKER_TABLE entries
// written by hand at the public layouts (ntdiff/headers ntoskrnl.exe ALL_SORTED.h), not taken
// from the code: Win10 1809/20H1 x64, 0x38 bytes — Key +0, NonPagedBytes +8, NonPagedAllocs
// +0x10, NonPagedFrees +0x18, PagedBytes +0x20, PagedAllocs +0x28, PagedFrees +0x30, all
// ULONGLONG; Win7 SP1 x64, 0x28 bytes — Key +0, NonPagedAllocs +4, NonPagedFrees +8,
// NonPagedBytes +0x10 (8), PagedAllocs +0x18, PagedFrees +0x1c, PagedBytes +0x20 (8);
// Win7 SP1 x86, 0x1c bytes, the same order, all ULONG.
import { describe, expect, it } from 'vitest';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';
import { le } from '../../../../synth/kernel/writer';
import { corpusEngine, engineFor, run } from '../helpers';
import { ntTypes, WIN10_20H1 } from './ntTypes';

const KERN64 = 0xfffff80000000000n;
const VAR64 = KERN64 + 0x720000n; // nt!PoolTrackTable (the variable)
const TABLE64 = 0xffffd00000100000n;
const KERN32 = 0x80400000n;
const VAR32 = KERN32 + 0x720000n;
const TABLE32 = 0x85100000n;

const tag = (s: string): bigint => BigInt(s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | (s.charCodeAt(3) << 24)) & 0xffffffffn;

interface Entry { key: bigint; npA?: number; npF?: number; npB?: bigint; pA?: number; pF?: number; pB?: bigint }

/** Eight slots and the overflow slot, then an entry no kernel writes (untagged, more frees than allocations). */
const ENTRIES: Entry[] = [
  { key: tag('Even'), npA: 10, npF: 4, npB: 0x300n },
  { key: 0n },
  { key: tag('Proc') | 0x80000000n, npA: 5, npF: 2, npB: 8192n }, // the protected bit is not part of the tag
  { key: tag('CM31'), pA: 100, pF: 1, pB: 91705344n },
  { key: 0n },
  { key: 0n },
  { key: tag('AcpB'), pA: 4, pB: 704n },
  { key: 0n },
  { key: tag('Ovfl'), npA: 1, npB: 64n }, // [8]: the overflow entry after the 2^3 slots
  { key: 0x01020304n, npA: 1, npF: 9 },
];

type Kind = 'win10-x64' | 'win7-x64' | 'win7-x86';

function table(kind: Kind, entries: Entry[]): Uint8Array {
  const size = { 'win10-x64': 0x38, 'win7-x64': 0x28, 'win7-x86': 0x1c }[kind];
  const b = new Uint8Array(size * entries.length);
  entries.forEach((e, i) => {
    const o = i * size;
    b.set(le(e.key, 4), o);
    if (kind === 'win10-x64') {
      b.set(le(e.npB ?? 0n, 8), o + 0x08);
      b.set(le(BigInt(e.npA ?? 0), 8), o + 0x10);
      b.set(le(BigInt(e.npF ?? 0), 8), o + 0x18);
      b.set(le(e.pB ?? 0n, 8), o + 0x20);
      b.set(le(BigInt(e.pA ?? 0), 8), o + 0x28);
      b.set(le(BigInt(e.pF ?? 0), 8), o + 0x30);
      return;
    }
    const is64 = kind === 'win7-x64';
    b.set(le(BigInt(e.npA ?? 0), 4), o + 4);
    b.set(le(BigInt(e.npF ?? 0), 4), o + 8);
    b.set(le(e.npB ?? 0n, is64 ? 8 : 4), o + (is64 ? 0x10 : 0xc));
    b.set(le(BigInt(e.pA ?? 0), 4), o + (is64 ? 0x18 : 0x10));
    b.set(le(BigInt(e.pF ?? 0), 4), o + (is64 ? 0x1c : 0x14));
    b.set(le(e.pB ?? 0n, is64 ? 8 : 4), o + (is64 ? 0x20 : 0x18));
  });
  return b;
}

function dump64(tableVa: bigint, withTable = true, build = 19041): Uint8Array {
  return toBytes(buildKernelDump({
    type: 'full', is64: true, build,
    kdbgFields: { PoolTrackTable: VAR64 },
    memory: [{ va: VAR64, bytes: le(tableVa, 8) }, ...(withTable ? [{ va: TABLE64, bytes: table(build === 7601 ? 'win7-x64' : 'win10-x64', ENTRIES) }] : [])],
  }));
}

const HEADER = ['', '               NonPaged                  Paged', ' Tag     Allocs         Used     Allocs         Used', ''];

describe('!poolused on a full dump (x64 19041)', () => {
  const engine = engineFor(dump64(TABLE64), 'synthetic-full.dmp');

  it('sums allocations minus frees and bytes per tag, sorted by tag, with the overflow entry', () => {
    expect(run(engine, '!poolused')).toBe([
      ' Sorting by Tag', ...HEADER,
      ' AcpB         0            0          4          704',
      ' CM31         0            0         99     91705344',
      ' Even         6          768          0            0',
      ' Ovfl         1           64          0            0',
      ' Proc         3         8192          0            0',
      '',
      'TOTAL        10         9024        103     91706048',
      '',
    ].join('\n'));
  });

  it('flags 2 and 4 sort by nonpaged and paged bytes', () => {
    const np = run(engine, '!poolused 2').split('\n');
    expect(np[0]).toBe(' Sorting by NonPaged Pool Consumed');
    expect(np.slice(5, 10).map((l) => l.slice(1, 5))).toEqual(['Proc', 'Even', 'Ovfl', 'AcpB', 'CM31']);
    const p = run(engine, '!poolused 4').split('\n');
    expect(p[0]).toBe(' Sorting by Paged Pool Consumed');
    expect(p.slice(5, 10).map((l) => l.slice(1, 5))).toEqual(['CM31', 'AcpB', 'Even', 'Ovfl', 'Proc']);
  });

  it('a tag filter (case-sensitive, wildcards) prints only matching rows and their total', () => {
    expect(run(engine, '!poolused 2 Even')).toBe([' Sorting by NonPaged Pool Consumed', ...HEADER, ' Even         6          768          0            0', '', 'TOTAL         6          768          0            0', ''].join('\n'));
    expect(run(engine, '!poolused 0 even')).toContain('TOTAL         0            0          0            0');
    expect(run(engine, '!poolused 0 P*').split('\n').filter((l) => l.startsWith(' P'))).toEqual([' Proc         3         8192          0            0']);
  });

  it('flag 1 adds allocations, frees and their difference per pool', () => {
    expect(run(engine, '!poolused 1 CM31')).toBe([
      ' Sorting by Tag',
      '',
      '                            NonPaged                                         Paged',
      ' Tag       Allocs       Frees      Diff         Used       Allocs       Frees      Diff         Used',
      '',
      ' CM31           0           0         0            0          100           1        99     91705344',
      '',
      'TOTAL           0           0         0            0          100           1        99     91705344',
      '',
    ].join('\n'));
  });

  it('flag 8 (session pool) says why it is not decoded', () => {
    expect(run(engine, '!poolused 8').split('\n')[0]).toBe('Session pool (flag 8) is not decoded: its tracker table is found through the current session (nt!MmSessionSpace), which needs nt symbols.');
  });

  it('a Windows 11 build with the nt PDB on the symbol path reads the entries at the PDB\'s offsets', () => {
    const withPdb = engineFor(dump64(TABLE64, true, 22621), 'synthetic-full.dmp', ntTypes(WIN10_20H1));
    expect(run(withPdb, '!poolused')).toBe(run(engine, '!poolused'));
    expect(run(withPdb, '!poolused')).toContain(' Tag     Allocs         Used     Allocs         Used');
  });

  it('a Windows 11 build (unchecked entry layout) answers with the layout hint', () => {
    const e = engineFor(toBytes(buildKernelDump({ type: 'full', is64: true, build: 22621, kdbgFields: { PoolTrackTable: VAR64 }, memory: [{ va: VAR64, bytes: le(TABLE64, 8) }] })), 'synthetic-full.dmp');
    expect(run(e, '!poolused')).toBe("(nt!_POOL_TRACKER_TABLE: DumpDesk has no verified layout for amd64 build 22621, and the dump's KDDEBUGGER_DATA64 does not give it; PDB types are needed)\n");
  });

  it('a PoolTrackTable that points at memory the dump lacks ends with a clear line', () => {
    const e = engineFor(dump64(TABLE64, false), 'synthetic-full.dmp');
    expect(run(e, '!poolused')).toBe([
      'Unable to read the pool tracker table at ffffd00000100000',
      '    (this dump does not hold the pool tag tracker table (nonpaged pool at ffffd00000100000): the page was not captured or was paged out)',
      '',
    ].join('\n'));
  });

  it('a NULL nt!PoolTrackTable and an unreadable one are told apart', () => {
    expect(run(engineFor(dump64(0n, false), 'synthetic-full.dmp'), '!poolused')).toBe(
      'nt!PoolTrackTable (at fffff80000720000) is NULL: the kernel had no pool tag tracker table when the dump was written\n');
    const e = engineFor(toBytes(buildKernelDump({ type: 'full', is64: true, build: 19041, kdbgFields: { PoolTrackTable: KERN64 + 0x7f0000n } })), 'synthetic-full.dmp');
    expect(run(e, '!poolused')).toBe([
      'Unable to read nt!PoolTrackTable at fffff800007f0000',
      '    (this dump does not hold the variable nt!PoolTrackTable: the page was not captured or was paged out)',
      '',
    ].join('\n'));
  });

  it('a dump whose KDDEBUGGER_DATA64 has no PoolTrackTable says so', () => {
    const e = engineFor(toBytes(buildKernelDump({ type: 'full', is64: true, build: 19041 })), 'synthetic-full.dmp');
    expect(run(e, '!poolused')).toBe("Unable to find nt!PoolTrackTable: the dump's KDDEBUGGER_DATA64 does not give its address\n");
  });
});

describe('!poolused on a full dump (x64 7601)', () => {
  it('reads the Windows 7 0x28-byte entries', () => {
    const out = run(engineFor(dump64(TABLE64, true, 7601), 'synthetic-win7.dmp'), '!poolused').split('\n');
    expect(out).toContain(' CM31         0            0         99     91705344');
    expect(out).toContain('TOTAL        10         9024        103     91706048');
  });

  it('a build whose entry layout is not checked (Windows 10 1607) answers with the layout hint', () => {
    expect(run(engineFor(dump64(TABLE64, true, 14393), 'synthetic-full.dmp'), '!poolused')).toBe(
      "(nt!_POOL_TRACKER_TABLE: DumpDesk has no verified layout for amd64 build 14393, and the dump's KDDEBUGGER_DATA64 does not give it; PDB types are needed)\n");
  });
});

describe('!poolused on a full dump (x86 7601)', () => {
  it('reads the 0x1c-byte x86 entries', () => {
    const e = engineFor(toBytes(buildKernelDump({
      type: 'full', is64: false, build: 7601,
      kdbgFields: { PoolTrackTable: VAR32 },
      memory: [{ va: VAR32, bytes: le(TABLE32, 4) }, { va: TABLE32, bytes: table('win7-x86', ENTRIES) }],
    })), 'synthetic-x86.dmp');
    const out = run(e, '!poolused').split('\n');
    expect(out).toContain(' CM31         0            0         99     91705344');
    expect(out).toContain(' Proc         3         8192          0            0');
    expect(out).toContain('TOTAL        10         9024        103     91706048');
  });
});

describe('!poolused on a small memory dump', () => {
  it("keeps WinDbg's first line and says which dump holds the table", () => {
    expect(run(corpusEngine('kernel', '083125-14875-01.dmp'), '!poolused')).toBe(
      'Unable to get MiVisibleState\nSmall memory dump: it does not hold the pool tracker table (PoolTrackTable); open the kernel or complete memory dump (MEMORY.DMP) for !poolused.\n');
  });
});
