// !sysinfo on synthetic full dumps: the builder's KiProcessorBlock (kernel base + 0x710000) points at
// two KPRCBs (+0x100 and +0x300 past it); the test writes MHz, CpuType/CpuID/CpuStep and the vendor
// string into them at offsets it also stores in KDDEBUGGER_DATA64 (OffsetPrcbMhz 0x2b6, OffsetPrcbCpuType
// 0x2b8, OffsetPrcbVendorString 0x2ba, counted by hand from WDBGEXTS.H), so the command can only find
// them through the dump's own block. The small corpus dump's KPRCB copy is checked too.
import { describe, expect, it } from 'vitest';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';
import { le } from '../../../../synth/kernel/writer';
import { corpusEngine, engineFor, run } from '../helpers';

const MHZ_AT = 0x44;
const CPUTYPE_AT = 0x40;
const VENDOR_AT = 0x80;

function prcbFields(mhz: number, family: number, model: number, stepping: number, vendor: string): Uint8Array {
  const b = new Uint8Array(0xa0);
  b[CPUTYPE_AT] = family; // KPRCB.CpuType
  b[CPUTYPE_AT + 1] = 1; // CpuID: the processor has CPUID
  b[CPUTYPE_AT + 2] = stepping; // CpuStep low byte
  b[CPUTYPE_AT + 3] = model; // CpuStep high byte
  b.set(le(BigInt(mhz), 4), MHZ_AT);
  b.set(new TextEncoder().encode(vendor), VENDOR_AT);
  return b;
}

function dump(is64: boolean, processors: number, withOffsets = true): Uint8Array {
  const kern = is64 ? 0xfffff80000000000n : 0x80400000n;
  const kdbg = kern + 0x610000n;
  const block = kern + 0x710000n;
  const offsets = new Uint8Array(6);
  offsets.set(le(BigInt(MHZ_AT), 2), 0);
  offsets.set(le(BigInt(CPUTYPE_AT), 2), 2);
  offsets.set(le(BigInt(VENDOR_AT), 2), 4);
  return toBytes(buildKernelDump({
    type: 'full', is64, build: is64 ? 19041 : 7601, processors,
    memory: [
      ...(withOffsets ? [{ va: kdbg + 0x2b6n, bytes: offsets }] : []),
      // The PRCBs' first 0x40 bytes hold the builder's CurrentThread at +8: written from +0x40 on.
      { va: block + 0x100n + 0x40n, bytes: prcbFields(2904, 6, 158, 10, 'GenuineIntel').subarray(0x40) },
      { va: block + 0x300n + 0x40n, bytes: prcbFields(2903, 6, 158, 11, 'GenuineIntel').subarray(0x40) },
    ],
  }));
}

