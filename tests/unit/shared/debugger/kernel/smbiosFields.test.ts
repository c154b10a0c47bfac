// SMBIOS structure → named fields (shared/debugger/kernel/smbiosFields.ts). Every structure here is
// written byte by byte from DMTF DSP0134's tables (offset, size, meaning), then walked by
// parseSmbiosTable as a one-structure table, so the Length and string-set rules are the real ones.
import { describe, expect, it } from 'vitest';
import { formatSmbiosUuid, smbiosFields, type SmbiosField } from '../../../../../shared/debugger/kernel/smbiosFields';
import {
  parseSmbiosTable, smbiosByte, smbiosDword, smbiosQword, smbiosWord, type SmbiosStructure,
} from '../../../../../shared/debugger/kernel/smbiosTable';

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** One structure: `formatted` (header included; its Length byte as written) then the strings and the closing NUL. */
function structure(formatted: number[], strings: string[] = []): SmbiosStructure {
  const bytes = [...formatted, ...(strings.length ? strings.flatMap((s) => [...ascii(s), 0]) : [0]), 0];
  const [s] = parseSmbiosTable(new Uint8Array(bytes));
  expect(s, 'the test structure parses').toBeDefined();
  return s!;
}

const w = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff];
const dw = (v: number): number[] => [...w(v & 0xffff), ...w(Math.floor(v / 0x10000) & 0xffff)];
const qw = (v: bigint): number[] => Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn));

function decode(s: SmbiosStructure): SmbiosField[] {
  const f = smbiosFields(s);
  expect(f, `type ${s.type} is decoded`).toBeDefined();
  return f!;
}
/** label → value for the value fields (bit-set fields map to their set bits "07 name"). */
function table(s: SmbiosStructure): Record<string, string | string[]> {
  return Object.fromEntries(decode(s).map((f) =>
    [f.label, f.bits ? f.bits.map((b) => `${b.bit} ${b.name}`) : f.value!]));
}
const labels = (s: SmbiosStructure): string[] => decode(s).map((f) => f.label);

describe('smbiosTable readers', () => {
  // Type 0xc0, Length 10: header, then 01 02 | 03 04 05 06 (the WORD/DWORD below), no strings.
  const s = structure([0xc0, 10, 0x34, 0x12, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06]);
  it('read little-endian inside the Length and nothing past it', () => {
    expect(s.handle).toBe(0x1234);
    expect(smbiosByte(s, 9)).toBe(0x06);
    expect(smbiosByte(s, 10)).toBeUndefined();
    expect(smbiosWord(s, 4)).toBe(0x0201);
    expect(smbiosWord(s, 8)).toBe(0x0605);
    expect(smbiosWord(s, 9)).toBeUndefined(); // one byte in, one past the Length
    expect(smbiosDword(s, 6)).toBe(0x06050403);
    expect(smbiosDword(s, 7)).toBeUndefined();
    expect(smbiosQword(s, 2)).toBe(0x0605040302011234n);
    expect(smbiosQword(s, 3)).toBeUndefined();
    expect(smbiosByte(s, -1)).toBeUndefined();
  });
  it('read a DWORD with bit 31 set as unsigned', () => {
    expect(smbiosDword(structure([0xc0, 8, 0, 0, 0x00, 0x00, 0x00, 0x80]), 4)).toBe(0x80000000);
  });
});

