// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CrashRow, HistoryQuery } from '../../../../shared/api';
import { installApi } from '../../../../renderer/api';
import { PAGE_SIZE, useHistoryStore } from '../../../../renderer/stores/useHistoryStore';
import { fakeApi } from '../../../helpers/fakeApi';

function row(i: number, bucket = i % 3 === 0 ? 'A' : 'B'): CrashRow {
  return {
    id: String(i), path: `/dumps/${i}.dmp`, fileName: `${i}.dmp`, fileSize: 1000 + i, missing: false, state: 'ok', error: null,
    kind: 'kernel-small', crashTime: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), codeType: 'bugcheck',
    code: '0xd1', codeName: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL', parameters: [], culprit: 'acme.sys', culpritVersion: null,
    culpritCompany: null, crashAddress: null, processor: null, osBuild: 19041, osVersion: null, machineName: null,
    processName: null, uptimeSeconds: null, bucket, source: null, wer: null,
  };
}

const ALL = Array.from({ length: 1000 }, (_, i) => row(i));
const queries: HistoryQuery[] = [];

beforeEach(() => {
  queries.length = 0;
  setActivePinia(createPinia());
  const f = fakeApi({
    history: {
      list: (q) => {
        queries.push(q);
        const rows = ALL.filter((r) => (!q.bucket || r.bucket === q.bucket) && (!q.text || r.fileName.includes(q.text)));
        return { rows: rows.slice(q.offset, q.offset + q.limit), total: rows.length };
      },
      buckets: () => [{ bucket: 'A', count: 334, firstSeen: null, lastSeen: null, culprit: 'acme.sys', code: '0xd1', codeName: 'X' }],
      timeline: () => [],
    },
    sources: { list: () => [] },
  });
  installApi(f.client, f.events);
});

describe('useHistoryStore', () => {
  it('loads the first page, then only the pages a scroll reaches', async () => {
    const h = useHistoryStore();
    await h.load();
    expect(h.total).toBe(1000);
    expect(h.rowAt(0)?.id).toBe('0');
    expect(h.rowAt(PAGE_SIZE)).toBeUndefined();
    await h.ensureRange(450, 470);
    expect(h.rowAt(460)?.id).toBe('460');
    expect(queries.map((q) => q.offset)).toEqual([0, 400]);
    await h.ensureRange(450, 470); // already loaded: no new request
    expect(queries).toHaveLength(2);
  });

  it('sends valid sort arguments through the contract and toggles direction', async () => {
    const h = useHistoryStore();
    await h.load();
    await h.sortBy('culprit');
    await h.sortBy('culprit');
    expect(queries.slice(-2).map((q) => [q.sort, q.descending])).toEqual([['culprit', false], ['culprit', true]]);
  });

  it('filters to a bucket and asks what changed for it', async () => {
    const h = useHistoryStore();
    await h.load();
    await h.filterBucket('A');
    expect(h.total).toBe(334);
    expect(h.rowAt(1)?.bucket).toBe('A');
    // whatChanged is not implemented by this fake host: the store reports it in words.
    expect(h.error).toMatch(/whatChanged has no implementation/);
  });

  it('ignores an answer that arrives after a newer query', async () => {
    const h = useHistoryStore();
    await h.load();
    const slow = h.setText('99');
    const fast = h.setText('5');
    await Promise.all([slow, fast]);
    expect(h.text).toBe('5');
    expect(h.total).toBe(ALL.filter((r) => r.fileName.includes('5')).length);
  });

  it('shows the first page without waiting for the timeline', async () => {
    let release!: () => void;
    const f = fakeApi({
      history: {
        list: (q) => ({ rows: ALL.slice(q.offset, q.offset + q.limit), total: ALL.length }),
        buckets: () => [],
        timeline: () => new Promise((resolve) => (release = () => resolve([{ period: '2026-01-01', key: 'A', count: 1 }]))),
      },
      sources: { list: () => [] },
    });
    installApi(f.client, f.events);
    const h = useHistoryStore();
    const loading = h.load();
    await expect.poll(() => h.total).toBe(1000);
    expect(h.rowAt(0)?.id).toBe('0');
    expect(h.loading).toBe(true);
    expect(h.timeline).toEqual([]);
    release();
    await loading;
    expect(h.loading).toBe(false);
    expect(h.timeline).toHaveLength(1);
  });
});
