/**
 * WER LocalDumps: user-mode crash dumps Windows Error Reporting keeps on disk
 * (reference §1.5). HKLM only; off until the LocalDumps key exists; a
 * subkey named after a program (LocalDumps\app.exe) overrides the global
 * values for that program. Works even when reporting is disabled.
 */
import type { RegChange, RegEntry } from '../registry/types';
import { checkChanges } from './checkChanges';
import { canonicalKey, matchKey } from './keyPath';
import type { KeySpec } from './keySpec';
import { MINIDUMP_TYPE_FLAGS } from './minidumpType';
import type { SettingProblem } from './problem';
import { decodeFields, encodeFields, valuesOfKey, type FieldMap } from './registryValues';
import { dwordBits, dwordChoice, dwordNumber, pathValue } from './valueDef';

export const LOCAL_DUMPS_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting\\LocalDumps';

export type LocalDumpType = 'custom' | 'mini' | 'full';

/** The four values, globally or for one program; undefined = WER default. */
export interface LocalDumpsSettings {
  dumpFolder?: string;
  dumpCount?: number;
  dumpType?: LocalDumpType;
  /** MINIDUMP_TYPE bits, used only with dumpType 'custom'. */
  customDumpFlags?: number;
}

export interface LocalDumpsModel {
  /** undefined: no LocalDumps key, so WER keeps no dumps. */
  global?: LocalDumpsSettings;
  /** Per-program overrides (subkeys). Programs not listed are left as they are. */
  perApp: { exe: string; settings: LocalDumpsSettings }[];
}

export const LOCAL_DUMPS_FIELDS: FieldMap<LocalDumpsSettings> = {
  dumpFolder: pathValue({
    name: 'DumpFolder', type: 'REG_EXPAND_SZ', label: 'Dump folder',
    help: 'Where dumps are written. The crashing program must be allowed to write there; services write into their own profile folder.',
    whenAbsent: '%LOCALAPPDATA%\\CrashDumps',
  }),
  dumpCount: dwordNumber({
    name: 'DumpCount', min: 1, label: 'Dumps to keep',
    help: 'How many dumps to keep in the folder; the oldest is replaced after that.',
    whenAbsent: '10',
  }),
  dumpType: dwordChoice({
    name: 'DumpType', label: 'Dump type',
    help: 'Mini: stacks and modules, small. Full: all memory of the program, as large as its memory use. Custom: the bits in CustomDumpFlags.',
    whenAbsent: '1 (mini dump)',
    choices: [
      { code: 0, id: 'custom', meaning: 'custom dump (CustomDumpFlags)' },
      { code: 1, id: 'mini', meaning: 'mini dump' },
      { code: 2, id: 'full', meaning: 'full dump' },
    ],
  }),
  customDumpFlags: dwordBits({
    name: 'CustomDumpFlags', label: 'Custom dump contents',
    help: 'MINIDUMP_TYPE bits saying what a custom dump contains. Used only when DumpType = 0.',
    whenAbsent: '0x121 (MiniDumpWithDataSegs | MiniDumpWithUnloadedModules | MiniDumpWithProcessThreadData)',
    bits: MINIDUMP_TYPE_FLAGS,
    zero: 'MiniDumpNormal',
  }),
};

export const LOCAL_DUMPS_SPECS: readonly KeySpec[] = [
  { key: LOCAL_DUMPS_KEY, title: 'Application crash dumps (WER LocalDumps)', values: Object.values(LOCAL_DUMPS_FIELDS) },
  { key: `${LOCAL_DUMPS_KEY}\\*`, title: 'Application crash dumps for one program', values: Object.values(LOCAL_DUMPS_FIELDS) },
];

export function localDumpsFromRegistry(entries: readonly RegEntry[]): LocalDumpsModel {
  const global = valuesOfKey(entries, LOCAL_DUMPS_KEY);
  const apps = new Map<string, string>();
  for (const e of entries) {
    const m = matchKey(`${LOCAL_DUMPS_KEY}\\*`, e.key);
    if (m && !apps.has(m[0]!.toLowerCase())) apps.set(m[0]!.toLowerCase(), m[0]!);
  }
  const perApp = [...apps.values()].map((exe) => ({ exe, settings: decodeFields(valuesOfKey(entries, `${LOCAL_DUMPS_KEY}\\${exe}`), LOCAL_DUMPS_FIELDS) }));
  // Per-program subkeys live under LocalDumps, so their presence means the key exists.
  const enabled = global.size > 0 || perApp.length > 0;
  return { global: enabled ? decodeFields(global, LOCAL_DUMPS_FIELDS) : undefined, perApp };
}

/** Turning LocalDumps off deletes the key, per-program overrides included. */
export function localDumpsToRegistry(model: LocalDumpsModel): RegChange[] {
  if (!model.global) return [{ op: 'delete-key', key: LOCAL_DUMPS_KEY }];
  const changes = encodeFields(model.global, LOCAL_DUMPS_FIELDS, LOCAL_DUMPS_KEY);
  for (const app of model.perApp) changes.push(...encodeFields(app.settings, LOCAL_DUMPS_FIELDS, `${LOCAL_DUMPS_KEY}\\${app.exe}`));
  return changes;
}

/** Removes one program's override. */
export function removeLocalDumpsApp(exe: string): RegChange {
  return { op: 'delete-key', key: `${LOCAL_DUMPS_KEY}\\${exe}` };
}

export function validateLocalDumps(model: LocalDumpsModel): SettingProblem[] {
  const problems = checkChanges(localDumpsToRegistry(model), LOCAL_DUMPS_SPECS);
  if (!model.global && model.perApp.length) {
    problems.push({ key: LOCAL_DUMPS_KEY, name: '', message: 'LocalDumps: per-program settings live under the LocalDumps key; turning local dumps off removes them' });
  }
  const seen = new Set<string>();
  for (const { exe } of model.perApp) {
    const key = `${LOCAL_DUMPS_KEY}\\${exe}`;
    if (!/^[^\\/:*?"<>|]+\.exe$/i.test(exe)) problems.push({ key, name: '', message: `${exe}: a per-program key is named after the program file, like app.exe, without a folder` });
    if (seen.has(canonicalKey(key))) problems.push({ key, name: '', message: `${exe}: listed twice` });
    seen.add(canonicalKey(key));
  }
  return problems;
}
