// The settle rule on real files with a test clock: a file is ready only once
// its size and mtime stayed the same for the settle interval; a vanished file
// is ready at once; retries wait with back-off and end after maxAttempts.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettleQueue } from '../../../../../electron/services/history/settleQueue';
import { backoffMs } from '../../../../../electron/services/history/fileProblems';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'dumpdesk-settle-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SettleQueue', () => {
  it('hands a file over only after it stopped growing for settleMs', async () => {
    let now = 0;
    const q = new SettleQueue(1000, 100, 3, () => now);
    const p = join(dir, 'a.dmp');
    writeFileSync(p, 'abc');
    q.touch(p);
    expect(await q.takeReady()).toEqual([]); // first look: records size/mtime
    now = 600;
    appendFileSync(p, 'more'); // still growing: the clock restarts
    expect(await q.takeReady()).toEqual([]);
    now = 1500;
    expect(await q.takeReady()).toEqual([]); // only 900 ms since the last change
    now = 1600;
    expect(await q.takeReady()).toEqual([p]);
    expect(q.size).toBe(0);
  });

  it('a vanished file is ready at once; retries back off and give up', async () => {
    let now = 0;
    const q = new SettleQueue(1000, 100, 2, () => now);
    q.touch(join(dir, 'gone.dmp'));
    expect(await q.takeReady()).toEqual([join(dir, 'gone.dmp')]);

    const p = join(dir, 'locked.dmp');
    writeFileSync(p, 'x');
    expect(q.retry(p, 0)).toBe(true);
    expect(q.attemptsOf(p)).toBe(1);
    now = 50; // before the 100 ms back-off
    expect(await q.takeReady()).toEqual([]);
    expect(q.retry(p, 1)).toBe(true);
    expect(q.retry(p, 2)).toBe(false);
    expect([1, 2, 3, 20].map((a) => backoffMs(a, 100))).toEqual([100, 200, 400, 30_000]);
  });
});
