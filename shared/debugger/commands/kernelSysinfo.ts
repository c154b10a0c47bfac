import { defineCommand, type CommandDef } from '../command';
import { CommandError } from '../errors';
import { missingHint } from '../kernel/hints';
import { currentProcessorNumber } from '../kernel/processor';
import { MAX_PROCESSORS, processorCpu, processorIdentifier, type ProcessorCpu } from '../kernel/sysinfoCpu';
import { kernelTarget, type KernelTarget } from '../kernel/target';
import type { OutputBuilder } from '../output';
import { kernelNeeds, missingDataReason } from './kernel';

const SYNTAX = '!sysinfo cpuinfo|cpuspeed|machineid|smbios';

/** Lines of WinDbg's [CPU Information] block that come from the registry's HARDWARE hive, not the KPRCB. */
const REGISTRY_ONLY = 'Component Information, Configuration Data, ProcessorNameString, Update Revision and MSR8B';

function cpuBlock(out: OutputBuilder, t: KernelTarget, c: ProcessorCpu): void {
  out.line('[CPU Information]');
  if (c.mhz !== undefined) out.line(`~MHz = REG_DWORD ${c.mhz}`);
  const id = processorIdentifier(c, t.is64);
  if (id) out.line(`Identifier = REG_SZ ${id}`);
  if (c.vendor) out.line(`VendorIdentifier = REG_SZ ${c.vendor}`);
  if (c.mhz === undefined && !id && !c.vendor) out.line('    (KDDEBUGGER_DATA64 gives no usable OffsetPrcbMhz, OffsetPrcbCpuType or OffsetPrcbVendorString for this KPRCB)');
  const where = c.prcb === undefined ? '' : ` at ${t.p(c.prcb)}`;
  out.line(`    (processor ${c.number}: from its KPRCB${where}; ${REGISTRY_ONLY} are registry values (HARDWARE hive): not shown)`);
}

/** The processors to describe: all the header counts, or in a small dump the one whose KPRCB it copies. */
function processors(t: KernelTarget): { list: number[]; count: number } {
  const count = Math.max(1, t.dump.header.numberProcessors);
  if (t.isSmallDump) return { list: [currentProcessorNumber(t)], count };
  return { list: Array.from({ length: Math.min(count, MAX_PROCESSORS) }, (_, i) => i), count };
}

function cpuinfo(out: OutputBuilder, t: KernelTarget): void {
  const { list, count } = processors(t);
  const cpus = list.map((n) => processorCpu(t, n));
  const shown = cpus.filter((c) => c.present);
  if (!shown.length) throw new CommandError(`Unable to read the processor control blocks\n${missingHint(t, 'any KPRCB (KiProcessorBlock)')}`);
  shown.forEach((c, i) => {
    if (i) out.line();
    cpuBlock(out, t, c);
  });
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

/**
 * Why DumpDesk cannot show the SMBIOS table: the kernel keeps its physical address in
 * nt!WmipSMBiosTablePhysicalAddress, a variable KDDEBUGGER_DATA64 has no field for (nt symbols
 * needed), and the table lies in firmware-reserved memory, which a complete dump does not include
 * (it holds the RAM Windows manages; reference §dump types). The corpus small dump carries no
 * SMBIOS data (no _SM_/_SM3_ anchor, no BIOS or manufacturer strings).
 */
function smbiosReason(t: KernelTarget, what: string): string {
  const head = `Unable to get the SMBIOS table for ${what}`;
  const why = '    (nt!WmipSMBiosTablePhysicalAddress locates it and needs nt symbols: KDDEBUGGER_DATA64 has no field for it;\n'
    + '     the table lies in firmware-reserved memory (entry point _SM_/_SM3_), outside the RAM a complete dump holds)';
  if (t.isSmallDump) return `${head}\n    (small memory dump: it does not hold the SMBIOS table)\n${why}`;
  return `${head}\n${why}`;
}

const sysinfo = defineCommand({
  name: '!sysinfo',
  family: 'Kernel',
  ...kernelNeeds('!sysinfo'),
  help: `Usage: ${SYNTAX}\n`
    + 'cpuinfo: each processor\'s KPRCB (MHz, CpuType/CpuStep, VendorString through KDDEBUGGER_DATA64\'s offsets), as the\n'
    + '[CPU Information] registry lines they come from; a small memory dump holds the bug-checking processor\'s only.\n'
    + 'cpuspeed: the bug-checking processor\'s KPRCB.MHz.\n'
    + 'machineid, smbios: need the SMBIOS table, located through nt symbols and kept in firmware memory: not decoded.',
  run({ session: s, out, args }) {
    if (s.dump.format === 'minidump') throw new CommandError(missingDataReason(s, '!sysinfo') ?? '!sysinfo is a kernel-mode extension');
    const t = kernelTarget(s, '!sysinfo');
    const sub = args.trim().split(/\s+/).filter(Boolean)[0]?.toLowerCase();
    switch (sub) {
      case 'cpuinfo': return cpuinfo(out, t);
      case 'cpuspeed': return cpuspeed(out, t);
      case 'machineid': throw new CommandError(smbiosReason(t, 'machineid'));
      case 'smbios': throw new CommandError(smbiosReason(t, 'smbios'));
      default: throw new CommandError(`Usage: ${SYNTAX}${sub ? `\n    (${sub}: not decoded by DumpDesk; cpumicrocode, gbl and registers need nt symbols or live MSRs)` : ''}`);
    }
  },
});

/** !sysinfo: processor information from the KPRCBs; SMBIOS answers why it is absent. */
export const sysinfoCommands: readonly CommandDef[] = [sysinfo];
