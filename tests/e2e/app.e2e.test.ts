// The workstation in real Chromium against the real web host: history list,
// bucket filter, opening a dump, the summary and its tabs. Screenshots of each
// screen go to tests/e2e/artifacts/ (git-ignored) for a person to look at.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRenderer, HISTORY_DUMPS, screenshot, startHarness, type Harness } from './harness';

let rendererDir: string;
let h: Harness;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'dumpdesk-renderer-'));
  await buildRenderer(rendererDir);
  h = await startHarness(rendererDir);
  await h.page.goto(h.url);
}, 300_000);

afterAll(async () => {
  await h?.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

describe('crash history', () => {
  it('lists every indexed dump, newest first', async () => {
    const count = h.page.getByTestId('history-count');
    await count.waitFor();
    await expect.poll(() => count.textContent()).toMatch(new RegExp(`^${HISTORY_DUMPS.length} crashes`));
    const first = h.page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first();
    // zuohuiyang_electron.dmp is the newest crash in the set (2026-04-26).
    await expect.poll(() => first.textContent()).toBe('zuohuiyang_electron.dmp');
    await screenshot(h.page, '01-history');
  });

  it('filters to a bucket and back', async () => {
    // minidump2.dmp and test.dmp are the same crash (byte-identical files): one bucket of two.
    const bucket = h.page.getByTestId('buckets').getByRole('button').filter({ hasText: /^2/ }).first();
    await bucket.click();
    await expect.poll(() => h.page.getByTestId('history-count').textContent()).toMatch(/^2 crashes in bucket/);
    const names = await h.page.locator('[role=row] [role=gridcell]:first-child').allTextContents();
    expect(names.sort()).toEqual(['minidump2.dmp', 'test.dmp']);
    await screenshot(h.page, '02-history-bucket');
    await h.page.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(() => h.page.getByTestId('history-count').textContent()).toMatch(new RegExp(`^${HISTORY_DUMPS.length} crashes`));
  });

  it('searches text over the history', async () => {
    await h.page.getByTestId('history-search').fill('IRQL');
    await expect.poll(() => h.page.getByTestId('history-count').textContent()).toMatch(/^1 crash\b/);
    await h.page.getByTestId('history-search').fill('');
    await expect.poll(() => h.page.getByTestId('history-count').textContent()).toMatch(new RegExp(`^${HISTORY_DUMPS.length} crashes`));
  });
});

describe('dump view', () => {
  it('opens the kernel dump and says in words what crashed', async () => {
    await h.page.getByTestId('history-search').fill('083125');
    await expect.poll(() => h.page.getByTestId('history-count').textContent()).toMatch(/^1 crash\b/);
    await h.page.locator('[role=row][aria-rowindex="2"]').dblclick();
    const summary = h.page.getByTestId('summary-text');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.textContent()).toMatch(/^Your PC crashed \(IRQL_GT_ZERO_AT_SYSTEM_SERVICE\) because of ntkrnlmp\.exe/);
    const analysis = await h.page.getByTestId('analysis-text').textContent();
    expect(analysis).toMatch(/BUGCHECK_CODE:\s+4a/);
    expect(analysis).toMatch(/PROCESS_NAME:\s+notmyfault64\.e/);
    await screenshot(h.page, '03-dump-kernel');
  });

  it('shows the drivers, highlighting those found in the stack', async () => {
    await h.page.getByTestId('tab-modules').click();
    const rows = h.page.getByTestId('modules-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(156); // WinDbg's `lm t n` lists 156 (expected/083125-14875-01.windbg.lm-t-n.txt)
    expect(await h.page.getByTestId('modules-table').locator('tbody tr.hot').count()).toBeGreaterThan(0);
    await screenshot(h.page, '04-dump-modules');
  });

  it('shows the faulting stack with how each frame was found', async () => {
    await h.page.getByTestId('tab-stack').click();
    const first = h.page.getByTestId('stack-table').locator('tbody tr').first();
    expect(await first.locator('td').nth(4).textContent()).toBe('context');
    await screenshot(h.page, '05-dump-stack');
  });
});
