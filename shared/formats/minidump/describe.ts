import { isDumpDeskError } from '../../errors';
import { decodeContext } from './context/index';
import type { MinidumpDump } from './minidumpDump';
import { MEMORY_STATE, MEMORY_TYPE, protectName } from './memoryInfo';
import { streamTypeName } from './streamTypes';

/** One `name = value` line per field; numbers in hex like minidump_dump. */
function fields(obj: Record<string, unknown>, indent = '  '): string[] {
  const keys = Object.keys(obj).filter((k) => !k.startsWith('__'));
  const w = Math.max(0, ...keys.map((k) => k.length));
  return keys.map((k) => `${indent}${k.padEnd(w)} = ${value(obj[k])}`);
}

function value(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? `0x${v.toString(16)}` : String(v);
  if (typeof v === 'bigint') return `0x${v.toString(16)}`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Uint8Array) {
    const hex = Array.from(v.subarray(0, 32), (b) => b.toString(16).padStart(2, '0')).join('');
    return v.every((b) => b === 0) ? `(${v.length} zero bytes)` : `0x${hex}${v.length > 32 ? `… (${v.length} bytes)` : ''}`;
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '(invalid date)' : v.toISOString();
  if (v === undefined) return '(none)';
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `0x${x.toString(16)}` : x));
}

function time(t: number): string {
  return t ? `0x${t.toString(16)} ${new Date(t * 1000).toISOString().replace('T', ' ').replace('.000Z', '')}` : '0x0';
}

/**
 * Every stream of a minidump, decoded, in Breakpad minidump_dump's shape
 * (`dumpdesk info`): header, directory, then one section per stream. A
 * stream that cannot be decoded prints its error and the rest goes on;
 * `errors` counts them so the CLI can set its exit code.
 */
