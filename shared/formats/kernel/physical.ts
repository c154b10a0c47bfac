import type { Reader } from '../../bytes/reader';
import { DumpFormatError } from '../../errors';
import type { PhysicalRun } from './header';
import { PAGE_SIZE } from './structs';

/**
 * The physical pages a full, kernel or complete dump stores: one PFN → file
 * offset index, built once when the dump is opened and checked against the
 * file length. Sparse on purpose (kdmp-parser builds a per-page map; we keep
 * runs, or a bitmap with per-chunk counts computed lazily) so a 16 GB dump
 * opens in constant memory.
 */
export interface PhysicalMemory {
  /** File offset where physical page `pfn` is stored, or undefined when the dump lacks it. */
  fileOffset(pfn: bigint): number | undefined;
  /** Pages the file really holds (after clipping to the file length). */
  readonly storedPages: bigint;
  /** Highest PFN + 1 the index can describe. */
  readonly pfnLimit: bigint;
  /** How the index was built, for `describe` and diagnostics. */
  readonly source: 'runs' | 'bitmap';
  /** Set when the file is shorter than the index says; pages past the end read as missing. */
  readonly truncatedAt?: number;
}

interface IndexedRun {
  basePage: bigint;
  pageCount: bigint;
  fileOffset: number;
}

/**
 * Classic full dump (DumpType 1), and any dump whose pages are laid out run by
 * run after the header: run i's pages follow run i-1's.
 */
export class RunPhysicalMemory implements PhysicalMemory {
  readonly source = 'runs';
  readonly storedPages: bigint;
  readonly pfnLimit: bigint;
  readonly truncatedAt?: number;
  private readonly runs: IndexedRun[];

  constructor(r: Reader, runs: readonly PhysicalRun[], firstPageOffset: number) {
    const sorted: IndexedRun[] = [];
    let offset = BigInt(firstPageOffset);
    const fileSize = BigInt(r.size);
    let stored = 0n;
    let truncatedAt: number | undefined;
    for (const run of runs) {
      const bytes = run.pageCount * BigInt(PAGE_SIZE);
      // Clip to the file: a short file is common (disk full while writing), not fatal.
      const fit = offset >= fileSize ? 0n : (fileSize - offset) / BigInt(PAGE_SIZE);
      const count = run.pageCount < fit ? run.pageCount : fit;
      if (count < run.pageCount && truncatedAt === undefined) truncatedAt = Number(offset + count * BigInt(PAGE_SIZE));
      if (count > 0n) sorted.push({ basePage: run.basePage, pageCount: count, fileOffset: Number(offset) });
      stored += count;
      offset += bytes;
    }
    sorted.sort((a, b) => (a.basePage < b.basePage ? -1 : a.basePage > b.basePage ? 1 : 0));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      if (prev.basePage + prev.pageCount > sorted[i]!.basePage) {
        throw new DumpFormatError('BadValue', `kernel dump: physical memory runs overlap at page 0x${sorted[i]!.basePage.toString(16)}`);
      }
    }
    this.runs = sorted;
    this.storedPages = stored;
    const last = sorted[sorted.length - 1];
    this.pfnLimit = last ? last.basePage + last.pageCount : 0n;
    if (truncatedAt !== undefined) this.truncatedAt = truncatedAt;
  }

  fileOffset(pfn: bigint): number | undefined {
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const run = this.runs[mid]!;
      if (pfn < run.basePage) hi = mid - 1;
      else if (pfn >= run.basePage + run.pageCount) lo = mid + 1;
      else return run.fileOffset + Number(pfn - run.basePage) * PAGE_SIZE;
    }
    return undefined;
  }
}

/** Bitmap bytes per rank chunk: 512 bytes = 4096 pages = 16 MiB of physical memory. */
const CHUNK_BYTES = 512;

const POPCOUNT = (() => {
  const t = new Uint8Array(256);
  for (let i = 1; i < 256; i++) t[i] = (i & 1) + t[i >> 1]!;
  return t;
})();

