// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BucketSummary, CrashRow } from '../../../../shared/api';
import { installApi } from '../../../../renderer/api';
import HistoryView from '../../../../renderer/views/HistoryView.vue';
import { fakeApi } from '../../../helpers/fakeApi';

function crash(i: number, bucket: string, culprit: string): CrashRow {
  return {
    id: String(i), path: `/dumps/${i}.dmp`, fileName: `${i}.dmp`, fileSize: 300_000, missing: false, state: 'ok', error: null,
    kind: 'kernel-small', crashTime: `2026-01-0${i}T10:00:00.000Z`, codeType: 'bugcheck', code: '0xd1', codeName: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL',
    parameters: ['0x10', '0x2', '0x0', '0xfffff80001000123'], culprit, culpritVersion: '1.2.3.4', culpritCompany: 'Acme Inc.',
    crashAddress: '0xfffff80001000123', processor: 'x64', osBuild: 19041, osVersion: '10.0.19041', machineName: null, processName: 'System',
    uptimeSeconds: null, bucket, source: '/dumps', wer: null,
  };
}

const ROWS = [crash(1, '0xD1_acme.sys', 'acme.sys'), crash(2, '0xD1_acme.sys', 'acme.sys'), crash(3, '0x50_foo.sys', 'foo.sys')];
const BUCKETS: BucketSummary[] = [
  { bucket: '0x50_foo.sys', count: 1, firstSeen: ROWS[2]!.crashTime, lastSeen: ROWS[2]!.crashTime, culprit: 'foo.sys', code: '0x50', codeName: 'PAGE_FAULT_IN_NONPAGED_AREA' },
  { bucket: '0xD1_acme.sys', count: 2, firstSeen: ROWS[0]!.crashTime, lastSeen: ROWS[1]!.crashTime, culprit: 'acme.sys', code: '0xd1', codeName: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL' },
];

function install(rows: CrashRow[], buckets: BucketSummary[]): void {
  const f = fakeApi({
    history: {
      list: (q) => {
        const hit = rows.filter((r) => !q.bucket || r.bucket === q.bucket);
        return { rows: hit.slice(q.offset, q.offset + q.limit), total: hit.length };
      },
      buckets: () => buckets,
      timeline: () => [],
      whatChanged: (bucket) => ({
        bucket, firstCrash: { id: 1, time: ROWS[0]!.crashTime! }, machine: 'PC-1', baselineDumps: 4, windowDumps: 2,
        changes: [{ module: 'acme.sys', change: 'updated', version: '1.2.3.4', timestamp: null, previousVersion: '1.2.3.0', previousTimestamp: null, firstSeen: '2025-12-30T00:00:00.000Z' }],
      }),
    },
    sources: { list: () => [{ id: 'src1', path: '/dumps', origin: 'default', label: 'Kernel minidumps', reachable: true, reason: null, dumpCount: rows.length, lastScan: null }] },
  });
  installApi(f.client, f.events);
}

beforeEach(() => setActivePinia(createPinia()));

function cellTexts(w: ReturnType<typeof mount>): string[][] {
  return w.findAll('.vtable-row').map((r) => r.findAll('[role=gridcell]').map((c) => c.text()));
}

describe('HistoryView', () => {
  it("shows BlueScreenView's columns plus bucket, and a row per crash", async () => {
    install(ROWS, BUCKETS);
    const w = mount(HistoryView);
    await flushPromises();
    expect(w.findAll('[role=columnheader]').map((h) => h.text().replace(/\s*[▲▼]$/, ''))).toEqual([
      'Dump File', 'Crash Time', 'Bug Check / Exception', 'Code', 'Parameter 1', 'Parameter 2', 'Parameter 3', 'Parameter 4',
      'Caused By', 'Version', 'Company', 'Crash Address', 'Processor', 'Process', 'OS Build', 'Dump Size', 'Bucket', 'Full Path',
    ]);
    expect(w.get('[data-testid=history-count]').text()).toBe('3 crashes');
    expect(cellTexts(w)[0]).toEqual([
      '1.dmp', '2026-01-01 10:00:00', 'DRIVER_IRQL_NOT_LESS_OR_EQUAL', '0x000000d1', '0x10', '0x2', '0x0', '0xfffff80001000123',
      'acme.sys', '1.2.3.4', 'Acme Inc.', '0xfffff80001000123', 'x64', 'System', '19041', '293 KB', '0xD1_acme.sys', '/dumps/1.dmp',
    ]);
  });

  it('lists buckets by count and filters the table to the one clicked, with what changed', async () => {
    install(ROWS, BUCKETS);
    const w = mount(HistoryView);
    await flushPromises();
    const buttons = w.get('[data-testid=buckets]').findAll('button');
    expect(buttons.map((b) => [b.get('.bucket-count').text(), b.get('.bucket-name').text()])).toEqual([
      ['2', 'DRIVER_IRQL_NOT_LESS_OR_EQUAL — acme.sys'], ['1', 'PAGE_FAULT_IN_NONPAGED_AREA — foo.sys'],
    ]);
    await buttons[1]!.trigger('click');
    await flushPromises();
    expect(w.get('[data-testid=history-count]').text()).toBe('1 crash in bucket 0x50_foo.sys Show all');
    expect(cellTexts(w).map((r) => r[0])).toEqual(['3.dmp']);
    expect(buttons[1]!.attributes('aria-pressed')).toBe('true');
    expect(w.get('[data-testid=what-changed]').text()).toContain('acme.sys changed version (1.2.3.0 → 1.2.3.4)');

    await w.get('[data-testid=history-count] button').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid=history-count]').text()).toBe('3 crashes');
  });

  it('tells a user with no crashes what to do next', async () => {
    install([], []);
    const w = mount(HistoryView);
    await flushPromises();
    const empty = w.get('[aria-labelledby=empty-title]');
    expect(empty.get('h2').text()).toBe('No crashes recorded yet');
    expect(empty.text()).toContain('Small memory dump (256 KB)');
    // No empty table or chart under the explanation; the watched folders stay, to add one.
    expect(w.find('[role=grid]').exists()).toBe(false);
    expect(w.find('#timeline-title').exists()).toBe(false);
    expect(w.get('[data-testid=sources]').text()).toContain('Kernel minidumps');
    await empty.findAll('button').find((b) => b.text() === 'Startup and Recovery settings')!.trigger('click');
    expect(w.emitted('settings')).toHaveLength(1);
  });

  it('opens a crash on Enter from the keyboard', async () => {
    install(ROWS, BUCKETS);
    const w = mount(HistoryView);
    await flushPromises();
    const grid = w.get('[role=grid]');
    expect(grid.attributes('tabindex')).toBe('0');
    await grid.trigger('keydown', { key: 'ArrowDown' }); // selects the first row
    await grid.trigger('keydown', { key: 'ArrowDown' });
    expect(w.get('.vtable-row.selected').attributes('aria-rowindex')).toBe('3');
    await grid.trigger('keydown', { key: 'Enter' });
    expect(w.emitted('open')).toEqual([['/dumps/2.dmp']]);
  });
});
