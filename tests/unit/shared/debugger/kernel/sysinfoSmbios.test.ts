// !sysinfo machineid / smbios from the SMBIOS copy in a dump's bug-check secondary data: a DumpBlob
// region (DUMP_BLOB_FILE_HEADER "DumpBlob", HeaderSize 0x10, BuildNumber; then DUMP_BLOB_HEADERs of
// 0x20 bytes: HeaderSize, GUID tag, DataSize, PrePad, PostPad) appended where Windows writes it —
// after the triage data (TRIAGE_DUMP.SizeOfDump) of a small dump, after the last page of a full
// dump — with a RawSMBIOSData block tagged mssmbios!SMBiosGuidSMBios, all written by hand. The
// corpus small dump (a VirtualBox guest) carries a real one.
import { describe, expect, it } from 'vitest';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';
import { le } from '../../../../synth/kernel/writer';
import { corpusEngine, engineFor, run } from '../helpers';

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
/** A structure: formatted area (header included) then its strings, each NUL-terminated, and the closing NUL. */
const structure = (formatted: number[], strings: string[]): number[] =>
  [...formatted, ...(strings.length ? strings.flatMap((s) => [...ascii(s), 0]) : [0]), 0];

function table(): Uint8Array {
  return new Uint8Array([
    // Type 0, Length 0x18, handle 0: Vendor 1, Version 2, segment F000, date 3, ROM size, characteristics (8), ext (2),
    // System BIOS release 5.13, EC firmware release FFh.FFh (not supported).
    ...structure([0, 0x18, 0, 0, 1, 2, 0x00, 0xf0, 3, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 13, 0xff, 0xff],
      ['American Megatrends Inc.', '1003', '07/12/2019']),
    // Type 1, Length 0x1b, handle 1: Manufacturer 1, Product 2, Version 3, Serial 4, UUID (16), wake-up, SKU 5, Family 6.
    ...structure([1, 0x1b, 1, 0, 1, 2, 3, 4, ...new Array<number>(16).fill(0x11), 6, 5, 6],
      ['ASUS', 'System Product Name', 'System Version', 'SN-123', 'SKU', 'To be filled by O.E.M.']),
    // Type 2, Length 0x0f, handle 2: Manufacturer 1, Product 2, Version 3, Serial 4, asset tag 0, features, location 0, chassis handle, type, count.
    ...structure([2, 0x0f, 2, 0, 1, 2, 3, 4, 0, 0x09, 0, 3, 0, 0x0a, 0], ['ASUSTeK COMPUTER INC.', 'PRIME B450M-A', 'Rev X.0x', 'BSN']),
    // Type 127 (End-of-Table), handle FEFFh, no strings.
    ...structure([127, 4, 0xff, 0xfe], []),
  ]);
}

const SMBIOS_TAG = [0x8f, 0x00, 0x5c, 0xbc, 0x3a, 0x1e, 0xd7, 0x44, 0x98, 0x8d, 0x86, 0xf6, 0x88, 0x4c, 0x67, 0x58];
const OTHER_TAG = [0xdf, 0x08, 0x73, 0xf5, 0x45, 0xcc, 0x01, 0x4e, 0xad, 0x76, 0x29, 0xa4, 0xeb, 0xb0, 0x10, 0xec]; // boot status data

function block(tag: number[], data: Uint8Array, postPad = 0): number[] {
  return [...le(0x20n, 4), ...tag, ...le(BigInt(data.length), 4), ...le(0n, 4), ...le(BigInt(postPad), 4), ...data, ...new Array<number>(postPad).fill(0xcc)];
}

/** RawSMBIOSData `version`: Used20CallingMethod, SMBIOSMajorVersion, SMBIOSMinorVersion, DmiRevision. */
function region(withSmbios: boolean, t = table(), version = [0, 3, 2, 0]): Uint8Array {
  const raw = new Uint8Array([...version, ...le(BigInt(t.length), 4), ...t]); // default: 2.0 method no, SMBIOS 3.2, DMI revision 0
  return new Uint8Array([
    ...ascii('DumpBlob'), ...le(0x10n, 4), ...le(0xf0004a61n, 4),
    ...block(OTHER_TAG, new Uint8Array([1, 2, 3, 4, 5]), 3),
    ...(withSmbios ? block(SMBIOS_TAG, raw) : []),
    ...new Array<number>(0x20).fill(0), // a zero header ends the region
  ]);
}

