// The live watcher on a real folder: a dump appears, grows slowly (written in
// chunks over about two seconds), is renamed, truncated, deleted and restored.
// The settle interval is 1 s here (chunks come every 250 ms, so a busy machine still sees growth); rows are checked after each step.
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dumpSummarizer } from '../../../electron/services/history/dumpSummarizer';
import { watchSources, type SourceWatcher } from '../../../electron/services/history/watcher';
import { corpusPath } from '../../helpers/corpus';
import { rows, tempHistory, type TempHistory } from './tempHistory';

let t: TempHistory;
let w: SourceWatcher | undefined;
beforeEach(() => { t = tempHistory(); });
afterEach(async () => {
  await w?.close();
  t.cleanup();
});

const NULL_WRITE = 'NULL_POINTER_WRITE_c0000005_crashme.exe!Unknown';
const CALC = 'BREAKPOINT_80000003_ntdll.dll!Unknown';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 50 });

describe('watchSources', () => {
  it('indexes a slowly growing dump only once complete, then follows rename, truncate, delete and restore', async () => {
    w = await watchSources(t.store, [t.dumps], { summarizer: dumpSummarizer, settleMs: 1000, pollMs: 50, retryBaseMs: 50 });

    // 1. Grows in 8 chunks, 250 ms apart: never a row while it grows.
    const full = readFileSync(corpusPath('user', 'null_write_av.dmp'));
    const p = join(t.dumps, 'growing.dmp');
    const chunk = Math.ceil(full.length / 8);
    writeFileSync(p, full.subarray(0, chunk));
    for (let at = chunk; at < full.length; at += chunk) {
      await sleep(250);
      expect(rows(t.store)).toEqual([]);
      appendFileSync(p, full.subarray(at, at + chunk));
    }
    await waitFor(() => expect(rows(t.store)).toEqual([{ path: p, state: 'ok', missing: 0, code: 0xc0000005, bucket: NULL_WRITE, error: null }]));
    const id = t.store.crashByPath(p)!.id;

    // 2. Renamed: the same row follows.
    const renamed = join(t.dumps, 'renamed.dmp');
    renameSync(p, renamed);
    await waitFor(() => expect(rows(t.store)).toEqual([{ path: renamed, state: 'ok', missing: 0, code: 0xc0000005, bucket: NULL_WRITE, error: null }]));
    expect(t.store.crashByPath(renamed)!.id).toBe(id);

    // 3. A second dump appears; then the first is truncated: an error row, never a half one.
    const calc = join(t.dumps, 'calc.dmp');
    copyFileSync(corpusPath('user', 'rizinorg_calc.dmp'), calc);
    truncateSync(renamed, 200);
    await waitFor(() => expect(rows(t.store)).toEqual([
      { path: calc, state: 'ok', missing: 0, code: 0x80000003, bucket: CALC, error: null },
      { path: renamed, state: 'error', missing: 0, code: null, bucket: null, error: expect.any(String) as unknown as string },
    ]));

    // 4. Deleted: kept, marked missing.
    rmSync(calc);
    await waitFor(() => expect(rows(t.store).find((r) => r.path === calc)).toMatchObject({ missing: 1, state: 'ok', bucket: CALC }));

    // 5. Restored, and the truncated one rewritten whole.
    copyFileSync(corpusPath('user', 'rizinorg_calc.dmp'), calc);
    copyFileSync(corpusPath('user', 'null_write_av.dmp'), renamed);
    await waitFor(() => expect(rows(t.store)).toEqual([
      { path: calc, state: 'ok', missing: 0, code: 0x80000003, bucket: CALC, error: null },
      { path: renamed, state: 'ok', missing: 0, code: 0xc0000005, bucket: NULL_WRITE, error: null },
    ]));
    await w.idle();
    expect(t.store.db.prepare('SELECT COUNT(*) AS n FROM crashes').get()).toEqual({ n: 2 });
  });

  it('takes a source added while running (indexing what is already there) and stops on one removed', async () => {
    w = await watchSources(t.store, [t.dumps], { summarizer: dumpSummarizer, settleMs: 200, pollMs: 50 });
    const extra = join(t.root, 'extra');
    const already = join(extra, 'already.dmp');
    mkdirSync(extra);
    copyFileSync(corpusPath('user', 'rizinorg_calc.dmp'), already);
    await w.add(extra);
    expect(rows(t.store).map((r) => r.path)).toEqual([already]);
    const later = join(extra, 'later.dmp');
    copyFileSync(corpusPath('user', 'null_write_av.dmp'), later);
    await waitFor(() => expect(rows(t.store).map((r) => r.path)).toEqual([already, later]));
    await w.remove(extra);
    copyFileSync(corpusPath('user', 'ascii_read_av.dmp'), join(extra, 'ignored.dmp'));
    copyFileSync(corpusPath('user', 'ascii_read_av.dmp'), join(t.dumps, 'seen.dmp'));
    await waitFor(() => expect(rows(t.store).map((r) => r.path)).toContain(join(t.dumps, 'seen.dmp')));
    expect(rows(t.store).map((r) => r.path)).not.toContain(join(extra, 'ignored.dmp'));
  });
});
