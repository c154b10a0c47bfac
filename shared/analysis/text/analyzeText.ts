/**
 * The WinDbg-style `!analyze -v` text of a user-mode report: the same
 * section names and column layouts WinDbg prints (EXCEPTION_RECORD,
 * PROCESS_NAME, ERROR_CODE, STACK_TEXT, SYMBOL_NAME, MODULE_NAME,
 * IMAGE_NAME, FAILURE_BUCKET_ID), built only from the JSON document so the
 * CLI, the UI and a stored history row all print the same thing.
 */
import { baseName } from '../../formats/minidump/codeView';
import { padHex, parseHex, windbgPtr } from '../../hex';
import { lookupStatus } from '../catalog/ntstatus';
import type { AnalysisReport, ReportFrame, ReportModule } from '../report';
import { moduleNameOf } from '../culprit';
import { formatKernelReportText } from './kernelTextHook';

/** WinDbg's short words after ExceptionCode, for the codes it has them for. */
const SHORT_NAMES: Record<number, string> = {
  0xc0000005: 'Access violation',
  0x80000003: 'Break instruction exception',
  0x4000001f: 'Break instruction exception',
  0x80000004: 'Single step exception',
  0xc00000fd: 'Stack overflow',
  0xc0000409: 'Security check failure or stack buffer overrun',
  0xc0000374: 'Heap corruption',
  0xe06d7363: 'C++ EH exception',
  0xc0000094: 'Integer divide-by-zero',
  0xc000001d: 'Illegal instruction',
};

const ONE_SPACE = new Set(['MODULE_NAME', 'ERROR_CODE']);

const BANNER = [
  '*******************************************************************************',
  '*                                                                             *',
  '*                        Exception Analysis                                   *',
  '*                                                                             *',
  '*******************************************************************************',
];

/** Dispatches on the report's format: user dumps here, kernel dumps to H3's formatter. */
export function formatReportText(report: AnalysisReport): string {
  return report.format === 'kernel' ? formatKernelReportText(report) : formatUserText(report);
}

