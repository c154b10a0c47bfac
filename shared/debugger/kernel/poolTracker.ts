import { kdbgPointer } from './kdbgPointers';
import { StructView } from './structView';
import type { KernelTarget } from './target';

/**
 * _POOL_TRACKER_TABLE, one entry per pool tag (ntdiff/headers, ntoskrnl.exe, Windows 7
 * to Windows 10 2004/20H1: x64 0x28 bytes, x86 0x1c bytes). Windows 11 builds publish a
 * different entry (64-bit counters, NonPagedBytes first): not decoded until checked.
 */
interface TrackerLayout {
  size: number;
  /** Key (LONG): the tag. */
  key: number;
  nonPagedAllocs: number;
  nonPagedFrees: number;
  /** NonPagedBytes: SIZE_T (ULONGLONG on x64, ULONG on x86). */
  nonPagedBytes: number;
  pagedAllocs: number;
  pagedFrees: number;
  pagedBytes: number;
}

const X64: TrackerLayout = { size: 0x28, key: 0x0, nonPagedAllocs: 0x4, nonPagedFrees: 0x8, nonPagedBytes: 0x10, pagedAllocs: 0x18, pagedFrees: 0x1c, pagedBytes: 0x20 };
const X86: TrackerLayout = { size: 0x1c, key: 0x0, nonPagedAllocs: 0x4, nonPagedFrees: 0x8, nonPagedBytes: 0xc, pagedAllocs: 0x10, pagedFrees: 0x14, pagedBytes: 0x18 };

/** The last build whose entry layout we checked (20H1 and its servicing builds 19042-19045). */
const LAST_CHECKED_BUILD = 19045;

/** Entries we read at most (2^16): real tables hold a few thousand (PoolTrackTableSize, sized at boot). */
export const MAX_TRACKER_ENTRIES = 0x10000;

export interface PoolTagUsage {
  key: number;
  nonPagedAllocs: number;
  nonPagedFrees: number;
  nonPagedBytes: bigint;
  pagedAllocs: number;
  pagedFrees: number;
  pagedBytes: bigint;
}

export type PoolTrackerResult =
  | { ok: true; table: bigint; entries: number; tags: PoolTagUsage[] }
  | { ok: false; why: 'no-kdbg' | 'no-pointer' | 'no-table' | 'layout'; at?: bigint };

/**
 * True when a tracker entry could be one the kernel wrote: an empty slot (all
 * zero), or a tag that is printable ASCII or whose frees do not exceed its allocations.
 */
function wellFormed(e: PoolTagUsage): boolean {
  if (e.key === 0) return e.nonPagedAllocs === 0 && e.pagedAllocs === 0 && e.nonPagedBytes === 0n && e.pagedBytes === 0n;
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
 * is not in KDDEBUGGER_DATA64. The kernel hashes a tag into the table with
 * PoolTrackTableSize - 1 as a mask, so the length is a power of two (plus one
 * overflow entry after it). We take the largest power of two, up to 2^16, whose
 * entries are all in the dump and all well-formed (empty, or a printable tag):
 * memory past the table's allocation fails that test long before a whole doubling.
 * The overflow entry at [length] is counted when it is well-formed too.
 */
export function readPoolTracker(t: KernelTarget): PoolTrackerResult {
  const checked = t.layout.build <= LAST_CHECKED_BUILD;
  const layout = !checked ? undefined : t.dump.arch === 'amd64' ? X64 : t.dump.arch === 'x86' ? X86 : undefined;
  if (!layout) return { ok: false, why: 'layout' };
  const variable = kdbgPointer(t.dump, 'PoolTrackTable');
  if (variable === undefined) return { ok: false, why: 'no-kdbg' };
  const table = t.readPointer(variable);
  if (table === undefined || table === 0n) return { ok: false, why: 'no-pointer', at: variable };
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
  const u32 = (o: number): number => v.u32(o) ?? 0;
  const size = (o: number): bigint => v.ptr(o) ?? 0n;
  return {
    key: u32(l.key),
    nonPagedAllocs: u32(l.nonPagedAllocs),
    nonPagedFrees: u32(l.nonPagedFrees),
    nonPagedBytes: size(l.nonPagedBytes),
    pagedAllocs: u32(l.pagedAllocs),
    pagedFrees: u32(l.pagedFrees),
    pagedBytes: size(l.pagedBytes),
  };
}
