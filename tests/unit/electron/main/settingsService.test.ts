/**
 * settings.* over the real write protocol and an in-memory registry:
 * read → preview (diff + .reg text) → back up & apply → read back → undo,
 * and the refusals (read-only host, invalid model, unknown preview).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { settingsService } from '../../../../electron/main/backend/settingsService';
import { MemoryBackend } from '../../../../electron/services/registry/memoryBackend';
import { changesToRegFile } from '../../../../shared/formats/regfile/index';

const CC = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl';
const dir = mkdtempSync(join(tmpdir(), 'dd-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function service(writable = true) {
  const backend = new MemoryBackend(changesToRegFile([
    { op: 'set', key: CC, name: 'CrashDumpEnabled', value: { type: 'REG_DWORD', data: 7 } },
    { op: 'set', key: CC, name: 'AutoReboot', value: { type: 'REG_DWORD', data: 1 } },
  ]));
  const s = settingsService({ openBackend: async () => backend, backupDir: join(dir, 'backups'), writable, readOnlyReason: writable ? null : 'read-only in this test' });
  return { s, backend };
}

describe('page-file sizing in the settings service', () => {
  const GB = 1024 ** 3;
  const machine = () => ({ ramBytes: 16 * GB, bootVolumeFreeBytes: 200 * GB, bootDrive: 'C' });
  function withPagefile(pagingFiles: string[]) {
    const MM = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Memory Management';
    const backend = new MemoryBackend(changesToRegFile([
      { op: 'set', key: CC, name: 'CrashDumpEnabled', value: { type: 'REG_DWORD', data: 3 } },
      { op: 'set', key: MM, name: 'PagingFiles', value: { type: 'REG_MULTI_SZ', data: pagingFiles } },
    ]));
    return settingsService({ openBackend: async () => backend, backupDir: join(dir, 'backups-space'), writable: true, readOnlyReason: null, machine });
  }

  it('reports the verdict for the current settings, with the numbers', async () => {
    const snap = await withPagefile(['C:\\pagefile.sys 1024 1024']).read();
    expect(snap.dumpSpace?.verdict).toBe('ok'); // a small dump needs 2 MB of page file
    expect(snap.dumpSpace?.summary).toMatch(/MB/);
  });

  it('warns in the preview when a complete dump would not fit the page file', async () => {
    const s = withPagefile(['C:\\pagefile.sys 1024 1024']);
    const current = (await s.read()).areas.crashControl as Record<string, unknown>;
    const p = await s.preview('crashControl', { ...current, dumpType: 'complete' });
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toMatch(/16,641 MB/); // RAM + 257 MB
  });
});

describe('settings service', () => {
  it('reads every area through its model', async () => {
    const snap = await service().s.read();
    expect(snap).toMatchObject({ backend: 'memory', writable: true, readOnlyReason: null });
    expect(snap.areas.crashControl).toMatchObject({ dumpType: 'automatic', autoReboot: true });
    expect(Object.keys(snap.areas).sort()).toEqual(['aeDebug', 'crashControl', 'crashOnCtrlScroll', 'drWatson', 'pagefile', 'werLocalDumps']);
  });

  it('previews a change as a diff and .reg text, applies it with a backup, and undoes it', async () => {
    const { s } = service();
    const current = (await s.read()).areas.crashControl as Record<string, unknown>;
    const preview = await s.preview('crashControl', { ...current, dumpType: 'small' });
    expect(preview.changes).toEqual([{ op: 'set', key: CC, name: 'CrashDumpEnabled', value: { type: 'REG_DWORD', data: 3 }, before: { type: 'REG_DWORD', data: 7 } }]);
    expect(preview.regText).toContain('"CrashDumpEnabled"=dword:00000003');

    const applied = await s.apply(preview.previewId);
    expect(applied).toMatchObject({ mismatches: [], rebootRequired: true });
    // regedit's format: UTF-16LE with a BOM.
    expect(readFileSync(applied.backupPath, 'utf16le')).toMatch(/"CrashDumpEnabled"=dword:00000007/);
    expect(((await s.read()).areas.crashControl as Record<string, unknown>).dumpType).toBe('small');
    await expect(s.apply(preview.previewId)).rejects.toMatchObject({ code: 'NotFound' });

    const undone = await s.undo(applied.changeId);
    expect(existsSync(undone.backupPath)).toBe(true);
    expect(((await s.read()).areas.crashControl as Record<string, unknown>).dumpType).toBe('automatic');
  });

  it('refuses invalid models before anything is planned', async () => {
    const { s } = service();
    await expect(s.preview('crashControl', { dumpType: 'everything' })).rejects.toMatchObject({ code: 'Invalid' });
  });

  it('refuses to write on a read-only host but still previews', async () => {
    const { s } = service(false);
    const p = await s.preview('crashControl', { dumpType: 'kernel', autoReboot: true });
    expect(p.changes).toHaveLength(1);
    await expect(s.apply(p.previewId)).rejects.toMatchObject({ code: 'Forbidden', message: 'read-only in this test' });
    expect(((await s.read()).areas.crashControl as Record<string, unknown>).dumpType).toBe('automatic');
  });

  it('exports the settings to .reg and imports them as a preview', async () => {
    const { s } = service();
    const file = join(dir, 'export.reg');
    await expect(s.exportReg(file)).resolves.toEqual({ path: file });
    const preview = await s.importReg(file);
    expect(preview.changes).toEqual([]);
  });
});
