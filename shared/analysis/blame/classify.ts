import type { AnalysisReport } from '../report';
import { culpritName } from '../reportModule';

/**
 * Who is to blame for a crash, in the categories of Microsoft's Online Crash
 * Analysis statistics (third-party drivers ~70 %, unknown ~15 %, hardware
 * ~10 %, Microsoft code ~5 %), plus the application crashes and deliberate
 * crashes a local history also holds.
 */
export type BlameClass =
  | 'third-party-driver'
  | 'microsoft'
  | 'hardware'
  | 'memory-corruption' // corruption detected, but the corrupter cannot be named
  | 'application' // a user-mode process crashed; the OS stayed up
  | 'manual' // deliberately triggered (keyboard, power button, debugger, live dump)
  | 'unknown';

export interface Blame {
  class: BlameClass;
  /** One sentence saying why, naming the evidence. */
  reason: string;
}

/** Bug checks that are hardware reports by definition (the OS is the messenger). */
const HARDWARE_BUGCHECKS = new Map<number, string>([
  [0x124, 'WHEA_UNCORRECTABLE_ERROR: the processor or platform reported an uncorrectable hardware error'],
  [0x9c, 'MACHINE_CHECK_EXCEPTION: the processor raised a machine check'],
  [0x80, 'NMI_HARDWARE_FAILURE: a hardware non-maskable interrupt'],
  [0x101, 'CLOCK_WATCHDOG_TIMEOUT: a processor stopped answering clock interrupts (CPU, firmware, overclocking)'],
  [0x7a, 'KERNEL_DATA_INPAGE_ERROR: a page of kernel data could not be read from disk'],
  [0x77, 'KERNEL_STACK_INPAGE_ERROR: a page of kernel stack could not be read from disk'],
  [0x154, 'UNEXPECTED_STORE_EXCEPTION: the memory-compression store failed (disk or RAM)'],
]);

/** Bug checks raised on purpose. */
const MANUAL_BUGCHECKS = new Map<number, string>([
  [0xe2, 'MANUALLY_INITIATED_CRASH: triggered from the keyboard (CrashOnCtrlScroll) or a debugger'],
  [0x1c8, 'MANUALLY_INITIATED_POWER_BUTTON_HOLD: the power button was held down'],
  [0xdeaddead, 'MANUALLY_INITIATED_CRASH1: deliberately triggered crash'],
  [0x161, 'LIVE_SYSTEM_DUMP: a live dump taken while the system kept running'],
]);

/** Bug checks that report corruption found later, away from whoever caused it. */
const CORRUPTION_BUGCHECKS = new Map<number, string>([
  [0x19, 'BAD_POOL_HEADER: a pool block header was found corrupted'],
  [0x1a, 'MEMORY_MANAGEMENT: memory-manager structures were found corrupted'],
  [0x4e, 'PFN_LIST_CORRUPT: the page-frame database was found corrupted'],
  [0xc2, 'BAD_POOL_CALLER: a pool operation was made with a corrupted or invalid block'],
  [0x139, 'KERNEL_SECURITY_CHECK_FAILURE: a corrupted structure (often a LIST_ENTRY) was detected'],
  [0x13a, 'KERNEL_MODE_HEAP_CORRUPTION: the kernel heap was found corrupted'],
]);

/** Strips the 0x10000000 "_M" bit (0x1000007E is 0x7E with the same parameters). */
function baseCode(code: number): number {
  return code >= 0x10000000 && code < 0x20000000 ? code - 0x10000000 : code;
}

/**
 * WinDbg names the kernel by its build flavour (ntkrnlmp.exe, ntkrnlpa.exe,
 * ntkrpamp.exe) while the driver list calls the same image ntoskrnl.exe.
 */
function canonicalImage(name: string): string {
  const lower = name.toLowerCase();
  return /^nt(krnlmp|krnlpa|krpamp|oskrnl)\.exe$/.test(lower) || lower === 'nt' ? 'ntoskrnl.exe' : lower;
}

/** Like findReportModule, but also across the kernel's names and a culprit given without its extension ("nt", "acme"). */
function culpritDriver(report: AnalysisReport) {
  const image = culpritName(report);
  if (!image) return undefined;
  const lower = canonicalImage(image);
  const all = [...(report.drivers ?? []), ...report.modules];
  return all.find((m) => m.name.toLowerCase() === lower || m.name.toLowerCase().replace(/\.[^.]+$/, '') === lower);
}

export function classifyCrash(report: AnalysisReport): Blame {
  if (report.format === 'minidump') {
    if (report.crash.type === 'none') {
      return { class: 'manual', reason: 'The dump was written on request (no exception recorded), not by a crash.' };
    }
    const who = report.culprit?.module ? ` in ${report.culprit.module}` : '';
    return { class: 'application', reason: `A user-mode process${report.process?.name ? ` (${report.process.name})` : ''} crashed${who}; Windows itself kept running.` };
  }

  const code = report.bugcheck ? Number(BigInt(report.bugcheck.code)) : report.crash.code ? Number(BigInt(report.crash.code)) : NaN;
  if (Number.isNaN(code)) return { class: 'unknown', reason: 'The dump records no bug check code.' };
  const base = baseCode(code);

  const manual = MANUAL_BUGCHECKS.get(base);
  if (manual) return { class: 'manual', reason: manual + '.' };
  const hardware = HARDWARE_BUGCHECKS.get(base);
  if (hardware) return { class: 'hardware', reason: hardware + '.' };

  const driver = culpritDriver(report);
  const corruption = CORRUPTION_BUGCHECKS.get(base);
  if (driver && driver.microsoft === false) {
    return { class: 'third-party-driver', reason: `${driver.name} is not a Microsoft driver and is blamed by the analysis: ${report.culprit!.reason}` };
  }
  if (corruption) {
    return { class: 'memory-corruption', reason: `${corruption}; the code that corrupted it is not on the stack, so it cannot be named from this dump (Driver Verifier special pool, or a memory test, is the next step).` };
  }
  if (driver && driver.microsoft === true) {
    return { class: 'microsoft', reason: `${driver.name} is a Microsoft module and no third-party driver is implicated: ${report.culprit!.reason}` };
  }
  return { class: 'unknown', reason: report.culprit ? `The blamed module ${report.culprit.image ?? report.culprit.module} is not in the driver list.` : 'No module could be blamed from this dump.' };
}
