// In-memory services for renderer tests, plugged into tests/helpers/fakeApi
// (the real contract dispatcher). Each keeps just enough state to answer the
// calls a page makes, so a test reads like the user's flow.
import type { AnalysisReport } from '../../../../shared/analysis/report';
import type { ApiServices, CommandOutput, DumpSessionInfo, JsonValue, SettingsSnapshot, VerifierPreset, WireRegChange, WireRegValue } from '../../../../shared/api';
import { ApiError } from '../../../../shared/api';
import { kernelReport, module } from '../../../helpers/reportFactory';

export function sessionInfo(path: string, sessionId = 's1'): DumpSessionInfo {
  return {
    sessionId, file: { path, name: path.split('/').pop()!, size: 1234 }, format: 'kernel', kind: 'kernel-small', is64: true,
    system: { os: 'Windows 10', osVersion: '10.0.19041', build: 19041, cpuArch: 'amd64', cpuCount: 4 }, time: null, diagnostics: [],
  };
}

/** A kernel report blaming acme.sys, with acme.sys and nt on the faulting stack and two drivers that are not. */
export function acmeReport(): AnalysisReport {
  const r = kernelReport(0xd1, 'acme.sys', [
    module('ntoskrnl.exe', { base: '0xfffff80000000000', end: '0xfffff80000100000', company: 'Microsoft Corporation', microsoft: true }),
    module('acme.sys', { base: '0xfffff80001000000', end: '0xfffff80001010000', version: '1.2.3.4', company: 'Acme Inc.', microsoft: false }),
    module('disk.sys', { base: '0xfffff80002000000', end: '0xfffff80002010000', company: 'Microsoft Corporation', microsoft: true }),
    module('beep.sys', { base: '0xfffff80003000000', end: '0xfffff80003010000', company: 'Microsoft Corporation', microsoft: true }),
  ]);
  r.crash.name = 'DRIVER_IRQL_NOT_LESS_OR_EQUAL';
  r.crash.threadIndex = 0;
  r.stackDrivers = ['acme.sys', 'ntoskrnl.exe'];
  r.threads = [{
    id: 0x1c4, index: 0, name: null, frames: [
      { index: 0, ip: '0xfffff80000012345', sp: '0xffff800012340000', module: 'ntoskrnl.exe', moduleOffset: '0x12345', function: 'KeBugCheckEx', functionOffset: '0x0', file: null, line: null, trust: 'context' },
      { index: 1, ip: '0xfffff80001000123', sp: '0xffff800012340040', module: 'acme.sys', moduleOffset: '0x123', function: null, functionOffset: null, file: null, line: null, trust: 'scan' },
    ],
  }];
  return r;
}

export interface FakeDump {
  service: Partial<ApiServices['dump']>;
  /** Every command line the engine was asked to run. */
  commands: string[];
  closed: string[];
}

/** One engine: opens any path under /dumps, answers commands by echoing, `.cls` clears, `bad` fails. */
export function fakeDumpService(report: AnalysisReport = acmeReport()): FakeDump {
  const commands: string[] = [];
  const closed: string[] = [];
  let next = 1;
  const service: Partial<ApiServices['dump']> = {
    open: (path) => {
      if (!path.startsWith('/dumps/')) throw new ApiError('NotFound', `${path} does not exist`);
      return sessionInfo(path, `s${next++}`);
    },
    analyze: () => report,
    close: (id) => void closed.push(id),
    cancel: () => undefined,
    runCommand: (_id, line): CommandOutput => {
      commands.push(line);
      if (line === '.cls') return { line, text: '', spans: [], clear: true };
      if (line === 'bad') throw new ApiError('BadArguments', "Couldn't resolve error at 'bad'");
      if (line === 'lm') {
        const text = 'fffff800`01000000 fffff800`01010000   acme';
        return { line, text, spans: [{ start: 0, length: 17, kind: 'address', command: 'u fffff800`01000000' }, { start: text.indexOf('acme'), length: 4, kind: 'module', command: 'lmv m acme' }] };
      }
      return { line, text: `output of ${line}`, spans: [] };
    },
    readMemory: (_id, address, length) => ({ address, hex: '41'.repeat(Math.min(length, 32)) }),
  };
  return { service, commands, closed };
}

