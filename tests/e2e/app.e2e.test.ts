// The workstation in real Chromium against the real web host: history list,
// bucket filter, opening a dump, the summary and its tabs. Screenshots of each
// screen go to tests/e2e/artifacts/ (git-ignored) for a person to look at.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, repoRoot } from '../helpers/corpus';
import { artifactsDir, buildRenderer, HISTORY_DUMPS, registryFile, screenshot, startHarness, type Harness } from './harness';

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
    // BlueScreenView's columns for the culprit: its version, the crash address and the processor.
    const headers = await h.page.locator('[role=columnheader]').allTextContents();
    const cells = await h.page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').allTextContents();
    const cell = (label: string) => cells[headers.findIndex((x) => x.trim().startsWith(label))];
    expect(cell('Caused By')).toBe('electron.exe');
    expect(cell('Version')).toBe('41.3.0.0');
    expect(cell('Crash Address')).toBe('0x0');
    expect(cell('Processor')).toBe('amd64');
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

  it('says who is to blame, in the shape of the OCA statistics', async () => {
    const chart = h.page.getByTestId('blame-breakdown');
    await chart.waitFor();
    const value = (cls: string) => chart.locator(`li[data-class="${cls}"] .bar-value`).textContent();
    // 8 application dumps; WinDbg blames nt for the 0x4A (Microsoft code); the 0x1C8 power-button hold is deliberate.
    expect(await value('application')).toBe('8 · 80.0 %');
    expect(await value('microsoft')).toBe('1 · 10.0 %');
    expect(await value('manual')).toBe('1 · 10.0 %');
    expect(await value('third-party-driver')).toBe('0 · 0.0 %');
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
    // The shipped knowledge base explains 0x4A (resources/knowledge/known-issues.json).
    expect(await summary.textContent()).toMatch(/Known issue: A driver returned to user mode at raised IRQL \(0x4A\)\.$/);
    expect(await h.page.getByTestId('known-issue').textContent()).toMatch(/Fix:.*NotMyFault/s);
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

describe('console', () => {
  async function runLine(line: string): Promise<string> {
    const before = await h.page.getByTestId('command-output').count();
    await h.page.getByTestId('console-editor').click(); // Monaco's own input (an EditContext) has no size to click
    await h.page.keyboard.type(line);
    await h.page.keyboard.press('Enter');
    await expect.poll(() => h.page.getByTestId('command-output').count(), { timeout: 30_000 }).toBe(before + 1);
    return (await h.page.getByTestId('command-output').last().locator('pre').textContent()) ?? '';
  }

  it('runs lm kv, k and !analyze -v typed into the Monaco editor', async () => {
    await h.page.getByTestId('tab-console').click();
    await h.page.getByRole('textbox', { name: 'Debugger command' }).waitFor({ state: 'attached', timeout: 30_000 });
    expect(await h.page.getByTestId('console-input').count()).toBe(0); // Monaco loaded: no fallback input

    const lm = await runLine('lm kv');
    const lines = await h.page.getByTestId('command-output').last().locator('.cmd-line').textContent();
    expect(lines).toBe('0: kd> lm kv');
    expect(lm).toMatch(/^start\s+end\s+module name/m);
    expect(lm).toMatch(/\bnt\b/);
    const k = await runLine('k');
    expect(k).toMatch(/Child-SP\s+RetAddr\s+Call Site/);
    const analyze = await runLine('!analyze -v');
    expect(analyze).toMatch(/BUGCHECK_CODE:\s+4a/);
    await screenshot(h.page, '06-console');
  });

  it('runs the follow-up command of an address in the output', async () => {
    const link = h.page.getByTestId('console-output').locator('button.span-link.span-address').first();
    expect(await link.count()).toBe(1);
    const command = (await link.getAttribute('data-command'))!;
    expect(command).toMatch(/^\S+ [0-9a-f`]+/); // e.g. "u fffff807`5bc0e000": a command on that address
    await link.click();
    await expect.poll(() => h.page.getByTestId('command-output').last().locator('.cmd-line').textContent()).toBe(`0: kd> ${command}`);
  });

  it('recalls the previous command with ↑', async () => {
    await h.page.getByTestId('console-editor').click();
    await h.page.keyboard.press('ArrowUp');
    const lastRun = (await h.page.getByTestId('command-output').last().locator('.cmd-line').textContent())!.replace(/^0: kd> /, '');
    await expect.poll(() => h.page.locator('[data-testid=console-editor] .view-lines').textContent()).toBe(lastRun.replace(/ /g, '\u00a0'));
  });
});

describe('what a dump reveals', () => {
  /** One contract call through the web host's HTTP API, as the renderer's bridge makes it. */
  async function call(service: string, method: string, args: unknown[]): Promise<unknown> {
    const url = new URL(h.url);
    const res = await fetch(`${url.origin}/api/${service}/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-dumpdesk-token': url.searchParams.get('token')! },
      body: JSON.stringify({ args }),
    });
    const envelope = (await res.json()) as { ok: boolean; value: unknown };
    expect(envelope.ok).toBe(true);
    return envelope.value;
  }

  it('lists the personal data in the Electron dump, and the user\'s notes on its kind of crash', async () => {
    const page = (await call('history', 'list', [{ text: 'zuohuiyang' }])) as { rows: { id: string }[] };
    await call('history', 'addNote', [page.rows[0]!.id, 'Happens after the GPU driver update; rolled back.']);
    await h.page.getByTestId('nav-history').click();
    await h.page.getByTestId('history-search').fill('zuohuiyang');
    // The count alone can still be the previous search's "1 crash": wait for the row itself.
    const first = h.page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first();
    await expect.poll(() => first.textContent()).toBe('zuohuiyang_electron.dmp');
    await h.page.locator('[role=row][aria-rowindex="2"]').dblclick();
    await h.page.getByTestId('bucket-notes').waitFor({ timeout: 30_000 });
    expect(await h.page.getByTestId('bucket-notes').textContent()).toMatch(/Happens after the GPU driver update; rolled back\. \(zuohuiyang_electron\.dmp, \d{4}-\d\d-\d\d\)/);
    await h.page.getByTestId('tab-privacy').click();
    const summary = h.page.getByTestId('privacy-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.textContent()).toMatch(/^This user-mode minidump holds .* names the user '27404'/);
    expect(await h.page.getByTestId('privacy-findings').locator('tbody tr').count()).toBeGreaterThan(20);
    await screenshot(h.page, '15-privacy');
    // Deleting a dump changes the machine: this web host (no --allow-settings) refuses in words, and the file stays.
    await h.page.getByTestId('trash-dump').click();
    const refusal = h.page.getByTestId('toast').filter({ hasText: 'history.trash' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/--allow-settings/);
    expect(existsSync(join(h.dumpsDir, 'zuohuiyang_electron.dmp'))).toBe(true);
  });
});

describe('settings and verifier pages', () => {
  it('shows Startup and Recovery, or says why the settings cannot be read here', async () => {
    await h.page.getByTestId('nav-settings').click();
    await h.page.getByTestId('dump-type').waitFor();
    // Started without allowSettings: readable and previewable, not writable, and it says so.
    expect(await h.page.locator('.settings [role=alert]').count()).toBe(0);
    expect(await h.page.getByTestId('settings-backend').textContent()).toMatch(/^\s*Values from .+Read-only: .*--allow-settings/s);
    await screenshot(h.page, '07-settings');
  });

  it('warns about boot loops on the Driver Verifier page', async () => {
    await h.page.getByTestId('nav-verifier').click();
    const note = h.page.getByRole('note');
    await note.waitFor();
    expect(await note.textContent()).toMatch(/Safe Mode.+verifier \/reset.+\/bootmode resetonbootfail/s);
    await screenshot(h.page, '08-verifier');
  });
});

describe('themes and scaling', () => {
  it('follows a dark OS theme', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    try {
      const page = await context.newPage();
      await page.goto(h.url);
      await expect.poll(() => page.getByTestId('history-count').textContent()).toMatch(/^10 crashes/);
      const bg = await page.evaluate('getComputedStyle(document.body).backgroundColor');
      expect(bg).toBe('rgb(22, 24, 28)');
      await page.screenshot({ path: join(artifactsDir, '09-dark-history.png') });
      await page.locator('[role=row][aria-rowindex="2"]').dblclick();
      await page.getByTestId('summary-text').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(artifactsDir, '10-dark-dump.png') });
    } finally {
      await context.close();
    }
  });

  it('fits a 1440×900 screen at 150 % scaling (960×600 CSS pixels)', async () => {
    const context = await h.browser.newContext({ viewport: { width: 960, height: 600 }, deviceScaleFactor: 1.5 });
    try {
      const page = await context.newPage();
      await page.goto(h.url);
      await expect.poll(() => page.getByTestId('history-count').textContent()).toMatch(/^10 crashes/);
      // Nothing wider than the window: the table scrolls inside itself.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(960);
      await page.screenshot({ path: join(artifactsDir, '11-scaled-150-history.png') });
      await page.locator('[role=row][aria-rowindex="2"]').dblclick();
      await page.getByTestId('summary-text').waitFor({ timeout: 30_000 });
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(960);
      await page.screenshot({ path: join(artifactsDir, '12-scaled-150-dump.png') });
    } finally {
      await context.close();
    }
  });

  it('stays usable at 200 % scaling (720×450 CSS pixels)', async () => {
    const context = await h.browser.newContext({ viewport: { width: 720, height: 450 }, deviceScaleFactor: 2 });
    try {
      const page = await context.newPage();
      await page.goto(h.url);
      await expect.poll(() => page.getByTestId('history-count').textContent()).toMatch(/^10 crashes/);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(720);
      // The side panel moves under the table: the table keeps the full width.
      const table = await page.getByTestId('vtable-body').boundingBox();
      expect(table!.width).toBeGreaterThan(680);
      // The page scrolls to what is below the table (nothing is cut off by the window).
      const chartTitle = page.locator('#timeline-title');
      await chartTitle.scrollIntoViewIfNeeded();
      const box = await chartTitle.boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(450);
      await page.screenshot({ path: join(artifactsDir, '14-scaled-200-history.png') });
    } finally {
      await context.close();
    }
  });

  it('shows where keyboard focus is', async () => {
    await h.page.getByTestId('nav-history').click();
    await h.page.getByTestId('history-search').focus();
    await h.page.keyboard.press('Tab'); // from the search box, the next stop
    const outline = await h.page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).toBe('solid');
    await screenshot(h.page, '13-focus');
  });
});

describe('empty history', () => {
  it('tells a new user how to get dumps', async () => {
    const empty = await startHarness(rendererDir, { dumps: [] });
    try {
      await empty.page.goto(empty.url);
      const title = empty.page.locator('#empty-title');
      await title.waitFor();
      expect(await title.textContent()).toBe('No crashes recorded yet');
      await empty.page.getByRole('button', { name: 'Startup and Recovery settings' }).click();
      await empty.page.getByTestId('dump-type').waitFor();
      await empty.page.getByTestId('nav-history').click();
      await title.waitFor();
      await screenshot(empty.page, '00-empty-history');
      // "Open a sample": the shipped synthetic kernel dump opens from the empty state.
      await empty.page.getByRole('button', { name: 'Open acme-driver-irql-small.dmp' }).click();
      const summary = empty.page.getByTestId('summary-text');
      await summary.waitFor({ timeout: 30_000 });
      expect(await summary.textContent()).toMatch(/^Your PC crashed \(DRIVER_IRQL_NOT_LESS_OR_EQUAL\) because of the driver acme\.sys/);
    } finally {
      await empty.close();
    }
  });
});

describe('settings with the .reg file backend', () => {
  const CRASH_CONTROL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl';
  const REGISTRY = `Windows Registry Editor Version 5.00\n\n[${CRASH_CONTROL}]\n"CrashDumpEnabled"=dword:00000007\n"AutoReboot"=dword:00000001\n"LogEvent"=dword:00000001\n"Overwrite"=dword:00000001\n\n`;

  function crashDumpEnabled(home: string): string | undefined {
    const bytes = readFileSync(registryFile(home));
    const text = bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
    return /"CrashDumpEnabled"=dword:([0-9a-f]{8})/i.exec(text)?.[1];
  }

  it('changes the dump type: diff, back up & apply, undo', async () => {
    const s = await startHarness(rendererDir, { dumps: [], allowSettings: true, registry: REGISTRY });
    try {
      await s.page.goto(s.url);
      await s.page.getByTestId('nav-settings').click();
      await expect.poll(() => s.page.getByTestId('settings-backend').textContent()).toMatch(/a \.reg file standing in for the registry\.\s*$/);
      const dumpType = s.page.getByTestId('dump-type');
      expect(await dumpType.inputValue()).toBe('automatic');
      expect(await s.page.getByTestId('preview').isDisabled()).toBe(true);
      // The sizing check against this machine's RAM and free space is shown as a verdict in words.
      expect(await s.page.getByTestId('dump-space').textContent()).toMatch(/^\s*The next crash (can|may not|cannot) be written\..*MB/s);

      await dumpType.selectOption('small');
      expect(await s.page.getByTestId('preview').isDisabled()).toBe(false);
      await s.page.getByTestId('preview').click();
      const diff = s.page.getByTestId('diff');
      await diff.waitFor();
      expect(await diff.locator('tbody tr').first().locator('td').allTextContents()).toEqual(['CrashControl\\CrashDumpEnabled', '7 (automatic memory dump)', '3 (small memory dump)']);
      await screenshot(s.page, '07b-settings-diff');

      await s.page.getByTestId('apply').click();
      const applied = s.page.getByTestId('applied');
      await applied.waitFor();
      expect(crashDumpEnabled(s.home)).toBe('00000003');
      const backup = (await applied.locator('code').textContent())!;
      expect(existsSync(backup)).toBe(true);
      await expect.poll(() => dumpType.inputValue()).toBe('small'); // read back from the file
      await screenshot(s.page, '07c-settings-applied');

      await s.page.getByTestId('undo').click();
      await applied.waitFor({ state: 'detached' });
      expect(crashDumpEnabled(s.home)).toBe('00000007');
      await expect.poll(() => dumpType.inputValue()).toBe('automatic'); // re-read after the undo
    } finally {
      await s.close();
    }
  });

  it('turns on CrashOnCtrlScroll for USB keyboards and shows what a debugger preset would run', async () => {
    const s = await startHarness(rendererDir, { dumps: [], allowSettings: true, registry: REGISTRY });
    try {
      await s.page.goto(s.url);
      await s.page.getByTestId('nav-settings').click();
      const editor = s.page.getByTestId('editor-crashOnCtrlScroll');
      await editor.waitFor();
      await s.page.getByTestId('ctrlscroll-kbdhid').check();
      await editor.getByRole('button', { name: 'Preview change' }).click();
      const diff = s.page.getByTestId('diff');
      await diff.waitFor();
      expect(await diff.locator('tbody tr').first().locator('td').first().textContent()).toBe('Parameters\\CrashOnCtrlScroll');
      await s.page.getByTestId('apply').click();
      await s.page.getByTestId('applied').waitFor();
      const bytes = readFileSync(registryFile(s.home));
      const text = bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
      expect(text).toMatch(/\[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\kbdhid\\Parameters\]\r?\n"CrashOnCtrlScroll"=dword:00000001/);

      await s.page.getByTestId('aedebug-preset').selectOption('windbg');
      expect(await s.page.getByTestId('aedebug-example').textContent()).toMatch(/windbg\.exe" -p 4242 -e 500 -g/);
    } finally {
      await s.close();
    }
  });
});

describe('console symbol completion', () => {
  it('offers test_app!main after `u test_app!ma` (symbols from the corpus PDBs) and runs the chosen line', async () => {
    const s = await startHarness(rendererDir, { dumps: [['user', 'test.dmp']] });
    try {
      // The symbol path as the app saves it (symbols.setPath), before the dump is opened.
      const url = new URL(s.url);
      const res = await fetch(`${url.origin}/api/symbols/setPath`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-dumpdesk-token': url.searchParams.get('token')! },
        body: JSON.stringify({ args: [corpusPath('symbols')] }),
      });
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
      await s.page.goto(s.url);
      const first = s.page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first();
      await expect.poll(() => first.textContent(), { timeout: 30_000 }).toBe('test.dmp');
      await s.page.locator('[role=row][aria-rowindex="2"]').dblclick();
      await s.page.getByTestId('summary-text').waitFor({ timeout: 30_000 });
      await s.page.getByTestId('tab-console').click();
      await s.page.getByRole('textbox', { name: 'Debugger command' }).waitFor({ state: 'attached', timeout: 30_000 });
      await s.page.getByTestId('console-editor').click();
      await s.page.keyboard.type('u test_app!ma');
      const labels = s.page.locator('.suggest-widget .monaco-list-row .label-name');
      await expect.poll(() => labels.allTextContents(), { timeout: 30_000 }).toEqual(['test_app!main', 'test_app!mainCRTStartup', 'test_app!malloc']);
      await screenshot(s.page, '17-console-symbol-completion');
      await s.page.keyboard.press('Tab'); // accepts the first (selected) suggestion
      await expect.poll(() => s.page.locator('[data-testid=console-editor] .view-lines').textContent()).toBe('u\u00a0test_app!main');
      await s.page.keyboard.press('Enter');
      const output = s.page.getByTestId('command-output').last();
      await output.waitFor({ timeout: 30_000 });
      expect(await output.locator('.cmd-line').textContent()).toBe('0:000> u test_app!main');
      expect(await output.locator('pre').textContent()).toMatch(/^test_app!main:\n/);
    } finally {
      await s.close();
    }
  });
});

// Last, because it adds a crash to the shared history the tests above count.
describe('a new crash while the app is open', () => {
  it('is announced with a toast and joins the list', async () => {
    await h.page.getByTestId('nav-history').click();
    await h.page.getByTestId('history-search').fill('');
    await expect.poll(() => h.page.getByTestId('history-count').textContent()).toMatch(new RegExp(`^${HISTORY_DUMPS.length} crashes`));
    copyFileSync(join(repoRoot, 'resources', 'samples', 'photoviewer-acmecodec-av.dmp'), join(h.dumpsDir, 'new-crash.dmp'));
    const toast = h.page.getByTestId('toast').filter({ hasText: 'New crash' });
    await toast.waitFor({ timeout: 30_000 });
    expect(await toast.textContent()).toMatch(/New crash: EXCEPTION_ACCESS_VIOLATION_WRITE caused by acmecodec\.dll/);
    await expect.poll(() => h.page.getByTestId('history-count').textContent(), { timeout: 15_000 }).toMatch(new RegExp(`^${HISTORY_DUMPS.length + 1} crashes`));
    await screenshot(h.page, '16-new-crash-toast');
  });
});
