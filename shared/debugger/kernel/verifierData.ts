import { MemoryByteSource } from '../../bytes/byteSource';
import { Reader } from '../../bytes/reader';
import type { CpuArch } from '../../dump/types';
import { verifierOffsetsFromTypes } from './pdbLayout';
import type { KernelTarget } from './target';

/**
 * nt!MmVerifierData, the kernel's Driver Verifier counters (_MM_DRIVER_VERIFIER_DATA),
 * whose address KDDEBUGGER_DATA64.MmVerifierData gives.
 *
 * Layout from ntdiff/headers ntoskrnl.exe ALL_SORTED.h:
 *   Win7_SP1/x64 (size 0xa0), Win10_1809_RS5/x64 (17763) and Win10_2004_20H1/x64 (19041-19045, both
 *   size 0xa8): twenty ULONGs
 *   Level … PeakNonPagedPoolAllocations at 0x00-0x4c, PagedBytes, NonPagedBytes, PeakPagedBytes,
 *   PeakNonPagedBytes as ULONGLONGs at 0x50-0x68, then BurstAllocationsFailedDeliberately,
 *   SessionTrims, OptionChanges, VerifyMode (ULONGs, 0x70-0x7c), PreviousBucketName at 0x80.
 *   They differ only after that (Win7: ActivityCounter, PreviousActivityCounter,
 *   WorkerTrimRequests; RS5/20H1: the Execute* counters), which we do not read.
 *   Win7_SP1/x86 (size 0x84): the same twenty ULONGs, the four byte counters as ULONGs at
 *   0x50-0x5c, BurstAllocationsFailedDeliberately … VerifyMode at 0x60-0x6c.
 *   Win11_2209_22H2/x64 (22621, size 0xb0): AllocationFreed (ULONG) inserted at 0x30, so Loads …
 *   PeakNonPagedPoolAllocations sit at 0x34-0x50, the byte counters at 0x58-0x70 (8-aligned) and
 *   BurstAllocationsFailedDeliberately … VerifyMode at 0x78-0x84.
 * Other builds answer with the layout hint until a layout dump of that build is checked.
 */
export interface VerifierData {
  level: number;
  raiseIrqls: number;
  acquireSpinLocks: number;
  synchronizeExecutions: number;
  allocationsAttempted: number;
  allocationsSucceeded: number;
  allocationsSucceededSpecialPool: number;
  allocationsWithNoTag: number;
  trimRequests: number;
  trims: number;
  allocationsFailed: number;
  allocationsFailedDeliberately: number;
  loads: number;
  unloads: number;
  unTrackedPool: number;
  userTrims: number;
  currentPagedPoolAllocations: number;
  currentNonPagedPoolAllocations: number;
  peakPagedPoolAllocations: number;
  peakNonPagedPoolAllocations: number;
  pagedBytes: bigint;
  nonPagedBytes: bigint;
  peakPagedBytes: bigint;
  peakNonPagedBytes: bigint;
  burstAllocationsFailedDeliberately: number;
  sessionTrims: number;
  optionChanges: number;
  verifyMode: number;
}

/** The leading ULONGs, in _MM_DRIVER_VERIFIER_DATA order (offset = 4 × index). */
export const VERIFIER_COUNTS = [
  'level', 'raiseIrqls', 'acquireSpinLocks', 'synchronizeExecutions', 'allocationsAttempted',
  'allocationsSucceeded', 'allocationsSucceededSpecialPool', 'allocationsWithNoTag', 'trimRequests', 'trims',
  'allocationsFailed', 'allocationsFailedDeliberately', 'loads', 'unloads', 'unTrackedPool',
  'userTrims', 'currentPagedPoolAllocations', 'currentNonPagedPoolAllocations', 'peakPagedPoolAllocations', 'peakNonPagedPoolAllocations',
] as const;
/** SIZE_T byte counters, pointer-aligned after the ULONGs (0x50, or 0x58 with AllocationFreed). */
export const VERIFIER_BYTES = ['pagedBytes', 'nonPagedBytes', 'peakPagedBytes', 'peakNonPagedBytes'] as const;
/** ULONGs after the byte counters. */
export const VERIFIER_TAIL = ['burstAllocationsFailedDeliberately', 'sessionTrims', 'optionChanges', 'verifyMode'] as const;

/** Per architecture, the builds checked in ntdiff and whether they carry AllocationFreed at 0x30 (19041-19045 report 19041). */
const CHECKED: readonly { arch: CpuArch; builds: readonly number[]; allocationFreed: boolean }[] = [
  { arch: 'amd64', builds: [7601, 17763, 19041, 19042, 19043, 19044, 19045], allocationFreed: false },
  { arch: 'amd64', builds: [22621], allocationFreed: true },
  { arch: 'x86', builds: [7601], allocationFreed: false },
];

/** Where each group starts: ULONG counters (AllocationFreed skipped when present), SIZE_T byte counters, tail ULONGs. */
export interface VerifierOffsets {
  counts: number[];
  bytes: number[];
  tail: number[];
  size: number;
}

function offsets(is64: boolean, allocationFreed: boolean): VerifierOffsets {
  const w = is64 ? 8 : 4;
  // Loads and everything after it move by the inserted ULONG.
  const counts = VERIFIER_COUNTS.map((_, i) => i * 4 + (allocationFreed && i >= 12 ? 4 : 0));
  const end = counts[counts.length - 1]! + 4;
  const bytesAt = Math.ceil(end / w) * w;
  const bytes = VERIFIER_BYTES.map((_, i) => bytesAt + i * w);
  const tailAt = bytesAt + VERIFIER_BYTES.length * w;
  const tail = VERIFIER_TAIL.map((_, i) => tailAt + i * 4);
  return { counts, bytes, tail, size: tailAt + VERIFIER_TAIL.length * 4 };
}

function layoutOf(arch: CpuArch, build: number): { allocationFreed: boolean } | undefined {
  return CHECKED.find((l) => l.arch === arch && l.builds.includes(build));
}


export type VerifierRead =
  | { ok: true; data: VerifierData }
  | { ok: false; why: 'layout' | 'memory' };

/** Reads _MM_DRIVER_VERIFIER_DATA at `va`; never guesses a layout, never reads past what memory holds. */
export function readVerifierData(t: KernelTarget, va: bigint): VerifierRead {
  // The nt PDB's _MM_DRIVER_VERIFIER_DATA first, then the builds checked in ntdiff.
  const layout = layoutOf(t.dump.arch, t.layout.build);
  const o = (t.types && verifierOffsetsFromTypes(t.types, t.is64)) ?? (layout && offsets(t.is64, layout.allocationFreed));
  if (!o) return { ok: false, why: 'layout' };
  const bytes = t.session.read(va, o.size);
  if (!bytes || bytes.length < o.size) return { ok: false, why: 'memory' };
  const r = new Reader(new MemoryByteSource(bytes), '_MM_DRIVER_VERIFIER_DATA');
  const data: Record<string, number | bigint> = {};
  VERIFIER_COUNTS.forEach((name, i) => { data[name] = r.u32(o.counts[i]!); });
  VERIFIER_BYTES.forEach((name, i) => { data[name] = t.is64 ? r.u64(o.bytes[i]!) : BigInt(r.u32(o.bytes[i]!)); });
  VERIFIER_TAIL.forEach((name, i) => { data[name] = r.u32(o.tail[i]!); });
  return { ok: true, data: data as unknown as VerifierData };
}
