import { StructView } from './structView';
import type { KernelTarget } from './target';

/**
 * _POOL_HEADER before every small pool block on builds before 19H1 (ntdiff/headers
 * ntoskrnl.exe ALL_SORTED.h: Win7_SP1 x64 and x86, Win10_1809_RS5 x64): x64 0x10 bytes, PreviousSize:8 PoolIndex:8 at +0,
 * BlockSize:8 PoolType:8 at +2, PoolTag at +4, sizes in 16-byte units; x86 8 bytes,
 * PreviousSize:9 PoolIndex:7 at +0, BlockSize:9 PoolType:7 at +2, PoolTag at +4,
 * sizes in 8-byte units.
 */
export interface PoolHeaderLayout {
  headerSize: number;
  /** Bytes per BlockSize/PreviousSize unit. */
  unit: number;
  /** Bits of PreviousSize (at +0) and BlockSize (at +2); the rest of each USHORT is PoolIndex / PoolType. */
  sizeBits: number;
}

export const POOL_HEADER_X64: PoolHeaderLayout = { headerSize: 0x10, unit: 0x10, sizeBits: 8 };
export const POOL_HEADER_X86: PoolHeaderLayout = { headerSize: 0x8, unit: 0x8, sizeBits: 9 };

/** 19H1 (build 18362) moved the kernel pools to the segment heap. */
export const SEGMENT_HEAP_BUILD = 18362;
const PAGE = 0x1000;

export interface PoolBlock {
  address: bigint;
  /** Bytes, header included. */
  size: number;
  previousSize: number;
  poolIndex: number;
  /** 0 when the block is free; else the POOL_TYPE + 1. */
  poolType: number;
  tag: number;
}

export type PoolWalkEnd =
  | { kind: 'page-end' }
  | { kind: 'unreadable'; at: bigint }
  | { kind: 'zero-size'; at: bigint }
  | { kind: 'past-page'; at: bigint; size: number };

export interface PoolPage {
  page: bigint;
  blocks: PoolBlock[];
  end: PoolWalkEnd;
}

/**
 * Walks the headers of the pool page holding `va`, from the page start, by
 * BlockSize. The walk only moves forward, so it ends; a BlockSize of 0 (which
 * would repeat the same header forever) or a block running past the page ends
 * it with the reason.
 */
export function walkPoolPage(t: KernelTarget, va: bigint, layout: PoolHeaderLayout): PoolPage | undefined {
  const page = va & ~BigInt(PAGE - 1);
  const bytes = t.session.read(page, PAGE);
  if (!bytes) return undefined;
  const v = new StructView(page, bytes, t.is64, 'pool page');
  const mask = (1 << layout.sizeBits) - 1;
  const blocks: PoolBlock[] = [];
  let off = 0;
  while (off + layout.headerSize <= PAGE) {
    const w0 = v.u16(off) ?? 0;
    const w1 = v.u16(off + 2) ?? 0;
    const size = (w1 & mask) * layout.unit;
    const at = page + BigInt(off);
    if (size === 0) return { page, blocks, end: { kind: 'zero-size', at } };
    const block: PoolBlock = {
      address: at,
      size,
      previousSize: (w0 & mask) * layout.unit,
      poolIndex: w0 >>> layout.sizeBits,
      poolType: w1 >>> layout.sizeBits,
      tag: v.u32(off + 4) ?? 0,
    };
    if (off + size > PAGE) return { page, blocks: [...blocks, block], end: { kind: 'past-page', at, size } };
    blocks.push(block);
    off += size;
  }
  return { page, blocks, end: { kind: 'page-end' } };
}