describe('Type 0: BIOS Information', () => {
  // Length 18h (SMBIOS 2.4+): Vendor 1, Version 2, segment F000h, date 3, ROM size 0Fh, characteristics
  // QWORD, extension bytes 1 and 2, System BIOS release 2.6, EC firmware FFh.FFh.
  // The characteristics are the bits of WinDbg's public Dell Precision 390 output:
  // 7, 9, 10, 11, 12, 15, 16, 19, 21, 26, 27, 28, 29 → 3C299E80h.
  const dell = structure([
    0x00, 0x18, 0x00, 0x00, 1, 2, 0x00, 0xf0, 3, 0x0f,
    0x80, 0x9e, 0x29, 0x3c, 0x00, 0x00, 0x00, 0x00, // BIOS Characteristics
    0x03, 0x0d, // ext 1: ACPI, USB Legacy; ext 2: BBS (0), targeted content (2), UEFI (3)
    2, 6, 0xff, 0xff,
  ], ['Dell Inc.', '2.6.0', '05/19/2008']);

  it('names the fields as WinDbg does, with its values (segment and ROM size in hex)', () => {
    expect(decode(dell).slice(0, 5)).toEqual([
      { label: 'Vendor', value: 'Dell Inc.' },
      { label: 'BIOS Version', value: '2.6.0' },
      { label: 'BIOS Starting Address Segment', value: 'f000' },
      { label: 'BIOS Release Date', value: '05/19/2008' },
      { label: 'BIOS ROM Size', value: '100000' }, // (0Fh + 1) x 64 KB = 1 MB
    ]);
  });

  it('lists the set characteristic bits with WinDbg\'s names where its output shows them', () => {
    expect(table(dell)['BIOS Characteristics']).toEqual([
      '7 PCI Supported', '9 Plug and Play Supported', '10 APM Supported', '11 Upgradeable FLASH BIOS',
      '12 BIOS Shadowing Supported', '15 CD-Boot Supported', '16 Selectable Boot Supported', '19 EDD Supported',
      '21 Toshiba J-Floppy Supported', '26 Print Screen Device Supported', '27 Keyboard Services Supported',
      '28 Serial Services Supported', '29 Printer Services Supported',
    ]);
  });

  it('decodes the extension bytes and the release fields of a 2.4+ structure', () => {
    const t = table(dell);
    expect(t['BIOS Characteristics Extension Byte 1']).toEqual(['0 ACPI is supported', '1 USB Legacy is supported']);
    expect(t['BIOS Characteristics Extension Byte 2']).toEqual([
      '0 BIOS Boot Specification is supported', '2 Enable targeted content distribution', '3 UEFI Specification is supported',
    ]);
    expect(t['System BIOS Major Release']).toBe('2');
    expect(t['System BIOS Minor Release']).toBe('6');
    expect(t['EC Firmware Major Release']).toBe('Not supported');
    expect(t['EC Firmware Minor Release']).toBe('Not supported');
  });

  it('uses DSP0134\'s names for the other bits, including the vendor-reserved upper half', () => {
    // Bits 3, 4, 30, 31, 33 (BIOS vendor), 50 (system vendor) → 0x0004_0002_C000_0018.
    const s = structure([0x00, 0x12, 0, 0, 0, 0, 0, 0, 0, 0, ...qw(0x00040002c0000018n)]);
    expect(table(s)['BIOS Characteristics']).toEqual([
      '3 BIOS Characteristics are not supported', '4 ISA is supported', '30 Int 10h, CGA/Mono Video Services are supported',
      '31 NEC PC-98', '33 Reserved for BIOS vendor', '50 Reserved for system vendor',
    ]);
  });

  it('prints only the SMBIOS 2.0 fields of a Length 12h structure', () => {
    const s = structure([0x00, 0x12, 0, 0, 1, 2, 0x00, 0xe0, 3, 0x01, ...qw(0x80n)], ['innotek GmbH', 'VirtualBox', '12/01/2006']);
    expect(labels(s)).toEqual(['Vendor', 'BIOS Version', 'BIOS Starting Address Segment', 'BIOS Release Date', 'BIOS ROM Size', 'BIOS Characteristics']);
    expect(table(s)['BIOS Starting Address Segment']).toBe('e000');
    expect(table(s)['BIOS ROM Size']).toBe('20000'); // (1 + 1) x 64 KB
  });

  it('reads the Extended BIOS ROM Size (3.1+) when the ROM size byte is FFh', () => {
    const rom = (size: number, ext?: number): string => {
      const bytes = [0x00, ext === undefined ? 0x18 : 0x1a, 0, 0, 0, 0, 0, 0, 0, size, ...qw(0n), 0, 0, 0xff, 0xff, 0xff, 0xff];
      return table(structure(ext === undefined ? bytes : [...bytes, ...w(ext)]))['BIOS ROM Size'] as string;
    };
    expect(rom(0xff, 0x0020)).toBe('2000000'); // bits 15:14 = 00b: 32 MB
    expect(rom(0xff, 0x4010)).toBe('400000000'); // 01b: 16 GB
    expect(rom(0xff, 0x8001)).toBe('(Extended BIOS ROM Size 8001h: reserved unit)');
    expect(rom(0xff)).toBe('1000000'); // no extended field (before 3.1): FFh is (FFh + 1) x 64 KB = 16 MB
    expect(rom(0x3f, 0x0020)).toBe('400000'); // not FFh: the extended field is not used
  });
});

