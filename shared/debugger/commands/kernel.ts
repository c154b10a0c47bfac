import type { DebugSession } from '../session';

/**
 * What each kernel extension needs from the dump (its `.help` text), and the
 * answer when the dump cannot hold it: in a user dump, that it is a kernel
 * command; in a small (triage) dump, WinDbg's own message and which dump type
 * has the data. The decoders (kernelCommands.ts) ask `missingDataReason` first.
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
  { name: '!locks', syntax: '!locks [-v|-d] [Address]', summary: 'ERESOURCE locks held and waited on', inSmallDump: false, needs: 'the ERESOURCE list (ExpSystemResourcesList)' },
  { name: '!drvobj', syntax: '!drvobj Driver [Flags]', summary: 'a driver object and its devices', inSmallDump: false, needs: 'the object directory and DRIVER_OBJECTs' },
  { name: '!devobj', syntax: '!devobj Device', summary: 'a device object', inSmallDump: false, needs: 'DEVICE_OBJECTs in nonpaged pool' },
  { name: '!devstack', syntax: '!devstack Device', summary: 'the device stack of a device object', inSmallDump: false, needs: 'DEVICE_OBJECTs in nonpaged pool', windbg: 'Device object  not found' },
  { name: '!object', syntax: '!object Path|Address', summary: 'an object manager object', inSmallDump: false, needs: 'the object directory (ObpRootDirectoryObject)' },
  { name: '!pool', syntax: '!pool Address', summary: 'the pool page holding an address', inSmallDump: false, needs: 'pool pages' },
  { name: '!poolused', syntax: '!poolused [Flags [Tag]]', summary: 'pool usage by tag', inSmallDump: false, needs: 'the pool tracker table (PoolTrackTable)', windbg: 'Unable to get MiVisibleState' },
  { name: '!idt', syntax: '!idt [Vector] [-a]', summary: 'the interrupt descriptor table', inSmallDump: false, needs: 'the IDT pages' },
  { name: '!sysinfo', syntax: '!sysinfo cpuinfo|cpuspeed|machineid|smbios', summary: 'machine information (SMBIOS, CPU)', inSmallDump: true, needs: 'the SMBIOS copy and processor values saved in the bug-check secondary data, or the KPRCBs' },
  { name: '!verifier', syntax: '!verifier [Flags]', summary: 'Driver Verifier state and statistics', inSmallDump: false, needs: 'the verifier globals (MmVerifierData)', windbg: 'Unable to get verifier list.' }, // kernelVerifier.ts prefixes MmVerifierData's address, as WinDbg does
];

/** Names of every kernel extension the table describes (decoded or not), for `.help` and golden tests. */
export const kernelExtensionNames: readonly string[] = KERNEL_COMMANDS.map((c) => c.name);

/** The reason text for `name` (a command of the table above), or undefined when the dump may hold the data. */
export function missingDataReason(s: DebugSession, name: string): string | undefined {
  const c = KERNEL_COMMANDS.find((k) => k.name === name);
  if (!c) return undefined;
  if (s.dump.format === 'minidump') {
    return `${c.name} is a kernel-mode extension: this is a user-mode minidump. Use |, ~, lm and !peb for the process.`;
  }
  if (s.dump.kind === 'kernel-small' && !c.inSmallDump) {
    const why = `Small memory dump: it does not hold ${c.needs}; open the kernel or complete memory dump (MEMORY.DMP) for ${c.name}.`;
    return c.windbg ? `${c.windbg}\n${why}` : why;
  }
  return undefined;
}

/** The `.help` text of a table command, for its decoder's definition. */
export function kernelNeeds(name: string): { syntax: string; summary: string; help: string } {
  const c = KERNEL_COMMANDS.find((k) => k.name === name);
  if (!c) throw new Error(`no kernel command ${name}`);
  return { syntax: c.syntax, summary: c.summary, help: helpOf(c) };
}

function helpOf(c: KernelCommand): string {
  return `Needs ${c.needs}.${c.inSmallDump ? '' : ' A small memory dump (minidump) does not hold it.'}`;
}
