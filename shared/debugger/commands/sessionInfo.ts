import { defineCommand, helpText } from '../command';
import { CommandError } from '../errors';
import { ptr, windbgDate, windbgDuration } from '../format';
import { isKernelDump } from '../../formats/kernel/kernelDump';
import { MinidumpDump } from '../../formats/minidump/minidumpDump';
import { StreamType } from '../../formats/minidump/streamTypes';
import type { DebugSession } from '../session';
import { safe } from '../session';

/** WinDbg's product name for an NT version ("Windows 7", "Windows XP"). */
export function windowsName(major?: number, minor?: number, productType?: number): string {
  const server = productType !== undefined && productType !== 1;
  const v = `${major}.${minor}`;
  const names: Record<string, [string, string]> = {
    '5.0': ['Windows 2000', 'Windows 2000'],
    '5.1': ['Windows XP', 'Windows XP'],
    '5.2': ['Windows Server 2003', 'Windows Server 2003'],
    '6.0': ['Windows Vista', 'Windows Server 2008'],
    '6.1': ['Windows 7', 'Windows Server 2008 R2'],
    '6.2': ['Windows 8', 'Windows Server 2012'],
    '6.3': ['Windows 8.1', 'Windows Server 2012 R2'],
    '10.0': ['Windows 10', 'Windows Server'],
  };
  const n = names[v];
  return n ? n[server ? 1 : 0] : `Windows ${v}`;
}

const SUITES: [number, string][] = [
  [0x1, 'SmallBusiness'], [0x2, 'Enterprise'], [0x4, 'BackOffice'], [0x8, 'CommunicationServer'],
  [0x10, 'TerminalServer'], [0x20, 'SmallBusinessRestricted'], [0x40, 'EmbeddedNT'], [0x80, 'DataCenter'],
  [0x100, 'SingleUserTS'], [0x200, 'Personal'], [0x400, 'Blade'], [0x800, 'EmbeddedRestricted'],
  [0x1000, 'SecurityAppliance'], [0x2000, 'StorageServer'], [0x4000, 'ComputeServer'], [0x8000, 'WHServer'],
];

const ARCH_TEXT: Record<string, string> = { x86: 'x86 compatible', amd64: 'x64', arm64: 'ARM 64-bit (AArch64)', arm: 'ARM (Thumb-2)' };

/** "Debug session time: …", uptime and process times: shared by `vertarget` and `.time`. */
function timeLines(s: DebugSession): string[] {
  const d = s.dump;
  const when = d.timestamp();
  const proc = safe(() => d.process(), undefined);
  const misc = d instanceof MinidumpDump ? d.miscInfo() : undefined;
  const up = isKernelDump(d) ? safe(() => d.systemUptimeSeconds(), undefined) : undefined;
  const lines = [
    `Debug session time: ${when ? `${windbgDate(when, true)} (UTC + 0:00)` : 'not available'}`,
    `System Uptime: ${up !== undefined ? windbgDuration(up * 1000) : 'not available'}`,
  ];
  if (d.format === 'minidump') {
    lines.push(`Process Uptime: ${proc?.uptimeSeconds !== undefined ? windbgDuration(proc.uptimeSeconds * 1000) : 'not available'}`);
    if (misc?.processKernelTimeSeconds !== undefined) {
      lines.push(`  Kernel time: ${windbgDuration(misc.processKernelTimeSeconds * 1000)}`);
      lines.push(`  User time: ${windbgDuration((misc.processUserTimeSeconds ?? 0) * 1000)}`);
    }
  }
  return lines;
}

/** The dump kind as `||` names it. */
function dumpKindText(s: DebugSession): string {
  const d = s.dump;
  if (d instanceof MinidumpDump) return d.file.stream(StreamType.Memory64List) ? 'Full memory user mini dump' : 'User mini dump';
  switch (d.kind) {
    case 'kernel-small': return 'Mini kernel dump';
    case 'kernel-complete': return 'Full kernel dump';
    case 'kernel-kernel': return 'Kernel summary dump';
    case 'kernel-bitmap': return 'Kernel bitmap dump';
    case 'kernel-active': return 'Active kernel dump';
    case 'kernel-live': return 'Live kernel dump';
    default: return 'Dump';
  }
}

