import { defineCommand, type CommandDef } from '../command';
import { CommandError } from '../errors';
import { missingHint } from '../kernel/hints';
import { currentProcessorNumber } from '../kernel/processor';
import { findSmbiosCopy, type SmbiosCopy } from '../kernel/smbiosBlob';
import { smbiosFields, type SmbiosField } from '../kernel/smbiosFields';
import { parseSmbiosTable, smbiosByte, smbiosString, type SmbiosStructure } from '../kernel/smbiosTable';
import { MAX_PROCESSORS, processorCpu, processorIdentifier, type ProcessorCpu } from '../kernel/sysinfoCpu';
import { findCpuRegistryValues, formatRegistryValue } from '../kernel/sysinfoRegistry';
import { kernelTarget, type KernelTarget } from '../kernel/target';
import type { OutputBuilder } from '../output';
import { kernelNeeds, missingDataReason } from './kernel';

const SYNTAX = kernelNeeds('!sysinfo').syntax;

/** Lines of WinDbg's [CPU Information] block that come from the registry (HARDWARE hive), not the KPRCB: mssmbios.sys saves them in the secondary data when it can. */
const REGISTRY_ONLY = 'Component Information, Configuration Data, ProcessorNameString, Update Revision and MSR8B';

function cpuBlock(out: OutputBuilder, t: KernelTarget, c: ProcessorCpu): void {
  out.line('[CPU Information]');
  if (c.mhz !== undefined) out.line(`~MHz = REG_DWORD ${c.mhz}`);
  const id = processorIdentifier(c, t.is64);
  if (id) out.line(`Identifier = REG_SZ ${id}`);
  if (c.vendor) out.line(`VendorIdentifier = REG_SZ ${c.vendor}`);
  if (c.mhz === undefined && !id && !c.vendor) out.line('    (KDDEBUGGER_DATA64 gives no usable OffsetPrcbMhz, OffsetPrcbCpuType or OffsetPrcbVendorString for this KPRCB)');
  const where = c.prcb === undefined ? '' : ` at ${t.p(c.prcb)}`;
  out.line(`    (processor ${c.number}: from its KPRCB${where}; ${REGISTRY_ONLY} are registry values, which this dump does not carry)`);
}

/** The processors to describe: all the header counts, or in a small dump the one whose KPRCB it copies. */
function processors(t: KernelTarget): { list: number[]; count: number } {
  const count = Math.max(1, t.dump.header.numberProcessors);
  if (t.isSmallDump) return { list: [currentProcessorNumber(t)], count };
  return { list: Array.from({ length: Math.min(count, MAX_PROCESSORS) }, (_, i) => i), count };
}

/** "    (processor 1 KPRCB at …: ~2903 MHz, GenuineIntel, Intel64 Family 6 Model 158 Stepping 11)". */
function cpuSummary(t: KernelTarget, c: ProcessorCpu): string {
  const parts = [c.mhz === undefined ? undefined : `~${c.mhz} MHz`, c.vendor, processorIdentifier(c, t.is64)].filter(Boolean);
  return `    (processor ${c.number}${c.prcb === undefined ? '' : ` KPRCB at ${t.p(c.prcb)}`}: ${parts.length ? parts.join(', ') : 'no PRCB offsets in KDDEBUGGER_DATA64'})`;
}

function cpuinfo(out: OutputBuilder, t: KernelTarget): void {
  const { list, count } = processors(t);
  const cpus = list.map((n) => processorCpu(t, n));
  const shown = cpus.filter((c) => c.present);
  const registry = findCpuRegistryValues(t.dump);
  if (registry.ok && registry.values.length) {
    // WinDbg's lines: the CentralProcessor\0 registry values mssmbios.sys saved with the dump.
    out.line('[CPU Information]');
    for (const v of registry.values) out.line(`${v.name} = ${formatRegistryValue(v)}`);
    out.line(`    (registry values of CentralProcessor\\0 from the dump's bug-check secondary data (mssmbios.sys), file offset 0x${registry.fileOffset.toString(16)})`);
    for (const c of shown) out.line(cpuSummary(t, c));
  } else {
    if (!shown.length) throw new CommandError(`Unable to read the processor control blocks\n${missingHint(t, 'any KPRCB (KiProcessorBlock)')}`);
    shown.forEach((c, i) => {
      if (i) out.line();
      cpuBlock(out, t, c);
    });
  }
  const absent = cpus.filter((c) => !c.present).map((c) => c.number);
  if (absent.length) out.line(missingHint(t, `the KPRCB of processor(s) ${absent.join(', ')}`));
  if (t.isSmallDump && count > 1) out.line(`    (small memory dump: it copies only the bug-checking processor's KPRCB; the header counts ${count} processors)`);
  if (count > MAX_PROCESSORS) out.line(`    (the header counts ${count} processors: the first ${MAX_PROCESSORS} are shown)`);
}

