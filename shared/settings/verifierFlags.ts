/**
 * Driver Verifier option bits (`verifier /flags`, the VerifyDriverLevel
 * value). Names as `!verifier` prints them on Windows 10/11 (checked against
 * the debugger output in ../shared/corpus/verifier); explanations in plain
 * words for the UI (reference §2.2).
 */

export interface VerifierFlag {
  mask: number;
  /** As printed by !verifier. */
  name: string;
  /** Part of `verifier /standard` on Windows 8 and later. */
  standard: boolean;
  /** Deprecated and ignored since Windows 10 20H2 (build 19042). */
  deprecated?: boolean;
  /** Only meaningful for one kind of driver (NDIS/Wi-Fi miniports, VM switch extensions, port/miniport pairs). */
  specialPurpose?: boolean;
  /** Another flag this one needs. */
  requires?: number;
  help: string;
}

export const VERIFIER_FLAGS: readonly VerifierFlag[] = [
  { mask: 0x1, name: 'Special pool', standard: true, help: 'Puts each allocation of the driver on its own page with a guard page behind it, so that writing past the end or using freed memory crashes at once, at the guilty instruction.' },
  { mask: 0x2, name: 'Force IRQL checking', standard: true, help: 'Makes pageable memory unavailable whenever the driver raises IRQL, so that touching paged memory at DISPATCH_LEVEL crashes every time instead of once in a while.' },
  { mask: 0x4, name: 'Randomized low resources simulation', standard: false, help: 'Makes some of the driver\'s allocations fail on purpose, to test its error paths. Expect failures in working drivers too.' },
  { mask: 0x8, name: 'Pool tracking', standard: true, help: 'Tracks the driver\'s allocations and stops the machine if it unloads without freeing them (leaks).' },
  { mask: 0x10, name: 'I/O verification', standard: true, help: 'Checks how the driver handles I/O requests (IRPs): completing twice, bad status codes, wrong IRQL.' },
  { mask: 0x20, name: 'Deadlock detection', standard: true, help: 'Watches the order in which the driver takes locks and stops when two paths could deadlock.' },
  { mask: 0x40, name: 'Enhanced I/O verification', standard: false, help: 'Stricter I/O checks; since Windows 7 always on together with I/O verification, so this bit no longer matters.' },
  { mask: 0x80, name: 'DMA checking', standard: true, help: 'Checks the driver\'s use of DMA buffers and adapters.' },
  { mask: 0x100, name: 'Security checks', standard: true, help: 'Catches kernel code passing user-mode addresses to kernel routines and similar security mistakes.' },
  { mask: 0x200, name: 'Force pending I/O requests', standard: false, requires: 0x10, help: 'Randomly returns STATUS_PENDING for requests the driver sends, to flush out code that assumes immediate completion. Needs I/O verification.' },
  { mask: 0x400, name: 'IRP logging', standard: false, requires: 0x10, help: 'Keeps a log of the driver\'s recent IRPs for the debugger (!verifier 100). Needs I/O verification.' },
  { mask: 0x800, name: 'Miscellaneous checks', standard: true, help: 'Catches common mistakes such as freeing memory that still holds a live timer or work item.' },
  { mask: 0x2000, name: 'Invariant MDL checking for stack', standard: false, help: 'Checks that MDL buffers passed down the driver stack are not changed on the way.' },
  { mask: 0x4000, name: 'Invariant MDL checking for driver', standard: false, help: 'Checks that the driver does not change MDL buffers it does not own.' },
  { mask: 0x8000, name: 'Power framework delay fuzzing', standard: false, deprecated: true, help: 'Adds random delays to power-framework callbacks to expose race conditions. Deprecated since Windows 10 20H2.' },
  { mask: 0x10000, name: 'Port/miniport interface checking', standard: false, specialPurpose: true, help: 'Checks the calls between a port driver (Storport and similar) and its miniport.' },
  { mask: 0x20000, name: 'DDI compliance checking', standard: true, help: 'Checks the driver against the rules of the kernel interfaces it calls (the Static Driver Verifier rules), e.g. releasing every lock it takes.' },
  { mask: 0x40000, name: 'Systematic low resources simulation', standard: false, deprecated: true, help: 'Fails allocations systematically, one call site after another. Deprecated since Windows 10 20H2.' },
  { mask: 0x80000, name: 'DDI compliance checking (additional)', standard: false, deprecated: true, help: 'More DDI rules, with more false alarms. Deprecated since Windows 10 20H2.' },
  { mask: 0x200000, name: 'NDIS/WIFI verification', standard: false, specialPurpose: true, help: 'Checks NDIS and Wi-Fi miniport drivers.' },
  { mask: 0x800000, name: 'Kernel synchronization delay fuzzing', standard: false, deprecated: true, help: 'Adds random delays around kernel synchronization to expose races. Deprecated since Windows 10 20H2.' },
  { mask: 0x1000000, name: 'VM switch verification', standard: false, specialPurpose: true, help: 'Checks Hyper-V virtual switch extension drivers.' },
  { mask: 0x2000000, name: 'Code integrity checks', standard: false, help: 'Stops when the driver allocates executable pool or otherwise breaks code-integrity rules (HVCI compatibility).' },
];

/** The bit !verifier lists as "Unused or reserved flag"; it shows as set on real machines. */
export const VERIFIER_RESERVED_FLAGS = 0x100000;

/** What `/standard` turns on: Windows 8 and later. */
export const STANDARD_FLAGS = 0x209bb;
/** `/standard` on Vista and 7. */
export const STANDARD_FLAGS_VISTA = 0x9bb;
/** `/standard` on XP and Server 2003. */
export const STANDARD_FLAGS_XP = 0xbb;

/** Every bit DumpDesk knows. */
export const KNOWN_VERIFIER_FLAGS = VERIFIER_FLAGS.reduce((acc, f) => acc | f.mask, 0) >>> 0;

/** The flags set in a mask, in bit order. */
export function verifierFlagsIn(mask: number): VerifierFlag[] {
  return VERIFIER_FLAGS.filter((f) => (mask & f.mask) !== 0);
}

/** Older and alternative spellings seen in verifier output, mapped to bits. */
const ALIASES: Record<string, number> = {
  'low resources simulation': 0x4,
  'inject random low-resource api failures': 0x4,
  'randomized low resources simulation': 0x4,
  'irp logging': 0x400,
  'dma verification': 0x80,
  'dma checking': 0x80,
  'force irql checking': 0x2,
  'io verification': 0x10,
  'unused or reserved flag': VERIFIER_RESERVED_FLAGS,
};

/** The bit an option name stands for (case and a trailing period ignored), or undefined. */
export function verifierFlagByName(name: string): number | undefined {
  const n = name.trim().replace(/\.$/, '').toLowerCase();
  return VERIFIER_FLAGS.find((f) => f.name.toLowerCase() === n)?.mask ?? ALIASES[n];
}