export const vertarget = defineCommand({
  name: 'vertarget',
  family: 'Session',
  syntax: 'vertarget',
  summary: 'show the target computer: Windows version, processors, dump time and uptime',
  help: 'Prints the OS name, build and service pack, processor count and architecture,\nthe product type and suite, then the debug session time and uptimes.',
  run({ session: s, out }) {
    const sys = s.dump.system();
    // Crashpad writes the build revision ("8246") as the CSD string; WinDbg names only service packs here.
    const csd = sys.csdVersion && /service pack/i.test(sys.csdVersion) ? ` (${sys.csdVersion})` : '';
    const kernel = s.dump.format === 'kernel';
    // Vista+ kernels are all multiprocessor builds, so WinDbg says "MP (1 procs)" there.
    const mp = sys.cpuCount > 1 || (kernel && (sys.buildNumber ?? 0) >= 6000);
    const procs = mp ? `MP (${sys.cpuCount} procs)` : 'UP';
    out.line(`${windowsName(sys.majorVersion, sys.minorVersion, sys.productType)}${kernel ? ' Kernel' : ''} Version ${sys.buildNumber ?? '?'}${csd} ${procs} Free ${ARCH_TEXT[sys.cpuArch] ?? sys.cpuArch}`);
    const product = sys.productType === 2 ? 'LanManNt' : sys.productType === 3 ? 'ServerNt' : 'WinNt';
    const suiteMask = s.dump instanceof MinidumpDump ? s.dump.systemInfoStream()?.raw.SuiteMask : undefined;
    const suites = suiteMask === undefined ? [] : SUITES.filter(([bit]) => suiteMask & bit).map(([, n]) => n);
    out.line(`Product: ${product}${suites.length ? `, suite: ${suites.join(' ')}` : ''}`);
    const misc = s.dump instanceof MinidumpDump ? s.dump.miscInfo() : undefined;
    if (misc?.buildString) out.line(`Edition build lab: ${misc.buildString}`);
    out.line('Machine Name:');
    const d = s.dump;
    if (isKernelDump(d)) {
      const kdbg = safe(() => d.debuggerData(), undefined);
      const base = kdbg?.kernBase || s.modules().find((m) => m.name === 'nt')?.start;
      const list = kdbg?.psLoadedModuleList || d.header.psLoadedModuleList;
      if (base) out.line(`Kernel base = 0x${ptr(base, s.is64)} PsLoadedModuleList = 0x${ptr(list, s.is64)}`);
    }
    out.lines(timeLines(s));
  },
});

export const time = defineCommand({
  name: '.time',
  family: 'Session',
  syntax: '.time',
  summary: 'show the debug session time and system/process uptime',
  help: 'Times are in UTC: DumpDesk does not shift them to this computer\'s time zone.',
  run({ session, out }) {
    out.lines(timeLines(session));
  },
});

export const systems = defineCommand({
  name: '||',
  family: 'Session',
  syntax: '||',
  summary: 'show the target (system) being debugged',
  help: 'One line: the target number, the dump kind and the dump file.',
  run({ session: s, out }) {
    out.line(`.  0 ${dumpKindText(s)}: ${s.path ?? '(memory)'}`);
  },
});

export const processes = defineCommand({
  name: '|',
  family: 'Session',
  syntax: '|',
  summary: 'show the process being debugged',
  help: 'User dumps hold one process: its id and main image.',
  run({ session: s, out }) {
    const p = s.dump.process();
    const main = s.modules().find((m) => m.module.main)?.module;
    if (s.dump.format !== 'minidump') throw new CommandError('Kernel dump: there is no user process; use !process 0 0 for the process list');
    out.text('.  0\tid: ').text((p?.id ?? 0).toString(16)).text('\texamine\tname: ').link(main?.path ?? p?.name ?? '?', 'module', main?.name ?? '').line();
  },
});

