import { existsSync } from 'node:fs';
import { defaultHistoryDb } from '../../services/history/defaultDbPath';
import { HistoryStore } from '../../services/history/historyStore';
import { breakdownOfCounts, formatBreakdown } from '../../../shared/analysis/blame/breakdown';
import { blameCounts, listBuckets, listCrashes, type CrashListOptions, type CrashListRow } from '../../services/history/historyQueries';
import { type CliCommand, EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../command';

const USAGE = `usage: dumpdesk history [--db FILE] [--bucket B] [--culprit M] [--code 0xC] [--text T]
                        [--present] [--limit N] [--buckets] [--breakdown] [--json]

Lists the crashes in the history, newest first. A crash whose dump file is
gone stays in the list, marked missing.

  --db FILE     history database (default: history.sqlite in the user-data folder)
  --bucket B    only crashes of this bucket
  --culprit M   only crashes blamed on module M
  --code 0xC    only this exception / bugcheck code
  --text T      path, process, culprit, bucket or code name contains T
  --present     hide crashes whose file is missing
  --limit N     at most N rows (default: all with --json, 50 otherwise)
  --buckets     list buckets with their counts and first/last crash instead
  --breakdown   who is to blame: crashes per class (third-party drivers,
                unknown, hardware, Microsoft code, memory corruption,
                applications, deliberate), as in Microsoft's OCA statistics
  --json        a JSON array, one object per crash (path, crashTime, kind,
                code, name, culprit, bucket, process, missing, state, error)

Exit codes: 0 ok, 1 usage, 2 the database does not exist.`;

interface HistoryArgs {
  db: string;
  filter: CrashListOptions;
  limit: number | undefined;
  json: boolean;
  buckets: boolean;
  breakdown: boolean;
}

function parseArgs(args: string[]): HistoryArgs {
  const out: HistoryArgs = { db: defaultHistoryDb(), filter: {}, limit: undefined, json: false, buckets: false, breakdown: false };
  const value = (name: string, v: string | undefined) => {
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--db') out.db = value(a, args[++i]);
    else if (a === '--bucket') out.filter.bucket = value(a, args[++i]);
    else if (a === '--culprit') out.filter.culprit = value(a, args[++i]);
    else if (a === '--text') out.filter.text = value(a, args[++i]);
    else if (a === '--code') {
      const v = value(a, args[++i]);
      const n = Number.parseInt(v.replace(/^0x/i, ''), 16);
      if (!/^(0x)?[0-9a-f]{1,8}$/i.test(v)) throw new UsageError('--code needs a hex code such as 0xc0000005');
      out.filter.code = n;
    } else if (a === '--limit') {
      const n = Number(value(a, args[++i]));
      if (!Number.isInteger(n) || n <= 0) throw new UsageError('--limit needs a positive whole number');
      out.limit = n;
    } else if (a === '--present') out.filter.includeMissing = false;
    else if (a === '--json') out.json = true;
    else if (a === '--buckets') out.buckets = true;
    else if (a === '--breakdown') out.breakdown = true;
    else throw new UsageError(a.startsWith('-') ? `unknown option ${a}` : `unexpected argument ${a}`);
  }
  return out;
}

/** The --json object of one crash: stable field names, codes as "0x…" strings, times ISO-8601. */
export function crashJson(r: CrashListRow) {
  return {
    path: r.path, crashTime: r.crashTime, kind: r.kind, code: r.code, name: r.codeName, culprit: r.culprit, bucket: r.bucket,
    process: r.processName, missing: r.missing, state: r.state, error: r.error,
    ...(r.wer ? { wer: r.wer } : {}),
  };
}

/** Every matching row, page by page (the list query caps a page). */
function allRows(store: HistoryStore, filter: CrashListOptions, limit: number | undefined): CrashListRow[] {
  const out: CrashListRow[] = [];
  const page = 5000;
  for (let offset = 0; ; offset += page) {
    const want = limit === undefined ? page : Math.min(page, limit - out.length);
    if (want <= 0) break;
    const { rows } = listCrashes(store, { ...filter, limit: want, offset });
    out.push(...rows);
    if (rows.length < want) break;
  }
  return out;
}

function textTable(rows: CrashListRow[], total: number): string {
  const lines = rows.map((r) => {
    const when = r.crashTime ? r.crashTime.replace('T', ' ').slice(0, 19) : '(unknown time)     ';
    const what = r.state === 'error' ? `error: ${r.error ?? ''}` : `${r.code ?? '-'} ${r.codeName ?? ''}  ${r.culprit ?? '-'}  ${r.processName ?? ''}`;
    return `${when}  ${what}\n    ${r.path}${r.missing ? '  [missing]' : ''}`;
  });
  return `${lines.join('\n')}\n${rows.length} of ${total} crash(es)\n`;
}

export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'list the crashes in the history (filter by bucket, culprit, code)',
  usage: USAGE,
  async run(args, io) {
    const a = parseArgs(args);
    if (!existsSync(a.db)) {
      io.err(`dumpdesk history: no history database at ${a.db} (run dumpdesk index DIR first)\n`);
      return EXIT_BAD_INPUT;
    }
    const store = HistoryStore.open(a.db);
    try {
      if (a.breakdown) {
        const rows = breakdownOfCounts(blameCounts(store));
        io.out(a.json ? JSON.stringify(rows, null, 2) + '\n' : formatBreakdown(rows) + '\n');
        return EXIT_OK;
      }
      if (a.buckets) {
        const b = listBuckets(store);
        io.out(a.json ? JSON.stringify(b, null, 2) + '\n' : b.map((x) => `${String(x.count).padStart(6)}  ${x.firstSeen ?? '?'} .. ${x.lastSeen ?? '?'}  ${x.bucket}`).join('\n') + '\n');
        return EXIT_OK;
      }
      if (a.json) {
        io.out(JSON.stringify(allRows(store, a.filter, a.limit).map(crashJson), null, 2) + '\n');
        return EXIT_OK;
      }
      const { rows, total } = listCrashes(store, { ...a.filter, limit: a.limit ?? 50 });
      io.out(textTable(rows, total));
      return EXIT_OK;
    } finally {
      store.close();
    }
  },
};
