/**
 * Startup and Recovery: what Windows writes when it stops with a blue screen.
 * HKLM\SYSTEM\CurrentControlSet\Control\CrashControl (reference §1.1). Every
 * change takes effect after the next restart.
 */
import type { RegChange, RegEntry, RegKeyValues } from '../registry/types';
import type { KeySpec } from './keySpec';
import type { SettingProblem } from './problem';
import { decodeFields, encodeFields, getValue, valuesOfKey, type FieldMap } from './registryValues';
import { checkChanges } from './checkChanges';
import { dwordChoice, dwordNumber, dwordSwitch, dwordSwitchOf, multiString, pathValue } from './valueDef';
import type { PathProbe } from './windowsPath';

export const CRASH_CONTROL_KEY = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl';

/** The six choices of the "Write debugging information" list. */
export type DumpType = 'none' | 'small' | 'kernel' | 'complete' | 'automatic' | 'active';

/** Plain-words explanation of each dump type, for the UI. */
export const DUMP_TYPES: readonly { id: DumpType; label: string; help: string }[] = [
  { id: 'none', label: '(none)', help: 'Nothing is saved. The crash leaves only an event in the System log (if enabled).' },
  { id: 'small', label: 'Small memory dump', help: 'A few hundred KB per crash: the stop code, the crashing thread and the driver list. One new file per crash in the minidump folder. Enough to name the driver in most crashes.' },
  { id: 'kernel', label: 'Kernel memory dump', help: 'All memory the kernel and drivers were using, no programs. Typically about a third of RAM. Written to the dump file, replacing the last one if Overwrite is on.' },
  { id: 'complete', label: 'Complete memory dump', help: 'All of RAM. Needs a page file (or dedicated dump file) of RAM + 257 MB on the boot volume.' },
  { id: 'automatic', label: 'Automatic memory dump', help: 'The Windows default: a kernel memory dump, with a system-managed page file that Windows grows to RAM size after a crash it could not save.' },
  { id: 'active', label: 'Active memory dump', help: 'Like complete, but without free memory, file cache and virtual-machine guest pages: much smaller on hosts. Windows 10 / Server 2016 and later.' },
];

/**
 * CrashDumpEnabled. Code 1 alone is a complete dump; 1 plus FilterPages = 1
 * is an active dump (there is no code of its own).
 */
export const CRASH_DUMP_ENABLED = dwordChoice({
  name: 'CrashDumpEnabled',
  label: 'Write debugging information',
  help: 'Which memory dump Windows writes when it stops with a blue screen.',
  whenAbsent: 'no dump (treated as 0)',
  choices: [
    { code: 0, id: 'none', meaning: 'none' },
    { code: 1, id: 'complete', meaning: 'complete memory dump, or active with FilterPages = 1' },
    { code: 2, id: 'kernel', meaning: 'kernel memory dump' },
    { code: 3, id: 'small', meaning: 'small memory dump' },
    { code: 7, id: 'automatic', meaning: 'automatic memory dump' },
  ],
});

export const FILTER_PAGES = dwordSwitch({
  name: 'FilterPages',
  label: 'Active memory dump',
  help: 'With CrashDumpEnabled = 1, leaves out pages that rarely matter (free, cache, guest VMs): an active memory dump. Windows deletes it when you switch back to complete.',
  on: 'active memory dump',
  off: 'complete memory dump',
});

/** Every CrashControl value except the dump type, which spans two values. */
export interface CrashControlOptions {
  dumpFile?: string;
  minidumpDir?: string;
  minidumpsCount?: number;
  overwrite?: boolean;
  autoReboot?: boolean;
  logEvent?: boolean;
  sendAlert?: boolean;
  alwaysKeepMemoryDump?: boolean;
  dedicatedDumpFile?: string;
  /** Megabytes. */
  dumpFileSize?: number;
  ignorePagefileSize?: boolean;
  dumpFilters?: string[];
  savePageFileContents?: boolean;
  nmiCrashDump?: boolean;
  enableLogFile?: boolean;
  displayParameters?: boolean;
  disableEmoticon?: boolean;
}

/** Startup and Recovery as DumpDesk edits it; undefined = value absent (Windows default). */
export interface CrashControlModel extends CrashControlOptions {
  dumpType?: DumpType;
}

