import type { Reader } from '../../bytes/reader';
import type { MemoryReader, MemoryRegion } from '../../dump/types';
import { uintLE } from '../common/littleEndian';
import type { PhysicalMemory } from './physical';
import { PAGE_SIZE } from './structs';
import { translate, type PagingMode, type Translation } from './translate';

/**
 * `size` bytes from `address` on, assembled from pieces: `piece(at, want)` gives the
 * (non-empty, at most `want`) bytes stored at `at`, or undefined when they are not in the dump.
 */
function gather(address: bigint, size: number, piece: (at: bigint, want: number) => Uint8Array | undefined): Uint8Array | undefined {
  const out = new Uint8Array(size);
  let done = 0;
  while (done < size) {
    const b = piece(address + BigInt(done), size - done);
    if (!b || b.length === 0) return undefined;
    out.set(b, done);
    done += b.length;
  }
  return out;
}

/** A piece of virtual memory stored verbatim in the file (triage data blocks, stack, blobs). */
export interface StoredRange {
  start: bigint;
  size: number;
  fileOffset: number;
}

/**
 * Virtual memory of a small (triage) dump: a handful of ranges copied into the
 * file. Reads may span ranges that touch; where ranges overlap, the one that
 * starts closest below the address wins.
 */
export class RangeMemory implements MemoryReader {
  private readonly ranges: StoredRange[];

  constructor(private readonly r: Reader, ranges: readonly StoredRange[]) {
    this.ranges = ranges.filter((x) => x.size > 0).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  }

  private find(address: bigint): StoredRange | undefined {
    // Binary search for the last range starting at or below the address, then step back over
    // earlier ranges in case an overlapping one still covers it (ranges are few: hundreds).
    let lo = 0;
    let hi = this.ranges.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.ranges[mid]!.start <= address) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = best; i >= 0; i--) {
      const x = this.ranges[i]!;
      if (address < x.start + BigInt(x.size)) return x;
    }
    return undefined;
  }

  read(address: bigint, size: number): Uint8Array | undefined {
    if (!Number.isSafeInteger(size) || size < 0) return undefined;
    return gather(address, size, (at, want) => {
      const x = this.find(at);
      if (!x) return undefined;
      const into = Number(at - x.start);
      const n = Math.min(want, x.size - into);
      return this.r.has(x.fileOffset + into, n) ? this.r.bytes(x.fileOffset + into, n) : undefined;
    });
  }

  regions(): readonly MemoryRegion[] {
    return this.ranges.map((x) => ({ start: x.start, size: x.size }));
  }
}

/** Reads physical memory through a PFN index. */
export class PhysicalReader {
  constructor(private readonly r: Reader, readonly pages: PhysicalMemory) {}

  read(pa: bigint, size: number): Uint8Array | undefined {
    return gather(pa, size, (at, want) => {
      const off = this.pages.fileOffset(at / BigInt(PAGE_SIZE));
      if (off === undefined) return undefined;
      const into = Number(at % BigInt(PAGE_SIZE));
      const n = Math.min(want, PAGE_SIZE - into);
      return this.r.has(off + into, n) ? this.r.bytes(off + into, n) : undefined;
    });
  }

  entry(pa: bigint, width: 4 | 8): bigint | undefined {
    const b = this.read(pa, width);
    return b && uintLE(b, width);
  }
}

/** Translations remembered per page; cleared wholesale when full (reads are local). */
const TLB_LIMIT = 4096;

/**
 * Virtual memory of a full/kernel/complete/bitmap dump: every read is
 * translated page by page through the dump's own page tables.
 */
export class TranslatedMemory implements MemoryReader {
  private readonly tlb = new Map<bigint, Translation>();
  private readonly readEntry = (pa: bigint, width: 4 | 8): bigint | undefined => this.phys.entry(pa, width);

  constructor(
    readonly phys: PhysicalReader,
    readonly mode: PagingMode,
    readonly directoryTableBase: bigint,
  ) {}

  /** The translation of one virtual address (cached per page). */
  translate(va: bigint): Translation {
    const page = va & ~0xfffn;
    let t = this.tlb.get(page);
    if (!t) {
      t = translate(this.mode, this.directoryTableBase, page, this.readEntry);
      if (this.tlb.size >= TLB_LIMIT) this.tlb.clear();
      this.tlb.set(page, t);
    }
    return 'pa' in t ? { pa: t.pa | (va & 0xfffn), pageSize: t.pageSize } : t;
  }

  read(address: bigint, size: number): Uint8Array | undefined {
    if (!Number.isSafeInteger(size) || size < 0) return undefined;
    return gather(address, size, (at, want) => {
      const t = this.translate(at);
      return 'pa' in t ? this.phys.read(t.pa, Math.min(want, PAGE_SIZE - Number(at & 0xfffn))) : undefined;
    });
  }

  /** Enumerating a whole address space means walking every table: not done for huge dumps. */
  regions(): readonly MemoryRegion[] {
    return [];
  }
}
