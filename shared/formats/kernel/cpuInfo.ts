import type { CpuArch } from '../../dump/types';
import type { DebuggerData } from './kdbg';

/** The KPRCB's processor fields through KDDEBUGGER_DATA64's offsets; each undefined when the copy lacks it. */
export interface PrcbCpu {
  /** KPRCB.MHz, when plausible (1..99999). */
  mhz?: number;
  /** KPRCB.VendorString (x86/x64), when printable. */
  vendor?: string;
  /** KPRCB.CpuType (family), CpuStep's high byte (model) and low byte (stepping). */
  family?: number;
  model?: number;
  stepping?: number;
}

export function prcbCpu(prcb: Uint8Array, kdbg: DebuggerData, arch: CpuArch): PrcbCpu | undefined {
  const o = kdbg.offsets;
  if (!o) return undefined;
  const at = (off: number, n: number): Uint8Array | undefined => (off > 0 && off + n <= prcb.length ? prcb.subarray(off, off + n) : undefined);
  const mhzBytes = at(o.prcbMhz, 4);
  const mhz = mhzBytes ? (mhzBytes[0]! | (mhzBytes[1]! << 8) | (mhzBytes[2]! << 16) | (mhzBytes[3]! << 24)) >>> 0 : 0;
  const out: PrcbCpu = mhz > 0 && mhz < 100000 ? { mhz } : {};
  if (arch !== 'x86' && arch !== 'amd64') return out;
  const vendorBytes = at(o.prcbVendorString, 12);
  if (vendorBytes && vendorBytes.every((c) => c >= 0x20 && c < 0x7f)) out.vendor = String.fromCharCode(...vendorBytes);
  const cpu = at(o.prcbCpuType, 4);
  if (cpu) [out.family, out.stepping, out.model] = [cpu[0]!, cpu[2]!, cpu[3]!];
  return out;
}

/**
 * The processor as the bug-checking KPRCB describes it, through the offsets
 * KDDEBUGGER_DATA64 gives: MHz (u32), CpuType/CpuID (u8, u8) and CpuStep
 * (stepping u8, model u8), and the 12-character vendor string on x86/x64 —
 * "GenuineIntel family 6 model 198 stepping 2 ~3072 MHz", the shape of the
 * minidump's cpuInfo. ARM64 has no vendor string there: MHz only.
 */
export function describeCpu(prcb: Uint8Array, kdbg: DebuggerData, arch: CpuArch): string | undefined {
  const c = prcbCpu(prcb, kdbg, arch);
  if (!c) return undefined;
  const speed = c.mhz !== undefined ? ` ~${c.mhz} MHz` : '';
  if (!c.vendor || c.family === undefined) return speed ? speed.trim() : undefined;
  return `${c.vendor} family ${c.family} model ${c.model} stepping ${c.stepping}${speed}`;
}
