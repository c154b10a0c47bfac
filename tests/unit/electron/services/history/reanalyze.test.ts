// Re-analysis when the analyzer version changes: stale rows are read again
// (real files in a temp folder, a fake summarizer), vanished files become
// missing, failures become error rows, and a second call finds nothing to do.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrashSummary, Summarizer } from '../../../../../electron/services/history/crashSummary';
import { indexFolders } from '../../../../../electron/services/history/indexer';
import { countStale, reanalyzeStale } from '../../../../../electron/services/history/reanalyze';
import { openTempStore, summary } from './fakeHistory';

let t: ReturnType<typeof openTempStore>;
beforeEach(() => { t = openTempStore(); });
afterEach(() => t.done());

/** Reads the first line of the file as the bucket; "bad" files throw like a corrupt dump. */
function fake(version: number, prefix = ''): Summarizer & { calls: number } {
  const s = {
    calls: 0,
    analyzerVersion: version,
    async summarize(path: string): Promise<CrashSummary> {
      s.calls++;
      const text = (await import('node:fs')).readFileSync(path, 'utf8');
      if (text.startsWith('bad')) throw Object.assign(new Error('not a dump'), { code: 'BadSignature' });
      return summary({ bucket: prefix + text.trim() });
    },
  };
  return s;
}

describe('reanalyzeStale', () => {
  it('re-reads rows of an older analyzer, marks vanished files missing, and stops', async () => {
    const dir = join(t.dir, 'dumps');
    mkdirSync(dir);
    for (const n of ['a', 'b', 'c']) writeFileSync(join(dir, `${n}.dmp`), `B_${n}`);
    writeFileSync(join(dir, 'd.dmp'), 'bad');
    await indexFolders(t.store, [dir], { summarizer: fake(1) });
    expect(countStale(t.store, 2)).toBe(4);

    rmSync(join(dir, 'c.dmp'));
    writeFileSync(join(dir, 'd.dmp'), 'B_d'); // the new analyzer can read it
    const v2 = fake(2, 'v2:');
    const r = await reanalyzeStale(t.store, v2, { batchSize: 2 });
    expect(r).toEqual({ reanalysed: 3, failed: 0, missing: 1 });
    const rows = t.store.db.prepare('SELECT path, state, bucket, missing, analyzer_version AS v, source_id AS s FROM crashes ORDER BY path').all();
    expect(rows).toEqual([
      { path: join(dir, 'a.dmp'), state: 'ok', bucket: 'v2:B_a', missing: 0, v: 2, s: 1 },
      { path: join(dir, 'b.dmp'), state: 'ok', bucket: 'v2:B_b', missing: 0, v: 2, s: 1 },
      { path: join(dir, 'c.dmp'), state: 'ok', bucket: 'B_c', missing: 1, v: 1, s: 1 },
      { path: join(dir, 'd.dmp'), state: 'ok', bucket: 'v2:B_d', missing: 0, v: 2, s: 1 },
    ]);
    expect(countStale(t.store, 2)).toBe(0);
    expect(await reanalyzeStale(t.store, v2)).toEqual({ reanalysed: 0, failed: 0, missing: 0 });
  });

  it('a dump the new analyzer cannot read becomes an error row at the new version; abort stops between batches', async () => {
    const dir = join(t.dir, 'dumps');
    mkdirSync(dir);
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, `${i}.dmp`), `B_${i}`);
    await indexFolders(t.store, [dir], { summarizer: fake(1) });
    writeFileSync(join(dir, '0.dmp'), 'bad');
    const ac = new AbortController();
    const r = await reanalyzeStale(t.store, fake(2), { batchSize: 2, onProgress: () => ac.abort(), signal: ac.signal });
    expect(r.reanalysed + r.failed).toBe(2);
    expect(countStale(t.store, 2)).toBe(3);
    await reanalyzeStale(t.store, fake(2));
    expect(t.store.db.prepare("SELECT path, state, error FROM crashes WHERE state = 'error'").all()).toEqual([{ path: join(dir, '0.dmp'), state: 'error', error: 'not a dump' }]);
    expect(countStale(t.store, 2)).toBe(0);
  });
});
