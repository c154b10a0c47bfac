import type { KernelTarget } from './target';

/**
 * _ERESOURCE, the executive resource `!locks` lists, linked on nt!ExpSystemResourcesList
 * through SystemResourcesList (offset 0, so a link is the resource's address).
 *
 * Layouts from ntdiff/headers ntoskrnl.exe (Win7_SP1 … Win11, x64 and x86 alike per
 * pointer size; the KSEMAPHORE/KWAIT_CHAIN type of SharedWaiters changes, not its place):
 *   x64 (0x68 bytes): OwnerTable +0x10, ActiveCount +0x18 (SHORT), Flag +0x1a (USHORT),
 *     SharedWaiters +0x20, ExclusiveWaiters +0x28, OwnerEntry +0x30 (_OWNER_ENTRY 0x10:
 *     OwnerThread +0, OwnerCount/TableSize +8), ActiveEntries +0x40, ContentionCount +0x44,
 *     NumberOfSharedWaiters +0x48, NumberOfExclusiveWaiters +0x4c.
 *   x86 Windows 7+ (0x38 bytes): OwnerTable +0x8, ActiveCount +0xc, Flag +0xe, SharedWaiters
 *     +0x10, ExclusiveWaiters +0x14, OwnerEntry +0x18 (_OWNER_ENTRY 8 bytes), ActiveEntries
 *     +0x20, ContentionCount +0x24, NumberOfSharedWaiters +0x28, NumberOfExclusiveWaiters +0x2c.
 *   x86 XP/2003 (0x38 bytes): OwnerThreads[2] +0x18 (no ActiveEntries), ContentionCount
 *     +0x28, NumberOfSharedWaiters +0x2c and NumberOfExclusiveWaiters +0x2e (USHORTs).
 * _OWNER_ENTRY.OwnerCount is a LONG on Windows 7; on Windows 8 and 8.1 OwnerCount:30 at bit 2
 * (IoPriorityBoosted and OwnerReferenced below it; ntdiff Win8.1 x64 _EJOB.h); from Windows 10
 * OwnerCount:29 at bit 3, IoQoSPriorityBoosted taking bit 2 (ntdiff Win10_1607_RS1 x64 and x86
 * _ERESOURCE.h, and the corpus amdppm.pdb built for 19041). Windows 10 1507/1511 are not in
 * ntdiff: they are given the Windows 10 form. x64 before Windows 7 and arm64 are not checked
 * here and stay unknown (the nt PDB's types answer for them).
 */
export interface EresourceLayout {
  size: number;
  ownerTable: number;
  activeCount: number;
  flag: number;
  sharedWaiters: number;
  exclusiveWaiters: number;
  /** The inline owner entries: OwnerEntry (one) or XP's OwnerThreads[2]. */
  ownerEntries: { at: number; count: number };
  ownerEntrySize: number;
  activeEntries?: number;
  contentionCount: number;
  sharedWaitersCount: { at: number; width: 2 | 4 };
  exclusiveWaitersCount: { at: number; width: 2 | 4 };
  /** Where OwnerCount starts in its ULONG: 0 (a whole LONG, Windows 7), 2 (8/8.1) or 3 (10+); it runs to bit 31. */
  ownerCountShift: number;
}

export function eresourceLayout(arch: string, build: number): EresourceLayout | undefined {
  const shift = build >= 10240 ? 3 : build >= 9200 ? 2 : 0;
  if (arch === 'amd64' && build >= 7600) {
    return {
      size: 0x68, ownerTable: 0x10, activeCount: 0x18, flag: 0x1a, sharedWaiters: 0x20, exclusiveWaiters: 0x28,
      ownerEntries: { at: 0x30, count: 1 }, ownerEntrySize: 0x10, activeEntries: 0x40, contentionCount: 0x44,
      sharedWaitersCount: { at: 0x48, width: 4 }, exclusiveWaitersCount: { at: 0x4c, width: 4 }, ownerCountShift: shift,
    };
  }
  if (arch === 'x86' && build >= 7600) {
    return {
      size: 0x38, ownerTable: 0x8, activeCount: 0xc, flag: 0xe, sharedWaiters: 0x10, exclusiveWaiters: 0x14,
      ownerEntries: { at: 0x18, count: 1 }, ownerEntrySize: 8, activeEntries: 0x20, contentionCount: 0x24,
      sharedWaitersCount: { at: 0x28, width: 4 }, exclusiveWaitersCount: { at: 0x2c, width: 4 }, ownerCountShift: shift,
    };
  }
  if (arch === 'x86' && build < 6000) {
    return {
      size: 0x38, ownerTable: 0x8, activeCount: 0xc, flag: 0xe, sharedWaiters: 0x10, exclusiveWaiters: 0x14,
      ownerEntries: { at: 0x18, count: 2 }, ownerEntrySize: 8, contentionCount: 0x28,
      sharedWaitersCount: { at: 0x2c, width: 2 }, exclusiveWaitersCount: { at: 0x2e, width: 2 }, ownerCountShift: 0,
    };
  }
  return undefined;
}

/** ERESOURCE.Flag ResourceOwnedExclusive (ntddk.h / ex.h). */
export const RESOURCE_OWNED_EXCLUSIVE = 0x80;

export interface ResourceOwner {
  /** OwnerThread as stored: a KTHREAD, or an owner pointer with its low two bits set (ExSetResourceOwnerPointer). */
  thread: bigint;
  count: number;
}