function cpuspeed(out: OutputBuilder, t: KernelTarget): void {
  const c = processorCpu(t, currentProcessorNumber(t));
  if (!c.present) throw new CommandError(`Unable to read the processor control block\n${missingHint(t, `processor ${c.number}'s KPRCB`)}`);
  if (c.mhz === undefined) throw new CommandError(`Unable to get the processor speed\n    (processor ${c.number}'s KPRCB.MHz is 0 or KDDEBUGGER_DATA64 gives no OffsetPrcbMhz)`);
  out.line(`CurrentSpeed: ${c.mhz}`);
  out.line(`    (KPRCB.MHz of processor ${c.number}, measured at boot; MaxSpeed and the CPUID brand string need nt symbols (processor power state): not shown)`);
}

/** Why the SMBIOS copy is not there: no DumpBlob region, or no mssmbios block in it. */
function smbiosReason(t: KernelTarget, what: string, why: 'no-region' | 'no-block' | 'bad-block'): string {
  const head = `Unable to get the SMBIOS table for ${what}`;
  const detail = why === 'no-region'
    ? (t.isSmallDump || (t.dump.layout.type === 'runs' && !t.dump.layout.rdmp)
      ? '    (the dump has no bug-check secondary data (DumpBlob region) where Windows writes it'
      : '    (DumpDesk looks for the bug-check secondary data (DumpBlob region) in small and full run dumps only')
    : why === 'no-block'
      ? '    (the dump\'s bug-check secondary data has no SMBIOS block (tag mssmbios!SMBiosGuidSMBios)'
      : '    (the SMBIOS block of the bug-check secondary data is shorter than its RawSMBIOSData header';
  return `${head}\n${detail};\n     otherwise nt!WmipSMBiosTablePhysicalAddress locates the firmware table, which needs nt symbols)`;
}

function smbios(t: KernelTarget, what: string): { copy: SmbiosCopy; structures: SmbiosStructure[] } {
  const r = findSmbiosCopy(t.dump);
  if (!r.ok) throw new CommandError(smbiosReason(t, what, r.why));
  return { copy: r.copy, structures: parseSmbiosTable(r.copy.table) };
}

/**
 * `!sysinfo machineid`: "Machine ID Information [From Smbios 2.7, DMIVersion 0, Size=10220]" and
 * name = value lines from the BIOS (type 0), System (type 1) and Base Board (type 2) structures,
 * as real outputs show (Microsoft's 0x109 article with a VMware table; a Dell Precision 390 blog post);
 * fields without a value are left out. SystemFamily and SystemSKU (SMBIOS 2.4+) are placed after SystemProductName and
 * SystemVersion: no real output at hand shows both.
 */
function machineid(out: OutputBuilder, t: KernelTarget): void {
  const { copy, structures } = smbios(t, 'machineid');
  out.line(`Machine ID Information [From Smbios ${copy.major}.${copy.minor}, DMIVersion ${copy.dmiRevision}, Size=${copy.table.length}]`);
  const line = (name: string, value: string | number | undefined): void => {
    if (value !== undefined) out.line(`${name} = ${value}`);
  };
  const bios = structures.find((s) => s.type === 0);
  if (bios) {
    // Release bytes (SMBIOS 2.4+) are 0FFh when not supported: WinDbg leaves those out (a Dell
    // table of Length 24 shows no Firmware lines, a VMware one shows "FirmwareMajorRelease = 0").
    const release = (o: number): number | undefined => {
      const v = smbiosByte(bios, o);
      return v === 0xff ? undefined : v;
    };
    line('BiosMajorRelease', release(0x14));
    line('BiosMinorRelease', release(0x15));
    line('FirmwareMajorRelease', release(0x16));
    line('FirmwareMinorRelease', release(0x17));
    line('BiosVendor', smbiosString(bios, 0x04));
    line('BiosVersion', smbiosString(bios, 0x05));
    line('BiosReleaseDate', smbiosString(bios, 0x08));
  }
  const system = structures.find((s) => s.type === 1);
  if (system) {
    line('SystemManufacturer', smbiosString(system, 0x04));
    line('SystemProductName', smbiosString(system, 0x05));
    line('SystemFamily', smbiosString(system, 0x1a));
    line('SystemVersion', smbiosString(system, 0x06));
    line('SystemSKU', smbiosString(system, 0x19));
  }
  const board = structures.find((s) => s.type === 2);
  if (board) {
    line('BaseBoardManufacturer', smbiosString(board, 0x04));
    line('BaseBoardProduct', smbiosString(board, 0x05));
    line('BaseBoardVersion', smbiosString(board, 0x06));
  }
  out.line(`    (from the SMBIOS copy mssmbios.sys wrote into the dump's bug-check secondary data, file offset 0x${copy.fileOffset.toString(16)})`);
}

/** DSP0134 structure names for the types a PC table commonly holds. */
const TYPE_NAMES: Record<number, string> = {
  0: 'BIOS Information', 1: 'System Information', 2: 'Base Board Information', 3: 'System Enclosure',
  4: 'Processor Information', 7: 'Cache Information', 8: 'Port Connector Information', 9: 'System Slots',
  10: 'On Board Devices Information', 11: 'OEM Strings', 12: 'System Configuration Options',
  13: 'BIOS Language Information', 16: 'Physical Memory Array', 17: 'Memory Device',
  19: 'Memory Array Mapped Address', 20: 'Memory Device Mapped Address', 32: 'System Boot Information',
  41: 'Onboard Devices Extended Information', 126: 'Inactive', 127: 'End-of-Table',
};

/** WinDbg's field layout: two spaces, the name padded to column 30, the value; bits under it as "      07: - PCI Supported". */
function fieldLines(out: OutputBuilder, fields: readonly SmbiosField[]): void {
  for (const f of fields) {
    out.line(f.value === undefined ? `  ${f.label}` : `  ${f.label.padEnd(29)} ${f.value}`.trimEnd());
    for (const b of f.bits ?? []) out.line(`      ${String(b.bit).padStart(2, '0')}: - ${b.name}`);
  }
}

/**
 * `!sysinfo smbios`: the table's version and size, then each structure's header and its named
 * fields (shared/debugger/kernel/smbiosFields.ts); structures of other types, and inactive ones,
 * show their strings.
 */
function smbiosList(out: OutputBuilder, t: KernelTarget): void {
  const { copy, structures } = smbios(t, 'smbios');
  out.line(`[SMBIOS Data Tables v${copy.major}.${copy.minor}]`);
  out.line(`[DMI Version - ${copy.dmiRevision}]`);
  out.line(`[2.0 Calling Convention - ${copy.used20CallingMethod ? 'Yes' : 'No'}]`);
  out.line(`[Table Size - ${copy.table.length} bytes]`);
  const undecoded = new Set<string>();
  for (const s of structures) {
    out.line();
    const name = TYPE_NAMES[s.type] ?? (s.type >= 128 ? 'OEM-specific' : 'Structure');
    out.line(`[${name} (Type ${s.type}) - Length ${s.length} - Handle ${s.handle.toString(16).padStart(4, '0')}h]`);
    const fields = smbiosFields(s);
    if (fields) {
      fieldLines(out, fields);
    } else {
      s.strings.forEach((str, i) => out.line(`  String ${i + 1}: ${str}`));
      if (s.type !== 127) undecoded.add(`${name} (Type ${s.type})`);
    }
  }
  if (undecoded.size) out.line(`    (fields not decoded, strings shown: ${[...undecoded].join(', ')})`);
}

const sysinfo = defineCommand({
  name: '!sysinfo',
  family: 'Kernel',
  ...kernelNeeds('!sysinfo'),
  help: 'cpuinfo: the CentralProcessor\\0 registry values mssmbios.sys saves in the bug-check secondary data, as WinDbg\n'
    + 'prints them; without them, each processor\'s KPRCB (MHz, CpuType/CpuStep, VendorString through KDDEBUGGER_DATA64\'s\n'
    + 'offsets) as the [CPU Information] lines they come from (a small memory dump holds the bug-checking processor\'s only).\n'
    + 'cpuspeed: the bug-checking processor\'s KPRCB.MHz.\n'
    + 'machineid, smbios: the SMBIOS copy mssmbios.sys adds to the dump\'s bug-check secondary data (small dumps, full run dumps).',
  run({ session: s, out, args }) {
    if (s.dump.format === 'minidump') throw new CommandError(missingDataReason(s, '!sysinfo') ?? '!sysinfo is a kernel-mode extension');
    const t = kernelTarget(s, '!sysinfo');
    const sub = args.trim().split(/\s+/).filter(Boolean)[0]?.toLowerCase();
    switch (sub) {
      case 'cpuinfo': return cpuinfo(out, t);
      case 'cpuspeed': return cpuspeed(out, t);
      case 'machineid': return machineid(out, t);
      case 'smbios': return smbiosList(out, t);
      default: throw new CommandError(`Usage: ${SYNTAX}${sub ? `\n    (${sub}: not decoded by DumpDesk; cpumicrocode, gbl and registers need nt symbols or live MSRs)` : ''}`);
    }
  },
});

/** !sysinfo: processor information from the KPRCBs; SMBIOS answers why it is absent. */
export const sysinfoCommands: readonly CommandDef[] = [sysinfo];
