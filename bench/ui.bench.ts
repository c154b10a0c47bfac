// Crash history rendering in Chromium (issue 9): the built renderer, served
// by the real web host in front of 100,000 generated rows
// (tests/e2e/fakeHistoryHost.ts), opened in Debian's Chromium.
// - first paint: navigation start → the first data row is in the DOM and a
//   frame has been produced after it (performance.now() in the page);
// - filter: typing in the search box → the count shows the new total. The
//   search box waits SEARCH_PAUSE_MS for typing to pause (HistoryView), so the
//   time from the history.list request to the update is printed as well.
// Goals: first paint < 1 s, filtering < 100 ms. ROWS=… overrides the size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { SEARCH_PAUSE_MS } from '../renderer/stores/searchPause';
import { generateRows, startBenchHost } from '../tests/e2e/fakeHistoryHost';
import { buildRenderer, launchChromium } from '../tests/e2e/harness';

const ROWS = Number(process.env.UI_BENCH_ROWS ?? 100_000);
const LOADS = 5;
const FILTERS = ['drv7.sys', 'dpc_watchdog', '110042', 'drv13.sys', 'page_fault'];

/** Installed before the page's own scripts: records history.list requests and the first rendered row. */
const PROBE = `
  window.__bench = { listStarts: [], firstRow: null, firstRowFrame: null };
  const realFetch = window.fetch;
  window.fetch = function (url, init) {
    if (String(url).includes('/api/history/list')) window.__bench.listStarts.push(performance.now());
    return realFetch.call(this, url, init);
  };
  const seen = new MutationObserver(() => {
    if (window.__bench.firstRow !== null) return;
    if (!document.querySelector('.vtable-row [role=gridcell]:not(.placeholder)')) return;
    window.__bench.firstRow = performance.now();
    seen.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__bench.firstRowFrame = performance.now(); }, 0));
  });
  seen.observe(document, { childList: true, subtree: true });
`;

/** Polls from outside: waitForFunction would evaluate text in the page, which its CSP (no unsafe-eval) forbids. */
async function waitForRow(page: Page): Promise<void> {
  const until = Date.now() + 60_000;
  while (!(await page.evaluate<boolean>('window.__bench.firstRowFrame !== null'))) {
    if (Date.now() > until) throw new Error('no history row was rendered within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Page script: types `text` into the search box and resolves once the count
 * changed and a frame followed; times from typing and from the list request.
 * (Page code is text: this file is type-checked without the DOM library.)
 */
function typeAndWait(text: string): string {
  return `(async () => {
    const input = document.querySelector('[data-testid=history-search]');
    const count = document.querySelector('[data-testid=history-count]');
    const before = count.textContent;
    const start = performance.now();
    input.value = ${JSON.stringify(text)};
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => {
      const o = new MutationObserver(() => {
        if (count.textContent !== before) { o.disconnect(); resolve(); }
      });
      o.observe(count, { childList: true, subtree: true, characterData: true });
    });
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const end = performance.now();
    return { typed: end - start, afterRequest: end - window.__bench.listStarts.at(-1), count: count.textContent ?? '' };
  })()`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function row(name: string, value: string, goal: string): string {
  return `| ${name.padEnd(52)} | ${value.padStart(12)} | ${goal.padEnd(10)} |`;
}

async function firstPaint(browser: Browser, url: string): Promise<{ dom: number; frame: number; fcp: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(PROBE);
    await page.goto(url);
    await waitForRow(page);
    return await page.evaluate<{ dom: number; frame: number; fcp: number }>(`({
      dom: window.__bench.firstRow,
      frame: window.__bench.firstRowFrame,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    })`);
  } finally {
    await context.close();
  }
}

export default async function (): Promise<void> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'dumpdesk-ui-bench-'));
  let t0 = performance.now();
  await buildRenderer(rendererDir);
  const buildMs = performance.now() - t0;
  t0 = performance.now();
  const rows = generateRows(ROWS);
  const bench = await startBenchHost(rows, rendererDir);
  const hostMs = performance.now() - t0;
  const browser = await launchChromium();
  try {
    const loads: { dom: number; frame: number; fcp: number }[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await firstPaint(browser, bench.host.url));

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(PROBE);
    await page.goto(bench.host.url);
    await waitForRow(page);
    const typed: number[] = [];
    const afterRequest: number[] = [];
    const counts: string[] = [];
    for (const term of [...FILTERS.flatMap((f) => [f, ''])]) {
      const serverBefore = bench.listTimes.length;
      const r = await page.evaluate<{ typed: number; afterRequest: number; count: string }>(typeAndWait(term));
      if (bench.listTimes.length === serverBefore) throw new Error(`filter '${term}' made no history.list request`);
      typed.push(r.typed);
      afterRequest.push(r.afterRequest);
      counts.push(`${term || '(cleared)'} → ${r.count.trim()}`);
    }
    await context.close();

    const ms = (x: number) => `${x.toFixed(0)} ms`;
    process.stdout.write(`${ROWS.toLocaleString('en')} rows, Chromium ${browser.version()}, 1440×900; renderer build ${ms(buildMs)}, rows + host ${ms(hostMs)}\n\n`);
    process.stdout.write(`| ${'figure (median)'.padEnd(52)} | ${'value'.padStart(12)} | ${'goal'.padEnd(10)} |\n|${'-'.repeat(54)}|${'-'.repeat(14)}|${'-'.repeat(12)}|\n`);
    process.stdout.write([
      row(`first contentful paint (${LOADS} loads)`, ms(median(loads.map((l) => l.fcp))), ''),
      row('first data row in the DOM', ms(median(loads.map((l) => l.dom))), ''),
      row('first paint of the history (first row + frame)', ms(median(loads.map((l) => l.frame))), '< 1000 ms'),
      row(`filter: typing → count updated (${typed.length} runs)`, ms(median(typed)), '< 100 ms'),
      row(`filter: of which the ${SEARCH_PAUSE_MS} ms typing pause`, `${SEARCH_PAUSE_MS} ms`, ''),
      row('filter: history.list request → count updated', ms(median(afterRequest)), '< 100 ms'),
      row('filter: host-side scan of the rows (in the above)', ms(median(bench.listTimes.slice(-typed.length))), ''),
    ].join('\n') + '\n\n');
    process.stdout.write(`worst first paint ${ms(Math.max(...loads.map((l) => l.frame)))}, worst filter after the pause ${ms(Math.max(...afterRequest))}\n`);
    process.stdout.write(`filters: ${counts.join('; ')}\n`);
  } finally {
    await browser.close();
    await bench.close();
    rmSync(rendererDir, { recursive: true, force: true });
  }
}
