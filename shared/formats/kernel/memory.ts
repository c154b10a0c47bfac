import type { Reader } from '../../bytes/reader';
import type { MemoryReader, MemoryRegion } from '../../dump/types';
import type { PhysicalMemory } from './physical';
import { PAGE_SIZE } from './structs';
import { translate, type PagingMode, type Translation } from './translate';

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
    const out = new Uint8Array(size);
    let done = 0;
    while (done < size) {
      const at = address + BigInt(done);
      const x = this.find(at);
      if (!x) return undefined;
      const into = Number(at - x.start);
      const n = Math.min(size - done, x.size - into);
      if (!this.r.has(x.fileOffset + into, n)) return undefined;
      out.set(this.r.bytes(x.fileOffset + into, n), done);
      done += n;
    }
    return out;
  }

  regions(): readonly MemoryRegion[] {
    return this.ranges.map((x) => ({ start: x.start, size: x.size }));
  }
}

/** Reads physical memory through a PFN index. */
export class PhysicalReader {
  constructor(private readonly r: Reader, readonly pages: PhysicalMemory) {}

  read(pa: bigint, size: number): Uint8Array | undefined {
    const out = new Uint8Array(size);
    let done = 0;
    while (done < size) {
      const at = pa + BigInt(done);
      const off = this.pages.fileOffset(at / BigInt(PAGE_SIZE));
      if (off === undefined) return undefined;
      const into = Number(at % BigInt(PAGE_SIZE));
      const n = Math.min(size - done, PAGE_SIZE - into);
      if (!this.r.has(off + into, n)) return undefined;
      out.set(this.r.bytes(off + into, n), done);
      done += n;
    }
    return out;
  }

  entry(pa: bigint, width: 4 | 8): bigint | undefined {
    const b = this.read(pa, width);
    if (!b) return undefined;
    let v = 0n;
    for (let i = width - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
    return v;
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
    const out = new Uint8Array(size);
    let done = 0;
    while (done < size) {
      const at = address + BigInt(done);
      const t = this.translate(at);
      if (!('pa' in t)) return undefined;
      const n = Math.min(size - done, PAGE_SIZE - Number(at & 0xfffn));
      const b = this.phys.read(t.pa, n);
      if (!b) return undefined;
      out.set(b, done);
      done += n;
    }
    return out;
  }

  /** Enumerating a whole address space means walking every table: not done for huge dumps. */
  regions(): readonly MemoryRegion[] {
    return [];
  }
}