export interface Eresource {
  address: bigint;
  activeCount: number;
  flag: number;
  exclusive: boolean;
  activeEntries?: number;
  contentionCount: number;
  sharedWaiters: number;
  exclusiveWaiters: number;
  owners: ResourceOwner[];
  /** OwnerTable entries the dump did not hold. */
  ownerTableMissing?: bigint;
  /** ExclusiveWaiters: the KEVENT exclusive waiters wait on (0 until first contended). */
  exclusiveEvent?: bigint;
  /** SystemResourcesList.Flink. */
  next?: bigint;
}

/** Owner table entries we read at most (TableSize comes from the dump). */
const MAX_OWNER_TABLE = 4096;

export function readEresource(t: KernelTarget, l: EresourceLayout, va: bigint): Eresource | undefined {
  const v = t.view(va, l.size, '_ERESOURCE');
  if (!v || v.size < l.size) return undefined;
  const u = (at: { at: number; width: 2 | 4 }): number => (at.width === 2 ? v.u16(at.at) : v.u32(at.at)) ?? 0;
  const ptrSize = t.is64 ? 8 : 4;
  const flag = v.u16(l.flag) ?? 0;
  const owners: ResourceOwner[] = [];
  const ownerAt = (thread: bigint | undefined, raw: number | undefined): void => {
    if (!thread) return;
    const r = raw ?? 0;
    owners.push({ thread, count: l.ownerCountShift ? r >>> l.ownerCountShift : r | 0 });
  };
  for (let i = 0; i < l.ownerEntries.count; i++) {
    const at = l.ownerEntries.at + i * l.ownerEntrySize;
    ownerAt(v.ptr(at), v.u32(at + ptrSize));
  }
  let ownerTableMissing: bigint | undefined;
  const table = v.ptr(l.ownerTable);
  if (table) {
    // OwnerTable[0].TableSize is the table's length; entries 1..TableSize-1 are shared owners.
    const size = t.session.read(table + BigInt(ptrSize), 4);
    const n = size ? Math.min(new DataView(size.buffer, size.byteOffset, 4).getUint32(0, true), MAX_OWNER_TABLE) : 0;
    const bytes = n > 1 ? t.session.read(table, n * l.ownerEntrySize) : undefined;
    if (!size || (n > 1 && !bytes)) ownerTableMissing = table;
    if (bytes) {
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 1; i < n; i++) {
        const o = i * l.ownerEntrySize;
        const thread = t.is64 ? dv.getBigUint64(o, true) : BigInt(dv.getUint32(o, true));
        ownerAt(thread, dv.getUint32(o + ptrSize, true));
      }
    }
  }
  return {
    address: va,
    activeCount: ((v.u16(l.activeCount) ?? 0) << 16) >> 16, // SHORT
    flag,
    exclusive: (flag & RESOURCE_OWNED_EXCLUSIVE) !== 0,
    activeEntries: l.activeEntries === undefined ? undefined : v.u32(l.activeEntries),
    contentionCount: v.u32(l.contentionCount) ?? 0,
    sharedWaiters: u(l.sharedWaitersCount),
    exclusiveWaiters: u(l.exclusiveWaitersCount),
    owners,
    ownerTableMissing,
    exclusiveEvent: v.ptr(l.exclusiveWaiters) || undefined,
    next: v.ptr(0),
  };
}

/**
 * _KWAIT_BLOCK.Thread, per pointer size and build: the blocks hang on the event's
 * DISPATCHER_HEADER.WaitListHead (+0x8) through WaitListEntry (+0). ntdiff/headers
 * ntoskrnl.exe: 64-bit Windows 8+ WaitListEntry, WaitType +0x10, BlockState, WaitKey,
 * SpareLong, Thread +0x18; x64 Windows 7 WaitListEntry, Thread +0x10. x86 not checked.
 */
function waitBlockThread(t: KernelTarget): number | undefined {
  if (!t.is64 || t.dump.arch === 'x86') return undefined;
  if (t.layout.build >= 9200) return 0x18;
  if (t.layout.build >= 7600 && t.dump.arch === 'amd64') return 0x10;
  return undefined;
}

const DISPATCHER_WAIT_LIST = 0x8;
/** Waiters we list at most; a longer or looping list is cut. */
const MAX_WAITERS = 1024;

/**
 * The threads waiting on the resource's exclusive-waiters event, in wait-list order;
 * undefined when the layout is unknown or the dump lacks the event or a wait block.
 */
export function exclusiveWaiterThreads(t: KernelTarget, r: Eresource): bigint[] | undefined {
  const threadAt = waitBlockThread(t);
  if (threadAt === undefined || r.exclusiveEvent === undefined) return undefined;
  const head = r.exclusiveEvent + BigInt(DISPATCHER_WAIT_LIST);
  const threads: bigint[] = [];
  const seen = new Set<bigint>();
  for (let link = t.readPointer(head); link !== head;) {
    if (link === undefined || link === 0n) return undefined;
    if (seen.has(link) || seen.size >= MAX_WAITERS) break;
    seen.add(link);
    const thread = t.readPointer(link + BigInt(threadAt));
    if (thread === undefined) return undefined;
    threads.push(thread);
    link = t.readPointer(link);
  }
  return threads;
}