const CRASH_CONTROL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl';
const DUMP_CODES: Record<string, number> = { none: 0, complete: 1, kernel: 2, small: 3, automatic: 7 };

export interface FakeSettings {
  service: Partial<ApiServices['settings']>;
  /** The registry value as the fake "machine" holds it now. */
  crashDumpEnabled(): number;
}

/**
 * A registry of one value (CrashControl\CrashDumpEnabled) behind preview →
 * apply → undo, with the real contract's shapes: a preview id, a backup path
 * per apply, undo by change id.
 */
export function fakeSettingsService(initial = 7, writable = true): FakeSettings {
  let value = initial;
  const previews = new Map<string, number>();
  const applied = new Map<string, number>();
  let n = 0;
  const dword = (data: number): WireRegValue => ({ type: 'REG_DWORD', data });
  const snapshot = (): SettingsSnapshot => ({
    backend: 'reg-file', writable, readOnlyReason: writable ? null : 'started without --allow-settings',
    areas: { crashControl: { dumpType: Object.keys(DUMP_CODES).find((k) => DUMP_CODES[k] === value) ?? 'none', autoReboot: true, logEvent: true, overwrite: true } as JsonValue,
      pagefile: {},
      werLocalDumps: { global: { dumpFolder: '%LOCALAPPDATA%\\CrashDumps', dumpCount: 10 }, perApp: [] },
    },
  });
  const service: Partial<ApiServices['settings']> = {
    read: snapshot,
    preview: (area, model) => {
      const dumpType = (model as { dumpType?: string }).dumpType ?? 'none';
      const code = DUMP_CODES[dumpType];
      if (code === undefined) throw new ApiError('BadArguments', `unknown dump type ${dumpType}`);
      const previewId = `p${++n}`;
      previews.set(previewId, code);
      const changes: WireRegChange[] = code === value ? [] : [{ op: 'set', key: CRASH_CONTROL, name: 'CrashDumpEnabled', value: dword(code), before: dword(value) }];
      const warnings = dumpType === 'complete' ? ['The page file on C: is smaller than RAM + 257 MB: a complete dump would not fit.'] : [];
      return { previewId, changes, regText: `[${CRASH_CONTROL}]\n"CrashDumpEnabled"=dword:${code.toString(16).padStart(8, '0')}\n`, warnings };
    },
    apply: (previewId) => {
      const code = previews.get(previewId);
      if (code === undefined) throw new ApiError('NotFound', 'the preview expired');
      const changeId = `c${++n}`;
      applied.set(changeId, value);
      value = code;
      return { changeId, backupPath: `/backups/${changeId}.reg`, mismatches: [], rebootRequired: true };
    },
    undo: (changeId) => {
      const before = applied.get(changeId);
      if (before === undefined) throw new ApiError('NotFound', `no change ${changeId}`);
      value = before;
      applied.delete(changeId);
      return { changeId, backupPath: `/backups/undo-${changeId}.reg`, mismatches: [], rebootRequired: true };
    },
  };
  return { service, crashDumpEnabled: () => value };
}

export const PRESETS: VerifierPreset[] = [
  { id: 'standard', name: 'Standard settings', description: 'The checks Microsoft recommends.', flags: '0x209bb', warning: null },
  { id: 'classic', name: 'Classic (0x2026FBB)', description: 'The flags support engineers ask for.', flags: '0x2026fbb', warning: 'Can make a boot driver crash at every start.' },
  { id: 'reset', name: 'Turn off', description: 'Delete all Driver Verifier settings.', flags: '0x0', warning: null },
];

/** verifier.*: presets and command lines as text; `query` and `run` need Windows. */
export function fakeVerifierService(): Partial<ApiServices['verifier']> {
  return {
    presets: () => PRESETS,
    commandLine: (r) => {
      const argv = r.action === 'reset' ? ['/reset'] : ['/flags', PRESETS.find((p) => p.id === r.preset)?.flags ?? r.flags ?? '0x0', '/driver', ...r.drivers];
      return { argv, text: `verifier ${argv.join(' ')}`, rebootRequired: true };
    },
    query: () => {
      throw new ApiError('NotAvailable', 'verifier.exe runs only on Windows');
    },
  };
}
