import {
  smbiosByte, smbiosBytes, smbiosDword, smbiosQword, smbiosWord, type SmbiosStructure,
} from './smbiosTable';

/**
 * SMBIOS structure → labelled field lines for `!sysinfo smbios`.
 *
 * Labels: WinDbg's own wording is public only for the BIOS Information structure (Type 0) —
 * Vendor, BIOS Version, BIOS Starting Address Segment, BIOS Release Date, BIOS ROM Size, BIOS
 * Characteristics and thirteen of its bit names, from a Dell Precision 390 dump — and those are
 * used as WinDbg prints them. Every other label (the rest of Type 0, Types 1-4, 11, 16, 17, 19)
 * and every value name is DMTF DSP0134's name for the field or value, not copied from WinDbg
 * output, which we have not seen for those structures.
 *
 * Offsets and Length rules are DSP0134's. A field is read only when it lies inside the
 * structure's Length (smbiosByte/Word/Dword/Qword check it), so an older, shorter structure
 * prints only the fields its version defines. Inactive (Type 126) and unknown types give
 * undefined: the caller prints their strings.
 */

/** One bit line under a field: "      07: - PCI Supported". */
export interface SmbiosBit {
  bit: number;
  name: string;
}

/** One field: "  Label<padded to 30>Value", or a bare label with bit lines under it. */
export interface SmbiosField {
  label: string;
  /** Undefined for a bit-set field (the label alone, then its bits). Empty for a string field with index 0. */
  value?: string;
  bits?: SmbiosBit[];
}

type Names = Readonly<Record<number, string>>;

const hex = (v: number | bigint, width = 1): string => v.toString(16).padStart(width, '0');
/** A handle as the structure headers print it: "0003h". */
const handle = (v: number): string => `${hex(v, 4)}h`;
/** A value name, or the raw byte when DSP0134's table (or ours) has no name for it. */
const named = (table: Names, v: number): string => table[v] ?? `${hex(v, 2)}h`;

/** Collects the fields of one structure; every read is guarded by the structure's Length. */
class FieldList {
  readonly fields: SmbiosField[] = [];
  constructor(readonly s: SmbiosStructure) {}

  add(label: string, value: string | undefined): void {
    if (value !== undefined) this.fields.push({ label, value });
  }

  /** A string field: its string, '' for index 0 (no string), a note for an index past the string set. */
  str(label: string, offset: number): void {
    const i = smbiosByte(this.s, offset);
    if (i !== undefined) this.add(label, stringAt(this.s, i));
  }

  byte(label: string, offset: number, show: (v: number) => string): void {
    const v = smbiosByte(this.s, offset);
    if (v !== undefined) this.add(label, show(v));
  }

  word(label: string, offset: number, show: (v: number) => string): void {
    const v = smbiosWord(this.s, offset);
    if (v !== undefined) this.add(label, show(v));
  }

  /** A bit-set field: the label, then one line per set bit. */
  bits(label: string, value: number | bigint | undefined, width: number, name: (bit: number) => string): void {
    if (value === undefined) return;
    const v = BigInt(value);
    const bits: SmbiosBit[] = [];
    for (let bit = 0; bit < width; bit++) if ((v >> BigInt(bit)) & 1n) bits.push({ bit, name: name(bit) });
    this.fields.push({ label, bits });
  }
}

/** The string with 1-based index `i`; '' for 0; a note when the string set has no such string. */
function stringAt(s: SmbiosStructure, i: number): string {
  if (i === 0) return '';
  return s.strings[i - 1] ?? `(string ${i} is missing: the structure has ${s.strings.length})`;
}

// ---- Type 0: BIOS Information (DSP0134 7.1) ----

/** WinDbg's names for the bits its public Type 0 output shows; the other bits use DSP0134 Table 7's text. */
const BIOS_CHARACTERISTICS: Names = {
  0: 'Reserved', 1: 'Reserved', 2: 'Unknown', 3: 'BIOS Characteristics are not supported',
  4: 'ISA is supported', 5: 'MCA is supported', 6: 'EISA is supported',
  7: 'PCI Supported', // WinDbg
  8: 'PC card (PCMCIA) is supported',
  9: 'Plug and Play Supported', // WinDbg
  10: 'APM Supported', // WinDbg
  11: 'Upgradeable FLASH BIOS', // WinDbg
  12: 'BIOS Shadowing Supported', // WinDbg
  13: 'VL-VESA is supported', 14: 'ESCD support is available',
  15: 'CD-Boot Supported', // WinDbg
  16: 'Selectable Boot Supported', // WinDbg
  17: 'BIOS ROM is socketed', 18: 'Boot from PC card (PCMCIA) is supported',
  19: 'EDD Supported', // WinDbg
  20: 'Int 13h - Japanese floppy for NEC 9800 1.2 MB is supported',
  21: 'Toshiba J-Floppy Supported', // WinDbg
  22: 'Int 13h - 5.25" / 360 KB floppy services are supported',
  23: 'Int 13h - 5.25" / 1.2 MB floppy services are supported',
  24: 'Int 13h - 3.5" / 720 KB floppy services are supported',
  25: 'Int 13h - 3.5" / 2.88 MB floppy services are supported',
  26: 'Print Screen Device Supported', // WinDbg
  27: 'Keyboard Services Supported', // WinDbg
  28: 'Serial Services Supported', // WinDbg
  29: 'Printer Services Supported', // WinDbg
  30: 'Int 10h, CGA/Mono Video Services are supported', 31: 'NEC PC-98',
};

