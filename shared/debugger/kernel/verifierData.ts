import { MemoryByteSource } from '../../bytes/byteSource';
import { Reader } from '../../bytes/reader';
import type { CpuArch } from '../../dump/types';
import type { KernelTarget } from './target';

/**
 * nt!MmVerifierData, the kernel's Driver Verifier counters (_MM_DRIVER_VERIFIER_DATA),
 * whose address KDDEBUGGER_DATA64.MmVerifierData gives.
 *
 * Layout from ntdiff/headers ntoskrnl.exe ALL_SORTED.h:
 *   Win7_SP1/x64 (size 0xa0) and Win10_2004_20H1/x64 (19041-19045, size 0xa8): twenty ULONGs
 *   Level … PeakNonPagedPoolAllocations at 0x00-0x4c, PagedBytes, NonPagedBytes, PeakPagedBytes,
 *   PeakNonPagedBytes as ULONGLONGs at 0x50-0x68, then BurstAllocationsFailedDeliberately,
 *   SessionTrims, OptionChanges, VerifyMode (ULONGs, 0x70-0x7c), PreviousBucketName at 0x80.
 *   The two builds differ only after that (Win7: ActivityCounter, PreviousActivityCounter,
 *   WorkerTrimRequests; 20H1: the Execute* counters), which we do not read.
 *   Win7_SP1/x86 (size 0x84): the same twenty ULONGs, the four byte counters as ULONGs at
 *   0x50-0x5c, BurstAllocationsFailedDeliberately … VerifyMode at 0x60-0x6c.
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
const COUNTS = [
  'level', 'raiseIrqls', 'acquireSpinLocks', 'synchronizeExecutions', 'allocationsAttempted',
  'allocationsSucceeded', 'allocationsSucceededSpecialPool', 'allocationsWithNoTag', 'trimRequests', 'trims',
  'allocationsFailed', 'allocationsFailedDeliberately', 'loads', 'unloads', 'unTrackedPool',
  'userTrims', 'currentPagedPoolAllocations', 'currentNonPagedPoolAllocations', 'peakPagedPoolAllocations', 'peakNonPagedPoolAllocations',
] as const;
/** SIZE_T byte counters from 0x50. */
const BYTES = ['pagedBytes', 'nonPagedBytes', 'peakPagedBytes', 'peakNonPagedBytes'] as const;
/** ULONGs after the byte counters. */
const TAIL = ['burstAllocationsFailedDeliberately', 'sessionTrims', 'optionChanges', 'verifyMode'] as const;

const BYTES_AT = 0x50;

/** Builds whose layout was checked in ntdiff, per architecture (19041-19045 report 19041). */
const CHECKED: Partial<Record<CpuArch, readonly number[]>> = {
  amd64: [7601, 19041, 19042, 19043, 19044, 19045],
  x86: [7601],
};

/** Bytes we read: through VerifyMode (x64 0x80, x86 0x70). */
export function verifierDataSize(is64: boolean): number {
  return BYTES_AT + BYTES.length * (is64 ? 8 : 4) + TAIL.length * 4;
}

export function hasVerifierLayout(arch: CpuArch, build: number): boolean {
  return CHECKED[arch]?.includes(build) ?? false;
}

export type VerifierRead =
  | { ok: true; data: VerifierData }
  | { ok: false; why: 'layout' | 'memory' };

/** Reads _MM_DRIVER_VERIFIER_DATA at `va`; never guesses a layout, never reads past what memory holds. */
export function readVerifierData(t: KernelTarget, va: bigint): VerifierRead {
  if (!hasVerifierLayout(t.dump.arch, t.layout.build)) return { ok: false, why: 'layout' };
  const size = verifierDataSize(t.is64);
  const bytes = t.session.read(va, size);
  if (!bytes || bytes.length < size) return { ok: false, why: 'memory' };
  const r = new Reader(new MemoryByteSource(bytes), '_MM_DRIVER_VERIFIER_DATA');
  const data: Record<string, number | bigint> = {};
  COUNTS.forEach((name, i) => { data[name] = r.u32(i * 4); });
  const w = t.is64 ? 8 : 4;
  BYTES.forEach((name, i) => { data[name] = t.is64 ? r.u64(BYTES_AT + i * w) : BigInt(r.u32(BYTES_AT + i * w)); });
  const tailAt = BYTES_AT + BYTES.length * w;
  TAIL.forEach((name, i) => { data[name] = r.u32(tailAt + i * 4); });
  return { ok: true, data: data as unknown as VerifierData };
}
