import { describe, expect, it } from 'vitest';
import { describeCpu } from '../../../../../shared/formats/kernel/cpuInfo';
import type { DebuggerData } from '../../../../../shared/formats/kernel/kdbg';

// KPRCB offsets as KDDEBUGGER_DATA64 gives them for x64 build 19041 (corpus 083125-14875-01.dmp's block).
const kdbg = {
  offsets: { prcbMhz: 0x44, prcbCpuType: 0x40, prcbVendorString: 0x8590 },
} as unknown as DebuggerData;

function prcb(): Uint8Array {
  const b = new Uint8Array(0x8600);
  b.set([6, 1, 2, 0xc6], 0x40); // CpuType 6, CpuID 1, CpuStepping 2, CpuModel 0xc6
  new DataView(b.buffer).setUint32(0x44, 3072, true);
  b.set(Array.from('GenuineIntel', (c) => c.charCodeAt(0)), 0x8590);
  return b;
}

describe('describeCpu', () => {
  it('x64: vendor, family, model, stepping and MHz from the KPRCB', () => {
    expect(describeCpu(prcb(), kdbg, 'amd64')).toBe('GenuineIntel family 6 model 198 stepping 2 ~3072 MHz');
  });
  it('ARM64: MHz only; a PRCB too short for the offsets gives nothing', () => {
    expect(describeCpu(prcb(), kdbg, 'arm64')).toBe('~3072 MHz');
    expect(describeCpu(new Uint8Array(0x10), kdbg, 'amd64')).toBeUndefined();
  });
});
