// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { installApi } from '../../../../renderer/api';
import { useVerifierStore } from '../../../../renderer/stores/useVerifierStore';
import { fakeApi } from '../../../helpers/fakeApi';
import { fakeVerifierService } from '../support/fakeServices';

beforeEach(() => {
  setActivePinia(createPinia());
  const f = fakeApi({ verifier: fakeVerifierService() });
  installApi(f.client, f.events);
});

describe('useVerifierStore', () => {
  it('loads presets and shows the command for the default preset', async () => {
    const v = useVerifierStore();
    await v.load();
    expect(v.presets.map((p) => p.id)).toEqual(['standard', 'classic', 'reset']);
    expect(v.preset?.name).toBe('Classic (0x2026FBB)');
    expect(v.command?.text).toBe('verifier /flags 0x2026fbb /driver');
    // query needs Windows: no state, the reason in words.
    expect(v.state).toBeNull();
    expect(v.error).toBe('verifier.exe runs only on Windows');
  });

  it('rebuilds the command as drivers and presets change', async () => {
    const v = useVerifierStore();
    await v.load();
    await v.toggleDriver('acme.sys');
    await v.toggleDriver('foo.sys');
    expect(v.command?.text).toBe('verifier /flags 0x2026fbb /driver acme.sys foo.sys');
    await v.toggleDriver('acme.sys');
    await v.choose('standard');
    expect(v.command?.text).toBe('verifier /flags 0x209bb /driver foo.sys');
    await v.choose('reset');
    expect(v.command?.argv).toEqual(['/reset']);
  });

  it('refuses a driver path through the contract and says why', async () => {
    const v = useVerifierStore();
    await v.load();
    await v.toggleDriver('C:\\drivers\\acme.sys');
    expect(v.command).toBeNull();
    expect(v.error).toMatch(/expected a driver file name like foo\.sys/);
  });
});
