// The list, bucket and trend queries on a real SQLite file filled with known rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crashById, crashTrend, listBuckets, listCrashes } from '../../../../../electron/services/history/historyQueries';
import type { HistoryStore } from '../../../../../electron/services/history/historyStore';
import { addCrash, openTempStore, summary } from './fakeHistory';

let t: ReturnType<typeof openTempStore>;
let store: HistoryStore;
let src: number;
let other: number;
beforeEach(() => {
  t = openTempStore();
  store = t.store;
  src = store.ensureSource('/dumps');
  other = store.ensureSource('/other');
});
afterEach(() => t.done());

const at = (iso: string) => ({ crashTime: new Date(iso) });

function fill() {
  const ids = {
    a: addCrash(store, src, { ...at('2024-03-01T10:00:00Z'), bucket: 'B1', culprit: 'nvlddmkm.sys', code: 0xd1 }, '/dumps/a.dmp'),
    b: addCrash(store, src, { ...at('2024-03-02T10:00:00Z'), bucket: 'B1', culprit: 'nvlddmkm.sys', code: 0xd1 }, '/dumps/b.dmp'),
    c: addCrash(store, src, { ...at('2024-03-09T10:00:00Z'), bucket: 'B2', culprit: 'rtwlane.sys', code: 0x3b, codeName: 'SYSTEM_SERVICE_EXCEPTION' }, '/dumps/c.dmp'),
    d: addCrash(store, other, { ...at('2024-02-20T10:00:00Z'), kind: 'user-minidump', codeType: 'exception', code: 0xc0000005, codeName: 'EXCEPTION_ACCESS_VIOLATION_READ', bucket: 'B3', culprit: 'app.exe', processName: 'app.exe' }, '/other/d.dmp'),
    e: store.saveFailure({ path: '/dumps/e.dmp', size: 5, mtimeMs: 5, contentHash: 'x' }, src, 'not a dump', 1),
  };
  return ids;
}