describe('Type 1: System Information', () => {
  // DSP0134 7.2.1's own example: {00112233-4455-6677-8899-AABBCCDDEEFF} lies in memory as
  // 33 22 11 00 55 44 77 66 88 99 AA BB CC DD EE FF.
  const uuidBytes = [0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff];

  it('decodes a 2.4+ structure (Length 1Bh), UUID time fields little-endian', () => {
    const s = structure([0x01, 0x1b, 0x01, 0x00, 1, 2, 3, 4, ...uuidBytes, 0x06, 5, 6],
      ['Dell Inc.', 'Precision WorkStation 390', 'Not Specified', 'ABC1234', 'SKU-1', 'Precision']);
    expect(decode(s)).toEqual([
      { label: 'Manufacturer', value: 'Dell Inc.' },
      { label: 'Product Name', value: 'Precision WorkStation 390' },
      { label: 'Version', value: 'Not Specified' },
      { label: 'Serial Number', value: 'ABC1234' },
      { label: 'UUID', value: '00112233-4455-6677-8899-aabbccddeeff' },
      { label: 'Wake-up Type', value: 'Power Switch' },
      { label: 'SKU Number', value: 'SKU-1' },
      { label: 'Family', value: 'Precision' },
    ]);
  });

  it('marks the all-00h and all-FFh UUIDs', () => {
    expect(formatSmbiosUuid(new Uint8Array(16))).toBe('00000000-0000-0000-0000-000000000000 (not present)');
    expect(formatSmbiosUuid(new Uint8Array(16).fill(0xff))).toBe('ffffffff-ffff-ffff-ffff-ffffffffffff (not currently present, settable)');
  });

  it('prints fewer fields for 2.0 (Length 08h) and 2.1 (Length 19h) structures', () => {
    expect(labels(structure([0x01, 0x08, 0, 0, 1, 2, 3, 4], ['A', 'B', 'C', 'D']))).toEqual(['Manufacturer', 'Product Name', 'Version', 'Serial Number']);
    const v21 = structure([0x01, 0x19, 0, 0, 1, 2, 3, 4, ...uuidBytes, 0x09], ['A', 'B', 'C', 'D']);
    expect(labels(v21)).toEqual(['Manufacturer', 'Product Name', 'Version', 'Serial Number', 'UUID', 'Wake-up Type']);
    expect(table(v21)['Wake-up Type']).toBe('09h'); // past DSP0134's table (08h AC Power Restored)
  });

  it('prints string index 0 as empty and an index past the string set as missing', () => {
    const t = table(structure([0x01, 0x08, 0, 0, 1, 0, 2, 5], ['innotek GmbH', 'VirtualBox']));
    expect(t['Manufacturer']).toBe('innotek GmbH');
    expect(t['Product Name']).toBe('');
    expect(t['Version']).toBe('VirtualBox');
    expect(t['Serial Number']).toBe('(string 5 is missing: the structure has 2)');
  });
});

describe('Type 2: Baseboard Information', () => {
  it('decodes the fields, feature bits and contained handles', () => {
    // Features 0Dh: hosting (0), removable (2), replaceable (3); location 5; chassis handle 0003h;
    // board type 0Ah (Motherboard); two contained handles 0010h, 0011h → Length 13h.
    const s = structure([0x02, 0x13, 0x08, 0x00, 1, 2, 3, 4, 0, 0x0d, 5, ...w(0x0003), 0x0a, 2, ...w(0x10), ...w(0x11)],
      ['Oracle Corporation', 'VirtualBox', '1.2', '0', 'Slot 1']);
    expect(table(s)).toEqual({
      'Manufacturer': 'Oracle Corporation', 'Product': 'VirtualBox', 'Version': '1.2', 'Serial Number': '0', 'Asset Tag': '',
      'Feature Flags': ['0 Board is a hosting board', '2 Board is removable', '3 Board is replaceable'],
      'Location in Chassis': 'Slot 1', 'Chassis Handle': '0003h', 'Board Type': 'Motherboard (includes processor, memory, and I/O)',
      'Contained Object Handles': '2: 0010h 0011h',
    });
  });

  it('never reads handles past the Length, whatever the count says', () => {
    const s = structure([0x02, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0d, 255, ...w(0x22)]);
    expect(table(s)['Contained Object Handles']).toBe('255: 0022h (the structure ends after 1)');
    expect(table(s)['Board Type']).toBe('Interconnect board');
  });

  it('prints the four strings of a Length 08h structure only', () => {
    expect(labels(structure([0x02, 0x08, 0, 0, 1, 2, 3, 4], ['a', 'b', 'c', 'd']))).toEqual(['Manufacturer', 'Product', 'Version', 'Serial Number']);
  });
});

