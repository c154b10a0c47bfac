import { MemoryByteSource } from '../../bytes/byteSource';
import { Reader } from '../../bytes/reader';
import { safe } from '../session';
import { StructView } from './structView';
import type { KernelTarget } from './target';

/** A processor's KPRCB: where it is and the copy we could read. */
export interface Processor {
  number: number;
  /** VA of the KPRCB, when known. */
  prcb?: bigint;
  /** VA of the KPCR (KPRCB − _KPCR.Prcb offset), when known. */
  pcr?: bigint;
  /** The KPRCB bytes: from memory, or the small dump's copy of the bug-checking processor's. */
  view?: StructView;
  /** How the KPRCB address was found. */
  how?: 'KiProcessorBlock' | 'self-references';
}

/** Fewest self-pointers we accept before trusting a vote for the KPRCB's address. */
const MIN_VOTES = 8;

/**
 * Where the small dump's KPRCB copy lived: it holds many pointers to itself
 * (empty LIST_ENTRY heads point at their own address), so the base most of
 * them agree on is the KPRCB's VA. Accepted only when the KPCR it implies
 * (KPRCB − _KPCR.Prcb) is page-aligned, as every KPCR is. On the corpus
 * dumps this gives fffff8075ad55180 (x64, KPCR +0x180) and fffff803efd00980
 * (ARM64, KPCR +0x980; that dump's KiProcessorBlock[0] agrees).
 */
export function selfBase(bytes: Uint8Array, is64: boolean, containedPrcb: number | undefined): bigint | undefined {
  const w = is64 ? 8 : 4;
  const r = new Reader(new MemoryByteSource(bytes), 'KPRCB');
  const votes = new Map<bigint, number>();
  for (let o = 0; o + w <= bytes.length; o += w) {
    const v = is64 ? r.u64(o) : BigInt(r.u32(o));
    if (v < BigInt(o)) continue;
    const base = v - BigInt(o);
    votes.set(base, (votes.get(base) ?? 0) + 1);
  }
  let best: bigint | undefined;
  let n = 0;
  for (const [base, c] of votes) {
    const pcrAligned = containedPrcb === undefined || ((base - BigInt(containedPrcb)) & 0xfffn) === 0n;
    if (c > n && base !== 0n && pcrAligned) [best, n] = [base, c];
  }
  return n >= MIN_VOTES ? best : undefined;
}

/**
 * How much of a KPRCB to read from memory: its size (KDDEBUGGER_DATA64 or the table), and at least
 * through the furthest field the layout knows, so a block that under-reports the size (or none) still
 * lets `!prcb` read its counters. Fields past what memory holds stay unknown.
 */
function prcbReadSize(t: KernelTarget): number {
  const furthest = Math.max(0, ...Object.values(t.layout.prcb).filter((o): o is number => o !== undefined).map((o) => o + 8));
  return Math.max(t.layout.sizes.prcb ?? 0x1000, furthest);
}

/** The dump's KDDEBUGGER_DATA64.KiProcessorBlock, when the dump has one. */
function processorBlock(t: KernelTarget): bigint | undefined {
  return safe(() => t.dump.debuggerData()?.kiProcessorBlock, undefined) || undefined;
}

/**
 * Processor `n`'s KPRCB: KiProcessorBlock[n] when memory holds it, else (the
 * bug-checking processor of a small dump) the triage copy located by its
 * self-references.
 */
export function findProcessor(t: KernelTarget, n: number): Processor {
  const w = BigInt(t.is64 ? 8 : 4);
  const size = prcbReadSize(t);
  const contained = t.layout.pcrContainedPrcb;
  const pcrOf = (prcb: bigint): bigint | undefined => (contained === undefined ? undefined : prcb - BigInt(contained));
  const block = processorBlock(t);
  const prcb = block !== undefined ? t.readPointer(block + BigInt(n) * w) : undefined;
  if (prcb) {
    const copy = triageCopy(t, n);
    return { number: n, prcb, pcr: pcrOf(prcb), view: t.view(prcb, size, 'KPRCB') ?? (copy ? new StructView(prcb, copy, t.is64, 'KPRCB') : undefined), how: 'KiProcessorBlock' };
  }
  const copy = triageCopy(t, n);
  if (!copy) return { number: n };
  const base = selfBase(copy, t.is64, contained);
  if (base === undefined) return { number: n, view: new StructView(0n, copy, t.is64, 'KPRCB') };
  return { number: n, prcb: base, pcr: pcrOf(base), view: new StructView(base, copy, t.is64, 'KPRCB'), how: 'self-references' };
}

