/**
 * The questions the crash list and the charts ask: one page of crashes with
 * filters and sort, buckets with counts, crashes per day/week. Read-only; all
 * values are plain JSON (codes as "0x…" strings, times as ISO-8601).
 */
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
  bucket: string | null;
  processName: string | null;
  osBuild: number | null;
  osVersion: string | null;
  machineName: string | null;
  uptimeSeconds: number | null;
  size: number;
  source: string | null;
  analyzerVersion: number | null;
  wer: { eventType: string | null; appName: string | null; faultModule: string | null; reportPath: string } | null;
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
  werPath: string | null; werEventType: string | null; werApp: string | null; werFaultModule: string | null;
}

const SELECT = `SELECT c.id, c.path, c.missing, c.state, c.error, c.dump_kind AS kind, c.crash_time AS crashTime,
  c.code_type AS codeType, c.code, c.code_name AS codeName, c.parameters, c.culprit, c.bucket, c.process_name AS processName,
  c.os_build AS osBuild, c.os_version AS osVersion, c.machine_name AS machineName, c.uptime_seconds AS uptimeSeconds,
  c.size, s.path AS source, c.analyzer_version AS analyzerVersion,
  w.path AS werPath, w.event_type AS werEventType, w.app_name AS werApp, w.fault_module AS werFaultModule
  FROM crashes c LEFT JOIN sources s ON s.id = c.source_id LEFT JOIN wer_reports w ON w.id = c.wer_report_id`;

function toListRow(r: RawRow): CrashListRow {
  return {
    id: r.id, path: r.path, missing: r.missing === 1, state: r.state, error: r.error, kind: r.kind, crashTime: r.crashTime,
    codeType: r.codeType, code: hexCode(r.code), codeName: r.codeName, parameters: JSON.parse(r.parameters) as string[],
    culprit: r.culprit, bucket: r.bucket, processName: r.processName, osBuild: r.osBuild, osVersion: r.osVersion,
    machineName: r.machineName, uptimeSeconds: r.uptimeSeconds, size: r.size, source: r.source, analyzerVersion: r.analyzerVersion,
    wer: r.werPath ? { eventType: r.werEventType, appName: r.werApp, faultModule: r.werFaultModule, reportPath: r.werPath } : null,
  };
}

/** One page of the crash list, newest first unless asked otherwise, and the number of rows the filter matches. */
export function listCrashes(store: HistoryStore, o: CrashListOptions = {}): { rows: CrashListRow[]; total: number } {
  const { sql: where, params } = whereClause(o);
  const column = SORT_COLUMNS[o.sort ?? 'time'];
  const dir = o.descending ?? true ? 'DESC' : 'ASC';
  const limit = Math.max(0, Math.min(o.limit ?? 100, 10_000));
  const offset = Math.max(0, o.offset ?? 0);
  // NULLs (unknown time, error rows) go last whichever the direction; id breaks ties so pages are stable.
  const rows = store.db
    .prepare(`${SELECT} ${where} ORDER BY ${column} IS NULL, ${column} ${dir}, c.id ${dir} LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as RawRow[];
  const total = (store.db.prepare(`SELECT COUNT(*) AS n FROM crashes c ${where}`).get(...params) as { n: number }).n;
  return { rows: rows.map(toListRow), total };
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

/** Every bucket with its number of crashes and first/last crash time, most recent first. */
export function listBuckets(store: HistoryStore): BucketRow[] {
  const rows = store.db
    .prepare(
      `SELECT bucket, COUNT(*) AS count, MIN(crash_time_ms) AS first, MAX(crash_time_ms) AS last,
         MAX(culprit) AS culprit, MAX(code) AS code, MAX(code_name) AS codeName
       FROM crashes WHERE state = 'ok' AND bucket IS NOT NULL GROUP BY bucket ORDER BY last DESC, bucket`,
    )
    .all() as { bucket: string; count: number; first: number | null; last: number | null; culprit: string | null; code: number | null; codeName: string | null }[];
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return rows.map((r) => ({ bucket: r.bucket, count: r.count, firstSeen: iso(r.first), lastSeen: iso(r.last), culprit: r.culprit, code: hexCode(r.code), codeName: r.codeName }));
}

export interface TrendOptions {
  by: 'bucket' | 'culprit';
  period: 'day' | 'week';
  fromMs?: number;
  toMs?: number;
}

/** Crashes per day (YYYY-MM-DD, UTC) or per week (the week's Monday) for each bucket or culprit. */
export function crashTrend(store: HistoryStore, o: TrendOptions): { period: string; key: string; count: number }[] {
  const key = o.by === 'bucket' ? 'bucket' : 'culprit';
  const period =
    o.period === 'day'
      ? "date(crash_time_ms / 1000, 'unixepoch')"
      : "date(crash_time_ms / 1000, 'unixepoch', 'weekday 0', '-6 days')";
  const parts = [`crash_time_ms IS NOT NULL`, `${key} IS NOT NULL`];
  const params: number[] = [];
  if (o.fromMs !== undefined) { parts.push('crash_time_ms >= ?'); params.push(o.fromMs); }
  if (o.toMs !== undefined) { parts.push('crash_time_ms <= ?'); params.push(o.toMs); }
  return store.db
    .prepare(`SELECT ${period} AS period, ${key} AS key, COUNT(*) AS count FROM crashes WHERE ${parts.join(' AND ')} GROUP BY 1, 2 ORDER BY 1, 2`)
    .all(...params) as never;
}
