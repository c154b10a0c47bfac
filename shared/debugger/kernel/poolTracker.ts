import { kdbgPointer } from './kdbgPointers';
import { trackerLayoutFromTypes } from './pdbLayout';
import { StructView } from './structView';
import type { KernelTarget } from './target';

/**
 * _POOL_TRACKER_TABLE, one entry per pool tag, as ntdiff/headers (ntoskrnl.exe ALL_SORTED.h)
 * publishes it. Each counter has an offset and a width (4 or 8 bytes).
 */
export interface TrackerLayout {
  size: number;
  /** Key (LONG): the tag. */
  key: number;
  nonPagedAllocs: readonly [number, 4 | 8];
  nonPagedFrees: readonly [number, 4 | 8];
  nonPagedBytes: readonly [number, 4 | 8];
  pagedAllocs: readonly [number, 4 | 8];
  pagedFrees: readonly [number, 4 | 8];
  pagedBytes: readonly [number, 4 | 8];
}

/** Win7_SP1 x64: LONG allocation/free counters, SIZE_T bytes; 0x28 bytes. */
const WIN7_X64: TrackerLayout = { size: 0x28, key: 0x0, nonPagedAllocs: [0x4, 4], nonPagedFrees: [0x8, 4], nonPagedBytes: [0x10, 8], pagedAllocs: [0x18, 4], pagedFrees: [0x1c, 4], pagedBytes: [0x20, 8] };
/** Win7_SP1 x86: all ULONG; 0x1c bytes. */
const WIN7_X86: TrackerLayout = { size: 0x1c, key: 0x0, nonPagedAllocs: [0x4, 4], nonPagedFrees: [0x8, 4], nonPagedBytes: [0xc, 4], pagedAllocs: [0x10, 4], pagedFrees: [0x14, 4], pagedBytes: [0x18, 4] };
/**
 * Win10_1809_RS5, Win10_1903_19H1 and Win10_2004_20H1 x64 (the same in all three): bytes
 * first, every counter a ULONGLONG; 0x38 bytes. 18363 and 19042-19045 are servicing
 * builds of 18362 and 19041.
 */
const WIN10_X64: TrackerLayout = { size: 0x38, key: 0x0, nonPagedBytes: [0x8, 8], nonPagedAllocs: [0x10, 8], nonPagedFrees: [0x18, 8], pagedBytes: [0x20, 8], pagedAllocs: [0x28, 8], pagedFrees: [0x30, 8] };

/** The checked entry layout for this kernel, or undefined (Windows 8/8.1, Windows 10 before 1809, x86 Windows 10, Windows 11, arm64). */
export function trackerLayoutFor(arch: string, build: number): TrackerLayout | undefined {
  if (build === 7600 || build === 7601) return arch === 'amd64' ? WIN7_X64 : arch === 'x86' ? WIN7_X86 : undefined;
  if (arch === 'amd64' && (build === 17763 || build === 18362 || build === 18363 || (build >= 19041 && build <= 19045))) return WIN10_X64;
  return undefined;
}

/** Entries we read at most (2^16): real tables hold a few thousand (PoolTrackTableSize, sized at boot). */
export const MAX_TRACKER_ENTRIES = 0x10000;

export interface PoolTagUsage {
  key: number;
  nonPagedAllocs: bigint;
  nonPagedFrees: bigint;
  nonPagedBytes: bigint;
  pagedAllocs: bigint;
  pagedFrees: bigint;
  pagedBytes: bigint;
}

export type PoolTrackerResult =
  | { ok: true; table: bigint; entries: number; tags: PoolTagUsage[] }
  | { ok: false; why: 'no-kdbg' | 'no-pointer' | 'null-pointer' | 'no-table' | 'layout'; at?: bigint };

/**
 * True when a tracker entry could be one the kernel wrote: an empty slot (all
 * zero), or a tag that is printable ASCII or whose frees do not exceed its allocations.
 */
function wellFormed(e: PoolTagUsage): boolean {
  if (e.key === 0) return e.nonPagedAllocs === 0n && e.pagedAllocs === 0n && e.nonPagedBytes === 0n && e.pagedBytes === 0n;
  let printable = true;
  for (let i = 0; i < 4; i++) {
    const b = ((e.key & 0x7fffffff) >>> (8 * i)) & 0xff;
    if (b < 0x20 || b > 0x7e) printable = false;
  }
  return printable || (e.nonPagedFrees <= e.nonPagedAllocs && e.pagedFrees <= e.pagedAllocs);
}

