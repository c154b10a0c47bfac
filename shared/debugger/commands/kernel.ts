import { defineCommand, type CommandDef } from '../command';
import { CommandError } from '../errors';
import type { DebugSession } from '../session';

/**
 * Kernel-mode commands. Their decoders come with the kernel reader (engineer
 * H3); until a command has one, it answers with the specific reason: in a
 * user dump, that it is a kernel command; in a small (triage) dump, whether
 * the data exists at all and which dump type would have it.
 */
interface KernelCommand {
  name: string;
  syntax: string;
  summary: string;
  /** True when even a small memory dump holds the data (current thread, PRCB). */
  inSmallDump: boolean;
  /** What WinDbg needs and a small dump lacks. */
  needs: string;
  /** WinDbg's own first line when a small dump lacks the data (083125-14875-01.windbg.*.txt). */
  windbg?: string;
}

const KERNEL_COMMANDS: KernelCommand[] = [
  { name: '!vm', syntax: '!vm [Flags]', summary: 'virtual memory usage', inSmallDump: false, needs: 'the memory manager globals and PFN database' },
  { name: '!memusage', syntax: '!memusage', summary: 'physical memory usage by the PFN database', inSmallDump: false, needs: 'the PFN database' },
  { name: '!locks', syntax: '!locks', summary: 'ERESOURCE locks held and waited on', inSmallDump: false, needs: 'the ERESOURCE list (ExpSystemResourcesList)' },
  { name: '!drvobj', syntax: '!drvobj Driver [Flags]', summary: 'a driver object and its devices', inSmallDump: false, needs: 'the object directory and DRIVER_OBJECTs' },
  { name: '!devobj', syntax: '!devobj Device', summary: 'a device object', inSmallDump: false, needs: 'DEVICE_OBJECTs in nonpaged pool' },
  { name: '!devstack', syntax: '!devstack Device', summary: 'the device stack of a device object', inSmallDump: false, needs: 'DEVICE_OBJECTs in nonpaged pool', windbg: 'Device object  not found' },
  { name: '!object', syntax: '!object Path|Address', summary: 'an object manager object', inSmallDump: false, needs: 'the object directory (ObpRootDirectoryObject)' },
  { name: '!pool', syntax: '!pool Address', summary: 'the pool page holding an address', inSmallDump: false, needs: 'pool pages' },
  { name: '!poolused', syntax: '!poolused [Flags]', summary: 'pool usage by tag', inSmallDump: false, needs: 'the pool tracker table (PoolTrackTable)', windbg: 'Unable to get MiVisibleState' },
  { name: '!idt', syntax: '!idt', summary: 'the interrupt descriptor table', inSmallDump: false, needs: 'the IDT pages' },
  { name: '!sysinfo', syntax: '!sysinfo [cpuinfo|machineid|smbios]', summary: 'machine information (SMBIOS, CPU)', inSmallDump: false, needs: 'the SMBIOS tables (in the kernel summary or complete dump)' },
  { name: '!verifier', syntax: '!verifier [Flags]', summary: 'Driver Verifier state and statistics', inSmallDump: false, needs: 'the verifier globals (MmVerifierData)', windbg: 'Unable to get verifier list.' },
];

function reason(s: DebugSession, c: KernelCommand): string {
  if (s.dump.format === 'minidump') {
    return `${c.name} is a kernel-mode extension: this is a user-mode minidump. Use |, ~, lm and !peb for the process.`;
  }
  if (s.dump.kind === 'kernel-small' && !c.inSmallDump) {
    const why = `Small memory dump: it does not hold ${c.needs}; open the kernel or complete memory dump (MEMORY.DMP) for ${c.name}.`;
    return c.windbg ? `${c.windbg}\n${why}` : why;
  }
  return `${c.name} is not implemented yet in DumpDesk's command engine (the dump may hold ${c.needs}).`;
}

export const kernelCommands: CommandDef[] = KERNEL_COMMANDS.map((c) => defineCommand({
  name: c.name,
  family: 'Kernel',
  syntax: c.syntax,
  summary: c.summary,
  help: `Needs ${c.needs}.${c.inSmallDump ? '' : ' A small memory dump (minidump) does not hold it.'}`,
  run({ session }) {
    throw new CommandError(reason(session, c));
  },
}));
