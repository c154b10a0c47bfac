import { resolve } from 'node:path';
import { defaultHistoryDb } from '../../services/history/defaultDbPath';
import { dumpSummarizer } from '../../services/history/dumpSummarizer';
import { HistoryStore } from '../../services/history/historyStore';
import { indexFolders, type IndexProgress, type IndexResult } from '../../services/history/indexer';
import { countStale, reanalyzeStale } from '../../services/history/reanalyze';
import { watchSources } from '../../services/history/watcher';
import { type CliCommand, type CliIO, EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../command';

const USAGE = `usage: dumpdesk index DIR... [--db FILE] [--watch] [--retry-errors] [--batch N] [--settle MS]

Adds the dumps (*.dmp, *.mdmp, *.hdmp) and Report.wer files under each DIR to
the crash history, and reconciles what is already there: unchanged files are
not read again, renamed ones keep their row, deleted ones stay marked missing.

  --db FILE     history database (default: history.sqlite in the user-data
                folder, or $DUMPDESK_HOME)
  --watch       keep running and index new or changed dumps once they stop
                growing; Ctrl+C to stop
  --retry-errors  read dumps that failed before again, even if unchanged
                (after an upgrade that reads more kinds of dumps)
  --batch N     rows written per transaction (default 200)
  --settle MS   with --watch: how long a file must stay unchanged (default 2000)

Exit codes: 0 ok (dumps that cannot be read are listed, with the reason),
1 usage, 2 a DIR could not be listed.`;

interface IndexArgs {
  dirs: string[];
  db: string;
  watch: boolean;
  retryErrors: boolean;
  batch: number;
  settle: number;
}

function parseArgs(args: string[]): IndexArgs {
  const out: IndexArgs = { dirs: [], db: defaultHistoryDb(), watch: false, retryErrors: false, batch: 200, settle: 2000 };
  const number = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n <= 0) throw new UsageError(`${name} needs a positive whole number`);
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--db') {
      const v = args[++i];
      if (!v) throw new UsageError('--db needs a FILE');
      out.db = v;
    } else if (a === '--watch') out.watch = true;
    else if (a === '--retry-errors') out.retryErrors = true;
    else if (a === '--batch') out.batch = number('--batch', args[++i]);
    else if (a === '--settle') out.settle = number('--settle', args[++i]);
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else out.dirs.push(resolve(a));
  }
  if (out.dirs.length === 0) throw new UsageError('missing DIR');
  return out;
}

/** A one-line bar redrawn in place, at most every 100 ms. */
function progressBar(io: CliIO): (p: IndexProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 100 && p.done < p.total) return;
    last = now;
    const width = 30;
    const filled = p.total ? Math.round((p.done / p.total) * width) : width;
    io.out(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}`);
    if (p.done === p.total) io.out('\n');
  };
}

export function formatIndexSummary(r: IndexResult): string {
  const lines = [
    `new        ${r.added}`,
    `updated    ${r.updated}`,
    `renamed    ${r.renamed}`,
    `restored   ${r.restored}`,
    `unchanged  ${r.unchanged}`,
    `missing    ${r.missing}`,
    `failed     ${r.failed.length}`,
    ...r.failed.map((f) => `  ${f.path}: ${f.reason}`),
  ];
  if (r.werReports || r.linked) lines.push(`Report.wer ${r.werReports} read, ${r.linked} linked to dumps`);
  return lines.join('\n') + '\n';
}

/** One line per watcher pass: the time and the counts that are not zero. */
export function formatWatchLine(r: IndexResult, now = new Date()): string {
  const counts: [string, number][] = [
    ['new', r.added], ['updated', r.updated], ['renamed', r.renamed], ['restored', r.restored],
    ['missing', r.missing], ['failed', r.failed.length], ['Report.wer', r.werReports],
  ];
  const parts = counts.filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`);
  if (parts.length === 0) return '';
  return `${now.toISOString().slice(11, 19)}  ${parts.join(', ')}\n${r.failed.map((f) => `  ${f.path}: ${f.reason}\n`).join('')}`;
}

export const indexCommand: CliCommand = {
  name: 'index',
  summary: 'add the dumps of folders to the crash history (and watch them)',
  usage: USAGE,
  async run(args, io) {
    const a = parseArgs(args);
    const store = HistoryStore.open(a.db);
    try {
      const result = await indexFolders(store, a.dirs, {
        summarizer: dumpSummarizer,
        batchSize: a.batch,
        retryErrors: a.retryErrors,
        ...(io.isTTY ? { onProgress: progressBar(io) } : {}),
      });
      io.out(`${a.dirs.join(', ')} → ${a.db}\n${formatIndexSummary(result)}`);
      // Rows from an older analyzer (anywhere in the history) are brought up to date.
      const stale = countStale(store, dumpSummarizer.analyzerVersion);
      if (stale > 0) {
        const r = await reanalyzeStale(store, dumpSummarizer);
        io.out(`re-analysed ${r.reanalysed} crash(es) from an older analyzer (${r.failed} failed, ${r.missing} missing)\n`);
      }
      const unlistable = result.failed.some((f) => a.dirs.includes(f.path));
      if (!a.watch) return unlistable ? EXIT_BAD_INPUT : EXIT_OK;

      io.out(`watching ${a.dirs.length} folder(s); Ctrl+C to stop\n`);
      const watcher = await watchSources(store, a.dirs, {
        summarizer: dumpSummarizer,
        settleMs: a.settle,
        onIndexed: (r) => io.out(formatWatchLine(r)),
        onError: (e) => io.err(`dumpdesk index: ${e.message}\n`),
      });
      await new Promise<void>((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
      });
      await watcher.close();
      return EXIT_OK;
    } finally {
      store.close();
    }
  },
};
