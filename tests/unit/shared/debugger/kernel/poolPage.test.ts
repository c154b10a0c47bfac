// !pool on synthetic full dumps: a pool page of _POOL_HEADERs written by hand at the public
// x64 layout (ntdiff/headers ntoskrnl.exe Win10_1809_RS5: PreviousSize:8 PoolIndex:8 at +0,
// BlockSize:8 PoolType:8 at +2, PoolTag at +4, 0x10 bytes; sizes in 16-byte units).
import { describe, expect, it } from 'vitest';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';
import { le } from '../../../../synth/kernel/writer';
import { corpusEngine, engineFor, run } from '../helpers';

const PAGE = 0xffffd00000200000n;
const LOOP = 0xffffd00000300000n;
const tag = (s: string): number => (s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | (s.charCodeAt(3) << 24)) >>> 0;

/** One x64 POOL_HEADER: sizes in bytes (stored / 16); poolType 0 = free, else POOL_TYPE + 1. */
function header(page: Uint8Array, off: number, prev: number, size: number, poolType: number, key: number): void {
  page[off] = prev / 16;
  page[off + 1] = 0; // PoolIndex
  page[off + 2] = size / 16;
  page[off + 3] = poolType;
  page.set(le(BigInt(key), 4), off + 4);
}

function dump(build: number): Uint8Array {
  const p = new Uint8Array(0x1000);
  header(p, 0x000, 0x000, 0x080, 1, tag('Even')); // NonPagedPool (0) + 1
  header(p, 0x080, 0x080, 0x230, 0, tag('Free'));
  header(p, 0x2b0, 0x230, 0xd00, 1, (tag('Proc') | 0x80000000) >>> 0);
  header(p, 0xfb0, 0xd00, 0x050, 1, tag('MmCi'));
  const l = new Uint8Array(0x200);
  header(l, 0x000, 0x000, 0x100, 2, tag('CM31')); // PagedPool (1) + 1
  header(l, 0x100, 0x100, 0x000, 2, tag('Loop')); // BlockSize 0: the chain would not advance
  return toBytes(buildKernelDump({ type: 'full', is64: true, build, memory: [{ va: PAGE, bytes: p }, { va: LOOP, bytes: l }] }));
}

describe('!pool on a full dump with the pre-19H1 pool (x64 17763)', () => {
  const engine = engineFor(dump(17763), 'synthetic-full.dmp');

  it('walks the page and marks the block holding the address', () => {
    expect(run(engine, '!pool ffffd000002002c0')).toBe([
      'Pool page ffffd000002002c0 region is Nonpaged pool',
      ' ffffd00000200000 size:   80 previous size:    0  (Allocated)  Even',
      ' ffffd00000200080 size:  230 previous size:   80  (Free)       Free',
      '*ffffd000002002b0 size:  d00 previous size:  230  (Allocated) *Proc (Protected)',
      ' ffffd00000200fb0 size:   50 previous size:  d00  (Allocated)  MmCi',
      '',
    ].join('\n'));
  });

  it('a header chain that would loop (BlockSize 0) ends with a clear line', () => {
    expect(run(engine, '!pool ffffd00000300010')).toBe([
      'Pool page ffffd00000300010 region is Paged pool',
      '*ffffd00000300000 size:  100 previous size:    0  (Allocated) *CM31',
      'ffffd00000300100: BlockSize is 0: the header chain does not advance (a loop); the page is corrupt or not a small-pool page',
      '',
    ].join('\n'));
  });

  it('a page the dump lacks says so', () => {
    expect(run(engine, '!pool ffffd00000500000')).toBe([
      'Pool page ffffd00000500000 region is Unknown',
      'ffffd00000500000: Unable to get contents of pool block',
      '    (this dump does not hold the pool page: the page was not captured or was paged out)',
      '',
    ].join('\n'));
  });
});

describe('!pool on an x86 full dump (7601)', () => {
  it('reads 8-byte headers with 9-bit sizes in 8-byte units', () => {
    // x86 POOL_HEADER (ntdiff/headers: PreviousSize:9 PoolIndex:7 at +0, BlockSize:9 PoolType:7 at +2, PoolTag at +4).
    const x86 = (page: Uint8Array, off: number, prev: number, size: number, poolType: number, key: number): void => {
      page.set(le(BigInt((prev / 8) | (0 << 9)), 2), off);
      page.set(le(BigInt((size / 8) | (poolType << 9)), 2), off + 2);
      page.set(le(BigInt(key), 4), off + 4);
    };
    const p = new Uint8Array(0x1000);
    x86(p, 0x000, 0x000, 0x0c8, 1, tag('Ntfx'));
    x86(p, 0x0c8, 0x0c8, 0x938, 1, tag('Vad ')); // 0x938 / 8 = 0x127: needs the ninth bit
    x86(p, 0xa00, 0x938, 0x600, 0, tag('.PZH'));
    const e = engineFor(toBytes(buildKernelDump({ type: 'full', is64: false, build: 7601, memory: [{ va: 0x85246000n, bytes: p }] })), 'synthetic-x86.dmp');
    expect(run(e, '!pool 85246430')).toBe([
      'Pool page 85246430 region is Nonpaged pool',
      ' 85246000 size:   c8 previous size:    0  (Allocated)  Ntfx',
      '*852460c8 size:  938 previous size:   c8  (Allocated) *Vad ',
      ' 85246a00 size:  600 previous size:  938  (Free)       .PZH',
      '',
    ].join('\n'));
  });
});

describe('!pool on 19H1 and later', () => {
  it('says the segment-heap page is not decoded, and why', () => {
    const out = run(engineFor(dump(19041), 'synthetic-full.dmp'), '!pool ffffd000002002c0');
    expect(out.split('\n')[0]).toBe('Pool page ffffd000002002c0: not decoded (build 19041 uses the segment heap for pool)');
    expect(out).toContain('nt!RtlpHpHeapGlobals');
  });

  it('a small memory dump gives the reason', () => {
    expect(run(corpusEngine('kernel', '083125-14875-01.dmp'), '!pool ffffd20bfd87f6f0')).toBe(
      'Small memory dump: it does not hold pool pages; open the kernel or complete memory dump (MEMORY.DMP) for !pool.\n');
  });
});