export function formatUserText(r: AnalysisReport): string {
  const is64 = r.system.cpuArch === 'amd64' || r.system.cpuArch === 'arm64';
  const ptr = (h: string | null): string => windbgPtr(parseHex(h ?? '0') ?? 0n, is64);
  const word = (h: string): string => padHex(parseHex(h) ?? 0n, is64 ? 16 : 8);
  const out: string[] = [];
  // WinDbg puts two spaces after most names and one after a few (as in its own output).
  const field = (name: string, value: string): void => {
    out.push(`${name}:${ONE_SPACE.has(name) ? ' ' : '  '}${value}`, '');
  };

  out.push(`Loading Dump File [${r.file.path ?? '(memory)'}]`);
  out.push('User Mini Dump File: Only registers, stack and portions of memory are available', '');
  out.push(systemLine(r));
  if (r.time) out.push(`Debug session time: ${r.time}`);
  if (r.process?.uptimeSeconds != null) out.push(`Process uptime: ${uptime(r.process.uptimeSeconds)}`);
  out.push('', ...BANNER, '');

  const c = r.crash;
  const code = c.code ? Number(parseHex(c.code) ?? 0n) : undefined;
  const status = code !== undefined ? lookupStatus(code) : undefined;
  if (r.file.path) field('FILE_IN_CAB', baseName(r.file.path));
  if (c.type === 'exception' && code !== undefined) {
    out.push('EXCEPTION_RECORD:  (.exr -1)');
    const thread = c.threadIndex !== null ? r.threads[c.threadIndex] : undefined;
    const at = thread?.frames[0]?.ip ?? null;
    out.push(`ExceptionAddress: ${ptr(at)}${at ? ` (${where(at, r.modules)})` : ''}`);
    out.push(`   ExceptionCode: ${padHex(code, 8)} (${SHORT_NAMES[code] ?? status?.name ?? 'Unknown exception'})`);
    out.push('  ExceptionFlags: 00000000');
    out.push(`NumberParameters: ${c.parameters.length}`);
    c.parameters.forEach((p, i) => out.push(`   Parameter[${i}]: ${word(p)}`));
    if (c.description) out.push(c.description);
    out.push('');
  }
  field('PROCESS_NAME', r.process?.name ?? 'Unknown');
  if (c.type === 'exception' && code !== undefined) {
    if (c.name?.startsWith('EXCEPTION_ACCESS_VIOLATION_') && c.address) {
      const kind = c.name.endsWith('WRITE') ? 'WRITE_ADDRESS' : c.name.endsWith('EXEC') ? 'EXECUTE_ADDRESS' : 'READ_ADDRESS';
      field(kind, ptr(c.address));
    }
    field('ERROR_CODE', `(NTSTATUS) 0x${padHex(code, 8)} - ${status?.description ?? `${c.name ?? 'unknown'}`}`);
    field('EXCEPTION_CODE_STR', padHex(code, 8));
    if (c.name && c.name !== status?.name) field('EXCEPTION_NAME', c.name);
    c.parameters.forEach((p, i) => field(`EXCEPTION_PARAMETER${i + 1}`, word(p)));
  } else {
    field('EXCEPTION_CODE_STR', 'none (the dump holds no exception record)');
  }
  if (c.threadId !== null) field('FAULTING_THREAD', padHex(c.threadId, 8));

  const threadIndex = c.threadIndex ?? (r.threads.length ? 0 : null);
  const frames = threadIndex !== null ? (r.threads[threadIndex]?.frames ?? []) : [];
  if (frames.some((f) => f.trust === 'scan')) {
    out.push('WARNING: Stack unwind information not available. Following frames may be wrong.');
  }
  out.push('STACK_TEXT:  ');
  out.push(is64 ? 'Child-SP          RetAddr               Call Site' : 'ChildEBP RetAddr  Call Site');
  frames.forEach((f, i) => {
    const ret = frames[i + 1]?.ip ?? '0x0';
    const base = is64 ? ptr(f.sp) : ptr(f.fp ?? f.sp);
    out.push(`${base} ${ptr(ret)}${is64 ? '     ' : ' '}${callSite(f)}`);
  });
  out.push('');

  const cul = r.culprit;
  if (cul?.symbol) field('SYMBOL_NAME', cul.symbol);
  field('MODULE_NAME', cul?.module ?? 'Unknown_Module');
  field('IMAGE_NAME', cul?.image ?? 'Unknown_Image');
  const img = cul?.image ? r.modules.find((m) => m.name === cul.image) : undefined;
  if (img?.version) field('IMAGE_VERSION', img.version);
  if (cul) field('BLAME_REASON', cul.reason);
  if (threadIndex !== null) field('STACK_COMMAND', `~${threadIndex}s ; .ecxr ; kb`);
  field('FAILURE_BUCKET_ID', r.bucket);
  field('OSPLATFORM_TYPE', r.system.cpuArch === 'amd64' ? 'x64' : r.system.cpuArch);
  if (r.system.osVersion) field('OS_VERSION', r.system.osVersion);
  out.push('Followup:     MachineOwner', '---------', '');

  out.push('LOADED_MODULES:');
  out.push(is64 ? 'start             end                 module name' : 'start    end        module name');
  for (const m of [...r.modules].sort((a, b) => cmpHex(a.base, b.base))) {
    const ver = m.version ? `  ${m.version}` : '';
    out.push(`${ptr(m.base)} ${ptr(m.end)}   ${moduleNameOf(m.name).padEnd(12)} ${m.name}${ver}${m.main ? '  (main)' : ''}`);
  }
  if (r.diagnostics.length) {
    out.push('', 'DUMP_DIAGNOSTICS:');
    for (const d of r.diagnostics) out.push(`  ${d.level}: ${d.code}: ${d.message}`);
  }
  return out.join('\n') + '\n';
}

function systemLine(r: AnalysisReport): string {
  const s = r.system;
  const cpus = s.cpuCount !== null ? `, ${s.cpuCount} processor${s.cpuCount === 1 ? '' : 's'}` : '';
  return `${s.os ?? 'Unknown OS'} ${s.osVersion ?? ''} (${s.cpuArch})${cpus}${s.cpuInfo ? `: ${s.cpuInfo}` : ''}`.replace(/ +\(/, ' (');
}

function uptime(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${d} days ${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** WinDbg's call-site column: module!function+0xoff, module+0xoff, or the bare address. */
function callSite(f: ReportFrame): string {
  if (!f.module) return f.ip;
  const mod = moduleNameOf(f.module);
  return f.function ? `${mod}!${f.function}+${f.functionOffset ?? '0x0'}` : `${mod}+${f.moduleOffset ?? '0x0'}`;
}

/** "crashme+0x0000a6cd" for an address inside a module, as .exr prints it. */
function where(address: string, modules: readonly ReportModule[]): string {
  const a = parseHex(address) ?? 0n;
  const m = modules.find((x) => a >= (parseHex(x.base) ?? 0n) && a < (parseHex(x.end) ?? 0n));
  return m ? `${moduleNameOf(m.name)}+0x${padHex(a - (parseHex(m.base) ?? 0n), 8)}` : address;
}

function cmpHex(a: string, b: string): number {
  const x = parseHex(a) ?? 0n;
  const y = parseHex(b) ?? 0n;
  return x < y ? -1 : x > y ? 1 : 0;
}