describe('listCrashes', () => {
  it('lists newest first, unknown times last, with the JSON shape the UI and CLI use', () => {
    const ids = fill();
    const { rows, total } = listCrashes(store);
    expect(total).toBe(5);
    expect(rows.map((r) => r.id)).toEqual([ids.c, ids.b, ids.a, ids.d, ids.e]);
    expect(rows[0]).toEqual({
      id: ids.c, path: '/dumps/c.dmp', missing: false, state: 'ok', error: null, kind: 'kernel-small', crashTime: '2024-03-09T10:00:00.000Z',
      codeType: 'bugcheck', code: '0x0000003b', codeName: 'SYSTEM_SERVICE_EXCEPTION', parameters: ['0x28', '0x2', '0x0', '0xfffff80312345678'],
      culprit: 'rtwlane.sys', culpritVersion: '31.0.15.3623', culpritCompany: 'NVIDIA Corporation', crashAddress: '0xfffff80312345678',
      processor: 'amd64', bucket: 'B2', processName: 'System', osBuild: 19045, osVersion: '10.0.19045', machineName: null,
      uptimeSeconds: 3600, size: expect.any(Number) as unknown as number, source: '/dumps', analyzerVersion: 1, wer: null,
    });
    expect(rows[4]).toMatchObject({ state: 'error', error: 'not a dump', crashTime: null, bucket: null, code: null });
  });

  it('filters by time, code, culprit (any case), bucket, source, text and missing; pages stably', () => {
    const ids = fill();
    const ids3 = (o: Parameters<typeof listCrashes>[1]) => listCrashes(store, o).rows.map((r) => r.id);
    expect(ids3({ fromMs: Date.parse('2024-03-01T00:00:00Z'), toMs: Date.parse('2024-03-05T00:00:00Z') })).toEqual([ids.b, ids.a]);
    expect(ids3({ code: 0xd1 })).toEqual([ids.b, ids.a]);
    expect(ids3({ culprit: 'NVLDDMKM.SYS' })).toEqual([ids.b, ids.a]);
    expect(ids3({ bucket: 'B2' })).toEqual([ids.c]);
    expect(ids3({ sourceId: other })).toEqual([ids.d]);
    expect(ids3({ text: 'rtwl' })).toEqual([ids.c]); // FTS trigram substring
    expect(ids3({ text: 'ACCESS_VIOLATION' })).toEqual([ids.d]);
    expect(ids3({ text: '/e' })).toEqual([ids.e]); // two characters: LIKE
    expect(ids3({ state: 'error' })).toEqual([ids.e]);
    store.markMissing([ids.a]);
    expect(ids3({ includeMissing: false, code: 0xd1 })).toEqual([ids.b]);
    expect(listCrashes(store, { code: 0xd1 }).rows.find((r) => r.id === ids.a)!.missing).toBe(true);
    expect(ids3({ limit: 2 })).toEqual([ids.c, ids.b]);
    expect(ids3({ limit: 2, offset: 2 })).toEqual([ids.a, ids.d]);
    expect(listCrashes(store, { limit: 2, offset: 2 }).total).toBe(5);
  });

  it('sorts by culprit or code in both directions, with time then id breaking ties', () => {
    const ids = fill();
    expect(listCrashes(store, { sort: 'culprit', descending: false, state: 'ok' }).rows.map((r) => r.culprit)).toEqual(['app.exe', 'nvlddmkm.sys', 'nvlddmkm.sys', 'rtwlane.sys']);
    expect(listCrashes(store, { sort: 'culprit', descending: false, state: 'ok' }).rows.map((r) => r.id)).toEqual([ids.d, ids.a, ids.b, ids.c]);
    expect(listCrashes(store, { sort: 'code', state: 'ok' }).rows.map((r) => r.code)).toEqual(['0xc0000005', '0x000000d1', '0x000000d1', '0x0000003b']);
  });

  it('finds one crash by id in the same shape', () => {
    const ids = fill();
    expect(crashById(store, ids.c)).toEqual(listCrashes(store).rows.find((r) => r.id === ids.c));
    expect(crashById(store, 12345)).toBeUndefined();
  });

  it('text search follows renames (the FTS index is kept by triggers)', () => {
    const ids = fill();
    store.moveCrash(ids.c, { path: '/dumps/renamed-wifi.dmp', size: 1, mtimeMs: 1, contentHash: 'h' }, src);
    expect(listCrashes(store, { text: 'renamed-wifi' }).rows.map((r) => r.id)).toEqual([ids.c]);
    expect(listCrashes(store, { text: 'c.dmp' }).rows).toEqual([]);
  });
});

