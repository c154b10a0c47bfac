// !locks walking nt!ExpSystemResourcesList in synthetic full dumps: _ERESOURCEs written by hand
// at the public layouts (ntdiff/headers ntoskrnl.exe, x64 Windows 10 (and _KWAIT_BLOCK.Thread +0x18
// on the ExclusiveWaiters event's WaitListHead +0x8): OwnerTable +0x10,
// ActiveCount +0x18, Flag +0x1a, OwnerEntry +0x30, ActiveEntries +0x40, ContentionCount +0x44,
// NumberOfSharedWaiters +0x48, NumberOfExclusiveWaiters +0x4c; x86 Windows 7: OwnerTable +0x8,
// ActiveCount +0xc, Flag +0xe, OwnerEntry +0x18, ActiveEntries +0x20, ContentionCount +0x24),
// not taken from the code under test.
import { describe, expect, it } from 'vitest';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';
import { le } from '../../../../synth/kernel/writer';
import { corpusEngine, engineFor, run } from '../helpers';

function put(b: Uint8Array, off: number, value: bigint, n = 8): void {
  b.set(le(value, n), off);
}

describe('!locks on an x64 19041 full dump', () => {
  const HEAD = 0xfffff80000720000n; // nt!ExpSystemResourcesList (a LIST_ENTRY)
  const R = 0xffffd00000030000n; // three ERESOURCEs, 0x100 apart
  const [R1, R2, R3] = [R, R + 0x100n, R + 0x200n];
  const TABLE = R + 0x800n; // R3's OwnerTable
  const THREAD_A = 0xffffd00000002080n;
  const THREAD_B = 0xffffd00000004080n;
  const THREAD_C = 0xffffd00000006080n;

  function dump(loop: boolean): Uint8Array {
    const head = new Uint8Array(0x10);
    put(head, 0, R1);
    put(head, 8, R3);
    const m = new Uint8Array(0x900);
    const res = (at: number, flink: bigint, blink: bigint): void => {
      put(m, at, flink);
      put(m, at + 8, blink);
    };
    // R1: exclusively owned by THREAD_A (Flag ResourceOwnedExclusive 0x80), contended twice, one exclusive waiter.
    res(0x000, R2, HEAD);
    put(m, 0x018, 1n, 2); // ActiveCount
    put(m, 0x01a, 0x80n, 2); // Flag
    put(m, 0x030, THREAD_A); // OwnerEntry.OwnerThread
    // OwnerEntry.OwnerCount = 1: bits 3..31 on Windows 10 (ntdiff Win10_1607_RS1 _ERESOURCE.h); bit 2, IoQoSPriorityBoosted, is set and is not part of it.
    put(m, 0x038, (1n << 3n) | 4n, 4);
    put(m, 0x040, 1n, 4); // ActiveEntries
    put(m, 0x044, 2n, 4); // ContentionCount
    put(m, 0x04c, 1n, 4); // NumberOfExclusiveWaiters
    put(m, 0x028, R + 0x600n); // ExclusiveWaiters: a KEVENT
    put(m, 0x608, R + 0x700n); // its DISPATCHER_HEADER.WaitListHead (+0x8) → one _KWAIT_BLOCK
    put(m, 0x610, R + 0x700n);
    put(m, 0x700, R + 0x608n); // _KWAIT_BLOCK.WaitListEntry back to the head
    put(m, 0x708, R + 0x608n);
    put(m, 0x718, THREAD_C); // _KWAIT_BLOCK.Thread (+0x18, 64-bit Windows 8+)
    // R2: free.
    res(0x100, loop ? R2 : R3, R1);
    // R3: shared by THREAD_B (OwnerEntry, count 2) and, through its OwnerTable, THREAD_C and an owner pointer.
    res(0x200, HEAD, R2);
    put(m, 0x210, TABLE); // OwnerTable
    put(m, 0x218, 3n, 2); // ActiveCount
    put(m, 0x230, THREAD_B);
    put(m, 0x238, 2n << 3n, 4);
    put(m, 0x240, 3n, 4); // ActiveEntries
    put(m, 0x800 + 0x08, 3n, 4); // OwnerTable[0].TableSize = 3
    put(m, 0x800 + 0x10, THREAD_C); // OwnerTable[1]
    put(m, 0x800 + 0x18, 1n << 3n, 4);
    put(m, 0x800 + 0x20, THREAD_A | 3n); // OwnerTable[2]: an owner pointer (low bits set)
    put(m, 0x800 + 0x28, 1n << 3n, 4);
    return toBytes(buildKernelDump({
      type: 'full', is64: true, build: 19041,
      kdbgFields: { ExpSystemResourcesList: HEAD },
      memory: [{ va: HEAD, bytes: head }, { va: R, bytes: m }],
    }));
  }

  it('lists the held resources: owners, counts, and the totals', () => {
    const engine = engineFor(dump(false), 'synthetic-locks.dmp');
    expect(run(engine, '!locks')).toBe([
      '**** DUMP OF ALL RESOURCE OBJECTS ****',
      'KD: Scanning for held locks.',
      '',
      'Resource @ 0xffffd00000030000    Exclusively owned',
      '    Contention Count = 2',
      '    NumberOfExclusiveWaiters = 1',
      '     Threads: ffffd00000002080-01<*> ',
      '     Threads Waiting On Exclusive Access:',
      '              ffffd00000006080       ',
      'KD: Scanning for held locks.',
      '',
      'Resource @ 0xffffd00000030200    Shared 3 owning threads',
      '     Threads: ffffd00000004080-02<*> ffffd00000006080-01<*> ffffd00000002083-01<*> *** Actual Thread ffffd00000002080',
      '3 total locks, 2 locks currently held',
      '',
    ].join('\n'));
  });

  it('-v shows free resources too; an address shows that resource', () => {
    const engine = engineFor(dump(false), 'synthetic-locks.dmp');
    expect(run(engine, '!locks -v')).toContain('Resource @ 0xffffd00000030100    Available\n');
    expect(run(engine, '!locks ffffd00000030200').split('\n').slice(0, 4)).toEqual([
      '**** DUMP OF ALL RESOURCE OBJECTS ****',
      '',
      'Resource @ 0xffffd00000030200    Shared 3 owning threads',
      '     Threads: ffffd00000004080-02<*> ffffd00000006080-01<*> ffffd00000002083-01<*> *** Actual Thread ffffd00000002080',
    ]);
    expect(run(engine, '!locks ffffd00000090000')).toMatch(/^\*\*\*\* DUMP OF ALL RESOURCE OBJECTS \*\*\*\*\nUnable to read nt!_ERESOURCE @ ffffd00000090000\n {4}\(this dump does not hold/);
  });

  it('a list that loops stops at the repeated link', () => {
    const out = run(engineFor(dump(true), 'synthetic-locks-loop.dmp'), '!locks').split('\n');
    expect(out).toContain('    (the list loops or exceeds 1048576 resources at ffffd00000030100: stopped there)');
    expect(out).toContain('2 total locks, 1 locks currently held');
  });
});

describe('!locks on an x86 7601 full dump', () => {
  const HEAD = 0x80b20000n;
  const R1 = 0x86030000n;
  const THREAD = 0x86002020n;

  it('reads the Windows 7 x86 layout (OwnerCount a whole LONG)', () => {
    const head = new Uint8Array(8);
    put(head, 0, R1, 4);
    put(head, 4, R1, 4);
    const r = new Uint8Array(0x38);
    put(r, 0x0, HEAD, 4);
    put(r, 0x4, HEAD, 4);
    put(r, 0xc, 1n, 2); // ActiveCount
    put(r, 0xe, 0x80n, 2); // Flag: ResourceOwnedExclusive
    put(r, 0x18, THREAD, 4); // OwnerEntry.OwnerThread
    put(r, 0x1c, 3n, 4); // OwnerEntry.OwnerCount (recursive acquisitions)
    put(r, 0x20, 1n, 4); // ActiveEntries
    put(r, 0x24, 7n, 4); // ContentionCount
    const engine = engineFor(toBytes(buildKernelDump({
      type: 'full', is64: false, pae: true, build: 7601,
      kdbgFields: { ExpSystemResourcesList: HEAD },
      memory: [{ va: HEAD, bytes: head }, { va: R1, bytes: r }],
    })), 'synthetic-locks-x86.dmp');
    expect(run(engine, '!locks').split('\n')).toEqual([
      '**** DUMP OF ALL RESOURCE OBJECTS ****',
      'KD: Scanning for held locks.',
      '',
      'Resource @ 0x86030000    Exclusively owned',
      '    Contention Count = 7',
      '     Threads: 86002020-03<*> ',
      '1 total locks, 1 locks currently held',
      '',
    ]);
  });
});

describe('!locks on the small corpus dump', () => {
  it('says the small dump lacks the resource list', () => {
    expect(run(corpusEngine('kernel', '083125-14875-01.dmp'), '!locks')).toMatch(/^Small memory dump: it does not hold the ERESOURCE list \(ExpSystemResourcesList\)/);
  });
});
