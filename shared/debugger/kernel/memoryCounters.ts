import type { KdbgPointerField } from './kdbgPointers';
import { kdbgPointer } from './kdbgPointers';
import type { KernelTarget } from './target';

const PAGE = 4096n;

/** One `!vm` line: a memory manager variable KDDEBUGGER_DATA64 points to. */
interface Counter {
  label: string;
  field: KdbgPointerField;
  /**
   * How much of the variable we read. Page counts (PFN_COUNT, PFN_NUMBER, SIZE_T:
   * the types differ between builds) are read as their low 32 bits, which is right
   * for a ULONG and for a 64-bit little-endian variable alike below 2^32 pages
   * (16 TiB); byte counts (…InBytes, SIZE_T) need the whole pointer-sized value.
   */
  width: 'u32' | 'ptr';
  /** The variable counts bytes (…InBytes); WinDbg shows pages. */
  bytes?: boolean;
}

/** WinDbg's `!vm` lines that a KDDEBUGGER_DATA64 field answers, in WinDbg's order. */
const COUNTERS: readonly Counter[] = [
  { label: 'Physical Memory:', field: 'MmNumberOfPhysicalPages', width: 'u32' },
  { label: 'Available Pages:', field: 'MmAvailablePages', width: 'u32' },
  { label: 'ResAvail Pages:', field: 'MmResidentAvailablePages', width: 'u32' },
  { label: 'NonPagedPool Usage:', field: 'MmAllocatedNonPagedPool', width: 'u32' },
  { label: 'NonPagedPool Max:', field: 'MmMaximumNonPagedPoolInBytes', width: 'ptr', bytes: true },
  { label: 'PagedPool Maximum:', field: 'MmSizeOfPagedPoolInBytes', width: 'ptr', bytes: true },
  { label: 'Shared Commit:', field: 'MmSharedCommit', width: 'u32' },
  { label: 'PagedPool Commit:', field: 'MmPagedPoolCommit', width: 'u32' },
  { label: 'Driver Commit:', field: 'MmDriverCommit', width: 'u32' },
  { label: 'Committed pages:', field: 'MmTotalCommittedPages', width: 'u32' },
  { label: 'Commit limit:', field: 'MmTotalCommitLimit', width: 'u32' },
];

/** WinDbg lines with no KDDEBUGGER_DATA64 field at all: they need nt symbols (nt!MiState, nt!MmPagingFile…). */
export const SYMBOL_ONLY_LINES = [
  'Page File', 'Locked IO Pages', 'Free System PTEs', 'Modified Pages', 'Modified PF Pages', 'Modified No Write Pages',
  'PagedPool Usage', 'Processor Commit', 'Session Commit', 'Special Pool', 'Kernel Stacks', 'Pages For MDLs',
  'NonPagedPool Commit', 'Boot Commit', 'System PageTables', 'Sum System Commit', 'Total Private', 'Misc/Transient Commit',
] as const;

export interface CounterValue {
  label: string;
  field: KdbgPointerField;
  /** Pages; undefined when the field is 0 (not maintained) or its variable is not in the dump. */
  pages?: bigint;
  /** Why `pages` is missing. */
  missing?: 'not-maintained' | 'unreadable';
  /** Physical Memory taken from the dump header's PHYSICAL_MEMORY_DESCRIPTOR (MmPhysicalMemoryBlock). */
  fromHeader?: boolean;
}

/** Reads each counter through its KDDEBUGGER_DATA64 pointer. */
export function readMemoryCounters(t: KernelTarget): CounterValue[] {
  return COUNTERS.map((c) => {
    const va = kdbgPointer(t.dump, c.field);
    if (va === undefined) {
      // MmNumberOfPhysicalPages counts the pages of MmPhysicalMemoryBlock, which the
      // kernel copies into the dump header (PhysicalMemoryBlock.NumberOfPages).
      const pm = c.field === 'MmNumberOfPhysicalPages' ? t.dump.header.physicalMemory : undefined;
      if (pm) return { label: c.label, field: c.field, pages: pm.numberOfPages, fromHeader: true };
      return { label: c.label, field: c.field, missing: 'not-maintained' as const };
    }
    const n = c.width === 'u32' || !t.is64 ? 4 : 8;
    const b = t.session.read(va, n);
    if (!b) return { label: c.label, field: c.field, missing: 'unreadable' as const };
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
    return { label: c.label, field: c.field, pages: c.bytes ? v / PAGE : v };
  });
}
