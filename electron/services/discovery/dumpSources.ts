/**
 * Where this machine keeps crash dumps. On Windows, from the registry with the
 * documented defaults (reference/windows-crash-facts.md §1.1, §1.5):
 * - CrashControl MinidumpDir (default %SystemRoot%\Minidump) and DumpFile
 *   (default %SystemRoot%\MEMORY.DMP), plus %SystemRoot%\LiveKernelReports;
 * - WER LocalDumps DumpFolder, global and per application (default
 *   %LOCALAPPDATA%\CrashDumps);
 * - the WER report stores: %ProgramData%\Microsoft\Windows\WER\ReportArchive
 *   and ReportQueue (machine), the same under %LOCALAPPDATA% (user);
 * and the folders the user added. Elsewhere, only the user's folders.
 *
 * Inputs are a registry reader, the environment and a probe, so the same code
 * is tested on any OS. Each source says whether it exists and is readable and,
 * when not, why (the Minidump folder needs administrator rights).
 */
import { access, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { win32 } from 'node:path';
import type { RegKeyValues } from '../../../shared/registry/types';
import { expandWindowsEnv } from './expandEnv';

export type DumpSourceKind =
  | 'kernel-minidump'
  | 'kernel-memory-dump'
  | 'kernel-live-reports'
  | 'wer-local-dumps'
  | 'wer-report-archive'
  | 'wer-report-queue'
  | 'user';

export interface DumpSource {
  kind: DumpSourceKind;
  /** Folder (or, for MEMORY.DMP, file) with environment variables expanded. */
  path: string;
  isFile: boolean;
  /** Where the path came from: "CrashControl\MinidumpDir", "default", "LocalDumps\MyApp.exe\DumpFolder", "added by you". */
  origin: string;
  /** Per-application LocalDumps: the image name. */
  app?: string;
  exists: boolean;
  readable: boolean;
  /** Why it is missing or unreadable, or a note (unknown %VARIABLE%); null when all is well. */
  reason: string | null;
}

/** The part of a registry backend discovery needs (RegistryBackend fits). */
export interface RegistryReader {
  readKey(key: string): Promise<RegKeyValues | undefined>;
  listSubkeys(key: string): Promise<string[]>;
}

export interface ProbeResult {
  exists: boolean;
  readable: boolean;
  isFile: boolean;
  /** errno code of the failure (EACCES, EPERM, ENOENT, …). */
  code?: string;
}

export type Probe = (path: string) => Promise<ProbeResult>;

export interface DiscoveryInput {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** Needed on Windows; absent elsewhere. */
  registry?: RegistryReader;
  userFolders: readonly string[];
  probe?: Probe;
}

const CRASH_CONTROL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl';
const LOCAL_DUMPS = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting\\LocalDumps';

/** fs-based probe: exists, is a file or folder, can be read (listed). */
export const fsProbe: Probe = async (path) => {
  let isFile = false;
  try {
    isFile = (await stat(path)).isFile();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A folder we may not even stat exists, but is closed to us.
    if (code === 'EACCES' || code === 'EPERM') return { exists: true, readable: false, isFile: false, code };
    return { exists: false, readable: false, isFile: false, ...(code ? { code } : {}) };
  }
  try {
    await access(path, constants.R_OK | (isFile ? 0 : constants.X_OK));
    return { exists: true, readable: true, isFile };
  } catch (e) {
    return { exists: true, readable: false, isFile, code: (e as NodeJS.ErrnoException).code ?? 'EACCES' };
  }
};

function stringValue(values: RegKeyValues | undefined, name: string): string | undefined {
  const v = values?.get(name);
  return v && (v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ') && v.data.trim() !== '' ? v.data.trim() : undefined;
}

function whyNot(kind: DumpSourceKind, p: ProbeResult, isFile: boolean): string | null {
  if (p.exists && p.readable) return null;
  if (p.exists) {
    return kind === 'kernel-minidump' || kind === 'kernel-memory-dump' || kind === 'kernel-live-reports'
      ? 'needs administrator rights: Windows lets only administrators read kernel crash dumps (run DumpDesk as administrator)'
      : `cannot be read (${p.code ?? 'access denied'})`;
  }
  switch (kind) {
    case 'kernel-minidump': return 'does not exist yet: Windows creates it when it writes the first small memory dump';
    case 'kernel-memory-dump': return 'no MEMORY.DMP: no kernel or complete dump has been written (or it was deleted)';
    case 'kernel-live-reports': return 'does not exist: no live kernel dump has been written';
    case 'wer-local-dumps': return 'does not exist yet: Windows creates it at the first crash LocalDumps catches';
    case 'wer-report-archive':
    case 'wer-report-queue': return 'does not exist: Windows Error Reporting has not stored a report here';
    case 'user': return isFile ? 'file not found' : 'folder not found';
  }
}

interface Candidate {
  kind: DumpSourceKind;
  raw: string;
  isFile: boolean;
  origin: string;
  app?: string;
}

async function windowsCandidates(registry: RegistryReader | undefined): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const crash = await registry?.readKey(CRASH_CONTROL);
  const minidumpDir = stringValue(crash, 'MinidumpDir');
  out.push({ kind: 'kernel-minidump', raw: minidumpDir ?? '%SystemRoot%\\Minidump', isFile: false, origin: minidumpDir ? 'CrashControl\\MinidumpDir' : 'default' });
  const dumpFile = stringValue(crash, 'DumpFile');
  out.push({ kind: 'kernel-memory-dump', raw: dumpFile ?? '%SystemRoot%\\MEMORY.DMP', isFile: true, origin: dumpFile ? 'CrashControl\\DumpFile' : 'default' });
  out.push({ kind: 'kernel-live-reports', raw: '%SystemRoot%\\LiveKernelReports', isFile: false, origin: 'default' });

  const local = await registry?.readKey(LOCAL_DUMPS);
  const globalFolder = stringValue(local, 'DumpFolder');
  out.push({ kind: 'wer-local-dumps', raw: globalFolder ?? '%LOCALAPPDATA%\\CrashDumps', isFile: false, origin: globalFolder ? 'LocalDumps\\DumpFolder' : 'default' });
  // Per-application keys override the global folder (WER reads global values first, then the app's).
  for (const app of (await registry?.listSubkeys(LOCAL_DUMPS)) ?? []) {
    const folder = stringValue(await registry?.readKey(`${LOCAL_DUMPS}\\${app}`), 'DumpFolder');
    if (folder) out.push({ kind: 'wer-local-dumps', raw: folder, isFile: false, origin: `LocalDumps\\${app}\\DumpFolder`, app });
  }
  for (const [root, who] of [['%ProgramData%', 'machine'], ['%LOCALAPPDATA%', 'user']] as const) {
    out.push({ kind: 'wer-report-archive', raw: `${root}\\Microsoft\\Windows\\WER\\ReportArchive`, isFile: false, origin: `default (${who} store)` });
    out.push({ kind: 'wer-report-queue', raw: `${root}\\Microsoft\\Windows\\WER\\ReportQueue`, isFile: false, origin: `default (${who} store)` });
  }
  return out;
}

/** "D:\dumps\" and "D:\dumps" are one folder; a drive root keeps its backslash. */
function withoutTrailingSlash(p: string): string {
  return /^[a-z]:\\$/i.test(p) ? p : p.replace(/[\\/]+$/, '');
}

/** Every dump source of this machine plus the user's folders, each probed. Duplicates (same path) are listed once. */
export async function discoverDumpSources(input: DiscoveryInput): Promise<DumpSource[]> {
  const probe = input.probe ?? fsProbe;
  const windows = input.platform === 'win32';
  const candidates = windows ? await windowsCandidates(input.registry) : [];
  for (const f of input.userFolders) candidates.push({ kind: 'user', raw: f, isFile: false, origin: 'added by you' });

  const seen = new Set<string>();
  const out: DumpSource[] = [];
  for (const c of candidates) {
    const { path: expanded, unknown } = windows ? expandWindowsEnv(c.raw, input.env) : { path: c.raw, unknown: [] };
    const path = windows ? withoutTrailingSlash(win32.normalize(expanded)) : expanded;
    const key = windows ? path.toLowerCase() : path;
    if (seen.has(key)) continue;
    seen.add(key);
    const p = await probe(path);
    const isFile = c.kind === 'user' ? p.isFile : c.isFile;
    let reason = whyNot(c.kind, p, isFile);
    if (unknown.length) reason = `${reason ? reason + '; ' : ''}unknown environment variable ${unknown.map((u) => `%${u}%`).join(', ')}`;
    out.push({ kind: c.kind, path, isFile, origin: c.origin, ...(c.app ? { app: c.app } : {}), exists: p.exists, readable: p.readable, reason });
  }
  return out;
}
