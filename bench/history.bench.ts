// Crash history throughput: first indexing of 10,000 dump files (hard links
// of the corpus user dumps in a temp folder) into an empty database, the
// re-scan of the unchanged folder, and list queries over 100,000 rows.
// Goals (issue 6, this 2-core machine): ≥ 1,000 dumps/s first index,
// ≥ 20,000 files/s unchanged re-scan, list queries < 20 ms.
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CrashSummary } from '../electron/services/history/crashSummary';
import { dumpSummarizer } from '../electron/services/history/dumpSummarizer';
import { crashTrend, listBuckets, listCrashes } from '../electron/services/history/historyQueries';
import { HistoryStore } from '../electron/services/history/historyStore';
import { indexFolders } from '../electron/services/history/indexer';
import { whatChanged } from '../electron/services/history/whatChanged';
import { summarizerPool } from '../electron/services/history/summarizerPool';
import { launchEngineThread } from '../electron/engine/launchWorkerThread';
import { ANALYZER_VERSION } from '../shared/analysis/version';

const corpusUser = resolve(import.meta.dirname, '../../shared/corpus/user');
const DUMPS = Number(process.env.HISTORY_BENCH_DUMPS ?? 10_000);
const ROWS = Number(process.env.HISTORY_BENCH_ROWS ?? 100_000);

