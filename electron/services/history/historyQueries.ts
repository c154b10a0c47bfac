/**
 * The questions the crash list and the charts ask: one page of crashes with
 * filters and sort, buckets with counts, crashes per day/week. Read-only; all
 * values are plain JSON (codes as "0x…" strings, times as ISO-8601).
 */
import type { BlameClass } from '../../../shared/analysis/blame/classify';
import type { HistoryStore } from './historyStore';

export type CrashSortKey = 'time' | 'code' | 'culprit' | 'bucket' | 'process' | 'size' | 'path';

export interface CrashFilter {
  /** Crash time range, inclusive, in ms since 1970. */
  fromMs?: number;
  toMs?: number;
  code?: number;
  culprit?: string;
  bucket?: string;
  sourceId?: number;
  /** Substring of path, process, culprit, bucket or code name. */
  text?: string;
  /** Rows whose file is gone stay in the history; false hides them. Default true. */
  includeMissing?: boolean;
  state?: 'ok' | 'error';
}

export interface CrashListOptions extends CrashFilter {
  sort?: CrashSortKey;
  descending?: boolean;
  limit?: number;
  offset?: number;
}

export interface CrashListRow {
  id: number;
  path: string;
  missing: boolean;
  state: 'ok' | 'error';
  error: string | null;
  kind: string | null;
  crashTime: string | null;
  codeType: string | null;
  code: string | null;
  codeName: string | null;
  parameters: string[];
  culprit: string | null;
  culpritVersion: string | null;
  culpritCompany: string | null;
  crashAddress: string | null;
  processor: string | null;
  bucket: string | null;
  processName: string | null;
  osBuild: number | null;
  osVersion: string | null;
  machineName: string | null;
  uptimeSeconds: number | null;
  size: number;
  source: string | null;
  analyzerVersion: number | null;
  /** The Report.wer that attached this dump, when one was found. */
  wer: { eventType: string | null; appName: string | null; faultModule: string | null; exceptionCode: string | null; reportPath: string } | null;
}

const SORT_COLUMNS: Record<CrashSortKey, string> = {
  time: 'c.crash_time_ms',
  code: 'c.code',
  culprit: 'c.culprit',
  bucket: 'c.bucket',
  process: 'c.process_name',
  size: 'c.size',
  path: 'c.path',
};

const hexCode = (n: number | null) => (n === null ? null : '0x' + (n >>> 0).toString(16).padStart(8, '0'));

