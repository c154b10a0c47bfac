import { prcbCpu, type PrcbCpu } from '../../formats/kernel/cpuInfo';
import { safe } from '../session';
import { findProcessor } from './processor';
import type { KernelTarget } from './target';

/** One processor's CPU description from its KPRCB (KDDEBUGGER_DATA64's OffsetPrcbMhz/CpuType/VendorString). */
export interface ProcessorCpu extends PrcbCpu {
  number: number;
  /** VA of the KPRCB, when known. */
  prcb?: bigint;
  /** False when the dump does not hold this processor's KPRCB. */
  present: boolean;
}

/** Processors we describe at most; the header's count comes from the dump. */
export const MAX_PROCESSORS = 256;

export function processorCpu(t: KernelTarget, n: number): ProcessorCpu {
  const p = findProcessor(t, n);
  const kdbg = safe(() => t.dump.debuggerData(), undefined);
  if (!p.view || !kdbg) return { number: n, prcb: p.prcb, present: false };
  const c = prcbCpu(p.view.bytes, kdbg, t.dump.arch) ?? {};
  return { number: n, prcb: p.prcb, present: true, ...c };
}

/**
 * HKLM\HARDWARE\DESCRIPTION\System\CentralProcessor\n\Identifier, which Windows builds from
 * the same CPUID values: "Intel64 Family 6 Model 158 Stepping 10" on x64 Intel, "AMD64 Family …"
 * on other x64 vendors, "x86 Family …" on 32-bit kernels.
 */
export function processorIdentifier(c: ProcessorCpu, is64: boolean): string | undefined {
  if (c.family === undefined) return undefined;
  const arch = !is64 ? 'x86' : c.vendor === 'GenuineIntel' ? 'Intel64' : 'AMD64';
  return `${arch} Family ${c.family} Model ${c.model} Stepping ${c.stepping}`;
}