function dump(type: 'small' | 'full', blobs: 'smbios' | 'other' | 'none', t?: Uint8Array, version?: number[]): Uint8Array {
  const file = toBytes(buildKernelDump({ type, is64: true, build: 19041 }));
  if (blobs === 'none') return file;
  const r = region(blobs === 'smbios', t, version);
  const out = new Uint8Array(file.length + r.length);
  out.set(file);
  out.set(r, file.length);
  return out;
}

const MACHINE_ID = [
  'Machine ID Information [From Smbios 3.2, DMIVersion 0, Size=__SIZE__]',
  'BiosMajorRelease = 5',
  'BiosMinorRelease = 13',
  'BiosVendor = American Megatrends Inc.',
  'BiosVersion = 1003',
  'BiosReleaseDate = 07/12/2019',
  'SystemManufacturer = ASUS',
  'SystemProductName = System Product Name',
  'SystemFamily = To be filled by O.E.M.',
  'SystemVersion = System Version',
  'SystemSKU = SKU',
  'BaseBoardManufacturer = ASUSTeK COMPUTER INC.',
  'BaseBoardProduct = PRIME B450M-A',
  'BaseBoardVersion = Rev X.0x',
].map((l) => l.replace('__SIZE__', String(table().length)));

describe('!sysinfo machineid', () => {
  it.each(['small', 'full'] as const)('reads the SMBIOS block of a %s dump\'s secondary data', (type) => {
    const lines = run(engineFor(dump(type, 'smbios')), '!sysinfo machineid').split('\n');
    expect(lines.slice(0, MACHINE_ID.length)).toEqual(MACHINE_ID);
    expect(lines[MACHINE_ID.length]).toMatch(/^ {4}\(from the SMBIOS copy mssmbios\.sys wrote into the dump's bug-check secondary data, file offset 0x[0-9a-f]+\)$/);
    expect(lines.join('\n')).not.toContain('SN-123'); // serial numbers are not machine ID lines
    expect(lines.join('\n')).not.toContain('Firmware'); // EC release FFh: not supported
  });

  it('says what is missing: no DumpBlob region, or no SMBIOS block in it', () => {
    expect(run(engineFor(dump('small', 'none')), '!sysinfo machineid')).toBe('Unable to get the SMBIOS table for machineid\n'
      + '    (the dump has no bug-check secondary data (DumpBlob region) where Windows writes it;\n'
      + '     otherwise nt!WmipSMBiosTablePhysicalAddress locates the firmware table, which needs nt symbols)\n');
    expect(run(engineFor(dump('full', 'other')), '!sysinfo machineid').split('\n')[1])
      .toBe('    (the dump\'s bug-check secondary data has no SMBIOS block (tag mssmbios!SMBiosGuidSMBios);');
  });

  it('reads the real copy in the corpus small dump (a VirtualBox guest; WinDbg\'s analysis says VIRTUAL_MACHINE: VirtualBox)', () => {
    expect(run(corpusEngine('kernel', '083125-14875-01.dmp'), '!sysinfo machineid').split('\n').slice(0, 11)).toEqual([
      'Machine ID Information [From Smbios 2.5, DMIVersion 0, Size=499]',
      'BiosVendor = innotek GmbH',
      'BiosVersion = VirtualBox',
      'BiosReleaseDate = 12/01/2006',
      'SystemManufacturer = innotek GmbH',
      'SystemProductName = VirtualBox',
      'SystemFamily = Virtual Machine',
      'SystemVersion = 1.2',
      'BaseBoardManufacturer = Oracle Corporation',
      'BaseBoardProduct = VirtualBox',
      'BaseBoardVersion = 1.2',
    ]);
  });
});

describe('!sysinfo smbios', () => {
  it('prints the table header, then each structure\'s header and named fields in WinDbg\'s layout', () => {
    const text = run(engineFor(dump('small', 'smbios')), '!sysinfo smbios');
    expect(text.split('\n').slice(0, 20)).toEqual([
      '[SMBIOS Data Tables v3.2]',
      '[DMI Version - 0]',
      '[2.0 Calling Convention - No]',
      `[Table Size - ${table().length} bytes]`,
      '',
      '[BIOS Information (Type 0) - Length 24 - Handle 0000h]',
      '  Vendor                        American Megatrends Inc.',
      '  BIOS Version                  1003',
      '  BIOS Starting Address Segment f000',
      '  BIOS Release Date             07/12/2019',
      '  BIOS ROM Size                 400000', // 3Fh: 64 x 64 KB = 4 MB
      '  BIOS Characteristics', // all 64 bits clear
      '  BIOS Characteristics Extension Byte 1',
      '  BIOS Characteristics Extension Byte 2',
      '  System BIOS Major Release     5',
      '  System BIOS Minor Release     13',
      '  EC Firmware Major Release     Not supported',
      '  EC Firmware Minor Release     Not supported',
      '',
      '[System Information (Type 1) - Length 27 - Handle 0001h]',
    ]);
    expect(text).toContain('  UUID                          11111111-1111-1111-1111-111111111111\n'
      + '  Wake-up Type                  Power Switch\n'
      + '  SKU Number                    SKU\n'
      + '  Family                        To be filled by O.E.M.\n');
    // Feature flags 09h: hosting board (bit 0) and replaceable (bit 3).
    expect(text).toContain('[Base Board Information (Type 2) - Length 15 - Handle 0002h]\n');
    expect(text).toContain('  Feature Flags\n      00: - Board is a hosting board\n      03: - Board is replaceable\n');
    expect(text).toContain('\n[End-of-Table (Type 127) - Length 4 - Handle feffh]\n');
    expect(text).not.toContain('not decoded'); // every structure of this table has a decoder
  });

  it('prints a BIOS structure line for line as WinDbg\'s public Dell Precision 390 output does', () => {
    // That dump's Type 0 (Length 24): Vendor "Dell Inc.", Version "2.6.0", segment F000h, date
    // "05/19/2008", ROM size 0Fh, characteristics 3C299E80h (the 13 bits WinDbg listed); the
    // extension and release bytes WinDbg went on to print are not public, so they are zero here
    // and the comparison stops at the last characteristic line.
    const t = new Uint8Array([
      ...structure([0, 24, 0, 0, 1, 2, 0x00, 0xf0, 3, 0x0f, 0x80, 0x9e, 0x29, 0x3c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ['Dell Inc.', '2.6.0', '05/19/2008']),
      ...structure([127, 4, 0xff, 0xfe], []),
    ]);
    const lines = run(engineFor(dump('small', 'smbios', t, [0, 2, 3, 35])), '!sysinfo smbios').split('\n');
    expect(lines.slice(0, 24)).toEqual([
      '[SMBIOS Data Tables v2.3]',
      '[DMI Version - 35]',
      '[2.0 Calling Convention - No]',
      `[Table Size - ${t.length} bytes]`, // 2618 in the Dell dump, whose table had all its structures
      '',
      '[BIOS Information (Type 0) - Length 24 - Handle 0000h]',
      '  Vendor                        Dell Inc.',
      '  BIOS Version                  2.6.0',
      '  BIOS Starting Address Segment f000',
      '  BIOS Release Date             05/19/2008',
      '  BIOS ROM Size                 100000',
      '  BIOS Characteristics',
      '      07: - PCI Supported',
      '      09: - Plug and Play Supported',
      '      10: - APM Supported',
      '      11: - Upgradeable FLASH BIOS',
      '      12: - BIOS Shadowing Supported',
      '      15: - CD-Boot Supported',
      '      16: - Selectable Boot Supported',
      '      19: - EDD Supported',
      '      21: - Toshiba J-Floppy Supported',
      '      26: - Print Screen Device Supported',
      '      27: - Keyboard Services Supported',
      '      28: - Serial Services Supported',
    ]);
    expect(lines[24]).toBe('      29: - Printer Services Supported');
  });
});