/** DSP0134 Table 8: BIOS Characteristics Extension Byte 1. */
const BIOS_EXTENSION_1: Names = {
  0: 'ACPI is supported', 1: 'USB Legacy is supported', 2: 'AGP is supported', 3: 'I2O boot is supported',
  4: 'LS-120 SuperDisk boot is supported', 5: 'ATAPI ZIP drive boot is supported', 6: '1394 boot is supported',
  7: 'Smart battery is supported',
};

/** DSP0134 Table 9: BIOS Characteristics Extension Byte 2. */
const BIOS_EXTENSION_2: Names = {
  0: 'BIOS Boot Specification is supported', 1: 'Function key-initiated network service boot is supported',
  2: 'Enable targeted content distribution', 3: 'UEFI Specification is supported',
  4: 'SMBIOS table describes a virtual machine', 5: 'Manufacturing mode is supported',
  6: 'Manufacturing mode is enabled', 7: 'Reserved',
};

const biosCharacteristic = (bit: number): string =>
  BIOS_CHARACTERISTICS[bit] ?? (bit >= 48 ? 'Reserved for system vendor' : 'Reserved for BIOS vendor');

/** ROM size in bytes, hex without 0x as WinDbg prints it: 64K * (n + 1), or the Extended BIOS ROM Size (3.1+) when n is FFh. */
function romSize(s: SmbiosStructure, n: number): string {
  const ext = n === 0xff ? smbiosWord(s, 0x18) : undefined;
  if (ext === undefined) return hex((n + 1) * 0x10000);
  const unit = ext >> 14;
  if (unit > 1) return `(Extended BIOS ROM Size ${hex(ext, 4)}h: reserved unit)`;
  return hex((ext & 0x3fff) * (unit ? 0x40000000 : 0x100000));
}

/** A release byte (2.4+): FFh in both major and minor means the field is not supported. */
const release = (v: number): string => (v === 0xff ? 'Not supported' : String(v));

function biosInformation(f: FieldList): void {
  const s = f.s;
  f.str('Vendor', 0x04);
  f.str('BIOS Version', 0x05);
  f.word('BIOS Starting Address Segment', 0x06, (v) => hex(v, 4));
  f.str('BIOS Release Date', 0x08);
  f.byte('BIOS ROM Size', 0x09, (v) => romSize(s, v));
  f.bits('BIOS Characteristics', smbiosQword(s, 0x0a), 64, biosCharacteristic);
  f.bits('BIOS Characteristics Extension Byte 1', smbiosByte(s, 0x12), 8, (b) => BIOS_EXTENSION_1[b]!);
  f.bits('BIOS Characteristics Extension Byte 2', smbiosByte(s, 0x13), 8, (b) => BIOS_EXTENSION_2[b]!);
  f.byte('System BIOS Major Release', 0x14, release);
  f.byte('System BIOS Minor Release', 0x15, release);
  // DSP0134's "Embedded Controller Firmware Major/Minor Release", shortened to fit the label column.
  f.byte('EC Firmware Major Release', 0x16, release);
  f.byte('EC Firmware Minor Release', 0x17, release);
}

// ---- Type 1: System Information (DSP0134 7.2) ----

/** DSP0134 Table 12: Wake-up Type. */
const WAKE_UP_TYPES: Names = {
  0: 'Reserved', 1: 'Other', 2: 'Unknown', 3: 'APM Timer', 4: 'Modem Ring', 5: 'LAN Remote', 6: 'Power Switch',
  7: 'PCI PME#', 8: 'AC Power Restored',
};

/**
 * The UUID in SMBIOS 2.6+ byte order (DSP0134 7.2.1): time_low, time_mid and
 * time_hi_and_version little-endian, the last eight bytes as stored. All 00h: not present in the
 * system; all FFh: not currently present but settable. (Older tables may hold it in RFC 4122
 * network order; Windows reads it the 2.6 way whatever the version, and so do we.)
 */
export function formatSmbiosUuid(b: Uint8Array): string {
  const h = (i: number): string => hex(b[i]!, 2);
  const run = (from: number, to: number): string => Array.from({ length: to - from }, (_, k) => h(from + k)).join('');
  const text = `${h(3)}${h(2)}${h(1)}${h(0)}-${h(5)}${h(4)}-${h(7)}${h(6)}-${run(8, 10)}-${run(10, 16)}`;
  if (b.every((x) => x === 0)) return `${text} (not present)`;
  if (b.every((x) => x === 0xff)) return `${text} (not currently present, settable)`;
  return text;
}

function systemInformation(f: FieldList): void {
  f.str('Manufacturer', 0x04);
  f.str('Product Name', 0x05);
  f.str('Version', 0x06);
  f.str('Serial Number', 0x07);
  const uuid = smbiosBytes(f.s, 0x08, 16);
  if (uuid) f.add('UUID', formatSmbiosUuid(uuid));
  f.byte('Wake-up Type', 0x18, (v) => named(WAKE_UP_TYPES, v));
  f.str('SKU Number', 0x19);
  f.str('Family', 0x1a);
}

// ---- Type 2: Baseboard Information (DSP0134 7.3) ----

