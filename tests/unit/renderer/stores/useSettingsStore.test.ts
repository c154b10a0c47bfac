// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { installApi } from '../../../../renderer/api';
import { useSettingsStore } from '../../../../renderer/stores/useSettingsStore';
import { fakeApi } from '../../../helpers/fakeApi';
import { fakeSettingsService, type FakeSettings } from '../support/fakeServices';

let reg: FakeSettings;

beforeEach(() => {
  setActivePinia(createPinia());
  reg = fakeSettingsService(7);
  const f = fakeApi({ settings: reg.service });
  installApi(f.client, f.events);
});

describe('useSettingsStore', () => {
  it('previews, applies with a backup, and undoes a dump type change', async () => {
    const s = useSettingsStore();
    await s.load();
    expect(s.snapshot?.areas.crashControl).toMatchObject({ dumpType: 'automatic' });

    await s.previewChange('crashControl', { dumpType: 'small' });
    expect(s.preview?.changes).toEqual([{
      op: 'set', key: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl', name: 'CrashDumpEnabled',
      value: { type: 'REG_DWORD', data: 3 }, before: { type: 'REG_DWORD', data: 7 },
    }]);
    expect(reg.crashDumpEnabled()).toBe(7); // a preview writes nothing

    await s.apply();
    expect(reg.crashDumpEnabled()).toBe(3);
    expect(s.preview).toBeNull();
    expect(s.applied.map((a) => a.backupPath)).toEqual(['/backups/c2.reg']);
    expect(s.snapshot?.areas.crashControl).toMatchObject({ dumpType: 'small' }); // re-read after apply

    await s.undo();
    expect(reg.crashDumpEnabled()).toBe(7);
    expect(s.applied).toEqual([]);
    expect(s.snapshot?.areas.crashControl).toMatchObject({ dumpType: 'automatic' });
  });

  it('carries the model\'s warnings into the preview', async () => {
    const s = useSettingsStore();
    await s.previewChange('crashControl', { dumpType: 'complete' });
    expect(s.preview?.warnings).toEqual(['The page file on C: is smaller than RAM + 257 MB: a complete dump would not fit.']);
  });

  it('reports a refused preview in words and keeps no stale preview', async () => {
    const s = useSettingsStore();
    await s.previewChange('crashControl', { dumpType: 'small' });
    await s.previewChange('crashControl', { dumpType: 'bogus' });
    expect(s.preview).toBeNull();
    expect(s.error).toBe('unknown dump type bogus');
    expect(s.busy).toBe(false);
  });

  it('discards a preview without touching the registry', async () => {
    const s = useSettingsStore();
    await s.previewChange('crashControl', { dumpType: 'small' });
    s.discard();
    await s.apply(); // nothing to apply
    expect(s.preview).toBeNull();
    expect(reg.crashDumpEnabled()).toBe(7);
  });

  it('says so when the host has no settings service', async () => {
    setActivePinia(createPinia());
    const f = fakeApi({});
    installApi(f.client, f.events);
    const s = useSettingsStore();
    await s.load();
    expect(s.snapshot).toBeNull();
    expect(s.error).toBe('settings.read has no implementation in this host');
  });
});
