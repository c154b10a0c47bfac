/**
 * The kernel `!analyze -v` text, built only from the analysis document so the
 * CLI, the UI and a stored history row print the same thing. Section names,
 * order and spacing follow WinDbg's output (corpus:
 * expected/083125-14875-01.windbg.analyze-v-full.txt): the banner, NAME (code),
 * summary, Arguments with explanations, then BUGCHECK_CODE, BUGCHECK_P1..P4,
 * FILE_IN_CAB, PROCESS_NAME, STACK_TEXT, SYMBOL_NAME, MODULE_NAME, IMAGE_NAME,
 * FAILURE_BUCKET_ID, OSPLATFORM_TYPE, OSNAME.
 *
 * Differences from WinDbg, on purpose: STACK_TEXT has no "Args to Child"
 * column (the document keeps frames, not stack words), and frames without
 * symbols print as module+offset.
 */
import { baseName } from '../../formats/minidump/codeView';
import { padHex, parseHex, windbgPtr } from '../../hex';
import type { AnalysisReport, ReportFrame } from '../report';

const BANNER = [
  '*******************************************************************************',
  '*                                                                             *',
  '*                        Bugcheck Analysis                                    *',
  '*                                                                             *',
  '*******************************************************************************',
];

const PLATFORM: Record<string, string> = { amd64: 'x64', x86: 'x86', arm64: 'ARM64', arm: 'ARM' };

export function formatKernelText(r: AnalysisReport): string {
  const is64 = r.system.cpuArch === 'amd64' || r.system.cpuArch === 'arm64';
  const val = (h: string | null | undefined): bigint => parseHex(h ?? '0') ?? 0n;
  const out: string[] = [];
  const field = (name: string, value: string, sep = ':  '): void => {
    out.push(`${name}${sep}${value}`, '');
  };

  out.push(`Loading Dump File [${r.file.path ?? '(memory)'}]`);
  out.push(r.kind === 'kernel-small'
    ? 'Mini Kernel Dump File: Only registers and stack trace are available'
    : r.kind === 'kernel-complete' ? 'Kernel Complete Dump File: Full address space is available' : 'Kernel Bitmap Dump File: Kernel address space is available');
  out.push('');
  if (r.system.osVersion) out.push(`${r.system.os ?? 'Windows'} Kernel Version ${r.system.build ?? ''} MP (${r.system.cpuCount ?? '?'} procs) Free ${PLATFORM[r.system.cpuArch] ?? r.system.cpuArch}`);
  if (r.time) out.push(`Debug session time: ${r.time}`);
  out.push('', ...BANNER, '');

  const b = r.bugcheck;
  if (!b) {
    out.push('No bugcheck recorded in this dump.', '');
    return out.join('\n');
  }
  const code = val(b.code);
  out.push(`${b.name} (${code.toString(16)})`);
  if (b.description) out.push(b.description);
  out.push('Arguments:');
  b.parameters.forEach((p, i) => out.push(`Arg${i + 1}: ${padHex(val(p.value), is64 ? 16 : 8)}, ${p.meaning ?? ''}`));
  out.push('', 'Debugging Details:', '------------------', '');

  field('BUGCHECK_CODE', code.toString(16));
  b.parameters.forEach((p, i) => field(`BUGCHECK_P${i + 1}`, val(p.value).toString(16), ': '));
  if (r.file.path) field('FILE_IN_CAB', baseName(r.file.path));
  if (r.crash.description) field('BUGCHECK_DESCRIPTION', r.crash.description);
  field('PROCESS_NAME', r.process?.name ?? 'Unknown');

  const thread = r.crash.threadIndex !== null ? r.threads.find((t) => t.index === r.crash.threadIndex) : r.threads[0];
  const frames = thread?.frames ?? [];
  if (frames.length) {
    out.push('STACK_TEXT:  ');
    frames.forEach((f, i) => {
      const ret = frames[i + 1]?.ip ?? null;
      out.push(`${windbgPtr(val(f.sp), is64)} ${windbgPtr(val(ret), is64)}     : ${callSite(f, r)}`);
    });
    out.push('');
  }
  if (r.stackDrivers?.length) field('DRIVERS_FOUND_IN_STACK', r.stackDrivers.join(', '));
  const c = r.culprit;
  if (c) {
    if (c.symbol) field('SYMBOL_NAME', c.symbol);
    field('MODULE_NAME', c.module ?? 'Unknown', ': ');
    field('IMAGE_NAME', c.image ?? 'Unknown');
    field('CULPRIT_REASON', c.reason);
  }
  field('STACK_COMMAND', '.cxr; .ecxr ; kb');
  field('FAILURE_BUCKET_ID', r.bucket);
  field('OSPLATFORM_TYPE', PLATFORM[r.system.cpuArch] ?? r.system.cpuArch);
  if (r.system.os) field('OSNAME', r.system.os);
  out.push('Followup:     MachineOwner', '---------', '');
  return out.join('\n');
}

/** `nt!KiBugCheckDispatch+0x69`, or `nt+0x411aa9` without symbols, or the bare address outside modules. */
function callSite(f: ReportFrame, r: AnalysisReport): string {
  if (!f.module) return `0x${windbgPtr(parseHex(f.ip) ?? 0n, r.system.cpuArch === 'amd64' || r.system.cpuArch === 'arm64')}`;
  const mod = r.drivers?.some((d) => d.name === f.module && d.main) ? 'nt' : f.module.replace(/\.[^.]*$/, '');
  if (f.function) return `${mod}!${f.function}${f.functionOffset && f.functionOffset !== '0x0' ? `+${f.functionOffset}` : ''}`;
  return `${mod}+${f.moduleOffset ?? '0x0'}`;
}