function whereClause(f: CrashFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.fromMs !== undefined) { parts.push('c.crash_time_ms >= ?'); params.push(f.fromMs); }
  if (f.toMs !== undefined) { parts.push('c.crash_time_ms <= ?'); params.push(f.toMs); }
  if (f.code !== undefined) { parts.push('c.code = ?'); params.push(f.code); }
  if (f.culprit !== undefined) { parts.push('c.culprit = ? COLLATE NOCASE'); params.push(f.culprit); }
  if (f.bucket !== undefined) { parts.push('c.bucket = ?'); params.push(f.bucket); }
  if (f.sourceId !== undefined) { parts.push('c.source_id = ?'); params.push(f.sourceId); }
  if (f.state !== undefined) { parts.push('c.state = ?'); params.push(f.state); }
  if (f.includeMissing === false) parts.push('c.missing = 0');
  const text = f.text?.trim();
  if (text) {
    if (text.length >= 3) {
      // Trigram FTS: a quoted phrase is a substring match.
      parts.push('c.id IN (SELECT rowid FROM crashes_fts WHERE crashes_fts MATCH ?)');
      params.push('"' + text.replace(/"/g, '""') + '"');
    } else {
      const like = '%' + text.replace(/[\\%_]/g, (ch) => '\\' + ch) + '%';
      parts.push("(c.path LIKE ? ESCAPE '\\' OR c.process_name LIKE ? ESCAPE '\\' OR c.culprit LIKE ? ESCAPE '\\' OR c.bucket LIKE ? ESCAPE '\\' OR c.code_name LIKE ? ESCAPE '\\')");
      params.push(like, like, like, like, like);
    }
  }
  return { sql: parts.length ? 'WHERE ' + parts.join(' AND ') : '', params };
}

interface RawRow {
  id: number; path: string; missing: number; state: 'ok' | 'error'; error: string | null; kind: string | null;
  crashTime: string | null; codeType: string | null; code: number | null; codeName: string | null; parameters: string;
  culprit: string | null; bucket: string | null; processName: string | null; osBuild: number | null; osVersion: string | null;
  machineName: string | null; uptimeSeconds: number | null; size: number; source: string | null; analyzerVersion: number | null;
  werPath: string | null; werEventType: string | null; werApp: string | null; werFaultModule: string | null; werCode: number | null;
  culpritVersion: string | null; culpritCompany: string | null; crashAddress: string | null; processor: string | null;
}

const SELECT = `SELECT c.id, c.path, c.missing, c.state, c.error, c.dump_kind AS kind, c.crash_time AS crashTime,
  c.code_type AS codeType, c.code, c.code_name AS codeName, c.parameters, c.culprit, c.bucket, c.process_name AS processName,
  c.os_build AS osBuild, c.os_version AS osVersion, c.machine_name AS machineName, c.uptime_seconds AS uptimeSeconds,
  c.size, s.path AS source, c.analyzer_version AS analyzerVersion, c.culprit_version AS culpritVersion,
  c.culprit_company AS culpritCompany, c.crash_address AS crashAddress, c.processor,
  w.path AS werPath, w.event_type AS werEventType, w.app_name AS werApp, w.fault_module AS werFaultModule, w.exception_code AS werCode
  FROM crashes c LEFT JOIN sources s ON s.id = c.source_id LEFT JOIN wer_reports w ON w.id = c.wer_report_id`;
// (listCrashes appends "JOIN (page ids)" after these joins.)

function toListRow(r: RawRow): CrashListRow {
  return {
    id: r.id, path: r.path, missing: r.missing === 1, state: r.state, error: r.error, kind: r.kind, crashTime: r.crashTime,
    codeType: r.codeType, code: hexCode(r.code), codeName: r.codeName, parameters: JSON.parse(r.parameters) as string[],
    culprit: r.culprit, culpritVersion: r.culpritVersion, culpritCompany: r.culpritCompany, crashAddress: r.crashAddress,
    processor: r.processor, bucket: r.bucket, processName: r.processName, osBuild: r.osBuild, osVersion: r.osVersion,
    machineName: r.machineName, uptimeSeconds: r.uptimeSeconds, size: r.size, source: r.source, analyzerVersion: r.analyzerVersion,
    wer: r.werPath
      ? { eventType: r.werEventType, appName: r.werApp, faultModule: r.werFaultModule, exceptionCode: hexCode(r.werCode), reportPath: r.werPath }
      : null,
  };
}

/**
 * One page of the crash list, newest first unless asked otherwise, and the
 * number of rows the filter matches. The page's ids are found first on the
 * indexes alone (so a deep OFFSET skips index entries, not joined rows); ties
 * are broken by crash time then id so pages are stable. Unknown values (NULL)
 * sort last when descending and first when ascending, as SQLite orders them.
 */
export function listCrashes(store: HistoryStore, o: CrashListOptions = {}): { rows: CrashListRow[]; total: number } {
  const { sql: where, params } = whereClause(o);
  const dir = o.descending ?? true ? 'DESC' : 'ASC';
  const column = SORT_COLUMNS[o.sort ?? 'time'];
  const order = (o.sort ?? 'time') === 'time' ? `c.crash_time_ms ${dir}, c.id ${dir}` : `${column} ${dir}, c.crash_time_ms ${dir}, c.id ${dir}`;
  const limit = Math.floor(Math.max(0, Math.min(Number(o.limit ?? 100) || 0, 10_000)));
  const offset = Math.floor(Math.max(0, Number(o.offset ?? 0) || 0));
  // LIMIT/OFFSET are written into the SQL (they are clamped integers): bound as
  // parameters, SQLite plans without knowing the limit and sorts every row (90 ms at 100k).
  const rows = store.db
    .prepare(
      `${SELECT} JOIN (SELECT c.id FROM crashes c ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}) page ON page.id = c.id ORDER BY ${order}`,
    )
    .all(...params) as RawRow[];
  const total = (store.db.prepare(`SELECT COUNT(*) AS n FROM crashes c ${where}`).get(...params) as { n: number }).n;
  return { rows: rows.map(toListRow), total };
}

/** One crash by id, in the list's shape; undefined when there is no such crash. */
export function crashById(store: HistoryStore, id: number): CrashListRow | undefined {
  const r = store.db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as RawRow | undefined;
  return r && toListRow(r);
}

export interface BucketRow {
  bucket: string;
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  culprit: string | null;
  code: string | null;
  codeName: string | null;
}

/** Every bucket with its number of crashes and first/last crash time, most recent first (kept by triggers, see 0002). */
export function listBuckets(store: HistoryStore): BucketRow[] {
  const rows = store.db
    .prepare(
      `SELECT bucket, count, first_ms AS first, last_ms AS last, culprit, code, code_name AS codeName
       FROM bucket_stats ORDER BY last_ms DESC, bucket`,
    )
    .all() as { bucket: string; count: number; first: number | null; last: number | null; culprit: string | null; code: number | null; codeName: string | null }[];
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return rows.map((r) => ({ bucket: r.bucket, count: r.count, firstSeen: iso(r.first), lastSeen: iso(r.last), culprit: r.culprit, code: hexCode(r.code), codeName: r.codeName }));
}

/**
 * This history in the shape of Microsoft's OCA statistics: crashes per blame
 * class (readable dumps only; a crash whose file is gone still counts).
 * Rows not yet re-analysed since blame was introduced count as 'unknown'.
 */
export function blameCounts(store: HistoryStore): Partial<Record<BlameClass, number>> {
  const rows = store.db
    .prepare("SELECT coalesce(blame_class, 'unknown') AS c, COUNT(*) AS n FROM crashes WHERE state = 'ok' GROUP BY 1")
    .all() as { c: BlameClass; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.c, r.n]));
}