export function describeMinidump(dump: MinidumpDump): { text: string; errors: string[] } {
  const f = dump.file;
  const out: string[] = [];
  const errors: string[] = [];
  const section = (title: string, body: () => string[]): void => {
    out.push(title);
    try {
      out.push(...body());
    } catch (e) {
      if (!isDumpDeskError(e)) throw e;
      errors.push(e.message);
      out.push(`  error: ${e.message}`);
    }
    out.push('');
  };

  section('MINIDUMP_HEADER', () => [
    ...fields({ ...f.header, TimeDateStamp: undefined }).filter((l) => !l.includes('TimeDateStamp')),
    `  TimeDateStamp      = ${time(f.header.TimeDateStamp)}`,
  ]);
  section(`Stream directory (${f.directory.length} entries)`, () =>
    f.directory.map((d) => `  [${d.index}] ${streamTypeName(d.type).padEnd(22)} type 0x${d.type.toString(16).padStart(8, '0')}  size ${String(d.dataSize).padStart(8)}  rva 0x${d.rva.toString(16)}`));

  const arch = (): ReturnType<MinidumpDump['arch']> => dump.arch();
  const regsLine = (rva: number, size: number): string[] => {
    if (!size) return ['  (no context)'];
    const c = decodeContext(f.reader, rva, size, arch());
    const parts = c.order.map((n) => `${n}=${c.regs[n]!.toString(16)}`);
    const lines: string[] = [];
    for (let i = 0; i < parts.length; i += 6) lines.push('    ' + parts.slice(i, i + 6).join(' '));
    return [`  context (${c.arch}, ${size} bytes at 0x${rva.toString(16)}):`, ...lines];
  };

  if (dump.systemInfoStream()) {
    section('SystemInfo', () => {
      const s = dump.systemInfoStream()!;
      return [...fields(s.raw), `  (csd_version)          = ${value(s.csdVersion ?? '')}`, `  (os)                   = ${s.info.os} ${s.info.osVersion}`, `  (cpu)                  = ${s.info.cpuArch} ${s.info.cpuInfo ?? ''}`];
    });
  }
  if (dump.miscInfo()) {
    section('MiscInfo', () => {
      const { raw, ...decoded } = dump.miscInfo()!;
      void raw;
      return fields(decoded as Record<string, unknown>);
    });
  }
  section(`ThreadList (${dump.rawThreads().length} threads)`, () => {
    const names = dump.threadNames();
    return dump.rawThreads().flatMap((t, i) => [
      `thread[${i}]${names.get(t.ThreadId) ? ` "${names.get(t.ThreadId)}"` : ''}`,
      ...fields(t),
      ...regsLine(t.ContextRva, t.ContextDataSize),
    ]);
  });
  if (dump.threadInfos().length) {
    section(`ThreadInfoList (${dump.threadInfos().length} entries)`, () => dump.threadInfos().flatMap((t, i) => [`info[${i}]`, ...fields(t)]));
  }
  section(`ModuleList (${dump.decodedModules().length} modules)`, () =>
    dump.decodedModules().flatMap((m, i) => [
      `module[${i}]`,
      ...fields({ ...m.raw, VersionInfo: undefined }).filter((l) => !l.includes('VersionInfo')),
      ...fields(m.versionInfo, '    '),
      `  (code_file)        = ${value(m.module.path)}`,
      `  (code_identifier)  = ${value(m.module.codeId)}`,
      `  (cv_record)        = ${m.codeView ? `${m.codeView.kind} ${m.codeView.guid ?? ''} age ${m.codeView.age} ${JSON.stringify(m.codeView.pdbPath)}` : '(none)'}`,
      `  (debug_file)       = ${value(m.module.debugFile ?? '')}`,
      `  (debug_identifier) = ${value(m.module.debugId ?? '')}`,
      `  (version)          = ${value(m.module.version ?? '')}`,
    ]));
  if (dump.unloaded().length) {
    section(`UnloadedModuleList (${dump.unloaded().length} modules)`, () =>
      dump.unloaded().flatMap((u, i) => [`unloaded[${i}]`, ...fields(u.raw), `  (name)           = ${value(u.module.name)}`]));
  }
  section(`Memory (${dump.memoryRanges().length} ranges in MemoryList/Memory64List)`, () => {
    dump.memory.regions(); // builds the reader, which reports overlapping ranges as diagnostics
    return dump.memoryRanges().map((m, i) => `  region[${i}] 0x${m.start.toString(16)}+0x${m.size.toString(16)} at file offset 0x${m.rva.toString(16)}`);
  });
  const exc = dump.exceptionStream();
  if (exc) {
    section('Exception', () => [
      ...fields({ ...exc.raw, ExceptionInformation: undefined }).filter((l) => !l.includes('ExceptionInformation')),
      ...exc.parameters.map((p, i) => `  ExceptionInformation[${String(i).padStart(2)}] = 0x${p.toString(16)}`),
      ...regsLine(exc.raw.ContextRva, exc.raw.ContextDataSize),
    ]);
  }
  if (dump.memoryInfo().length) {
    section(`MemoryInfoList (${dump.memoryInfo().length} regions)`, () =>
      dump.memoryInfo().map((m) => `  0x${m.BaseAddress.toString(16).padStart(16, '0')} size 0x${m.RegionSize.toString(16)} ${MEMORY_STATE[m.State] ?? `state 0x${m.State.toString(16)}`} ${MEMORY_TYPE[m.Type] ?? ''} ${protectName(m.Protect)}`.trimEnd()));
  }
  if (dump.handles().length) {
    section(`HandleData (${dump.handles().length} handles)`, () =>
      dump.handles().map((h) => `  handle 0x${h.handle.toString(16)} ${h.typeName ?? '(no type)'} ${h.objectName ?? ''} access 0x${h.grantedAccess.toString(16)}`.trimEnd()));
  }
  const comments = dump.comments();
  if (comments.ansi !== undefined) section('CommentA', () => [`  ${JSON.stringify(comments.ansi)}`]);
  if (comments.wide !== undefined) section('CommentW', () => [`  ${JSON.stringify(comments.wide)}`]);
  if (dump.breakpadInfo()) section('BreakpadInfo', () => fields(dump.breakpadInfo()! as unknown as Record<string, unknown>));
  if (dump.crashpadInfo()) {
    section('CrashpadInfo', () => {
      const c = dump.crashpadInfo()!;
      return [
        `  version   = ${c.version}`, `  report_id = ${c.reportId}`, `  client_id = ${c.clientId}`,
        ...Object.entries(c.annotations).map(([k, v]) => `  simple_annotations[${JSON.stringify(k)}] = ${v}`),
        ...c.modules.flatMap((m, i) => [
          ...m.listAnnotations.map((a, j) => `  module_list[${i}] (module ${m.moduleIndex}).list_annotations[${j}] = ${a}`),
          ...Object.entries(m.annotations).map(([k, v]) => `  module_list[${i}] (module ${m.moduleIndex}).simple_annotations[${JSON.stringify(k)}] = ${v}`),
          ...m.annotationObjects.map((a) => `  module_list[${i}] (module ${m.moduleIndex}).annotation_objects[${JSON.stringify(a.name)}] (type = ${a.type}) = ${a.value}`),
        ]),
      ];
    });
  }
  if (dump.diagnostics.length) {
    section(`Diagnostics (${dump.diagnostics.length})`, () => dump.diagnostics.map((d) => `  ${d.level} ${d.code}: ${d.message}`));
  }
  return { text: out.join('\n'), errors };
}
