// A pool of off-thread summarizers and the indexer's concurrency: work spreads
// over the members, and the rows are the same as with one summarizer.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrashSummary } from '../../../../../electron/services/history/crashSummary';
import { indexFolders } from '../../../../../electron/services/history/indexer';
import { summarizerPool } from '../../../../../electron/services/history/summarizerPool';
import { openTempStore, summary } from './fakeHistory';

let t: ReturnType<typeof openTempStore>;
beforeEach(() => { t = openTempStore(); });
afterEach(() => t.done());

/** A member that answers after a few ms (like a worker thread) and records the most calls it had at once. */
function slowMember() {
  const m = {
    calls: 0, busy: 0, maxBusy: 0,
    async summarize(path: string): Promise<CrashSummary> {
      m.calls++;
      m.busy++;
      m.maxBusy = Math.max(m.maxBusy, m.busy);
      await new Promise((r) => setTimeout(r, 5));
      m.busy--;
      if (path.endsWith('bad.dmp')) throw new Error('not a dump');
      return summary({ bucket: path.split('/').pop()! });
    },
  };
  return m;
}

describe('summarizerPool with indexer concurrency', () => {
  it('spreads 40 dumps over 2 members, 4 at a time, with the rows of a sequential run', async () => {
    const dir = join(t.dir, 'dumps');
    mkdirSync(dir);
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, `${String(i).padStart(2, '0')}.dmp`), `dump ${i}`);
    writeFileSync(join(dir, 'bad.dmp'), 'x');
    const a = slowMember();
    const b = slowMember();
    const r = await indexFolders(t.store, [dir], { summarizer: summarizerPool([a, b], 1), concurrency: 4, batchSize: 10 });
    expect(r.added).toBe(40);
    expect(r.failed).toEqual([{ path: join(dir, 'bad.dmp'), reason: 'not a dump' }]);
    expect(a.calls + b.calls).toBe(41);
    expect(Math.min(a.calls, b.calls)).toBeGreaterThanOrEqual(15);
    expect(Math.max(a.maxBusy, b.maxBusy)).toBe(2);
    const rows = t.store.db.prepare("SELECT path, bucket FROM crashes WHERE state = 'ok' ORDER BY path").all() as { path: string; bucket: string }[];
    expect(rows.map((x) => x.bucket)).toEqual(Array.from({ length: 40 }, (_, i) => `${String(i).padStart(2, '0')}.dmp`));
  });

  it('refuses an empty pool', () => {
    expect(() => summarizerPool([], 1)).toThrow(/at least one member/);
  });
});
