/**
 * Dr. Watson (drwtsn32.exe), the postmortem debugger of Windows NT 4 to
 * XP/Server 2003, removed in Vista (reference §1.4). Its settings are shown
 * for what they were, and only written to systems that still have it.
 * HKLM\SOFTWARE\Microsoft\DrWatson.
 *
 * Checked against drwtsn32's registry code as published in a public
 * repository: the instruction count is stored as `Instructions` (not
 * NumberOfInstructions); the paths are written as REG_SZ and read as REG_SZ
 * or REG_EXPAND_SZ; the switches are REG_DWORD. The numbers of
 * CrashDumpType were not found, so DumpDesk keeps the number as it is.
 */
import type { RegChange, RegEntry } from '../registry/types';
import { checkChanges } from './checkChanges';
import type { KeySpec } from './keySpec';
import type { SettingProblem } from './problem';
import { decodeFields, encodeFields, valuesOfKey, type FieldMap } from './registryValues';
import { dwordNumber, dwordSwitchOf, stringValue } from './valueDef';
import { absolutePathProblem } from './windowsPath';

export const DRWATSON_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\DrWatson';

export interface DrWatsonModel {
  /** Folder of drwtsn32.log. */
  logFilePath?: string;
  /** Path of user.dmp. */
  crashDumpFile?: string;
  waveFile?: string;
  /** 0–2: the dialog's Mini / Full / NT4-compatible Full; which number is which is unconfirmed. */
  crashDumpType?: number;
  /** Instructions disassembled around the fault ("Number of instructions"). */
  instructions?: number;
  /** "Number of errors to save". */
  maximumCrashes?: number;
  dumpSymbols?: boolean;
  dumpAllThreads?: boolean;
  appendToLogFile?: boolean;
  visualNotification?: boolean;
  soundNotification?: boolean;
  createCrashDump?: boolean;
}

/** drwtsn32 expands %windir% itself, so environment variables are fine even in REG_SZ. */
const drwPath = (name: string, label: string, help: string, whenAbsent?: string) =>
  stringValue({ name, label, help, whenAbsent, check: (s) => { const p = absolutePathProblem(s, { allowEnv: true }); return p ? `the path ${p}` : undefined; } });

export const DRWATSON_FIELDS: FieldMap<DrWatsonModel> = {
  logFilePath: drwPath('LogFilePath', 'Log file path', 'Folder that receives drwtsn32.log.', 'NT 4: %windir%; 2000: All Users\\Documents\\DrWatson; XP: All Users\\Application Data\\Microsoft\\Dr Watson'),
  crashDumpFile: drwPath('CrashDumpFile', 'Crash dump', 'Where the user-mode dump of the crashed program is written (overwritten each time).', 'user.dmp in the log folder'),
  waveFile: stringValue({ name: 'WaveFile', label: 'Wave file', help: 'Sound played on a crash when sound notification is on; empty = the default beep.' }),
  crashDumpType: dwordNumber({
    name: 'CrashDumpType', min: 0, max: 2, label: 'Crash dump type',
    help: 'Mini, Full or NT4-compatible Full (XP dialog). DumpDesk keeps the number: which number means which type is not documented.',
    whenAbsent: 'mini dump (drwtsn32 writes its default on first run)',
  }),
  instructions: dwordNumber({ name: 'Instructions', min: 0, label: 'Number of instructions', help: 'How many instructions around the fault are disassembled into the log.', whenAbsent: '10' }),
  maximumCrashes: dwordNumber({ name: 'MaximumCrashes', min: 0, label: 'Number of errors to save', help: 'How many crashes the Dr. Watson viewer and log keep.', whenAbsent: '10' }),
  dumpSymbols: dwordSwitchOf('DumpSymbols', 'Dump symbol table', 'Append each module\'s symbol table to the log (large).', 'write symbol tables to the log', 'no symbol tables', '0'),
  dumpAllThreads: dwordSwitchOf('DumpAllThreads', 'Dump all thread contexts', 'Write registers and stacks of every thread, not only the faulting one.', 'log every thread', 'log only the faulting thread', '1'),
  appendToLogFile: dwordSwitchOf('AppendToLogFile', 'Append to existing log file', 'Add each crash to drwtsn32.log instead of starting it over.', 'append to drwtsn32.log', 'overwrite drwtsn32.log', '1'),
  visualNotification: dwordSwitchOf('VisualNotification', 'Visual notification', 'Show a message box after logging the crash.', 'show a message box', 'no message box', '0'),
  soundNotification: dwordSwitchOf('SoundNotification', 'Sound notification', 'Play the wave file after logging the crash.', 'play a sound', 'no sound', '0'),
  createCrashDump: dwordSwitchOf('CreateCrashDump', 'Create crash dump file', 'Write a user-mode dump (user.dmp) of the crashed program.', 'write user.dmp', 'no dump', '1'),
};

const NUMBER_OF_CRASHES = dwordNumber({ name: 'NumberOfCrashes', min: 0, label: 'Crashes logged', help: 'Counter kept by drwtsn32; read only.' });

export const DRWATSON_SPEC: KeySpec = { key: DRWATSON_KEY, title: 'Dr. Watson (Windows NT 4 – XP)', values: [...Object.values(DRWATSON_FIELDS), NUMBER_OF_CRASHES] };

export function drWatsonFromRegistry(entries: readonly RegEntry[]): DrWatsonModel {
  return decodeFields(valuesOfKey(entries, DRWATSON_KEY), DRWATSON_FIELDS);
}

export function drWatsonToRegistry(model: DrWatsonModel): RegChange[] {
  return encodeFields(model, DRWATSON_FIELDS, DRWATSON_KEY);
}

/** Dr. Watson ships with Windows NT 4.0 up to 5.2 (XP x64 / Server 2003). */
export function hasDrWatson(windowsVersion: { major: number; minor: number }): boolean {
  return windowsVersion.major >= 4 && windowsVersion.major < 6;
}

/**
 * Problems with a Dr. Watson model; with the target's Windows version, also
 * refuses to write to a system that no longer has Dr. Watson.
 */
export function validateDrWatson(model: DrWatsonModel, target?: { major: number; minor: number }): SettingProblem[] {
  const problems = checkChanges(drWatsonToRegistry(model), [DRWATSON_SPEC]);
  if (target && !hasDrWatson(target)) {
    problems.push({ key: DRWATSON_KEY, name: '', message: `DrWatson: Windows ${target.major}.${target.minor} has no Dr. Watson (removed in Vista, 6.0); these values would do nothing. Use WER LocalDumps or an AeDebug debugger instead` });
  }
  return problems;
}