/** DSP0134 Table 14: Feature Flags. */
const BOARD_FEATURES: Names = {
  0: 'Board is a hosting board', 1: 'Board requires at least one daughter board', 2: 'Board is removable',
  3: 'Board is replaceable', 4: 'Board is hot swappable',
};

/** DSP0134 Table 15: Board Type. */
const BOARD_TYPES: Names = {
  1: 'Unknown', 2: 'Other', 3: 'Server Blade', 4: 'Connectivity Switch', 5: 'System Management Module',
  6: 'Processor Module', 7: 'I/O Module', 8: 'Memory Module', 9: 'Daughter board', 10: 'Motherboard (includes processor, memory, and I/O)',
  11: 'Processor/Memory Module', 12: 'Processor/IO Module', 13: 'Interconnect board',
};

function baseboardInformation(f: FieldList): void {
  const s = f.s;
  f.str('Manufacturer', 0x04);
  f.str('Product', 0x05);
  f.str('Version', 0x06);
  f.str('Serial Number', 0x07);
  f.str('Asset Tag', 0x08);
  f.bits('Feature Flags', smbiosByte(s, 0x09), 8, (b) => BOARD_FEATURES[b] ?? 'Reserved');
  f.str('Location in Chassis', 0x0a);
  f.word('Chassis Handle', 0x0b, handle);
  f.byte('Board Type', 0x0d, (v) => named(BOARD_TYPES, v));
  const count = smbiosByte(s, 0x0e);
  if (count !== undefined) {
    const handles: string[] = [];
    for (let i = 0; i < count; i++) {
      const h = smbiosWord(s, 0x0f + 2 * i);
      if (h === undefined) break;
      handles.push(handle(h));
    }
    const short = handles.length < count ? ` (the structure ends after ${handles.length})` : '';
    f.add('Contained Object Handles', `${count}${handles.length ? `: ${handles.join(' ')}` : ''}${short}`);
  }
}

// ---- Type 3: System Enclosure or Chassis (DSP0134 7.4) ----

/** DSP0134 Table 17: System Enclosure or Chassis Types (bits 6:0 of Type; bit 7 is the lock). */
const CHASSIS_TYPES: Names = {
  1: 'Other', 2: 'Unknown', 3: 'Desktop', 4: 'Low Profile Desktop', 5: 'Pizza Box', 6: 'Mini Tower', 7: 'Tower',
  8: 'Portable', 9: 'Laptop', 10: 'Notebook', 11: 'Hand Held', 12: 'Docking Station', 13: 'All in One',
  14: 'Sub Notebook', 15: 'Space-saving', 16: 'Lunch Box', 17: 'Main Server Chassis', 18: 'Expansion Chassis',
  19: 'SubChassis', 20: 'Bus Expansion Chassis', 21: 'Peripheral Chassis', 22: 'RAID Chassis',
  23: 'Rack Mount Chassis', 24: 'Sealed-case PC', 25: 'Multi-system chassis', 26: 'Compact PCI', 27: 'Advanced TCA',
  28: 'Blade', 29: 'Blade Enclosure', 30: 'Tablet', 31: 'Convertible', 32: 'Detachable', 33: 'IoT Gateway',
  34: 'Embedded PC', 35: 'Mini PC', 36: 'Stick PC',
};

/** DSP0134 Table 18: System Enclosure or Chassis States. */
const CHASSIS_STATES: Names = { 1: 'Other', 2: 'Unknown', 3: 'Safe', 4: 'Warning', 5: 'Critical', 6: 'Non-recoverable' };

/** DSP0134 Table 19: System Enclosure or Chassis Security Status. */
const CHASSIS_SECURITY: Names = {
  1: 'Other', 2: 'Unknown', 3: 'None', 4: 'External interface locked out', 5: 'External interface enabled',
};

function systemEnclosure(f: FieldList): void {
  const s = f.s;
  f.str('Manufacturer', 0x04);
  const type = smbiosByte(s, 0x05);
  if (type !== undefined) {
    f.add('Chassis Type', named(CHASSIS_TYPES, type & 0x7f));
    f.add('Chassis Lock', type & 0x80 ? 'Present' : 'Not present');
  }
  f.str('Version', 0x06);
  f.str('Serial Number', 0x07);
  f.str('Asset Tag Number', 0x08);
  f.byte('Boot-up State', 0x09, (v) => named(CHASSIS_STATES, v));
  f.byte('Power Supply State', 0x0a, (v) => named(CHASSIS_STATES, v));
  f.byte('Thermal State', 0x0b, (v) => named(CHASSIS_STATES, v));
  f.byte('Security Status', 0x0c, (v) => named(CHASSIS_SECURITY, v));
  const oem = smbiosDword(s, 0x0d);
  if (oem !== undefined) f.add('OEM-defined', `0x${hex(oem, 8)}`);
  f.byte('Height', 0x11, (v) => (v ? `${v}U` : 'Unspecified'));
  f.byte('Number of Power Cords', 0x12, (v) => (v ? String(v) : 'Unspecified'));
  const n = smbiosByte(s, 0x13);
  const m = smbiosByte(s, 0x14);
  if (n !== undefined) f.add('Contained Element Count', n && m !== undefined ? `${n} (records of ${m} bytes, not decoded)` : String(n));
  // SKU Number (2.7+) follows the n records of m bytes.
  if (n !== undefined && m !== undefined) f.str('SKU Number', 0x15 + n * m);
}