describe('!sysinfo cpuinfo', () => {
  it('prints each processor\'s KPRCB as WinDbg\'s [CPU Information] lines (x64, 2 processors)', () => {
    expect(run(engineFor(dump(true, 2)), '!sysinfo cpuinfo')).toBe([
      '[CPU Information]',
      '~MHz = REG_DWORD 2904',
      'Identifier = REG_SZ Intel64 Family 6 Model 158 Stepping 10',
      'VendorIdentifier = REG_SZ GenuineIntel',
      '    (processor 0: from its KPRCB at fffff80000710100; Component Information, Configuration Data, ProcessorNameString, Update Revision and MSR8B are registry values, which this dump does not carry)',
      '',
      '[CPU Information]',
      '~MHz = REG_DWORD 2903',
      'Identifier = REG_SZ Intel64 Family 6 Model 158 Stepping 11',
      'VendorIdentifier = REG_SZ GenuineIntel',
      '    (processor 1: from its KPRCB at fffff80000710300; Component Information, Configuration Data, ProcessorNameString, Update Revision and MSR8B are registry values, which this dump does not carry)',
      '',
    ].join('\n'));
  });

  it('names the x86 identifier and a processor whose KPRCB the dump lacks', () => {
    const text = run(engineFor(dump(false, 3)), '!sysinfo cpuinfo');
    expect(text).toContain('Identifier = REG_SZ x86 Family 6 Model 158 Stepping 10\n');
    expect(text).toContain('    (processor 1: from its KPRCB at 80b10300;');
    expect(text).toContain('    (this dump does not hold the KPRCB of processor(s) 2: the page was not captured or was paged out)\n');
  });

  it('prints nothing it cannot read when KDDEBUGGER_DATA64 gives no PRCB offsets', () => {
    const text = run(engineFor(dump(true, 2, false)), '!sysinfo cpuinfo');
    expect(text).not.toContain('~MHz');
    expect(text).not.toContain('Identifier');
    expect(text.split('\n').slice(0, 2)).toEqual([
      '[CPU Information]',
      '    (KDDEBUGGER_DATA64 gives no usable OffsetPrcbMhz, OffsetPrcbCpuType or OffsetPrcbVendorString for this KPRCB)',
    ]);
  });

  it('prints the corpus small dump\'s saved CentralProcessor\\0 registry values, and its KPRCB agrees', () => {
    const lines = run(corpusEngine('kernel', '083125-14875-01.dmp'), '!sysinfo cpuinfo').split('\n');
    expect(lines.slice(0, 9)).toEqual([
      '[CPU Information]',
      '~MHz = REG_DWORD 3072',
      'Component Information = REG_BINARY 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0',
      'Configuration Data = REG_FULL_RESOURCE_DESCRIPTOR ff,ff,ff,ff,ff,ff,ff,ff,0,0,0,0,0,0,0,0',
      'Identifier = REG_SZ Intel64 Family 6 Model 198 Stepping 2',
      'ProcessorNameString = REG_SZ Intel(R) Core(TM) Ultra 9 275HX',
      'Update Status = REG_DWORD 2',
      'VendorIdentifier = REG_SZ GenuineIntel',
      'MSR8B = REG_QWORD ffffffff00000000',
    ]);
    // The KPRCB copy, decoded on its own, names the same processor as the saved registry value.
    expect(lines).toContain('    (processor 0 KPRCB at fffff8075ad55180: ~3072 MHz, GenuineIntel, Intel64 Family 6 Model 198 Stepping 2)');
  });

  it('prints registry values saved in a full dump\'s secondary data, then each processor\'s KPRCB', () => {
    const utf16 = (t: string): number[] => Array.from(t + '\0').flatMap((c) => [c.charCodeAt(0), 0]);
    const value = (name: string, type: number, data: number[]): number[] => [...le(BigInt(utf16(name).length), 4), ...utf16(name), ...le(BigInt(type), 4), ...le(BigInt(data.length), 4), ...data];
    const values = [
      ...value('~MHz', 4, [...le(2904n, 4)]), // REG_DWORD
      ...value('Identifier', 1, utf16('Intel64 Family 6 Model 158 Stepping 10')), // REG_SZ
      ...value('Update Revision', 3, [0, 0, 0, 0, 0xca, 0, 0, 0]), // REG_BINARY
      ...value('MSR8B', 11, [...le(0xca00000000n, 8)]), // REG_QWORD
    ];
    const tag = [0x89, 0xc3, 0x7a, 0x6c, 0x13, 0x43, 0xdc, 0x47, 0x9f, 0x34, 0xa8, 0x80, 0x0a, 0x0f, 0xb5, 0x6c]; // {6C7AC389-4313-47DC-9F34-A8800A0FB56C}
    const region = [
      ...Array.from('DumpBlob', (c) => c.charCodeAt(0)), ...le(0x10n, 4), ...le(0xf0004a61n, 4),
      ...le(0x20n, 4), ...tag, ...le(BigInt(values.length), 4), ...le(0n, 4), ...le(0n, 4), ...values,
    ];
    const file = dump(true, 2);
    const withBlob = new Uint8Array([...file, ...region]); // after the last page: where Windows writes it
    expect(run(engineFor(withBlob), '!sysinfo cpuinfo').split('\n')).toEqual([
      '[CPU Information]',
      '~MHz = REG_DWORD 2904',
      'Identifier = REG_SZ Intel64 Family 6 Model 158 Stepping 10',
      'Update Revision = REG_BINARY 0,0,0,0,ca,0,0,0',
      'MSR8B = REG_QWORD ca00000000',
      `    (registry values of CentralProcessor\\0 from the dump's bug-check secondary data (mssmbios.sys), file offset 0x${(file.length + 0x30).toString(16)})`,
      '    (processor 0 KPRCB at fffff80000710100: ~2904 MHz, GenuineIntel, Intel64 Family 6 Model 158 Stepping 10)',
      '    (processor 1 KPRCB at fffff80000710300: ~2903 MHz, GenuineIntel, Intel64 Family 6 Model 158 Stepping 11)',
      '',
    ]);
  });
});

describe('!sysinfo cpuspeed, machineid, smbios', () => {
  it('cpuspeed: the bug-checking processor\'s KPRCB.MHz', () => {
    // The builder's bug-checking thread runs on processor 1.
    expect(run(engineFor(dump(true, 2)), '!sysinfo cpuspeed').split('\n')[0]).toBe('CurrentSpeed: 2903');
  });

  it('machineid and smbios say what is missing when the dump has no SMBIOS copy', () => {
    for (const sub of ['machineid', 'smbios']) {
      const text = run(engineFor(dump(true, 2)), `!sysinfo ${sub}`);
      expect(text.split('\n')[0]).toBe(`Unable to get the SMBIOS table for ${sub}`);
      expect(text).toContain('nt!WmipSMBiosTablePhysicalAddress');
    }
    expect(run(engineFor(dump(true, 2)), '!sysinfo smbios').split('\n')[1]).toBe('    (the dump has no bug-check secondary data (DumpBlob region) where Windows writes it;');
  });

  it('without a subcommand: the usage', () => {
    expect(run(engineFor(dump(true, 2)), '!sysinfo')).toBe('Usage: !sysinfo cpuinfo|cpuspeed|machineid|smbios\n');
  });
});