/** WinDbg's event words for common exception codes (as `.lastevent` prints them). */
const EVENT_NAMES: Record<number, string> = {
  0xc0000005: 'Access violation',
  0x80000003: 'Break instruction exception',
  0x4000001f: 'WOW64 breakpoint',
  0x80000004: 'Single step exception',
  0xc00000fd: 'Stack overflow',
  0xc0000409: 'Security check failure or stack buffer overrun',
  0xe06d7363: 'C++ EH exception',
  0xc000001d: 'Illegal instruction',
  0xc0000094: 'Integer divide-by-zero',
  0xc0000095: 'Integer overflow',
  0xc0000374: 'Unknown exception',
  0xc0000006: 'In-page I/O error',
  0xc000000d: 'Unknown exception',
  0x80000001: 'Guard page violation',
};

export const lastevent = defineCommand({
  name: '.lastevent',
  family: 'Session',
  syntax: '.lastevent',
  summary: 'show the event that stopped the target (the exception or bugcheck)',
  help: 'For a user dump, process id.thread id and the exception; for a kernel dump, the bugcheck.',
  run({ session: s, out }) {
    const b = s.dump.bugcheck();
    if (b) {
      out.line(`Last event: Kernel bugcheck ${b.code.toString(16).padStart(8, '0')}`);
      return;
    }
    const e = s.dump.exception();
    if (!e) {
      out.line('Last event: none recorded (the dump has no exception stream)');
      return;
    }
    const pid = (s.dump.process()?.id ?? 0).toString(16);
    const tid = (e.threadId ?? 0).toString(16);
    const name = EVENT_NAMES[e.code] ?? 'Unknown exception';
    out.text('Last event: ').link(`${pid}.${tid}`, 'thread', `~~[${tid}]s`).line(`: ${name} - code ${e.code.toString(16).padStart(8, '0')} (first/second chance not available)`);
  },
});

export const help = defineCommand({
  name: '.help',
  family: 'Session',
  syntax: '.help [Command]',
  summary: 'list the commands, or show one command\'s help',
  help: 'Every command also answers `CMD -?` with its help.',
  run({ registry, args, out }) {
    const name = args.trim();
    if (name) {
      const def = registry.get(name) ?? registry.resolve(name);
      const d = def && 'def' in def ? def.def : def && 'name' in def ? def : undefined;
      if (!d) throw new CommandError(`No help for '${name}': not a command`);
      out.lines(helpText(d));
      return;
    }
    const families = new Map<string, typeof registry.commands[number][]>();
    for (const c of registry.commands) families.set(c.family, [...(families.get(c.family) ?? []), c]);
    for (const [family, cmds] of families) {
      out.line(`${family}:`);
      for (const c of cmds) out.text('  ').link(c.syntax.padEnd(40), 'command', `${c.name} -?`).line(` ${c.summary}`);
      out.line();
    }
    out.line('Type CMD -? for the help of one command.');
  },
});

export const cls = defineCommand({
  name: '.cls',
  family: 'Session',
  syntax: '.cls',
  summary: 'clear the console',
  help: 'In the CLI console, clears the screen. Prints nothing.',
  run() {
    // The console front ends act on the command name.
  },
});

export const sympath = defineCommand({
  name: '.sympath',
  family: 'Session',
  syntax: '.sympath',
  summary: 'show where symbols come from',
  help: 'DumpDesk reads Breakpad .sym files and PDBs from the configured symbol paths.',
  run({ session, out }) {
    out.line(`Symbol search path is: ${session.symbols?.describe?.() ?? '<empty>'}`);
    if (!session.symbols) out.line('No symbols are loaded: stacks show module+offset.');
  },
});

export const reload = defineCommand({
  name: '.reload',
  family: 'Session',
  syntax: '.reload [/f]',
  summary: 'reload module information',
  help: 'Symbols are looked up on demand; .reload only re-reads the module list.',
  run({ session, out }) {
    out.line(session.dump.format === 'kernel' ? 'Loading Kernel Symbols' : 'Loading unloaded module list');
    out.line(`${session.modules().length} modules`);
  },
});

export const quit = defineCommand({
  name: 'q',
  aliases: ['qq', 'qd'],
  family: 'Session',
  syntax: 'q',
  summary: 'end the session (dumpdesk run stops reading commands, the console exits)',
  help: 'As in cdb -c "!analyze -v; q": nothing after q runs.',
  run({ out }) {
    out.line('quit:');
  },
});