export interface TrendOptions {
  by: 'bucket' | 'culprit';
  period: 'day' | 'week';
  fromMs?: number;
  toMs?: number;
}

const DAY_MS = 86_400_000;

/**
 * Crashes per day (YYYY-MM-DD, UTC) or per week (the date of its Monday) for
 * each bucket or culprit. Read from the per-day counters (migration 0004)
 * unless a range boundary falls inside a day; then counted from the crashes.
 * Weeks are counted from the Monday before 1970-01-01 (a Thursday).
 */
export function crashTrend(store: HistoryStore, o: TrendOptions): { period: string; key: string; count: number }[] {
  const dayAligned = (ms: number | undefined) => ms === undefined || ms % DAY_MS === 0;
  // The counters hold whole days: usable when the range starts at midnight and ends at a day's last millisecond.
  type DayCount = { day: number; key: string; count: number };
  let perDay: DayCount[];
  if (dayAligned(o.fromMs) && (o.toMs === undefined || (o.toMs + 1) % DAY_MS === 0)) {
    const parts = ['dimension = ?'];
    const params: (string | number)[] = [o.by];
    if (o.fromMs !== undefined) { parts.push('day >= ?'); params.push(o.fromMs / DAY_MS); }
    // toMs is inclusive and here the last millisecond of a day.
    if (o.toMs !== undefined) { parts.push('day <= ?'); params.push(Math.floor(o.toMs / DAY_MS)); }
    perDay = store.db.prepare(`SELECT day, key, count FROM daily_counts WHERE ${parts.join(' AND ')}`).all(...params) as DayCount[];
  } else {
    const key = o.by === 'bucket' ? 'bucket' : 'culprit';
    const parts = ['crash_time_ms IS NOT NULL', `${key} IS NOT NULL`];
    const params: number[] = [];
    if (o.fromMs !== undefined) { parts.push('crash_time_ms >= ?'); params.push(o.fromMs); }
    if (o.toMs !== undefined) { parts.push('crash_time_ms <= ?'); params.push(o.toMs); }
    perDay = store.db
      .prepare(`SELECT crash_time_ms / ${DAY_MS} AS day, ${key} AS key, COUNT(*) AS count FROM crashes WHERE ${parts.join(' AND ')} GROUP BY 1, 2`)
      .all(...params) as DayCount[];
  }
  const totals = new Map<string, { n: number; key: string; count: number }>();
  for (const r of perDay) {
    const n = o.period === 'day' ? r.day : Math.floor((r.day + 3) / 7);
    const id = `${n}\u0000${r.key}`;
    const t = totals.get(id);
    if (t) t.count += r.count;
    else totals.set(id, { n, key: r.key, count: r.count });
  }
  const date = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);
  return [...totals.values()]
    .sort((a, b) => a.n - b.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((t) => ({ period: o.period === 'day' ? date(t.n) : date(t.n * 7 - 3), key: t.key, count: t.count }));
}