describe('listBuckets and crashTrend', () => {
  it('counts buckets with first/last seen, kept right through updates and deletes', () => {
    const ids = fill();
    expect(listBuckets(store)).toEqual([
      { bucket: 'B2', count: 1, firstSeen: '2024-03-09T10:00:00.000Z', lastSeen: '2024-03-09T10:00:00.000Z', culprit: 'rtwlane.sys', code: '0x0000003b', codeName: 'SYSTEM_SERVICE_EXCEPTION' },
      { bucket: 'B1', count: 2, firstSeen: '2024-03-01T10:00:00.000Z', lastSeen: '2024-03-02T10:00:00.000Z', culprit: 'nvlddmkm.sys', code: '0x000000d1', codeName: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL' },
      { bucket: 'B3', count: 1, firstSeen: '2024-02-20T10:00:00.000Z', lastSeen: '2024-02-20T10:00:00.000Z', culprit: 'app.exe', code: '0xc0000005', codeName: 'EXCEPTION_ACCESS_VIOLATION_READ' },
    ]);
    // Re-analysis moves crash b to B2; a failure row removes a from B1; deleting d empties B3.
    store.saveCrash({ path: '/dumps/b.dmp', size: 1, mtimeMs: 1, contentHash: 'b' }, src, summary({ bucket: 'B2', crashTime: new Date('2024-03-02T10:00:00Z') }), 2);
    store.saveFailure({ path: '/dumps/a.dmp', size: 1, mtimeMs: 1, contentHash: 'a' }, src, 'gone bad', 2);
    store.db.prepare('DELETE FROM crashes WHERE id = ?').run(ids.d);
    expect(listBuckets(store).map((b) => [b.bucket, b.count, b.firstSeen])).toEqual([['B2', 2, '2024-03-02T10:00:00.000Z']]);
  });

  it('counts crashes per day and per week (weeks start on Monday, UTC)', () => {
    fill();
    expect(crashTrend(store, { by: 'culprit', period: 'day' })).toEqual([
      { period: '2024-02-20', key: 'app.exe', count: 1 },
      { period: '2024-03-01', key: 'nvlddmkm.sys', count: 1 },
      { period: '2024-03-02', key: 'nvlddmkm.sys', count: 1 },
      { period: '2024-03-09', key: 'rtwlane.sys', count: 1 },
    ]);
    // 2024-02-20 is a Tuesday, 2024-03-01 a Friday, 2024-03-09 a Saturday.
    expect(crashTrend(store, { by: 'bucket', period: 'week' })).toEqual([
      { period: '2024-02-19', key: 'B3', count: 1 },
      { period: '2024-02-26', key: 'B1', count: 2 },
      { period: '2024-03-04', key: 'B2', count: 1 },
    ]);
    expect(crashTrend(store, { by: 'bucket', period: 'week', fromMs: Date.parse('2024-03-01T12:00:00Z') })).toEqual([
      { period: '2024-02-26', key: 'B1', count: 1 },
      { period: '2024-03-04', key: 'B2', count: 1 },
    ]);
  });
});

describe('per-day counters (migration 0004)', () => {
  it('agree with counting the crashes after inserts, re-analysis, failures, renames and deletes', () => {
    const ids = fill();
    const counted = (by: 'bucket' | 'culprit') => crashTrend(store, { by, period: 'day', fromMs: 1 }); // not day-aligned: counts rows
    const fromCounters = (by: 'bucket' | 'culprit') => crashTrend(store, { by, period: 'day' });
    const check = () => {
      for (const by of ['bucket', 'culprit'] as const) expect(fromCounters(by)).toEqual(counted(by));
    };
    check();
    store.saveCrash({ path: '/dumps/b.dmp', size: 1, mtimeMs: 1, contentHash: 'b' }, src, summary({ bucket: 'B9', culprit: 'x.sys', crashTime: new Date('2024-03-05T10:00:00Z') }), 2);
    check();
    store.saveFailure({ path: '/dumps/c.dmp', size: 1, mtimeMs: 1, contentHash: 'c' }, src, 'bad now', 2);
    check();
    store.moveCrash(ids.a, { path: '/dumps/a2.dmp', size: 1, mtimeMs: 1, contentHash: 'a' }, src);
    store.db.prepare('DELETE FROM crashes WHERE id = ?').run(ids.d);
    check();
    expect(fromCounters('culprit')).toEqual([
      { period: '2024-03-01', key: 'nvlddmkm.sys', count: 1 },
      { period: '2024-03-05', key: 'x.sys', count: 1 },
    ]);
    const lastMs = Date.parse('2024-03-02T00:00:00Z') - 1;
    expect(crashTrend(store, { by: 'bucket', period: 'day', fromMs: Date.parse('2024-03-01T00:00:00Z'), toMs: lastMs })).toEqual([{ period: '2024-03-01', key: 'B1', count: 1 }]);
  });
});

describe('notes and tags', () => {
  it('are kept per crash and go with the crash when it is deleted', () => {
    const ids = fill();
    store.addNote(ids.a, 'after GPU driver 551.23');
    store.addTag(ids.a, 'gpu');
    store.addTag(ids.a, 'gpu');
    store.addTag(ids.a, 'investigate');
    store.removeTag(ids.a, 'investigate');
    expect(store.tags(ids.a)).toEqual(['gpu']);
    expect(store.notes(ids.a).map((n) => n.text)).toEqual(['after GPU driver 551.23']);
    store.db.prepare('DELETE FROM crashes WHERE id = ?').run(ids.a);
    expect(store.tags(ids.a)).toEqual([]);
    expect(store.notes(ids.a)).toEqual([]);
  });
});