/**
 * Bitmap dumps (SDMP/FDMP, DumpType 5/6): page n is stored iff bit n is set,
 * stored pages follow each other from `firstPage`. The file offset of page n
 * is firstPage + rank(n) * 4096, where rank counts set bits before n. Ranks
 * are kept per 512-byte chunk and filled lazily up to the chunk asked for, so
 * opening reads nothing and a lookup reads at most one chunk plus the chunks
 * never counted before it.
 */
export class BitmapPhysicalMemory implements PhysicalMemory {
  readonly source = 'bitmap';
  readonly storedPages: bigint;
  readonly pfnLimit: bigint;
  readonly truncatedAt?: number;
  /** chunkRank[i] = set bits in chunks [0, i); valid for i <= ranked. */
  private readonly chunkRank: Float64Array;
  private ranked = 0;
  private readonly bitmapBytes: number;
  private lastChunk = -1;
  private lastChunkBits: Uint8Array | undefined;

  constructor(
    private readonly r: Reader,
    private readonly bitmapOffset: number,
    bitCount: bigint,
    private readonly firstPage: number,
    presentPages: bigint,
  ) {
    const bytes = (bitCount + 7n) / 8n;
    if (bytes > BigInt(r.size)) {
      throw new DumpFormatError('BadCount', `kernel dump: bitmap of ${bitCount} pages needs ${bytes} bytes, more than the file holds`, { offset: bitmapOffset });
    }
    this.bitmapBytes = Number(bytes);
    r.check(bitmapOffset, this.bitmapBytes, 'physical page bitmap');
    if (firstPage < bitmapOffset + this.bitmapBytes) {
      throw new DumpFormatError('BadValue', `kernel dump: first stored page at 0x${firstPage.toString(16)} lies inside the page bitmap (ends at 0x${(bitmapOffset + this.bitmapBytes).toString(16)})`, { offset: firstPage });
    }
    r.check(firstPage, 0, 'first stored page');
    // What the file can really hold; TotalPresentPages is only a claim.
    const fit = BigInt(Math.floor((r.size - firstPage) / PAGE_SIZE));
    this.storedPages = presentPages < fit ? presentPages : fit;
    if (presentPages > fit) this.truncatedAt = firstPage + Number(fit) * PAGE_SIZE;
    this.pfnLimit = bitCount;
    this.chunkRank = new Float64Array(Math.ceil(this.bitmapBytes / CHUNK_BYTES) + 1);
  }

  private chunk(i: number): Uint8Array {
    if (i !== this.lastChunk) {
      const start = i * CHUNK_BYTES;
      this.lastChunkBits = this.r.bytes(this.bitmapOffset + start, Math.min(CHUNK_BYTES, this.bitmapBytes - start));
      this.lastChunk = i;
    }
    return this.lastChunkBits!;
  }

  private rankBeforeChunk(i: number): number {
    while (this.ranked < i) {
      const bits = this.chunk(this.ranked);
      let n = 0;
      for (const b of bits) n += POPCOUNT[b]!;
      this.chunkRank[this.ranked + 1] = this.chunkRank[this.ranked]! + n;
      this.ranked++;
    }
    return this.chunkRank[i]!;
  }

  fileOffset(pfn: bigint): number | undefined {
    if (pfn < 0n || pfn >= this.pfnLimit) return undefined;
    const bit = Number(pfn);
    const byte = bit >> 3;
    const ci = Math.floor(byte / CHUNK_BYTES);
    let rank = this.rankBeforeChunk(ci);
    const bits = this.chunk(ci);
    const inChunk = byte - ci * CHUNK_BYTES;
    const b = bits[inChunk]!;
    if ((b & (1 << (bit & 7))) === 0) return undefined;
    for (let k = 0; k < inChunk; k++) rank += POPCOUNT[bits[k]!]!;
    rank += POPCOUNT[b & ((1 << (bit & 7)) - 1)]!;
    if (rank >= Number(this.storedPages)) return undefined;
    return this.firstPage + rank * PAGE_SIZE;
  }
}
