// "What changed before this bucket started?" on a made-up machine history:
// three weeks of dumps with a stable driver set, then a GPU driver update and
// a new filter driver two days before the first crash of a new bucket.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryStore } from '../../../../../electron/services/history/historyStore';
import { whatChanged } from '../../../../../electron/services/history/whatChanged';
import { addCrash, mod, openTempStore } from './fakeHistory';

let t: ReturnType<typeof openTempStore>;
let store: HistoryStore;
beforeEach(() => { t = openTempStore(); store = t.store; });
afterEach(() => t.done());

const day = (d: number) => new Date(Date.UTC(2024, 2, 1) + d * 86_400_000);
const BASE = [mod('ntoskrnl.exe', '10.0.19041.1'), mod('nvlddmkm.sys', '31.0.15.3623', 0x64000000), mod('tcpip.sys', '10.0.19041.2')];

describe('whatChanged', () => {
  it('names the drivers whose version first appeared shortly before the first crash, against older dumps of the machine', () => {
    const src = store.ensureSource('/pc1');
    addCrash(store, src, { crashTime: day(0), bucket: 'OLD', modules: BASE });
    addCrash(store, src, { crashTime: day(10), bucket: 'OLD', modules: BASE });
    const updated = [mod('ntoskrnl.exe', '10.0.19041.1'), mod('nvlddmkm.sys', '31.0.15.5123', 0x65000000), mod('tcpip.sys', '10.0.19041.2'), mod('acmefilter.sys', '1.0.0.1')];
    // Day 19: the update lands (a crash of another bucket shows it); day 21: the new bucket starts.
    addCrash(store, src, { crashTime: day(19), bucket: 'OLD', modules: updated });
    const first = addCrash(store, src, { crashTime: day(21), bucket: 'NEW', modules: updated });
    addCrash(store, src, { crashTime: day(22), bucket: 'NEW', modules: updated });
    // Another machine (another source) with other drivers does not count.
    addCrash(store, store.ensureSource('/pc2'), { crashTime: day(20), bucket: 'X', modules: [mod('weird.sys', '9')] });

    const a = whatChanged(store, 'NEW', 7);
    expect(a).toMatchObject({ bucket: 'NEW', firstCrash: { id: first, time: day(21).toISOString() }, machine: 'source #1', baselineDumps: 2, windowDumps: 2 });
    expect(a.changes).toEqual([
      { module: 'acmefilter.sys', change: 'new', version: '1.0.0.1', timestamp: 0x60000000, previousVersion: null, previousTimestamp: null, firstSeen: day(19).toISOString() },
      { module: 'nvlddmkm.sys', change: 'updated', version: '31.0.15.5123', timestamp: 0x65000000, previousVersion: '31.0.15.3623', previousTimestamp: 0x64000000, firstSeen: day(19).toISOString() },
    ]);
    // With a 1-day window, day 19 is part of the baseline: those versions are no longer "new".
    expect(whatChanged(store, 'NEW', 1).changes).toEqual([]);
  });

  it('uses the machine name when dumps record one, and says when there is nothing to compare with', () => {
    const a = store.ensureSource('/a');
    const b = store.ensureSource('/b');
    addCrash(store, a, { crashTime: day(0), machineName: 'PC-7', bucket: 'OLD', modules: BASE });
    addCrash(store, b, { crashTime: day(5), machineName: 'PC-7', bucket: 'NEW', modules: [...BASE, mod('new.sys', '2')] });
    const r = whatChanged(store, 'NEW', 3);
    expect(r.machine).toBe('PC-7');
    expect(r.baselineDumps).toBe(1);
    expect(r.changes.map((c) => [c.module, c.change])).toEqual([['new.sys', 'new']]);

    const lonely = store.ensureSource('/c');
    addCrash(store, lonely, { crashTime: day(3), bucket: 'ALONE', modules: BASE });
    expect(whatChanged(store, 'ALONE')).toMatchObject({ baselineDumps: 0, windowDumps: 1, changes: [] });
    expect(whatChanged(store, 'NO_SUCH_BUCKET')).toMatchObject({ firstCrash: null, changes: [] });
  });
});