// ---- Type 4: Processor Information (DSP0134 7.5) ----

/** DSP0134 Table 22: Processor Type. */
const PROCESSOR_TYPES: Names = {
  1: 'Other', 2: 'Unknown', 3: 'Central Processor', 4: 'Math Processor', 5: 'DSP Processor', 6: 'Video Processor',
};

/**
 * DSP0134 Table 23: Processor Family — the x86, ARM and RISC-V entries (the families Windows runs
 * on, and their ancestors); the others print as their value.
 */
const PROCESSOR_FAMILIES: Names = {
  0x01: 'Other', 0x02: 'Unknown', 0x03: '8086', 0x04: '80286', 0x05: 'Intel386 processor', 0x06: 'Intel486 processor',
  0x07: '8087', 0x08: '80287', 0x09: '80387', 0x0a: '80487', 0x0b: 'Intel Pentium processor', 0x0c: 'Pentium Pro processor',
  0x0d: 'Pentium II processor', 0x0e: 'Pentium processor with MMX technology', 0x0f: 'Intel Celeron processor',
  0x10: 'Pentium II Xeon processor', 0x11: 'Pentium III processor', 0x12: 'M1 Family', 0x13: 'M2 Family',
  0x14: 'Intel Celeron M processor', 0x15: 'Intel Pentium 4 HT processor',
  0x18: 'AMD Duron Processor Family', 0x19: 'K5 Family', 0x1a: 'K6 Family', 0x1b: 'K6-2', 0x1c: 'K6-3',
  0x1d: 'AMD Athlon Processor Family', 0x1e: 'AMD29000 Family', 0x1f: 'K6-2+',
  0x28: 'Intel Core Duo processor', 0x29: 'Intel Core Duo mobile processor', 0x2a: 'Intel Core Solo mobile processor',
  0x2b: 'Intel Atom processor', 0x2c: 'Intel Core M processor', 0x2d: 'Intel Core m3 processor',
  0x2e: 'Intel Core m5 processor', 0x2f: 'Intel Core m7 processor',
  0x38: 'AMD Turion II Ultra Dual-Core Mobile M Processor Family', 0x39: 'AMD Turion II Dual-Core Mobile M Processor Family',
  0x3a: 'AMD Athlon II Dual-Core M Processor Family', 0x3b: 'AMD Opteron 6100 Series Processor',
  0x3c: 'AMD Opteron 4100 Series Processor', 0x3d: 'AMD Opteron 6200 Series Processor',
  0x3e: 'AMD Opteron 4200 Series Processor', 0x3f: 'AMD FX Series Processor',
  0x46: 'AMD C-Series Processor', 0x47: 'AMD E-Series Processor', 0x48: 'AMD A-Series Processor',
  0x49: 'AMD G-Series Processor', 0x4a: 'AMD Z-Series Processor', 0x4b: 'AMD R-Series Processor',
  0x4c: 'AMD Opteron 4300 Series Processor', 0x4d: 'AMD Opteron 6300 Series Processor',
  0x4e: 'AMD Opteron 3300 Series Processor', 0x4f: 'AMD FirePro Series Processor',
  0x66: 'AMD Athlon X4 Quad-Core Processor Family', 0x67: 'AMD Opteron X1000 Series Processor',
  0x68: 'AMD Opteron X2000 Series APU', 0x69: 'AMD Opteron A-Series Processor', 0x6a: 'AMD Opteron X3000 Series APU',
  0x6b: 'AMD Zen Processor Family',
  0x82: 'Itanium processor', 0x83: 'AMD Athlon 64 Processor Family', 0x84: 'AMD Opteron Processor Family',
  0x85: 'AMD Sempron Processor Family', 0x86: 'AMD Turion 64 Mobile Technology',
  0x87: 'Dual-Core AMD Opteron Processor Family', 0x88: 'AMD Athlon 64 X2 Dual-Core Processor Family',
  0x89: 'AMD Turion 64 X2 Mobile Technology', 0x8a: 'Quad-Core AMD Opteron Processor Family',
  0x8b: 'Third-Generation AMD Opteron Processor Family', 0x8c: 'AMD Phenom FX Quad-Core Processor Family',
  0x8d: 'AMD Phenom X4 Quad-Core Processor Family', 0x8e: 'AMD Phenom X2 Dual-Core Processor Family',
  0x8f: 'AMD Athlon X2 Dual-Core Processor Family',
  0xa1: 'Quad-Core Intel Xeon processor 3200 Series', 0xa2: 'Dual-Core Intel Xeon processor 3000 Series',
  0xa3: 'Quad-Core Intel Xeon processor 5300 Series', 0xa4: 'Dual-Core Intel Xeon processor 5100 Series',
  0xa5: 'Dual-Core Intel Xeon processor 5000 Series', 0xa6: 'Dual-Core Intel Xeon processor LV',
  0xa7: 'Dual-Core Intel Xeon processor ULV', 0xa8: 'Dual-Core Intel Xeon processor 7100 Series',
  0xa9: 'Quad-Core Intel Xeon processor 5400 Series', 0xaa: 'Quad-Core Intel Xeon processor',
  0xab: 'Dual-Core Intel Xeon processor 5200 Series', 0xac: 'Dual-Core Intel Xeon processor 7200 Series',
  0xad: 'Quad-Core Intel Xeon processor 7300 Series', 0xae: 'Quad-Core Intel Xeon processor 7400 Series',
  0xaf: 'Multi-Core Intel Xeon processor 7400 Series', 0xb0: 'Pentium III Xeon processor',
  0xb1: 'Pentium III Processor with Intel SpeedStep Technology', 0xb2: 'Pentium 4 Processor',
  0xb3: 'Intel Xeon processor', 0xb5: 'Intel Xeon processor MP', 0xb6: 'AMD Athlon XP Processor Family',
  0xb7: 'AMD Athlon MP Processor Family', 0xb8: 'Intel Itanium 2 processor', 0xb9: 'Intel Pentium M processor',
  0xba: 'Intel Celeron D processor', 0xbb: 'Intel Pentium D processor', 0xbc: 'Intel Pentium Processor Extreme Edition',
  0xbd: 'Intel Core Solo Processor', 0xbf: 'Intel Core 2 Duo Processor', 0xc0: 'Intel Core 2 Solo processor',
  0xc1: 'Intel Core 2 Extreme processor', 0xc2: 'Intel Core 2 Quad processor', 0xc3: 'Intel Core 2 Extreme mobile processor',
  0xc4: 'Intel Core 2 Duo mobile processor', 0xc5: 'Intel Core 2 Solo mobile processor', 0xc6: 'Intel Core i7 processor',
  0xc7: 'Dual-Core Intel Celeron processor', 0xcd: 'Intel Core i5 processor', 0xce: 'Intel Core i3 processor',
  0xcf: 'Intel Core i9 processor',
  0xd2: 'VIA C7-M Processor Family', 0xd3: 'VIA C7-D Processor Family', 0xd4: 'VIA C7 Processor Family',
  0xd5: 'VIA Eden Processor Family', 0xd6: 'Multi-Core Intel Xeon processor',
  0xd7: 'Dual-Core Intel Xeon processor 3xxx Series', 0xd8: 'Quad-Core Intel Xeon processor 3xxx Series',
  0xd9: 'VIA Nano Processor Family', 0xda: 'Dual-Core Intel Xeon processor 5xxx Series',
  0xdb: 'Quad-Core Intel Xeon processor 5xxx Series', 0xdd: 'Dual-Core Intel Xeon processor 7xxx Series',
  0xde: 'Quad-Core Intel Xeon processor 7xxx Series', 0xdf: 'Multi-Core Intel Xeon processor 7xxx Series',
  0xe0: 'Multi-Core Intel Xeon processor 3400 Series',
  0xe4: 'AMD Opteron 3000 Series Processor', 0xe5: 'AMD Sempron II Processor',
  0xe6: 'Embedded AMD Opteron Quad-Core Processor Family', 0xe7: 'AMD Phenom Triple-Core Processor Family',
  0xe8: 'AMD Turion Ultra Dual-Core Mobile Processor Family', 0xe9: 'AMD Turion Dual-Core Mobile Processor Family',
  0xea: 'AMD Athlon Dual-Core Processor Family', 0xeb: 'AMD Sempron SI Processor Family',
  0xec: 'AMD Phenom II Processor Family', 0xed: 'AMD Athlon II Processor Family',
  0xee: 'Six-Core AMD Opteron Processor Family', 0xef: 'AMD Sempron M Processor Family',
  0x100: 'ARMv7', 0x101: 'ARMv8', 0x118: 'ARM', 0x119: 'StrongARM',
  0x200: 'RISC-V RV32', 0x201: 'RISC-V RV64', 0x202: 'RISC-V RV128',
};

