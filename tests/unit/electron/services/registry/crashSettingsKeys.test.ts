import { describe, expect, it } from 'vitest';
import { CRASH_SETTINGS_KEYS, exportCrashSettings, readCrashSettings } from '../../../../../electron/services/registry/crashSettingsKeys';
import { MemoryBackend } from '../../../../../electron/services/registry/memoryBackend';
import { WindowsBackend } from '../../../../../electron/services/registry/windowsBackend';
import { changesToRegFile } from '../../../../../shared/formats/regfile/index';
import { FakeRegedit } from './fakeRegedit';
import { CRASH } from './fixtures';

const MM = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Memory Management';

describe('crash settings keys', () => {
  it('keep only the crash-related values of shared keys, and skip a shared key without any', async () => {
    const backend = new MemoryBackend(
      changesToRegFile([
        { op: 'set', key: MM, name: 'PagingFiles', value: { type: 'REG_MULTI_SZ', data: ['?:\\pagefile.sys'] } },
        { op: 'set', key: MM, name: 'LargeSystemCache', value: { type: 'REG_DWORD', data: 0 } },
        { op: 'set', key: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\kbdhid\\Parameters', name: 'WorkNicely', value: { type: 'REG_DWORD', data: 1 } },
        { op: 'set', key: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\kbdhid\\crashdump', name: 'Dump2Key', value: { type: 'REG_DWORD', data: 0x3d } },
      ]),
    );
    const file = await exportCrashSettings(backend);
    expect(file.keys).toEqual([
      { path: MM, deleted: false, values: [{ name: 'PagingFiles', value: { type: 'REG_MULTI_SZ', data: ['?:\\pagefile.sys'] } }] },
      {
        path: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\kbdhid\\crashdump',
        deleted: false,
        values: [{ name: 'Dump2Key', value: { type: 'REG_DWORD', data: 0x3d } }],
      },
    ]);
    expect(CRASH_SETTINGS_KEYS.some((k) => k.path.endsWith('\\AeDebug') && k.subtree)).toBe(true);
  });

  it('a key that cannot be read is reported on its own; export refuses rather than leave it out', async () => {
    const fake = new FakeRegedit({
      'HKLM\\SYSTEM\\CurrentControlSet\\Control\\CrashControl': { LastCrashTime: { type: 'REG_QWORD', value: 1.33e17 } },
      'HKLM\\SOFTWARE\\Microsoft\\DrWatson': { MaximumCrashes: { type: 'REG_DWORD', value: 10 } },
    });
    const backend = new WindowsBackend(fake);
    const read = await readCrashSettings(backend);
    expect(read.find((r) => r.spec.path === CRASH)?.error).toMatch(/"LastCrashTime".*not exact/);
    expect(read.find((r) => r.spec.path.endsWith('DrWatson'))?.blocks[0]?.values).toEqual([
      { name: 'MaximumCrashes', value: { type: 'REG_DWORD', data: 10 } },
    ]);
    await expect(exportCrashSettings(backend)).rejects.toThrow(/cannot export \[.*CrashControl\]/);
  });
});
