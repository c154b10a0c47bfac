// Culprit selection and the text form on synthetic small dumps, whose driver
// list, stack and parameters we control (tests/synth/kernel/builder.ts).
import { describe, expect, it } from 'vitest';
import { analyzeKernel } from '../../../../../shared/analysis/kernel/analyzeKernel';
import { formatKernelText } from '../../../../../shared/analysis/kernel/formatKernelText';
import { MemoryByteSource } from '../../../../../shared/bytes/byteSource';
import { KernelDump } from '../../../../../shared/formats/kernel/kernelDump';
import { buildKernelDump, defaultDrivers, toBytes, type KernelDumpSpec } from '../../../../synth/kernel/builder';

const drivers = defaultDrivers(true); // ntoskrnl.exe, hal.dll, acme.sys (not Microsoft's)
const [nt, hal, acme] = drivers as [typeof drivers[0], typeof drivers[0], typeof drivers[0]];
const run = (spec: Partial<KernelDumpSpec>) =>
  analyzeKernel(new KernelDump(new MemoryByteSource(toBytes(buildKernelDump({ type: 'small', is64: true, ...spec })))), { path: 'synth.dmp' });

describe('kernel culprit', () => {
  it('blames the first non-Microsoft driver on the faulting thread\'s stack', () => {
    const r = run({ stackValues: [nt.base + 0x1234n, acme.base + 0x1234n], bugcheck: { code: 0x3b, parameters: [0xc0000005n, nt.base + 0x10n, 0n, 0n] } });
    expect(r.culprit).toMatchObject({ module: 'acme', image: 'acme.sys', symbol: 'acme+1234' });
    expect(r.culprit?.reason).toMatch(/first non-Microsoft driver on the faulting thread's stack/);
    expect(r.stackDrivers).toEqual(['ntoskrnl.exe', 'acme.sys']);
    expect(r.bucket).toBe('0x3B_acme');
  });

  it('else a non-Microsoft driver a parameter points into (0xD1 P4 = the faulting IP)', () => {
    const r = run({ stackValues: [], bugcheck: { code: 0xd1, parameters: [0x28n, 2n, 1n, acme.base + 0x40n] } });
    expect(r.culprit).toMatchObject({ module: 'acme', image: 'acme.sys' });
    expect(r.culprit?.reason).toMatch(/BUGCHECK_P4 \(Address which referenced memory\) points into acme\.sys/);
    expect(r.crash.address).toBe('0x' + (acme.base + 0x40n).toString(16));
    expect(r.bugcheck?.parameters[2]?.meaning).toBe('0 = read, 1 = write, 2 or 8 = execute: write operation');
  });

  it('else the module holding the faulting IP, even a Microsoft one', () => {
    const r = run({ stackValues: [], bugcheck: { code: 0xd1, parameters: [0x28n, 2n, 0n, hal.base + 0x40n] } });
    expect(r.culprit).toMatchObject({ module: 'hal', image: 'hal.dll' });
  });

  it('an IP inside an unloaded driver\'s old range blames that driver (0xCE)', () => {
    const r = run({
      stackValues: [],
      unloaded: [{ name: 'oldflt.sys', start: 0xfffff80009000000n, end: 0xfffff80009010000n }],
      bugcheck: { code: 0xce, parameters: [0xfffff80009000100n, 0n, 0xfffff80009000100n, 0n] },
    });
    expect(r.culprit).toMatchObject({ module: 'oldflt', image: 'oldflt.sys' });
    expect(r.culprit?.reason).toMatch(/unloaded driver oldflt\.sys/);
  });

  it('otherwise the kernel (WinDbg: MODULE_NAME nt, IMAGE_NAME ntkrnlmp.exe)', () => {
    const r = run({ stackValues: [], bugcheck: { code: 0xe2, parameters: [0n, 0n, 0n, 0n] } });
    expect(r.culprit).toMatchObject({ module: 'nt', image: 'ntkrnlmp.exe', frame: 0 });
    expect(r.drivers?.map((d) => d.microsoft)).toEqual([true, true, false]);
  });
});

describe('with symbols', () => {
  // An in-memory SymbolResolver naming three nt functions, as a PDB would.
  const names: [number, number, string][] = [[0x40d000, 0x1000, 'KeBugCheckEx'], [0x1000, 0x1000, 'KiBugCheckDispatch'], [0x2000, 0x1000, 'KiSystemServiceExitPico']];
  const symbols = {
    lookup: (m: { name: string }, rva: number) => {
      if (m.name !== 'ntoskrnl.exe') return undefined;
      const hit = names.find(([start, size]) => rva >= start && rva < start + size);
      return hit ? { function: hit[2], functionOffset: rva - hit[0] } : undefined;
    },
  };
  it('skips the bugcheck routines and buckets like WinDbg (0x4A: RAISED_IRQL_FAULT_<process>_nt!KiSystemServiceExitPico)', () => {
    const dump = new KernelDump(new MemoryByteSource(toBytes(buildKernelDump({
      type: 'small', is64: true, processName: 'notmyfault64.exe', stackValues: [nt.base + 0x1069n, nt.base + 0x234dn],
      bugcheck: { code: 0x4a, parameters: [0x7ffe7350d0c4n, 2n, 0n, 0n] },
    }))));
    const r = analyzeKernel(dump, { symbols });
    expect(r.threads[0]!.frames.map((f) => f.function)).toEqual(['KeBugCheckEx', 'KiBugCheckDispatch', 'KiSystemServiceExitPico']);
    expect(r.culprit).toMatchObject({ module: 'nt', image: 'ntkrnlmp.exe', symbol: 'nt!KiSystemServiceExitPico+34d', frame: 2 });
    expect(r.bucket).toBe('RAISED_IRQL_FAULT_notmyfault64.e_nt!KiSystemServiceExitPico');
    expect(formatKernelText(r)).toMatch(/^ffffa704`eeb6bc88 fffff800`00001069 {5}: nt!KeBugCheckEx\+0x6f0$/m);
  });
});

describe('formatKernelText', () => {
  it('prints 32-bit arguments as 8 hex digits and the sections in WinDbg order', () => {
    const dump = new KernelDump(new MemoryByteSource(toBytes(buildKernelDump({
      type: 'small', is64: false, bugcheck: { code: 0x1000007e, parameters: [0xc0000005n, 0x80401234n, 0x8d5f3000n, 0x8d5f3100n] },
    }))));
    const text = formatKernelText(analyzeKernel(dump, { path: 'C:\\Windows\\Minidump\\x.dmp' }));
    expect(text).toContain('SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M (1000007e)');
    expect(text).toContain('Arg2: 80401234, The address that the exception occurred at');
    expect(text).toMatch(/^FILE_IN_CAB: {2}x\.dmp$/m);
    const order = ['BUGCHECK_CODE', 'BUGCHECK_P1', 'PROCESS_NAME', 'STACK_TEXT', 'MODULE_NAME', 'IMAGE_NAME', 'FAILURE_BUCKET_ID', 'OSPLATFORM_TYPE'];
    const at = order.map((n) => text.search(new RegExp(`^${n}:`, 'm')));
    expect(at.every((p) => p >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toMatch(/^OSPLATFORM_TYPE: {2}x86$/m);
  });
});