export const CRASH_CONTROL_FIELDS: FieldMap<CrashControlOptions> = {
  dumpFile: pathValue({
    name: 'DumpFile', type: 'REG_EXPAND_SZ', label: 'Dump file',
    help: 'Where kernel, complete, automatic and active dumps are written (after the restart, from the page file).',
    whenAbsent: '%SystemRoot%\\MEMORY.DMP',
  }),
  minidumpDir: pathValue({
    name: 'MinidumpDir', type: 'REG_EXPAND_SZ', label: 'Small dump folder',
    help: 'The folder that receives one small memory dump per crash (MMDDYY-NNNNN-01.dmp).',
    whenAbsent: '%SystemRoot%\\Minidump',
  }),
  minidumpsCount: dwordNumber({
    name: 'MinidumpsCount', min: 1, label: 'Small dumps to keep',
    help: 'How many small dumps to keep; the oldest is replaced after that.',
    whenAbsent: '50 according to community pages (not confirmed by Microsoft)',
  }),
  overwrite: dwordSwitchOf('Overwrite', 'Overwrite any existing file', 'Replace the previous MEMORY.DMP. Off: a new kernel/complete dump is not written while the old one exists. Small dumps always get new names.', 'overwrite the existing dump file', 'keep the existing dump file', '1'),
  autoReboot: dwordSwitchOf('AutoReboot', 'Automatically restart', 'Restart after the dump is written. Off: the blue screen stays until someone presses the power button.', 'restart automatically', 'stay on the blue screen', '1'),
  logEvent: dwordSwitchOf('LogEvent', 'Write an event to the system log', 'Record the stop code in the System event log after the restart.', 'write an event to the System log', 'no event', '1'),
  sendAlert: dwordSwitchOf('SendAlert', 'Send an administrative alert', 'XP-era network alert to administrators; the checkbox is gone since Vista and the value probably does nothing now.', 'send an administrative alert', 'no alert'),
  alwaysKeepMemoryDump: dwordSwitchOf('AlwaysKeepMemoryDump', 'Always keep the memory dump', 'Without it, a client PC that is not in a domain deletes MEMORY.DMP when its volume has less than 25 GB free.', 'never delete MEMORY.DMP', 'delete MEMORY.DMP when space is low (clients)', '0'),
  dedicatedDumpFile: pathValue({
    name: 'DedicatedDumpFile', type: 'REG_SZ', label: 'Dedicated dump file',
    help: 'A file used only to catch the dump (e.g. D:\\dedicateddumpfile.sys), so the page file can be small or on another volume. After the restart the dump is copied to the dump file.',
  }),
  dumpFileSize: dwordNumber({
    name: 'DumpFileSize', min: 1, unit: 'MB', label: 'Dedicated dump file size',
    help: 'Size of the dedicated dump file in megabytes; absent lets Windows choose.',
  }),
  ignorePagefileSize: dwordSwitchOf('IgnorePagefileSize', 'Ignore page file size', 'Configure the dump even though the page file looks too small (used with a dedicated dump file). Name seen in community lists only.', 'do not check the page file size', 'check the page file size'),
  dumpFilters: multiString({
    name: 'DumpFilters', label: 'Dump filter drivers',
    help: 'Filter drivers loaded into the crash-dump I/O path, such as dumpfve.sys for BitLocker. Do not remove entries you do not know.',
    checkItem: (s) => (/^[^\\/:*?"<>|\s]+\.sys$/i.test(s) ? undefined : 'is not a driver file name like dumpfve.sys'),
  }),
  savePageFileContents: dwordSwitchOf('SavePageFileContents', 'Save page file contents', 'Keep the page file across the restart so that it can be sent with the crash report (Windows 8.1+).', 'keep page-file contents', 'do not keep page-file contents'),
  nmiCrashDump: dwordSwitchOf('NMICrashDump', 'Crash on NMI', 'Stop with bug check 0x80 on an NMI button press. Needed only before Windows 8 / Server 2012; ignored later.', 'bug check on NMI', 'no NMI crash'),
  enableLogFile: dwordSwitchOf('EnableLogFile', 'Enable log file', 'Present (= 1) on Windows 10 machines; what it does is undocumented.', 'on', 'off'),
  displayParameters: dwordSwitchOf('DisplayParameters', 'Show stop-code parameters', 'Show the four bug-check parameters on the Windows 8+ blue screen (folklore, not documented).', 'show the parameters', 'hide the parameters'),
  disableEmoticon: dwordSwitchOf('DisableEmoticon', 'Hide the sad face', 'Hide ":(" on the Windows 8+ blue screen (folklore, not documented).', 'hide ":("', 'show ":("'),
};

/** All CrashControl values, for describe and validate. */
export const CRASH_CONTROL_SPEC: KeySpec = {
  key: CRASH_CONTROL_KEY,
  title: 'Startup and Recovery (crash dump settings)',
  values: [CRASH_DUMP_ENABLED, FILTER_PAGES, ...Object.values(CRASH_CONTROL_FIELDS)],
  crossCheck: (values: RegKeyValues) => {
    const problems: [string, string][] = [];
    const enabled = getValue(values, 'CrashDumpEnabled');
    const filter = getValue(values, 'FilterPages');
    if (filter?.type === 'REG_DWORD' && filter.data === 1 && enabled?.type === 'REG_DWORD' && enabled.data !== 1) {
      problems.push(['FilterPages', `FilterPages = 1 selects an active dump only with CrashDumpEnabled = 1, but CrashDumpEnabled is ${enabled.data}`]);
    }
    return problems;
  },
};

/** The model from registry entries (any keys; only CrashControl is read). */
export function crashControlFromRegistry(entries: readonly RegEntry[]): CrashControlModel {
  const values = valuesOfKey(entries, CRASH_CONTROL_KEY);
  const model: CrashControlModel = decodeFields(values, CRASH_CONTROL_FIELDS);
  const enabled = getValue(values, 'CrashDumpEnabled');
  let dumpType: DumpType | undefined = enabled ? CRASH_DUMP_ENABLED.decode(enabled) : undefined;
  const filter = getValue(values, 'FilterPages');
  if (dumpType === 'complete' && filter?.type === 'REG_DWORD' && filter.data === 1) dumpType = 'active';
  if (dumpType) model.dumpType = dumpType;
  return model;
}

/** Changes that make CrashControl hold exactly the model (FilterPages only for active). */
export function crashControlToRegistry(model: CrashControlModel): RegChange[] {
  const { dumpType, ...options } = model;
  const key = CRASH_CONTROL_KEY;
  const changes: RegChange[] = [];
  if (dumpType === undefined) changes.push({ op: 'delete-value', key, name: 'CrashDumpEnabled' });
  else changes.push({ op: 'set', key, name: 'CrashDumpEnabled', value: CRASH_DUMP_ENABLED.encode(dumpType === 'active' ? 'complete' : dumpType) });
  if (dumpType === 'active') changes.push({ op: 'set', key, name: 'FilterPages', value: FILTER_PAGES.encode(true) });
  else changes.push({ op: 'delete-value', key, name: 'FilterPages' });
  return [...changes, ...encodeFields(options, CRASH_CONTROL_FIELDS, key)];
}

/**
 * Everything wrong with a model: each value on its own (types, ranges,
 * paths), how values fit together, and — with a probe — paths that exist
 * as the wrong kind of thing on the machine.
 */
export function validateCrashControl(model: CrashControlModel, probe?: PathProbe): SettingProblem[] {
  const key = CRASH_CONTROL_KEY;
  const problems = checkChanges(crashControlToRegistry(model), [CRASH_CONTROL_SPEC]);
  if (model.dumpFileSize !== undefined && model.dedicatedDumpFile === undefined) {
    problems.push({ key, name: 'DumpFileSize', message: `DumpFileSize = ${model.dumpFileSize}: sizes the dedicated dump file, but DedicatedDumpFile is not set` });
  }
  if (model.dedicatedDumpFile && model.dumpFile && model.dedicatedDumpFile.toLowerCase() === model.dumpFile.toLowerCase()) {
    problems.push({ key, name: 'DedicatedDumpFile', message: `DedicatedDumpFile = "${model.dedicatedDumpFile}": is the same file as DumpFile; Windows copies the dump from the dedicated file to DumpFile after the restart, so they must differ` });
  }
  if (probe) {
    const check = (name: string, path: string | undefined, want: 'file' | 'directory') => {
      if (path === undefined) return;
      const kind = probe(path);
      if (want === 'directory' && kind === 'file') problems.push({ key, name, message: `${name} = "${path}": is a file, not a folder; Windows cannot create dumps inside it` });
      if (want === 'file' && kind === 'directory') problems.push({ key, name, message: `${name} = "${path}": is a folder; it must name a file` });
    };
    check('MinidumpDir', model.minidumpDir, 'directory');
    check('DumpFile', model.dumpFile, 'file');
    check('DedicatedDumpFile', model.dedicatedDumpFile, 'file');
  }
  return problems;
}
