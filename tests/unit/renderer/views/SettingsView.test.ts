// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { installApi } from '../../../../renderer/api';
import SettingsView from '../../../../renderer/views/SettingsView.vue';
import { fakeApi } from '../../../helpers/fakeApi';
import { fakeSettingsService, type FakeSettings } from '../support/fakeServices';

let reg: FakeSettings;

function install(writable = true): void {
  reg = fakeSettingsService(7, writable);
  const f = fakeApi({ settings: reg.service });
  installApi(f.client, f.events);
}

beforeEach(() => setActivePinia(createPinia()));

describe('SettingsView', () => {
  it('enables Preview only after a change, shows the diff, applies and undoes', async () => {
    install();
    const w = mount(SettingsView, { attachTo: document.body });
    await flushPromises();
    expect(w.get('[data-testid=settings-backend]').text()).toBe('Values from a .reg file standing in for the registry.');
    const select = w.get<HTMLSelectElement>('[data-testid=dump-type]');
    expect(select.element.value).toBe('automatic');
    expect(w.get('[data-testid=preview]').attributes('disabled')).toBeDefined();

    await select.setValue('small');
    expect(w.get('[data-testid=preview]').attributes('disabled')).toBeUndefined();
    expect(w.text()).toContain('A few hundred KB per crash');
    await w.get('form.dialog').trigger('submit');
    await flushPromises();

    const diff = w.get('[data-testid=diff]');
    expect(document.activeElement?.id).toBe('diff-title'); // focus moves to the diff it just opened
    expect(diff.findAll('tbody tr').map((r) => r.findAll('td').map((c) => c.text()))).toEqual([['CrashControl\\CrashDumpEnabled', '7 (automatic memory dump)', '3 (small memory dump)']]);
    expect(diff.get('pre').text()).toContain('"CrashDumpEnabled"=dword:00000003');

    await w.get('[data-testid=apply]').trigger('click');
    await flushPromises();
    expect(reg.crashDumpEnabled()).toBe(3);
    expect(w.find('[data-testid=diff]').exists()).toBe(false);
    expect(w.get('[data-testid=applied]').text()).toContain('/backups/c2.reg — takes effect after a restart.');

    await w.get('[data-testid=undo]').trigger('click');
    await flushPromises();
    expect(reg.crashDumpEnabled()).toBe(7);
    expect(w.find('[data-testid=applied]').exists()).toBe(false);
    expect(w.get<HTMLSelectElement>('[data-testid=dump-type]').element.value).toBe('automatic');
    w.unmount();
  });

  it('shows the model\'s warning for a dump that would not fit', async () => {
    install();
    const w = mount(SettingsView);
    await flushPromises();
    await w.get('[data-testid=dump-type]').setValue('complete');
    await w.get('form.dialog').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid=diff] .warnings').text()).toBe('The page file on C: is smaller than RAM + 257 MB: a complete dump would not fit.');
  });

  it('previews but will not apply on a read-only host, and says why', async () => {
    install(false);
    const w = mount(SettingsView);
    await flushPromises();
    expect(w.get('[data-testid=settings-backend]').text()).toContain('Read-only: started without --allow-settings');
    await w.get('[data-testid=dump-type]').setValue('small');
    await w.get('form.dialog').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid=apply]').attributes('disabled')).toBeDefined();
  });

  it('names the read-only areas, says when nothing is set, and edits application dumps', async () => {
    install();
    const w = mount(SettingsView);
    await flushPromises();
    const pagefile = w.get('[data-testid=area-pagefile]');
    expect([pagefile.get('h2').text(), pagefile.get('p').text()]).toEqual(['Page file', 'Nothing set: Windows uses its defaults.']);
    const wer = w.get('[data-testid=area-werLocalDumps]');
    expect(wer.get('h2').text()).toBe('Application crash dumps (WER LocalDumps)');
    // LocalDumps has its own editor: the current values fill the form instead of a JSON dump.
    expect((wer.get('[data-testid=localdumps-enabled]').element as HTMLInputElement).checked).toBe(true);
    expect((wer.get('input[type=number]').element as HTMLInputElement).value).toBe('10');
    expect(wer.find('pre').exists()).toBe(false);
  });

  it('explains when this host has no settings service', async () => {
    const f = fakeApi({});
    installApi(f.client, f.events);
    const w = mount(SettingsView);
    await flushPromises();
    expect(w.get('[role=alert]').text()).toBe('settings.read has no implementation in this host');
  });
});