/** DSP0134 7.5.4: Voltage. Bit 7 set: bits 6:0 are ten times the voltage; clear: bits 0-2 flag the supported legacy voltages. */
function voltage(v: number): string {
  if (v & 0x80) return `${((v & 0x7f) / 10).toFixed(1)} V`;
  const legacy = ['5.0 V', '3.3 V', '2.9 V'].filter((_, i) => v & (1 << i));
  return legacy.length ? legacy.join(', ') : 'Unknown';
}

/** DSP0134 7.5 Status: bit 6 CPU socket populated, bits 2:0 CPU status. */
const CPU_STATUS: Names = {
  0: 'Unknown', 1: 'CPU Enabled', 2: 'CPU Disabled by User through BIOS Setup', 3: 'CPU Disabled by BIOS (POST Error)',
  4: 'CPU is Idle, waiting to be enabled', 5: 'Reserved', 6: 'Reserved', 7: 'Other',
};
const cpuStatus = (v: number): string => `${v & 0x40 ? 'CPU Socket Populated' : 'CPU Socket Unpopulated'}, ${CPU_STATUS[v & 7]}`;

/** DSP0134 Table 24: Processor Upgrade. */
const PROCESSOR_UPGRADES: Names = {
  0x01: 'Other', 0x02: 'Unknown', 0x03: 'Daughter Board', 0x04: 'ZIF Socket', 0x05: 'Replaceable Piggy Back',
  0x06: 'None', 0x07: 'LIF Socket', 0x08: 'Slot 1', 0x09: 'Slot 2', 0x0a: '370-pin socket', 0x0b: 'Slot A',
  0x0c: 'Slot M', 0x0d: 'Socket 423', 0x0e: 'Socket A (Socket 462)', 0x0f: 'Socket 478', 0x10: 'Socket 754',
  0x11: 'Socket 940', 0x12: 'Socket 939', 0x13: 'Socket mPGA604', 0x14: 'Socket LGA771', 0x15: 'Socket LGA775',
  0x16: 'Socket S1', 0x17: 'Socket AM2', 0x18: 'Socket F (1207)', 0x19: 'Socket LGA1366', 0x1a: 'Socket G34',
  0x1b: 'Socket AM3', 0x1c: 'Socket C32', 0x1d: 'Socket LGA1156', 0x1e: 'Socket LGA1567', 0x1f: 'Socket PGA988A',
  0x20: 'Socket BGA1288', 0x21: 'Socket rPGA988B', 0x22: 'Socket BGA1023', 0x23: 'Socket BGA1224',
  0x24: 'Socket LGA1155', 0x25: 'Socket LGA1356', 0x26: 'Socket LGA2011', 0x27: 'Socket FS1', 0x28: 'Socket FS2',
  0x29: 'Socket FM1', 0x2a: 'Socket FM2', 0x2b: 'Socket LGA2011-3', 0x2c: 'Socket LGA1356-3', 0x2d: 'Socket LGA1150',
  0x2e: 'Socket BGA1168', 0x2f: 'Socket BGA1234', 0x30: 'Socket BGA1364', 0x31: 'Socket AM4', 0x32: 'Socket LGA1151',
  0x33: 'Socket BGA1356', 0x34: 'Socket BGA1440', 0x35: 'Socket BGA1515', 0x36: 'Socket LGA3647-1', 0x37: 'Socket SP3',
  0x38: 'Socket SP3r2', 0x39: 'Socket LGA2066', 0x3a: 'Socket BGA1392', 0x3b: 'Socket BGA1510', 0x3c: 'Socket BGA1528',
  0x3d: 'Socket LGA4189', 0x3e: 'Socket LGA1200', 0x3f: 'Socket LGA4677', 0x40: 'Socket LGA1700',
  0x41: 'Socket BGA1744', 0x42: 'Socket BGA1781', 0x43: 'Socket BGA1211', 0x44: 'Socket BGA2422',
  0x45: 'Socket LGA1211', 0x46: 'Socket LGA2422', 0x47: 'Socket LGA5773', 0x48: 'Socket BGA5773',
  0x49: 'Socket AM5', 0x4a: 'Socket SP5', 0x4b: 'Socket SP6',
};

