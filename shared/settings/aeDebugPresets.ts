/**
 * Ready-made postmortem debugger settings (reference §1.3 "Typical Debugger
 * strings"). Each preset fills both AeDebug keys; the exclusion lists are left
 * as they are.
 */
import type { AeDebugKeyModel, AeDebugModel } from './aeDebug';
import { debuggerProgram } from './debuggerCommand';

export type AeDebugPresetId = 'windbg' | 'cdb' | 'procdump' | 'visual-studio' | 'wer-default' | 'dr-watson';

export interface AeDebugPresetOptions {
  /** Folder of the Debugging Tools (holding x64\ and x86\), for WinDbg and cdb. */
  debuggersFolder?: string;
  /** Folder holding procdump.exe. */
  sysinternalsFolder?: string;
  /** Where ProcDump and cdb write dumps. */
  dumpFolder?: string;
}

export interface AeDebugPreset {
  id: AeDebugPresetId;
  label: string;
  /** What happens on a crash with this preset, in plain words. */
  help: string;
  /** Shown before applying, when the preset has a catch. */
  warning?: string;
  build(opts?: AeDebugPresetOptions): AeDebugModel;
}

const DEFAULT_DEBUGGERS = 'C:\\Program Files (x86)\\Windows Kits\\10\\Debuggers';
const DEFAULT_SYSINTERNALS = 'C:\\Tools\\Sysinternals';
const DEFAULT_DUMPS = 'C:\\Dumps';

const both = (native: AeDebugKeyModel, wow64: AeDebugKeyModel): AeDebugModel => ({ native, wow64 });

export const AEDEBUG_PRESETS: readonly AeDebugPreset[] = [
  {
    id: 'windbg',
    label: 'WinDbg',
    help: 'Opens WinDbg on the crashed program so that you can look at it live (what "windbg -I" registers). 64-bit WinDbg for 64-bit programs, 32-bit WinDbg for 32-bit ones.',
    warning: 'With -g the debugger lets the program run on, and the exception may not happen again; the program waits until you close WinDbg.',
    build: (o = {}) => {
      const dir = o.debuggersFolder ?? DEFAULT_DEBUGGERS;
      return both({ debugger: `"${dir}\\x64\\windbg.exe" -p %ld -e %ld -g`, auto: true }, { debugger: `"${dir}\\x86\\windbg.exe" -p %ld -e %ld -g`, auto: true });
    },
  },
  {
    id: 'cdb',
    label: 'cdb (write a dump, then let WER report)',
    help: 'Starts the console debugger without a window, writes a full dump of the crash (using the crash information at %p) into the dump folder, then detaches with qd so that Windows Error Reporting still reports the crash.',
    build: (o = {}) => {
      const dir = o.debuggersFolder ?? DEFAULT_DEBUGGERS;
      const dumps = o.dumpFolder ?? DEFAULT_DUMPS;
      // The path sits inside -c "…", where it cannot be quoted again.
      if (/\s/.test(dumps)) throw new RangeError(`cdb preset: the dump folder "${dumps}" contains spaces, which cannot be quoted inside cdb's -c "…"; choose a folder without spaces`);
      const cmd = (arch: string) => `"${dir}\\${arch}\\cdb.exe" -p %ld -e %ld -c ".dump /j 0x%p /u ${dumps}\\AeDebug.dmp; qd"`;
      return both({ debugger: cmd('x64'), auto: true }, { debugger: cmd('x86'), auto: true });
    },
  },
  {
    id: 'procdump',
    label: 'ProcDump (-ma -i)',
    help: 'What "procdump -ma -i" registers in both keys: a full memory dump (-ma) of every crashing program in the dump folder, with no window (-j passes the crash information). procdump.exe starts its 64-bit twin by itself on 64-bit Windows.',
    build: (o = {}) => {
      const dir = o.sysinternalsFolder ?? DEFAULT_SYSINTERNALS;
      const dumps = o.dumpFolder ?? DEFAULT_DUMPS;
      const cmd = (exe: string) => `"${dir}\\${exe}" -accepteula -ma -j "${dumps}" %ld %ld %p`;
      return both({ debugger: cmd('procdump.exe'), auto: true }, { debugger: cmd('procdump.exe'), auto: true });
    },
  },
  {
    id: 'visual-studio',
    label: 'Visual Studio',
    help: 'Offers to open the crash in Visual Studio (the Just-In-Time debugger dialog). Visual Studio writes this itself, and rewrites it on every repair or update.',
    build: () => {
      const cmd = '"C:\\WINDOWS\\system32\\vsjitdebugger.exe" -p %ld -e %ld';
      return both({ debugger: cmd }, { debugger: cmd });
    },
  },
  {
    id: 'wer-default',
    label: 'Windows Error Reporting (no debugger)',
    help: 'Removes the postmortem debugger: crashes go to Windows Error Reporting, which shows its dialog, sends a report if allowed and writes LocalDumps if configured.',
    build: () => both({ debugger: undefined, auto: undefined }, { debugger: undefined, auto: undefined }),
  },
  {
    id: 'dr-watson',
    label: 'Dr. Watson (Windows NT/2000/XP)',
    help: 'The classic default of Windows NT to XP: Dr. Watson writes drwtsn32.log and user.dmp, then closes the program.',
    warning: 'drwtsn32.exe was removed in Windows Vista; on newer Windows this command finds no program and the crash is not handled.',
    build: () => both({ debugger: 'drwtsn32 -p %ld -e %ld -g', auto: true }, { debugger: undefined, auto: undefined }),
  },
];

export function aeDebugPreset(id: AeDebugPresetId): AeDebugPreset {
  const preset = AEDEBUG_PRESETS.find((p) => p.id === id);
  if (!preset) throw new RangeError(`'${id}' is not an AeDebug preset (${AEDEBUG_PRESETS.map((p) => p.id).join(', ')})`);
  return preset;
}

/** Which known debugger a command line starts, judged by the program's file name. */
export function recognizeDebugger(command: string | undefined): AeDebugPresetId | 'other' | undefined {
  if (command === undefined) return undefined;
  const exe = debuggerProgram(command).split('\\').pop()!.toLowerCase().replace(/\.exe$/, '');
  if (exe === 'windbg' || exe === 'windbgx') return 'windbg';
  if (exe === 'cdb' || exe === 'ntsd') return 'cdb';
  if (exe === 'procdump' || exe === 'procdump64') return 'procdump';
  if (exe === 'vsjitdebugger') return 'visual-studio';
  if (exe === 'drwtsn32') return 'dr-watson';
  return 'other';
}