/** The small dump's KPRCB copy, if it is processor `n`'s. */
function triageCopy(t: KernelTarget, n: number): Uint8Array | undefined {
  const blob = safe(() => t.dump.triage?.prcb(t.layout.sizes.prcb), undefined);
  if (!blob) return undefined;
  const bytes = t.dump.reader.bytes(blob.offset, blob.size);
  const v = new StructView(0n, bytes, t.is64);
  const number = v.u32(t.layout.prcb.number);
  return number === undefined || number === n ? bytes : undefined;
}

/** Processors we ask KiProcessorBlock about at most when looking for the current one. */
const MAX_SCAN = 256;

/**
 * The bug-checking processor's number: the small dump's KPRCB copy, else the
 * processor whose KPRCB.CurrentThread is the bug-checking thread, else 0.
 */
export function currentProcessorNumber(t: KernelTarget): number {
  const blob = safe(() => t.dump.triage?.prcb(t.layout.sizes.prcb), undefined);
  if (blob) return new StructView(0n, t.dump.reader.bytes(blob.offset, blob.size), t.is64).u32(t.layout.prcb.number) ?? 0;
  const current = t.currentThread();
  const n = Math.min(t.dump.header.numberProcessors, MAX_SCAN);
  for (let i = 0; current !== undefined && i < n; i++) {
    if (findProcessor(t, i).view?.ptr(t.layout.prcb.currentThread) === current) return i;
  }
  return 0;
}

/** The KPCR head `!pcr` prints, when the layout knows it and memory holds it (never in a small dump). */
export function pcrHead(t: KernelTarget, p: Processor): StructView | undefined {
  const l = t.layout.pcr;
  if (!l || p.pcr === undefined) return undefined;
  const w = t.is64 ? 8 : 4;
  const ulongs = [l.irr, l.idr, l.interruptMode].filter((o): o is number => o !== undefined).map((o) => o + 4);
  const size = Math.max(l.ntTib + 7 * w, l.selfPcr + w, l.prcb + w, l.idt + w, l.gdt + w, l.tss + w, l.irql + 1, l.majorVersion + 2, l.minorVersion + 2, ...ulongs);
  const bytes = t.session.read(p.pcr, size);
  return bytes ? new StructView(p.pcr, bytes, t.is64, 'KPCR') : undefined;
}

/** One queued DPC: the _KDPC and its DeferredRoutine (undefined when memory lacks the KDPC). */
export interface QueuedDpc {
  dpc: bigint;
  routine?: bigint;
}

/** x64 _KDPC (wdm.h, Windows 8.1+): TargetInfoAsUlong, then DpcListEntry at 8, ProcessorHistory, DeferredRoutine at 0x18. */
const KDPC_LIST_ENTRY = 8;
const KDPC_DEFERRED_ROUTINE = 0x18;
/** DPCs we follow at most: a processor's queue holds a handful; a longer chain is a corrupt or looping list. */
const MAX_DPCS = 256;

/**
 * Processor `p`'s normal DPC queue: KPRCB.DpcData[0].DpcList, a singly linked list of
 * _KDPC.DpcListEntry. Undefined when the layout has no DpcData offset for the build (or the
 * architecture is not x64) or the copy lacks it; `broken` when a link could not be read,
 * looped, or the list was longer than we follow.
 */
export function dpcQueue(t: KernelTarget, p: Processor): { dpcs: QueuedDpc[]; broken?: bigint } | undefined {
  const off = t.layout.prcb.dpcData;
  if (off === undefined || t.dump.arch !== 'amd64' || !p.view) return undefined;
  let next = p.view.ptr(off);
  if (next === undefined) return undefined;
  const dpcs: QueuedDpc[] = [];
  const seen = new Set<bigint>();
  while (next) {
    if (seen.has(next) || dpcs.length >= MAX_DPCS) return { dpcs, broken: next };
    seen.add(next);
    const dpc = next - BigInt(KDPC_LIST_ENTRY);
    const routine = t.readPointer(dpc + BigInt(KDPC_DEFERRED_ROUTINE));
    dpcs.push({ dpc, routine });
    const link = t.readPointer(next);
    if (link === undefined) return { dpcs, broken: next };
    next = link;
  }
  return { dpcs };
}
