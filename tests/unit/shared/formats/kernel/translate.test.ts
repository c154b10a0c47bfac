// translate() over hand-made page tables (a Map of physical u64/u32 entries):
// every paging mode, large pages, software PTEs reported as faults.
import { describe, expect, it } from 'vitest';
import { translate, type PagingMode } from '../../../../../shared/formats/kernel/translate';

function tables(entries: [bigint, bigint][]) {
  const m = new Map(entries);
  return (pa: bigint) => m.get(pa);
}
const idx = (va: bigint, shift: bigint, mask = 0x1ffn) => (va >> shift) & mask;

describe('translate', () => {
  const va = 0xfffff80123456789n;
  /** Four table levels from 0x1000 down to `pte`, the last-level entry for `va`. */
  const leaf = (pte: bigint) => tables([
    [0x1000n + idx(va, 39n) * 8n, 0x2000n | 3n],
    [0x2000n + idx(va, 30n) * 8n, 0x3000n | 3n],
    [0x3000n + idx(va, 21n) * 8n, 0x4000n | 3n],
    [0x4000n + idx(va, 12n) * 8n, pte],
  ]);

  it('x64: 4-level walk, 1 GiB and 2 MiB pages', () => {
    const read = leaf(0x8000000000005000n | 3n); // NX bit must not leak into the address
    expect(translate('x64', 0x1000n, va, read)).toEqual({ pa: 0x5789n, pageSize: 0x1000 });
    const gib = tables([[0x1000n + idx(va, 39n) * 8n, 0x2000n | 3n], [0x2000n + idx(va, 30n) * 8n, 0x40000000n | 0x83n]]);
    expect(translate('x64', 0x1000n, va, gib)).toEqual({ pa: 0x40000000n | (va & 0x3fffffffn), pageSize: 0x40000000 });
    const mib = tables([[0x1000n + idx(va, 39n) * 8n, 0x2000n | 3n], [0x2000n + idx(va, 30n) * 8n, 0x3000n | 3n], [0x3000n + idx(va, 21n) * 8n, 0x600000n | 0x83n]]);
    expect(translate('x64', 0x1000n, va, mib)).toEqual({ pa: 0x600000n | (va & 0x1fffffn), pageSize: 0x200000 });
  });

  it('software PTEs: transition, prototype, paged out, demand zero; a missing table', () => {
    expect(translate('x64', 0x1000n, va, leaf(0x5000n | 0x800n))).toEqual({ fault: 'transition', level: 1 });
    expect(translate('x64', 0x1000n, va, leaf(0xffffa00000000400n))).toEqual({ fault: 'prototype', level: 1 });
    expect(translate('x64', 0x1000n, va, leaf(0x1234500000080n))).toEqual({ fault: 'paged-out', level: 1 });
    expect(translate('x64', 0x1000n, va, leaf(0n))).toEqual({ fault: 'not-present', level: 1 });
    expect(translate('x64', 0x1000n, va, tables([]))).toEqual({ fault: 'table-missing', level: 4 });
  });

  it('x86 PAE (2 MiB pages) and non-PAE (4 MiB pages)', () => {
    const v = 0x80123456n;
    const pae = tables([[0x1020n + (v >> 30n) * 8n, 0x2000n | 1n], [0x2000n + idx(v, 21n) * 8n, 0x3000n | 3n], [0x3000n + idx(v, 12n) * 8n, 0x7000n | 3n]]);
    expect(translate('pae', 0x1020n, v, pae)).toEqual({ pa: 0x7456n, pageSize: 0x1000 });
    const paeLarge = tables([[0x1020n + (v >> 30n) * 8n, 0x2000n | 1n], [0x2000n + idx(v, 21n) * 8n, 0x800000n | 0x83n]]);
    expect(translate('pae', 0x1020n, v, paeLarge)).toEqual({ pa: 0x800000n | (v & 0x1fffffn), pageSize: 0x200000 });
    const x86 = tables([[0x1000n + (v >> 22n) * 4n, 0x2000n | 3n], [0x2000n + idx(v, 12n, 0x3ffn) * 4n, 0x9000n | 3n]]);
    expect(translate('x86', 0x1000n, v, x86)).toEqual({ pa: 0x9456n, pageSize: 0x1000 });
    const x86Large = tables([[0x1000n + (v >> 22n) * 4n, 0xc00000n | 0x83n]]);
    expect(translate('x86', 0x1000n, v, x86Large)).toEqual({ pa: 0xc00000n | (v & 0x3fffffn), pageSize: 0x400000 });
  });

  it('ARM64: table/page descriptors (0b11), 2 MiB blocks (0b01), invalid (0bx0)', () => {
    const l3 = leaf(0x0060000000005000n | 0x703n); // upper attributes must not leak
    expect(translate('arm64', 0x1000n, va, l3)).toEqual({ pa: 0x5789n, pageSize: 0x1000 });
    const block = tables([[0x1000n + idx(va, 39n) * 8n, 0x2000n | 3n], [0x2000n + idx(va, 30n) * 8n, 0x3000n | 3n], [0x3000n + idx(va, 21n) * 8n, 0x600000n | 1n]]);
    expect(translate('arm64', 0x1000n, va, block)).toEqual({ pa: 0x600000n | (va & 0x1fffffn), pageSize: 0x200000 });
    expect(translate('arm64', 0x1000n, va, tables([[0x1000n + idx(va, 39n) * 8n, 0x2000n]]))).toEqual({ fault: 'not-present', level: 4 });
  });

  it.each(['x64', 'arm64'] as PagingMode[])('%s: non-canonical addresses fault before any read', (mode) => {
    expect(translate(mode, 0x1000n, 0x0000900000000000n, () => { throw new Error('read'); })).toEqual({ fault: 'non-canonical', level: 4 });
  });
});