describe('Type 3: System Enclosure or Chassis', () => {
  it('decodes type, lock, states, height, cords and the SKU after the contained elements', () => {
    // Type 8Ah: Notebook (0Ah) with a lock (bit 7); states 03h Safe, 04h Warning, 05h Critical;
    // security 04h; OEM 12345678h; height 2U; 1 cord; 2 elements of 3 bytes; SKU string 2 → Length 1Ch.
    const s = structure([0x03, 0x1c, 0x03, 0x00, 1, 0x8a, 0, 0, 0, 3, 4, 5, 4, ...dw(0x12345678), 2, 1, 2, 3,
      0x03, 1, 1, 0x82, 1, 2, 2], ['LENOVO', 'SKU42']);
    expect(table(s)).toEqual({
      'Manufacturer': 'LENOVO', 'Chassis Type': 'Notebook', 'Chassis Lock': 'Present', 'Version': '', 'Serial Number': '',
      'Asset Tag Number': '', 'Boot-up State': 'Safe', 'Power Supply State': 'Warning', 'Thermal State': 'Critical',
      'Security Status': 'External interface locked out', 'OEM-defined': '0x12345678', 'Height': '2U',
      'Number of Power Cords': '1', 'Contained Element Count': '2 (records of 3 bytes, not decoded)', 'SKU Number': 'SKU42',
    });
  });

  it('stops at the Security Status of a 2.1 structure (Length 0Dh)', () => {
    const s = structure([0x03, 0x0d, 0x03, 0x00, 1, 0x01, 0, 0, 0, 3, 3, 3, 3], ['Oracle Corporation']);
    expect(labels(s)).toEqual(['Manufacturer', 'Chassis Type', 'Chassis Lock', 'Version', 'Serial Number', 'Asset Tag Number',
      'Boot-up State', 'Power Supply State', 'Thermal State', 'Security Status']);
    expect(table(s)['Chassis Type']).toBe('Other');
    expect(table(s)['Chassis Lock']).toBe('Not present');
    expect(table(s)['Security Status']).toBe('None');
  });
});

describe('Type 4: Processor Information', () => {
  // Length 30h (3.0+): socket 1, type 03h (Central), family C6h (Core i7), manufacturer 2, ID,
  // version 3, voltage 8Ch (1.2 V), external clock 100, max 4700, current 3600, status 41h,
  // upgrade 40h (LGA1700), caches 0005h 0006h FFFFh, serial 4, asset 0, part 5, cores FFh → 300
  // (Core Count 2), enabled 8, threads 16, characteristics 00FCh, family 2 00C6h.
  const id = [0xa7, 0x06, 0x09, 0x00, 0xff, 0xfb, 0xeb, 0xbf];
  const bytes = [0x04, 0x30, 0x40, 0x00, 1, 0x03, 0xc6, 2, ...id, 3, 0x8c, ...w(100), ...w(4700), ...w(3600), 0x41, 0x40,
    ...w(5), ...w(6), ...w(0xffff), 4, 0, 5, 0xff, 8, 16, ...w(0x00fc), ...w(0xc6), ...w(300), ...w(8), ...w(16)];
  const strings = ['CPU0', 'Intel(R) Corporation', '12th Gen Intel(R) Core(TM) i7-12700', 'To Be Filled By O.E.M.', 'PN'];

  it('decodes every field of a 3.0 structure', () => {
    expect(table(structure(bytes, strings))).toEqual({
      'Socket Designation': 'CPU0', 'Processor Type': 'Central Processor', 'Processor Family': 'Intel Core i7 processor',
      'Processor Manufacturer': 'Intel(R) Corporation', 'Processor ID': 'a7 06 09 00 ff fb eb bf',
      'Processor Version': '12th Gen Intel(R) Core(TM) i7-12700', 'Voltage': '1.2 V', 'External Clock': '100 MHz',
      'Max Speed': '4700 MHz', 'Current Speed': '3600 MHz', 'Status': 'CPU Socket Populated, CPU Enabled',
      'Processor Upgrade': 'Socket LGA1700', 'L1 Cache Handle': '0005h', 'L2 Cache Handle': '0006h', 'L3 Cache Handle': 'Not Provided',
      'Serial Number': 'To Be Filled By O.E.M.', 'Asset Tag': '', 'Part Number': 'PN',
      'Core Count': '300', 'Core Enabled': '8', 'Thread Count': '16',
      'Processor Characteristics': ['2 64-bit Capable', '3 Multi-Core', '4 Hardware Thread', '5 Execute Protection',
        '6 Enhanced Virtualization', '7 Power/Performance Control'],
    });
  });

  it('takes the family from Processor Family 2 when the byte is FEh', () => {
    const arm = [...bytes];
    arm[0x06] = 0xfe;
    arm[0x28] = 0x01; // 0101h: ARMv8
    arm[0x29] = 0x01;
    expect(table(structure(arm, strings))['Processor Family']).toBe('ARMv8');
  });

  it('prints the 2.0 fields only for Length 1Ah, with legacy voltage flags', () => {
    const v20 = [...bytes.slice(0, 0x1a)];
    v20[1] = 0x1a;
    v20[0x11] = 0x03; // 5 V and 3.3 V
    v20[0x18] = 0x03; // unpopulated, disabled by BIOS
    const s = structure(v20, strings.slice(0, 3));
    expect(labels(s)).toEqual(['Socket Designation', 'Processor Type', 'Processor Family', 'Processor Manufacturer', 'Processor ID',
      'Processor Version', 'Voltage', 'External Clock', 'Max Speed', 'Current Speed', 'Status', 'Processor Upgrade']);
    expect(table(s)['Voltage']).toBe('5.0 V, 3.3 V');
    expect(table(s)['Status']).toBe('CPU Socket Unpopulated, CPU Disabled by BIOS (POST Error)');
  });

  it('does not look for Core Count 2 in a 2.5 structure (Length 28h)', () => {
    const v25 = [...bytes.slice(0, 0x28)];
    v25[1] = 0x28;
    const t = table(structure(v25, strings));
    expect(t['Core Count']).toBe('255');
    expect(t['Processor Family']).toBe('Intel Core i7 processor');
  });
});