/** DSP0134 Table 27: Processor Characteristics. */
const PROCESSOR_CHARACTERISTICS: Names = {
  0: 'Reserved', 1: 'Unknown', 2: '64-bit Capable', 3: 'Multi-Core', 4: 'Hardware Thread', 5: 'Execute Protection',
  6: 'Enhanced Virtualization', 7: 'Power/Performance Control', 8: '128-bit Capable', 9: 'Arm64 SoC ID',
};

const mhz = (v: number): string => (v ? `${v} MHz` : 'Unknown');
/** L1/L2/L3 Cache Handle: FFFFh means no cache structure is provided (2.3+). */
const cacheHandle = (v: number): string => (v === 0xffff ? 'Not Provided' : handle(v));

function processorInformation(f: FieldList): void {
  const s = f.s;
  f.str('Socket Designation', 0x04);
  f.byte('Processor Type', 0x05, (v) => named(PROCESSOR_TYPES, v));
  f.byte('Processor Family', 0x06, (v) => {
    // FEh: the family is in Processor Family 2 (2.6+).
    const family2 = v === 0xfe ? smbiosWord(s, 0x28) : undefined;
    return family2 === undefined ? named(PROCESSOR_FAMILIES, v) : named(PROCESSOR_FAMILIES, family2);
  });
  f.str('Processor Manufacturer', 0x07);
  const id = smbiosBytes(s, 0x08, 8);
  if (id) f.add('Processor ID', Array.from(id, (b) => hex(b, 2)).join(' '));
  f.str('Processor Version', 0x10);
  f.byte('Voltage', 0x11, voltage);
  f.word('External Clock', 0x12, mhz);
  f.word('Max Speed', 0x14, mhz);
  f.word('Current Speed', 0x16, mhz);
  f.byte('Status', 0x18, cpuStatus);
  f.byte('Processor Upgrade', 0x19, (v) => named(PROCESSOR_UPGRADES, v));
  f.word('L1 Cache Handle', 0x1a, cacheHandle);
  f.word('L2 Cache Handle', 0x1c, cacheHandle);
  f.word('L3 Cache Handle', 0x1e, cacheHandle);
  f.str('Serial Number', 0x20);
  f.str('Asset Tag', 0x21);
  f.str('Part Number', 0x22);
  // Core Count, Core Enabled, Thread Count (2.5+): 0 unknown; FFh: the count is in the 3.0 WORD field.
  const count = (label: string, offset: number, offset2: number): void => f.byte(label, offset, (v) => {
    const wide = v === 0xff ? smbiosWord(s, offset2) : undefined;
    const n = wide ?? v;
    return n ? String(n) : 'Unknown';
  });
  count('Core Count', 0x23, 0x2a);
  count('Core Enabled', 0x24, 0x2c);
  count('Thread Count', 0x25, 0x2e);
  f.bits('Processor Characteristics', smbiosWord(s, 0x26), 16, (b) => PROCESSOR_CHARACTERISTICS[b] ?? 'Reserved');
  f.word('Thread Enabled', 0x30, (v) => (v ? String(v) : 'Unknown'));
}

