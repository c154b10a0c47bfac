// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installApi } from '../../../../renderer/api';
import { useDumpStore } from '../../../../renderer/stores/useDumpStore';
import { useHistoryStore } from '../../../../renderer/stores/useHistoryStore';
import DumpView from '../../../../renderer/views/DumpView.vue';
import { fakeApi } from '../../../helpers/fakeApi';
import { acmeReport, fakeDumpService, type FakeDump } from '../support/fakeServices';

// Monaco needs a real browser (workers, layout); ConsolePane falls back to a plain input when it fails to load.
vi.mock('../../../../renderer/console/monacoInput', () => ({
  createConsoleEditor: () => {
    throw new Error('Monaco is not available in happy-dom');
  },
}));

let dump: FakeDump;

beforeEach(async () => {
  localStorage.clear();
  setActivePinia(createPinia());
  dump = fakeDumpService();
  const f = fakeApi({ dump: dump.service });
  installApi(f.client, f.events);
  useHistoryStore().buckets = [{ bucket: '0xD1_acme.sys', count: 14, firstSeen: '2026-01-02T08:00:00.000Z', lastSeen: null, culprit: 'acme.sys', code: '0xd1', codeName: null }];
  await useDumpStore().open('/dumps/acme.dmp');
});

async function mountView() {
  const w = mount(DumpView, { attachTo: document.body });
  await flushPromises();
  return w;
}

describe('DumpView', () => {
  it('says first, in plain words, what crashed and how often', async () => {
    const w = await mountView();
    expect(w.get('#summary-title').text()).toBe('acme.dmp');
    expect(w.get('[data-testid=summary-text]').text()).toBe(
      'Your PC crashed (DRIVER_IRQL_NOT_LESS_OR_EQUAL) because of the driver acme.sys (Acme Inc., version 1.2.3.4). 14 crashes in this bucket since 2026-01-02.' +
        ' Known issue: A driver touched invalid or pageable memory at raised IRQL (0xD1).',
    );
    expect(w.get('[data-testid=known-issue]').text()).toMatch(/Fix: Update the driver named as the cause/);
    expect(w.get('[data-testid=analysis-text]').text()).toMatch(/BUGCHECK_CODE:\s+d1/);
    w.unmount();
  });

  it('moves between tabs with the arrow keys (roving tabindex)', async () => {
    const w = await mountView();
    const tabs = () => w.findAll('[role=tab]');
    expect(tabs().map((t) => t.text())).toEqual(['Analysis', 'Stack', 'Threads', 'Modules', 'Memory', 'Console', 'Privacy']);
    expect(tabs().map((t) => t.attributes('tabindex'))).toEqual(['0', '-1', '-1', '-1', '-1', '-1', '-1']);
    await tabs()[0]!.trigger('keydown', { key: 'ArrowRight' });
    expect(tabs()[1]!.attributes('aria-selected')).toBe('true');
    expect(document.activeElement?.id).toBe('tab-stack');
    expect(w.get('[role=tabpanel]').attributes('aria-labelledby')).toBe('tab-stack');
    await tabs()[1]!.trigger('keydown', { key: 'ArrowLeft' });
    await tabs()[0]!.trigger('keydown', { key: 'ArrowLeft' }); // wraps to the last tab
    expect(document.activeElement?.id).toBe('tab-privacy');
    await tabs()[6]!.trigger('keydown', { key: 'Home' });
    expect(document.activeElement?.id).toBe('tab-analysis');
    await tabs()[0]!.trigger('keydown', { key: 'End' });
    expect(document.activeElement?.id).toBe('tab-privacy');
    w.unmount();
  });

  it('highlights the drivers found in the faulting stack', async () => {
    const w = await mountView();
    await w.get('[data-testid=tab-modules]').trigger('click');
    const rows = w.get('[data-testid=modules-table]').findAll('tbody tr');
    expect(rows.map((r) => [r.find('td').text(), r.classes('hot')])).toEqual([
      ['ntoskrnl.exe', true], ['acme.systhird-party', true], ['disk.sys', false], ['beep.sys', false],
    ]);
    w.unmount();
  });

  it('shows the faulting stack with how each frame was found', async () => {
    const w = await mountView();
    await w.get('[data-testid=tab-stack]').trigger('click');
    const cells = w.get('[data-testid=stack-table]').findAll('tbody tr').map((r) => r.findAll('td').map((c) => c.text()));
    expect(cells).toEqual([
      ['00', '0xfffff80000012345', 'ntoskrnl.exe!KeBugCheckEx+0x0', '', 'context'],
      ['01', '0xfffff80001000123', 'acme.sys+0x123', '', 'scan'],
    ]);
    w.unmount();
  });

  it('shows progress while analysing, with a Cancel that reaches the engine', async () => {
    setActivePinia(createPinia());
    let finish!: () => void;
    const cancelled: string[] = [];
    const f = fakeApi({
      dump: {
        ...fakeDumpService().service,
        analyze: () => new Promise((resolve) => (finish = () => resolve(acmeReport()))),
        cancel: (id) => void cancelled.push(id),
      },
    });
    installApi(f.client, f.events);
    const store = useDumpStore();
    const opening = store.open('/dumps/slow.dmp');
    const w = await mountView();
    store.onProgress({ sessionId: 's1', phase: 'symbols', fraction: 0.4, message: 'Loading symbols for acme.sys' });
    await flushPromises();
    expect(w.get('[role=status]').text()).toBe('Analysing the dump… Loading symbols for acme.sys Cancel');
    await w.get('[role=status] button').trigger('click');
    await flushPromises();
    expect(cancelled).toEqual(['s1']);
    finish();
    await opening;
    await flushPromises();
    expect(w.find('[role=status]').exists()).toBe(false);
    w.unmount();
  });

  it('runs console commands, follows output links and recalls history with ↑', async () => {
    const w = await mountView();
    expect(w.find('.facts').exists()).toBe(true);
    await w.get('[data-testid=tab-console]').trigger('click');
    await flushPromises();
    expect(w.find('.facts').exists()).toBe(false); // the console gets the height; the summary sentence stays
    expect(w.find('[data-testid=summary-text]').exists()).toBe(true);
    const input = w.get<HTMLInputElement>('[data-testid=console-input]');
    expect(input.attributes('aria-label')).toBe('Debugger command');
    await input.setValue('lm');
    await input.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(w.findAll('[data-testid=command-output] .cmd-line').map((l) => l.text())).toEqual(['0: kd> lm']);

    await w.get('button[data-command="lmv m acme"]').trigger('click');
    await flushPromises();
    expect(dump.commands).toEqual(['lm', 'lmv m acme']);

    await input.trigger('keydown', { key: 'ArrowUp' });
    expect(input.element.value).toBe('lmv m acme');
    await input.trigger('keydown', { key: 'ArrowUp' });
    expect(input.element.value).toBe('lm');

    await w.findAll('button').find((b) => b.text() === 'Clear (.cls)')!.trigger('click');
    await flushPromises();
    expect(w.findAll('[data-testid=command-output]')).toHaveLength(0);
    w.unmount();
  });
});
