import type { CpuArch } from '../../dump/types';
import type { DebuggerData } from './kdbg';

/**
 * The processor as the bug-checking KPRCB describes it, through the offsets
 * KDDEBUGGER_DATA64 gives: MHz (u32), CpuType/CpuID (u8, u8) and CpuStep
 * (stepping u8, model u8), and the 12-character vendor string on x86/x64 —
 * "GenuineIntel family 6 model 198 stepping 2 ~3072 MHz", the shape of the
 * minidump's cpuInfo. ARM64 has no vendor string there: MHz only.
 */
export function describeCpu(prcb: Uint8Array, kdbg: DebuggerData, arch: CpuArch): string | undefined {
  const o = kdbg.offsets;
  if (!o) return undefined;
  const at = (off: number, n: number): Uint8Array | undefined => (off > 0 && off + n <= prcb.length ? prcb.subarray(off, off + n) : undefined);
  const mhzBytes = at(o.prcbMhz, 4);
  const mhz = mhzBytes ? (mhzBytes[0]! | (mhzBytes[1]! << 8) | (mhzBytes[2]! << 16) | (mhzBytes[3]! << 24)) >>> 0 : 0;
  const speed = mhz > 0 && mhz < 100000 ? ` ~${mhz} MHz` : '';
  if (arch !== 'x86' && arch !== 'amd64') return speed ? speed.trim() : undefined;
  const vendorBytes = at(o.prcbVendorString, 12);
  const vendor = vendorBytes && vendorBytes.every((c) => c >= 0x20 && c < 0x7f) ? String.fromCharCode(...vendorBytes) : undefined;
  const cpu = at(o.prcbCpuType, 4);
  if (!vendor || !cpu) return speed ? speed.trim() : undefined;
  return `${vendor} family ${cpu[0]} model ${cpu[3]} stepping ${cpu[2]}${speed}`;
}