// ---- Type 11: OEM Strings (DSP0134 7.12) ----

function oemStrings(f: FieldList): void {
  const count = smbiosByte(f.s, 0x04);
  for (let i = 1; count !== undefined && i <= count; i++) f.add(`String ${i}`, stringAt(f.s, i));
}

// ---- Type 16: Physical Memory Array (DSP0134 7.17) ----

/** DSP0134 Table 72: Memory Array Location. */
const ARRAY_LOCATIONS: Names = {
  0x01: 'Other', 0x02: 'Unknown', 0x03: 'System board or motherboard', 0x04: 'ISA add-on card',
  0x05: 'EISA add-on card', 0x06: 'PCI add-on card', 0x07: 'MCA add-on card', 0x08: 'PCMCIA add-on card',
  0x09: 'Proprietary add-on card', 0x0a: 'NuBus', 0xa0: 'PC-98/C20 add-on card', 0xa1: 'PC-98/C24 add-on card',
  0xa2: 'PC-98/E add-on card', 0xa3: 'PC-98/Local bus add-on card',
};

/** DSP0134 Table 73: Memory Array Use. */
const ARRAY_USES: Names = {
  1: 'Other', 2: 'Unknown', 3: 'System memory', 4: 'Video memory', 5: 'Flash memory', 6: 'Non-volatile RAM', 7: 'Cache memory',
};

/** DSP0134 Table 74: Memory Array Error Correction Types. */
const ERROR_CORRECTION: Names = {
  1: 'Other', 2: 'Unknown', 3: 'None', 4: 'Parity', 5: 'Single-bit ECC', 6: 'Multi-bit ECC', 7: 'CRC',
};

/** A size in KB, in the largest unit that holds it exactly. */
function sizeFromKb(kb: bigint): string {
  for (const [unit, shift] of [['TB', 30n], ['GB', 20n], ['MB', 10n]] as const) {
    if (kb && kb % (1n << shift) === 0n) return `${kb >> shift} ${unit}`;
  }
  return `${kb} KB`;
}

/** Memory Error Information Handle: FFFEh not provided, FFFFh no error detected. */
const errorHandle = (v: number): string => (v === 0xfffe ? 'Not Provided' : v === 0xffff ? 'No Error' : handle(v));

function physicalMemoryArray(f: FieldList): void {
  const s = f.s;
  f.byte('Location', 0x04, (v) => named(ARRAY_LOCATIONS, v));
  f.byte('Use', 0x05, (v) => named(ARRAY_USES, v));
  f.byte('Memory Error Correction', 0x06, (v) => named(ERROR_CORRECTION, v));
  const max = smbiosDword(s, 0x07);
  if (max !== undefined) {
    // 80000000h: the capacity (in bytes) is in Extended Maximum Capacity (2.7+); before 2.7 it meant 2 TB.
    const ext = max === 0x80000000 ? smbiosQword(s, 0x0f) : undefined;
    f.add('Maximum Capacity', ext === undefined ? sizeFromKb(BigInt(max))
      : ext % 1024n === 0n ? sizeFromKb(ext / 1024n) : `${ext} bytes`);
  }
  f.word('Memory Error Information Handle', 0x0b, errorHandle);
  f.word('Number of Memory Devices', 0x0d, String);
}

// ---- Type 17: Memory Device (DSP0134 7.18) ----

/** DSP0134 Table 76: Memory Device Form Factor. */
const FORM_FACTORS: Names = {
  0x01: 'Other', 0x02: 'Unknown', 0x03: 'SIMM', 0x04: 'SIP', 0x05: 'Chip', 0x06: 'DIP', 0x07: 'ZIP',
  0x08: 'Proprietary Card', 0x09: 'DIMM', 0x0a: 'TSOP', 0x0b: 'Row of chips', 0x0c: 'RIMM', 0x0d: 'SODIMM',
  0x0e: 'SRIMM', 0x0f: 'FB-DIMM', 0x10: 'Die',
};

/** DSP0134 Table 77: Memory Device Type. */
const MEMORY_TYPES: Names = {
  0x01: 'Other', 0x02: 'Unknown', 0x03: 'DRAM', 0x04: 'EDRAM', 0x05: 'VRAM', 0x06: 'SRAM', 0x07: 'RAM', 0x08: 'ROM',
  0x09: 'FLASH', 0x0a: 'EEPROM', 0x0b: 'FEPROM', 0x0c: 'EPROM', 0x0d: 'CDRAM', 0x0e: '3DRAM', 0x0f: 'SDRAM',
  0x10: 'SGRAM', 0x11: 'RDRAM', 0x12: 'DDR', 0x13: 'DDR2', 0x14: 'DDR2 FB-DIMM', 0x15: 'Reserved', 0x16: 'Reserved',
  0x17: 'Reserved', 0x18: 'DDR3', 0x19: 'FBD2', 0x1a: 'DDR4', 0x1b: 'LPDDR', 0x1c: 'LPDDR2', 0x1d: 'LPDDR3',
  0x1e: 'LPDDR4', 0x1f: 'Logical non-volatile device', 0x20: 'HBM', 0x21: 'HBM2', 0x22: 'DDR5', 0x23: 'LPDDR5',
  0x24: 'HBM3',
};