describe('Type 11: OEM Strings', () => {
  it('prints Count strings as "String N", a missing one as missing', () => {
    expect(decode(structure([0x0b, 0x05, 0x02, 0x00, 3], ['vboxVer_7.2.0', 'vboxRev_170228']))).toEqual([
      { label: 'String 1', value: 'vboxVer_7.2.0' },
      { label: 'String 2', value: 'vboxRev_170228' },
      { label: 'String 3', value: '(string 3 is missing: the structure has 2)' },
    ]);
  });
});

describe('Type 16: Physical Memory Array', () => {
  it('decodes a 2.1 structure (Length 0Fh), capacity in KB', () => {
    // Location 03h, use 03h, ECC 03h (None), max 2000000h KB = 32 GB, error handle FFFEh, 4 devices.
    expect(table(structure([0x10, 0x0f, 0x00, 0x10, 3, 3, 3, ...dw(0x02000000), ...w(0xfffe), ...w(4)]))).toEqual({
      'Location': 'System board or motherboard', 'Use': 'System memory', 'Memory Error Correction': 'None',
      'Maximum Capacity': '32 GB', 'Memory Error Information Handle': 'Not Provided', 'Number of Memory Devices': '4',
    });
  });

  it('reads Extended Maximum Capacity (bytes) when Maximum Capacity is 80000000h and the structure has it', () => {
    const v27 = structure([0x10, 0x17, 0, 0, 3, 3, 6, ...dw(0x80000000), ...w(0xffff), ...w(8), ...qw(1n << 42n)]);
    expect(table(v27)['Maximum Capacity']).toBe('4 TB');
    expect(table(v27)['Memory Error Correction']).toBe('Multi-bit ECC');
    expect(table(v27)['Memory Error Information Handle']).toBe('No Error');
    const v21 = structure([0x10, 0x0f, 0, 0, 3, 3, 6, ...dw(0x80000000), ...w(0xffff), ...w(8)]);
    expect(table(v21)['Maximum Capacity']).toBe('2 TB'); // before 2.7: 80000000h KB
  });
});