function row(name: string, value: string, goal: string): string {
  return `| ${name.padEnd(44)} | ${value.padStart(14)} | ${goal.padEnd(14)} |`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeQuery(fn: () => unknown, runs = 15): number {
  fn(); // warm the statement cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function indexing(root: string, lines: string[]): Promise<void> {
  const originals = join(root, 'originals');
  const dumps = join(root, 'dumps');
  mkdirSync(originals);
  mkdirSync(dumps);
  // Every readable corpus user dump (the deliberately corrupt ones would only measure error rows).
  const names = readdirSync(corpusUser).filter((f) => f.endsWith('.dmp') && !f.startsWith('invalid-'));
  for (const n of names) copyFileSync(join(corpusUser, n), join(originals, n));
  for (let i = 0; i < DUMPS; i++) {
    const sub = join(dumps, `d${Math.floor(i / 1000)}`);
    if (i % 1000 === 0) mkdirSync(sub);
    linkSync(join(originals, names[i % names.length]!), join(sub, `${i}-${names[i % names.length]}`));
  }
  // No reuse: each distinct dump read and analysed, into a fresh database. The first pass also
  // warms up the JIT; the second shows the steady analysis rate for dumps that are all different.
  for (const pass of ['cold', 'warm']) {
    const db = HistoryStore.open(join(root, `${pass}.sqlite`));
    try {
      const t0 = performance.now();
      const r = await indexFolders(db, [originals], { summarizer: dumpSummarizer });
      const s = (performance.now() - t0) / 1000;
      lines.push(row(`${r.added} distinct dumps, all analysed (${pass} JIT)`, `${Math.round(r.added / s)} dumps/s`, ''));
    } finally {
      db.close();
    }
  }
  // The same distinct dumps analysed by two engine worker threads (summarizerPool), 4 files in flight.
  const workers = [launchEngineThread(), launchEngineThread()];
  try {
    const pool = summarizerPool(workers.map((w) => w.client), ANALYZER_VERSION);
    const warmup = HistoryStore.open(join(root, 'pool-warmup.sqlite'));
    await indexFolders(warmup, [originals], { summarizer: pool, concurrency: 4 });
    warmup.close();
    const db = HistoryStore.open(join(root, 'pool.sqlite'));
    try {
      const t0 = performance.now();
      const r = await indexFolders(db, [originals], { summarizer: pool, concurrency: 4 });
      const s = (performance.now() - t0) / 1000;
      lines.push(row(`${r.added} distinct dumps, 2 worker threads`, `${Math.round(r.added / s)} dumps/s`, ''));
    } finally {
      db.close();
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const store = HistoryStore.open(join(root, 'history.sqlite'));
  try {
    let t0 = performance.now();
    const first = await indexFolders(store, [dumps], { summarizer: dumpSummarizer, batchSize: 500 });
    const firstS = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const again = await indexFolders(store, [dumps], { summarizer: dumpSummarizer });
    const againS = (performance.now() - t0) / 1000;
    lines.push(row(`first index, ${DUMPS} dumps (${names.length} distinct)`, `${Math.round(DUMPS / firstS)} dumps/s`, '≥ 1,000/s'));
    lines.push(row(`  (${first.added} new, ${first.failed.length} failed, ${firstS.toFixed(2)} s;`, '', ''));
    lines.push(row(`   copies reuse the analysis of equal content)`, '', ''));
    lines.push(row(`unchanged re-scan, ${DUMPS} files`, `${Math.round(DUMPS / againS)} files/s`, '≥ 20,000/s'));
    lines.push(row(`  (${again.unchanged} unchanged, ${againS.toFixed(3)} s)`, '', ''));
  } finally {
    store.close();
  }
}

function fakeSummary(i: number): CrashSummary {
  const drivers = ['nvlddmkm.sys', 'atikmdag.sys', 'rtwlane.sys', 'ntoskrnl.exe', 'igdkmd64.sys', 'tcpip.sys', 'ndis.sys'];
  const culprit = drivers[i % drivers.length]!;
  const code = [0xd1, 0x3b, 0x7e, 0x116, 0xc0000005][i % 5]!;
  return {
    kind: i % 3 ? 'kernel-small' : 'user-minidump',
    crashTime: new Date(Date.UTC(2023, 0, 1) + i * 600_000),
    osBuild: 19045, osVersion: '10.0.19045', machineName: `PC-${i % 20}`,
    codeType: code > 0xffff ? 'exception' : 'bugcheck', code, codeName: `CODE_${code.toString(16)}`,
    parameters: ['0x0', '0x2', '0x0', '0xfffff80012345678'],
    culprit, bucket: `0x${code.toString(16)}_${culprit}!Func${i % 50}`, processName: i % 3 ? 'System' : `app${i % 40}.exe`,
    uptimeSeconds: i, blameClass: culprit === 'ntoskrnl.exe' ? 'microsoft' : 'third-party-driver', blameReason: null,
    culpritVersion: '1.0', culpritCompany: null, crashAddress: '0xfffff80012345678', processor: 'amd64',
    modules: drivers.map((n, k) => ({ name: n, version: `1.0.${(i >> 12) + k}`, timestamp: 1_600_000_000 + k, size: 4096 })),
  };
}

function queries(root: string, lines: string[]): void {
  const store = HistoryStore.open(join(root, 'rows.sqlite'));
  try {
    const source = store.ensureSource('/bench/source');
    const t0 = performance.now();
    for (let start = 0; start < ROWS; start += 5000) {
      store.transaction(() => {
        for (let i = start; i < Math.min(ROWS, start + 5000); i++) {
          store.saveCrash({ path: `/bench/source/${i}.dmp`, size: 100_000 + i, mtimeMs: i, contentHash: `h${i}` }, source, fakeSummary(i), 1);
        }
      });
    }
    lines.push(row(`fill ${ROWS} rows (7 modules each)`, `${((performance.now() - t0) / 1000).toFixed(1)} s`, ''));
    store.db.exec('ANALYZE');
    const q: [string, () => unknown][] = [
      ['list: newest 100 (with total)', () => listCrashes(store, { limit: 100 })],
      ['list: page 500 of 100, by time', () => listCrashes(store, { limit: 100, offset: 50_000 })],
      ['list: bucket filter', () => listCrashes(store, { bucket: '0xd1_nvlddmkm.sys!Func0', limit: 100 })],
      ['list: culprit filter, sorted by code', () => listCrashes(store, { culprit: 'tcpip.sys', sort: 'code', limit: 100 })],
      ['list: code + time range', () => listCrashes(store, { code: 0x3b, fromMs: Date.UTC(2023, 6, 1), toMs: Date.UTC(2023, 9, 1), limit: 100 })],
      ['list: text search "app17" (FTS trigram)', () => listCrashes(store, { text: 'app17', limit: 100 })],
      ['list: sorted by culprit', () => listCrashes(store, { sort: 'culprit', limit: 100 })],
      ['buckets with counts, first/last', () => listBuckets(store)],
      ['crashes per week per culprit', () => crashTrend(store, { by: 'culprit', period: 'week' })],
      ['what changed (bucket)', () => whatChanged(store, '0xd1_nvlddmkm.sys!Func0')],
    ];
    for (const [name, fn] of q) {
      const ms = timeQuery(fn);
      lines.push(row(name, `${ms.toFixed(2)} ms`, '< 20 ms'));
    }
  } finally {
    store.close();
  }
}

export default async function (): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'dumpdesk-history-bench-'));
  const lines = [row('measure', 'result', 'goal'), `|${'-'.repeat(46)}|${'-'.repeat(16)}|${'-'.repeat(16)}|`];
  try {
    await indexing(root, lines);
    queries(root, lines);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  process.stdout.write(lines.join('\n') + '\n');
}