/** DSP0134 Table 78: Memory Device Type Detail. */
const TYPE_DETAIL: Names = {
  0: 'Reserved', 1: 'Other', 2: 'Unknown', 3: 'Fast-paged', 4: 'Static column', 5: 'Pseudo-static', 6: 'RAMBUS',
  7: 'Synchronous', 8: 'CMOS', 9: 'EDO', 10: 'Window DRAM', 11: 'Cache DRAM', 12: 'Non-volatile',
  13: 'Registered (Buffered)', 14: 'Unbuffered (Unregistered)', 15: 'LRDIMM',
};

/**
 * Size (DSP0134 7.18.5): 0 no device installed; FFFFh unknown; bit 15 set: the rest in KB, clear:
 * in MB; 7FFFh: 32 GB - 1 MB or more, the size (MB, bits 30:0) is in Extended Size (2.7+) —
 * before 2.7 it meant 32767 MB.
 */
export function memoryDeviceSize(size: number, extended: number | undefined): string {
  if (size === 0) return 'No Module Installed';
  if (size === 0xffff) return 'Unknown';
  if (size === 0x7fff && extended !== undefined) return `${extended & 0x7fffffff} MB`;
  return size & 0x8000 ? `${size & 0x7fff} KB` : `${size} MB`;
}

/** Speed (MT/s; MHz before 3.1): 0 unknown; FFFFh: the speed is in the 3.3 Extended Speed DWORD (bits 30:0). */
function memorySpeed(v: number, extended: number | undefined): string {
  if (v === 0) return 'Unknown';
  if (v === 0xffff && extended !== undefined) return `${extended & 0x7fffffff} MT/s`;
  return `${v} MT/s`;
}

const millivolts = (v: number): string => (v ? `${v} mV` : 'Unknown');
const width = (v: number): string => (v === 0xffff ? 'Unknown' : `${v} bits`);

function memoryDevice(f: FieldList): void {
  const s = f.s;
  f.word('Physical Memory Array Handle', 0x04, handle);
  f.word('Memory Error Information Handle', 0x06, errorHandle);
  f.word('Total Width', 0x08, width);
  f.word('Data Width', 0x0a, width);
  f.word('Size', 0x0c, (v) => memoryDeviceSize(v, smbiosDword(s, 0x1c)));
  f.byte('Form Factor', 0x0e, (v) => named(FORM_FACTORS, v));
  f.byte('Device Set', 0x0f, (v) => (v === 0 ? 'None' : v === 0xff ? 'Unknown' : String(v)));
  f.str('Device Locator', 0x10);
  f.str('Bank Locator', 0x11);
  f.byte('Memory Type', 0x12, (v) => named(MEMORY_TYPES, v));
  f.bits('Type Detail', smbiosWord(s, 0x13), 16, (b) => TYPE_DETAIL[b]!);
  f.word('Speed', 0x15, (v) => memorySpeed(v, smbiosDword(s, 0x54)));
  f.str('Manufacturer', 0x17);
  f.str('Serial Number', 0x18);
  f.str('Asset Tag', 0x19);
  f.str('Part Number', 0x1a);
  f.byte('Attributes', 0x1b, (v) => (v & 0x0f ? `Rank ${v & 0x0f}` : 'Rank unknown'));
  f.word('Configured Memory Speed', 0x20, (v) => memorySpeed(v, smbiosDword(s, 0x58)));
  f.word('Minimum Voltage', 0x22, millivolts);
  f.word('Maximum Voltage', 0x24, millivolts);
  f.word('Configured Voltage', 0x26, millivolts);
}

// ---- Type 19: Memory Array Mapped Address (DSP0134 7.20) ----

/**
 * Starting and Ending Address are in KB (the ending one names the range's last KB), printed here
 * as byte addresses; FFFFFFFFh in Starting Address: both are in the 2.7+ Extended Starting and
 * Ending Address fields, in bytes.
 */
function memoryArrayMappedAddress(f: FieldList): void {
  const s = f.s;
  const start = smbiosDword(s, 0x04);
  const end = smbiosDword(s, 0x08);
  const extStart = start === 0xffffffff ? smbiosQword(s, 0x0f) : undefined;
  const extEnd = start === 0xffffffff ? smbiosQword(s, 0x17) : undefined;
  if (extStart !== undefined && extEnd !== undefined) {
    f.add('Starting Address', `0x${hex(extStart)}`);
    f.add('Ending Address', `0x${hex(extEnd)}`);
  } else {
    if (start !== undefined) f.add('Starting Address', `0x${hex(BigInt(start) * 1024n)}`);
    if (end !== undefined) f.add('Ending Address', `0x${hex(BigInt(end) * 1024n + 1023n)}`);
  }
  f.word('Memory Array Handle', 0x0c, handle);
  f.byte('Partition Width', 0x0e, String);
}

const DECODERS: Readonly<Record<number, (f: FieldList) => void>> = {
  0: biosInformation,
  1: systemInformation,
  2: baseboardInformation,
  3: systemEnclosure,
  4: processorInformation,
  11: oemStrings,
  16: physicalMemoryArray,
  17: memoryDevice,
  19: memoryArrayMappedAddress,
};

/** The named fields of a structure, or undefined when its type is not decoded (Inactive, End-of-Table, others). */
export function smbiosFields(s: SmbiosStructure): SmbiosField[] | undefined {
  const decode = DECODERS[s.type];
  if (!decode) return undefined;
  const f = new FieldList(s);
  decode(f);
  return f.fields;
}