describe('Type 17: Memory Device', () => {
  /** A 2.8 Memory Device (Length 28h) of `size`, with Extended Size `ext`. */
  const device = (size: number, ext = 0, length = 0x28): SmbiosStructure => structure([
    0x11, length, 0x01, 0x10, ...w(0x1000), ...w(0xfffe), ...w(72), ...w(64), ...w(size), 0x09, 0, 1, 2, 0x1a,
    ...w(0x2080), ...w(3200), 3, 4, 0, 5, 0x02, ...dw(ext), ...w(2933), ...w(1200), ...w(1200), ...w(1200),
  ].slice(0, length), ['DIMM_A1', 'BANK 0', 'Samsung', '12345678', 'M378A1K43EB2-CWE']);

  it('decodes a 2.8 structure', () => {
    expect(table(device(0x2000))).toEqual({
      'Physical Memory Array Handle': '1000h', 'Memory Error Information Handle': 'Not Provided', 'Total Width': '72 bits',
      'Data Width': '64 bits', 'Size': '8192 MB', 'Form Factor': 'DIMM', 'Device Set': 'None', 'Device Locator': 'DIMM_A1',
      'Bank Locator': 'BANK 0', 'Memory Type': 'DDR4', 'Type Detail': ['7 Synchronous', '13 Registered (Buffered)'],
      'Speed': '3200 MT/s', 'Manufacturer': 'Samsung', 'Serial Number': '12345678', 'Asset Tag': '',
      'Part Number': 'M378A1K43EB2-CWE', 'Attributes': 'Rank 2', 'Configured Memory Speed': '2933 MT/s',
      'Minimum Voltage': '1200 mV', 'Maximum Voltage': '1200 mV', 'Configured Voltage': '1200 mV',
    });
  });

  it('applies the Size rules: FFFFh unknown, 0 not installed, bit 15 KB, 7FFFh Extended Size', () => {
    const size = (s: SmbiosStructure): string => table(s)['Size'] as string;
    expect(size(device(0xffff))).toBe('Unknown');
    expect(size(device(0))).toBe('No Module Installed');
    expect(size(device(0x8200))).toBe('512 KB'); // bit 15: 200h KB
    expect(size(device(0x7fff, 0x10000))).toBe('65536 MB'); // Extended Size 10000h MB = 64 GB
    expect(size(device(0x7fff, 0x80010000))).toBe('65536 MB'); // bit 31 of Extended Size is reserved
    expect(size(device(0x7fff, 0, 0x1c))).toBe('32767 MB'); // 2.6 structure: no Extended Size field
  });

  it('prints the 2.3 fields only for Length 1Bh, and the 2.1 ones only for Length 15h', () => {
    const v23 = labels(device(0x400, 0, 0x1b));
    expect(v23.at(-1)).toBe('Part Number');
    expect(v23).not.toContain('Configured Memory Speed');
    expect(labels(device(0x400, 0, 0x15))).toEqual(['Physical Memory Array Handle', 'Memory Error Information Handle', 'Total Width',
      'Data Width', 'Size', 'Form Factor', 'Device Set', 'Device Locator', 'Bank Locator', 'Memory Type', 'Type Detail']);
  });
});

describe('Type 19: Memory Array Mapped Address', () => {
  it('prints the KB range as byte addresses', () => {
    // 0 .. 3FFFFFh KB (the last KB of 4 GB), array handle 1000h, partition width 2 → Length 0Fh.
    expect(table(structure([0x13, 0x0f, 0, 0, ...dw(0), ...dw(0x003fffff), ...w(0x1000), 2]))).toEqual({
      'Starting Address': '0x0', 'Ending Address': '0xffffffff', 'Memory Array Handle': '1000h', 'Partition Width': '2',
    });
  });

  it('uses the 2.7 extended addresses when Starting Address is FFFFFFFFh', () => {
    const s = structure([0x13, 0x1f, 0, 0, ...dw(0xffffffff), ...dw(0xffffffff), ...w(0x1000), 1, ...qw(0x100000000n), ...qw(0x47fffffffn)]);
    expect(table(s)['Starting Address']).toBe('0x100000000');
    expect(table(s)['Ending Address']).toBe('0x47fffffff');
  });
});

describe('types without a decoder', () => {
  it('give undefined: Inactive, OEM-specific, End-of-Table and others', () => {
    expect(smbiosFields(structure([0x7e, 0x0f, 0x05, 0x00, 3, 3, 1, 0, 0, 0x20, 0, 0xfe, 0xff, 1, 0]))).toBeUndefined();
    expect(smbiosFields(structure([0x80, 0x08, 0x04, 0x00, 0xfe, 0xdf, 0x2e, 0x00]))).toBeUndefined();
    expect(smbiosFields(structure([0x7f, 0x04, 0xff, 0xfe]))).toBeUndefined();
    expect(smbiosFields(structure([0x07, 0x04, 0x00, 0x00]))).toBeUndefined();
  });
});