/**
 * The pool tag tracker table: KDDEBUGGER_DATA64.PoolTrackTable is the address of
 * nt!PoolTrackTable, which points at the array. Its length (nt!PoolTrackTableSize)
 * is not in KDDEBUGGER_DATA64. At boot the kernel (ExpInitializePoolTrackerTable)
 * rounds the size down to a power of two (at least 64; 512 or 4096 by default),
 * hashes tags with size - 1 as the mask, and allocates one overflow entry after
 * the 2^k slots. So we take the largest power of two, up to 2^16, whose entries
 * are all in the dump and all well-formed (empty, or a tag whose bytes are printable
 * or whose frees do not exceed its allocations): memory past the table's allocation
 * fails that test long before a whole doubling. The overflow entry at [2^k] is
 * counted when it is well-formed too.
 */
export function readPoolTracker(t: KernelTarget): PoolTrackerResult {
  const layout = (t.types && trackerLayoutFromTypes(t.types)) ?? trackerLayoutFor(t.dump.arch, t.layout.build);
  if (!layout) return { ok: false, why: 'layout' };
  const variable = kdbgPointer(t.dump, 'PoolTrackTable');
  if (variable === undefined) return { ok: false, why: 'no-kdbg' };
  const table = t.readPointer(variable);
  if (table === undefined) return { ok: false, why: 'no-pointer', at: variable };
  if (table === 0n) return { ok: false, why: 'null-pointer', at: variable };
  const entries: PoolTagUsage[] = [];
  // Read a page at a time: one session.read per 4 KiB instead of one per entry.
  const CHUNK = 0x1000;
  let buffer: Uint8Array | undefined;
  let bufferStart = -1;
  const entryAt = (i: number): PoolTagUsage | undefined => {
    const off = i * layout.size;
    const chunk = Math.floor(off / CHUNK) * CHUNK;
    if (chunk !== bufferStart) {
      // One entry may straddle two chunks: read a little more than a chunk.
      buffer = t.session.read(table + BigInt(chunk), CHUNK + layout.size) ?? t.session.read(table + BigInt(chunk), CHUNK);
      bufferStart = chunk;
    }
    const rel = off - chunk;
    if (!buffer || rel + layout.size > buffer.length) {
      const one = t.session.read(table + BigInt(off), layout.size);
      return one ? decode(one, 0, layout, t.is64) : undefined;
    }
    return decode(buffer, rel, layout, t.is64);
  };
  let good = 0;
  while (good < MAX_TRACKER_ENTRIES + 1) {
    const e = entryAt(good);
    if (!e || !wellFormed(e)) break;
    entries.push(e);
    good++;
  }
  if (good === 0) return { ok: false, why: 'no-table', at: table };
  // Largest power of two within the well-formed run, plus its overflow entry when present.
  let size = 1;
  while (size * 2 <= Math.min(good, MAX_TRACKER_ENTRIES)) size *= 2;
  const count = good > size ? size + 1 : size;
  return { ok: true, table, entries: size, tags: entries.slice(0, count).filter((e) => e.key !== 0) };
}

function decode(b: Uint8Array, at: number, l: TrackerLayout, is64: boolean): PoolTagUsage {
  const v = new StructView(0n, b.subarray(at, at + l.size), is64, '_POOL_TRACKER_TABLE');
  const n = ([o, w]: readonly [number, 4 | 8]): bigint => (w === 8 ? v.u64(o) : v.u32(o) === undefined ? undefined : BigInt(v.u32(o)!)) ?? 0n;
  return {
    key: v.u32(l.key) ?? 0,
    nonPagedAllocs: n(l.nonPagedAllocs),
    nonPagedFrees: n(l.nonPagedFrees),
    nonPagedBytes: n(l.nonPagedBytes),
    pagedAllocs: n(l.pagedAllocs),
    pagedFrees: n(l.pagedFrees),
    pagedBytes: n(l.pagedBytes),
  };
}
