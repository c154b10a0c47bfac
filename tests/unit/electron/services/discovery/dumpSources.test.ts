// Dump-source discovery with a registry and environment given as inputs, so the
// Windows rules are tested on any OS. The registry values are what regedit
// shows for CrashControl and WER LocalDumps (see corpus/reg for real exports).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverDumpSources, type ProbeResult, type RegistryReader } from '../../../../../electron/services/discovery/dumpSources';
import { expandWindowsEnv } from '../../../../../electron/services/discovery/expandEnv';
import type { RegKeyValues, RegValue } from '../../../../../shared/registry/types';

const CC = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl';
const LD = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting\\LocalDumps';

function registry(keys: Record<string, Record<string, RegValue>>): RegistryReader {
  return {
    readKey: async (k) => (keys[k] ? (new Map(Object.entries(keys[k]!)) as RegKeyValues) : undefined),
    listSubkeys: async (k) => Object.keys(keys).filter((x) => x.startsWith(k + '\\')).map((x) => x.slice(k.length + 1)).filter((x) => !x.includes('\\')),
  };
}

const ENV = { SystemRoot: 'C:\\Windows', LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local', ProgramData: 'C:\\ProgramData' };

/** A fake disk: paths that exist (readable or not); everything else is missing. */
function probe(table: Record<string, Partial<ProbeResult>>) {
  return async (p: string): Promise<ProbeResult> => {
    const hit = Object.entries(table).find(([k]) => k.toLowerCase() === p.toLowerCase())?.[1];
    return hit ? { exists: true, readable: true, isFile: false, ...hit } : { exists: false, readable: false, isFile: false, code: 'ENOENT' };
  };
}

describe('expandWindowsEnv', () => {
  it('expands case-insensitively and reports unknown names, leaving them as written', () => {
    expect(expandWindowsEnv('%systemroot%\\Minidump', ENV)).toEqual({ path: 'C:\\Windows\\Minidump', unknown: [] });
    expect(expandWindowsEnv('%NOPE%\\x;%LocalAppData%', ENV)).toEqual({ path: '%NOPE%\\x;C:\\Users\\ann\\AppData\\Local', unknown: ['NOPE'] });
  });
});

describe('discoverDumpSources on Windows', () => {
  it('uses the documented defaults when the registry has no values, and says why each is empty', async () => {
    const sources = await discoverDumpSources({
      platform: 'win32', env: ENV, registry: registry({}), userFolders: [],
      probe: probe({ 'C:\\Windows\\Minidump': { readable: false, code: 'EPERM' }, 'C:\\ProgramData\\Microsoft\\Windows\\WER\\ReportArchive': {} }),
    });
    expect(sources.map((s) => [s.kind, s.path, s.origin, s.exists, s.readable])).toEqual([
      ['kernel-minidump', 'C:\\Windows\\Minidump', 'default', true, false],
      ['kernel-memory-dump', 'C:\\Windows\\MEMORY.DMP', 'default', false, false],
      ['kernel-live-reports', 'C:\\Windows\\LiveKernelReports', 'default', false, false],
      ['wer-local-dumps', 'C:\\Users\\ann\\AppData\\Local\\CrashDumps', 'default', false, false],
      ['wer-report-archive', 'C:\\ProgramData\\Microsoft\\Windows\\WER\\ReportArchive', 'default (machine store)', true, true],
      ['wer-report-queue', 'C:\\ProgramData\\Microsoft\\Windows\\WER\\ReportQueue', 'default (machine store)', false, false],
      ['wer-report-archive', 'C:\\Users\\ann\\AppData\\Local\\Microsoft\\Windows\\WER\\ReportArchive', 'default (user store)', false, false],
      ['wer-report-queue', 'C:\\Users\\ann\\AppData\\Local\\Microsoft\\Windows\\WER\\ReportQueue', 'default (user store)', false, false],
    ]);
    expect(sources[0]!.reason).toMatch(/administrator/);
    expect(sources[1]!.isFile).toBe(true);
    expect(sources[1]!.reason).toMatch(/no MEMORY\.DMP/);
    expect(sources[4]!.reason).toBeNull();
  });

  it('reads CrashControl and LocalDumps (global and per app), expands them and lists a path once', async () => {
    const sources = await discoverDumpSources({
      platform: 'win32', env: ENV, userFolders: ['D:\\dumps', 'd:\\DUMPS\\'],
      registry: registry({
        [CC]: { MinidumpDir: { type: 'REG_EXPAND_SZ', data: '%SystemRoot%\\Minidump' }, DumpFile: { type: 'REG_EXPAND_SZ', data: 'D:\\crash\\MEMORY.DMP' } },
        [LD]: { DumpFolder: { type: 'REG_EXPAND_SZ', data: 'C:\\CrashDumps' }, DumpCount: { type: 'REG_DWORD', data: 10 } },
        [`${LD}\\MyApp.exe`]: { DumpFolder: { type: 'REG_EXPAND_SZ', data: '%TEMP_UNSET%\\myapp' } },
        [`${LD}\\Other.exe`]: { DumpType: { type: 'REG_DWORD', data: 2 } },
      }),
      probe: probe({ 'D:\\crash\\MEMORY.DMP': { isFile: true }, 'D:\\dumps': {} }),
    });
    const byOrigin = Object.fromEntries(sources.map((s) => [s.origin, s]));
    expect(byOrigin['CrashControl\\MinidumpDir']!.path).toBe('C:\\Windows\\Minidump');
    expect(byOrigin['CrashControl\\DumpFile']).toMatchObject({ path: 'D:\\crash\\MEMORY.DMP', isFile: true, exists: true, readable: true, reason: null });
    expect(byOrigin['LocalDumps\\DumpFolder']!.path).toBe('C:\\CrashDumps');
    expect(byOrigin['LocalDumps\\MyApp.exe\\DumpFolder']).toMatchObject({ app: 'MyApp.exe', path: '%TEMP_UNSET%\\myapp' });
    expect(byOrigin['LocalDumps\\MyApp.exe\\DumpFolder']!.reason).toMatch(/unknown environment variable %TEMP_UNSET%/);
    // Other.exe has no DumpFolder of its own: it uses the global one, already listed.
    expect(sources.filter((s) => s.app === 'Other.exe')).toEqual([]);
    expect(sources.filter((s) => s.kind === 'user').map((s) => [s.path, s.exists])).toEqual([['D:\\dumps', true]]);
    expect(sources.filter((s) => s.origin === 'default' && s.kind === 'wer-local-dumps')).toEqual([]);
  });
});

describe('discoverDumpSources elsewhere', () => {
  let dir: string | undefined;
  afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('lists only the user folders, probed on the real disk', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dumpdesk-discovery-'));
    const folder = join(dir, 'dumps');
    mkdirSync(folder);
    const file = join(dir, 'one.dmp');
    writeFileSync(file, 'x');
    const sources = await discoverDumpSources({ platform: 'linux', env: { SystemRoot: 'C:\\Windows' }, userFolders: [folder, file, join(dir, 'gone')] });
    expect(sources).toEqual([
      { kind: 'user', path: folder, isFile: false, origin: 'added by you', exists: true, readable: true, reason: null },
      { kind: 'user', path: file, isFile: true, origin: 'added by you', exists: true, readable: true, reason: null },
      { kind: 'user', path: join(dir, 'gone'), isFile: false, origin: 'added by you', exists: false, readable: false, reason: 'folder not found' },
    ]);
  });
});
