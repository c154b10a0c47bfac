/**
 * Postmortem debugger: which program Windows starts when a program crashes
 * (reference §1.3). One AeDebug key for native processes and one under
 * Wow6432Node for 32-bit processes on 64-bit Windows; each wants a debugger
 * of matching bitness.
 */
import type { RegChange, RegEntry } from '../registry/types';
import { checkChanges } from './checkChanges';
import { debuggerCommandProblem, debuggerProgram, debuggerSlots } from './debuggerCommand';
import type { KeySpec } from './keySpec';
import type { SettingProblem } from './problem';
import { decodeFields, encodeFields, valuesOfKey, type FieldMap } from './registryValues';
import { dwordNumber, dwordSwitch, stringSwitch, stringValue } from './valueDef';
import { matchKey } from './keyPath';

export const AEDEBUG_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\AeDebug';
export const AEDEBUG_WOW64_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows NT\\CurrentVersion\\AeDebug';
export const AUTO_EXCLUSION_LIST = 'AutoExclusionList';

/** One AeDebug key. */
export interface AeDebugKeyModel {
  /** Command line with %ld (process id), %ld (event handle), %p (JIT_DEBUG_INFO address). */
  debugger?: string;
  /** true: start the debugger at once; false: ask first. Stored as the string "1"/"0". */
  auto?: boolean;
  userDebuggerHotKey?: number;
  /**
   * Images never debugged automatically (AutoExclusionList subkey, Vista+),
   * e.g. DWM.exe. undefined leaves the subkey as it is; an empty list
   * removes the subkey (and so reads back as undefined).
   */
  autoExclusionList?: { image: string; excluded: boolean }[];
}

export interface AeDebugModel {
  native: AeDebugKeyModel;
  /** 32-bit processes on 64-bit Windows. */
  wow64: AeDebugKeyModel;
}

type AeDebugValues = Omit<AeDebugKeyModel, 'autoExclusionList'>;

export const AEDEBUG_FIELDS: FieldMap<AeDebugValues> = {
  debugger: stringValue({
    name: 'Debugger',
    label: 'Debugger command line',
    help: 'The program Windows starts when a program crashes. %ld becomes the process id, the second %ld an event handle the debugger signals to let the program go on, %p the address of the crash information (JIT_DEBUG_INFO).',
    whenAbsent: 'no postmortem debugger: Windows Error Reporting handles the crash',
    check: debuggerCommandProblem,
    meaning: (cmd) => {
      const slots = debuggerSlots(cmd);
      return `runs ${debuggerProgram(cmd)}${slots.length ? '; ' + slots.map((s) => `${s.spec} = ${s.meaning}`).join(', ') : ''}`;
    },
  }),
  auto: stringSwitch({
    name: 'Auto',
    label: 'Start without asking',
    help: 'When "1", Windows starts the debugger at once. When "0", it first asks whether to debug or close. Note: with "1" and a debugger set, WER LocalDumps writes no dump.',
    on: 'start the debugger without asking',
    off: 'ask before starting the debugger',
  }),
  userDebuggerHotKey: dwordNumber({
    name: 'UserDebuggerHotKey',
    min: 0,
    max: 0xff,
    label: 'Break-in hot key',
    help: 'Scan code of the key that breaks into an attached user-mode debugger; 0 means the default, F12.',
    whenAbsent: 'F12',
  }),
};

const EXCLUDED = dwordSwitch({
  name: '*',
  label: 'Excluded from automatic debugging',
  help: 'One value per program name: 1 means crashes of that program never start the debugger. DWM.exe is excluded by default to avoid a deadlock.',
  on: 'never debugged automatically',
  off: 'debugged like other programs',
});

export const AEDEBUG_SPECS: readonly KeySpec[] = [AEDEBUG_KEY, AEDEBUG_WOW64_KEY].flatMap((key) => [
  { key, title: key === AEDEBUG_KEY ? 'Postmortem debugger' : 'Postmortem debugger for 32-bit programs', values: Object.values(AEDEBUG_FIELDS) },
  { key: `${key}\\${AUTO_EXCLUSION_LIST}`, title: 'Programs excluded from postmortem debugging', values: [EXCLUDED] },
]);

function keyFromRegistry(entries: readonly RegEntry[], key: string): AeDebugKeyModel {
  const model: AeDebugKeyModel = decodeFields(valuesOfKey(entries, key), AEDEBUG_FIELDS);
  const listKey = `${key}\\${AUTO_EXCLUSION_LIST}`;
  const list = entries.filter((e) => matchKey(listKey, e.key) && e.value.type === 'REG_DWORD');
  const keyPresent = entries.some((e) => matchKey(listKey, e.key));
  if (keyPresent) model.autoExclusionList = list.map((e) => ({ image: e.name, excluded: e.value.type === 'REG_DWORD' && e.value.data !== 0 }));
  return model;
}

function keyToRegistry(model: AeDebugKeyModel, key: string): RegChange[] {
  const { autoExclusionList, ...values } = model;
  const changes = encodeFields(values, AEDEBUG_FIELDS, key);
  if (autoExclusionList) {
    const listKey = `${key}\\${AUTO_EXCLUSION_LIST}`;
    // Replace the whole list, so that names removed in the UI go away.
    changes.push({ op: 'delete-key', key: listKey });
    for (const { image, excluded } of autoExclusionList) changes.push({ op: 'set', key: listKey, name: image, value: EXCLUDED.encode(excluded) });
  }
  return changes;
}

export function aeDebugFromRegistry(entries: readonly RegEntry[]): AeDebugModel {
  return { native: keyFromRegistry(entries, AEDEBUG_KEY), wow64: keyFromRegistry(entries, AEDEBUG_WOW64_KEY) };
}

export function aeDebugToRegistry(model: AeDebugModel): RegChange[] {
  return [...keyToRegistry(model.native, AEDEBUG_KEY), ...keyToRegistry(model.wow64, AEDEBUG_WOW64_KEY)];
}

/**
 * A preset applied to the current settings: the debugger and Auto change,
 * the hot key and the exclusion lists (DWM.exe!) stay as they are.
 */
export function withDebugger(current: AeDebugModel, preset: AeDebugModel): AeDebugModel {
  const merge = (c: AeDebugKeyModel, p: AeDebugKeyModel): AeDebugKeyModel => ({ ...c, debugger: p.debugger, auto: p.auto });
  return { native: merge(current.native, preset.native), wow64: merge(current.wow64, preset.wow64) };
}

export function validateAeDebug(model: AeDebugModel): SettingProblem[] {
  const problems = checkChanges(aeDebugToRegistry(model), AEDEBUG_SPECS);
  for (const [key, m] of [[AEDEBUG_KEY, model.native], [AEDEBUG_WOW64_KEY, model.wow64]] as const) {
    const images = new Set<string>();
    for (const { image } of m.autoExclusionList ?? []) {
      if (!/^[^\\/:*?"<>|]+$/.test(image)) problems.push({ key: `${key}\\${AUTO_EXCLUSION_LIST}`, name: image, message: `${image}: an exclusion is a program file name like DWM.exe, without a folder` });
      if (images.has(image.toLowerCase())) problems.push({ key: `${key}\\${AUTO_EXCLUSION_LIST}`, name: image, message: `${image}: listed twice` });
      images.add(image.toLowerCase());
    }
  }
  return problems;
}
