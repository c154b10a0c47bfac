// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { installApi } from '../../../../renderer/api';
import VerifierView from '../../../../renderer/views/VerifierView.vue';
import { fakeApi } from '../../../helpers/fakeApi';
import { fakeVerifierService } from '../support/fakeServices';

beforeEach(() => {
  setActivePinia(createPinia());
  const f = fakeApi({
    verifier: fakeVerifierService(),
    history: {
      buckets: () => [
        { bucket: 'a', count: 2, firstSeen: null, lastSeen: null, culprit: 'foo.sys', code: null, codeName: null },
        { bucket: 'b', count: 5, firstSeen: null, lastSeen: null, culprit: 'acme.sys', code: null, codeName: null },
        { bucket: 'c', count: 9, firstSeen: null, lastSeen: null, culprit: 'app.exe', code: null, codeName: null },
      ],
      list: () => ({ rows: [], total: 0 }),
      timeline: () => [],
    },
    sources: { list: () => [] },
  });
  installApi(f.client, f.events);
});

describe('VerifierView', () => {
  it('warns about boot loops before anything else, with the way out', async () => {
    const w = mount(VerifierView);
    await flushPromises();
    const warning = w.get('[role=note]');
    expect(w.element.firstElementChild).toBe(warning.element);
    expect(warning.get('h2').text()).toBe('Before you enable Driver Verifier');
    expect(warning.text()).toContain('Safe Mode');
    expect(warning.text()).toContain('verifier /reset');
    expect(warning.text()).toContain('/bootmode resetonbootfail');
    // Presets that risk a boot loop point to it instead of repeating it.
    expect(w.findAll('.preset-warning').map((p) => p.attributes('title'))).toEqual(['Can make a boot driver crash at every start.']);
  });

  it('offers the drivers blamed in the history, most crashes first, and shows the exact command', async () => {
    const w = mount(VerifierView);
    await flushPromises();
    const drivers = w.findAll('.drivers label');
    expect(drivers.map((d) => d.text())).toEqual(['acme.sys (5 crashes)', 'foo.sys (2 crashes)']);
    expect(w.get('[data-testid=verifier-command]').text()).toBe('verifier /flags 0x2026fbb /driver');
    await drivers[0]!.get('input').setValue(true);
    await flushPromises();
    expect(w.get('[data-testid=verifier-command]').text()).toBe('verifier /flags 0x2026fbb /driver acme.sys');
    await w.get('[data-testid=preset-reset]').setValue(true);
    await flushPromises();
    expect(w.get('[data-testid=verifier-command]').text()).toBe('verifier /reset');
  });

  it('says the current state needs Windows instead of showing nothing', async () => {
    const w = mount(VerifierView);
    await flushPromises();
    expect(w.get('[aria-labelledby=state-title] p').text()).toBe('Not available on this machine (needs Windows and verifier.exe).');
  });
});
