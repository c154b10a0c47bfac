/**
 * The crash-history database (better-sqlite3, WAL): opening, migrating and
 * every write. Reads for the UI live in historyQueries.ts and whatChanged.ts.
 * All writes are synchronous statements; callers group them with `transaction`
 * so a batch lands whole or not at all.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { CrashSummary } from './crashSummary';
import { migrate } from './migrate';

/** What the indexer knows about a file without reading it. */
export interface FileFacts {
  path: string;
  size: number;
  mtimeMs: number;
  contentHash: string;
}

/** The part of a crash row the indexer compares against the disk. */
export interface KnownCrash {
  id: number;
  path: string;
  size: number;
  mtimeMs: number;
  contentHash: string;
  missing: boolean;
  state: 'ok' | 'error';
  error: string | null;
  analyzerVersion: number | null;
}

export interface KnownWerReport {
  id: number;
  path: string;
  size: number;
  mtimeMs: number;
  missing: boolean;
}

export interface WerReportRow {
  path: string;
  size: number;
  mtimeMs: number;
  eventType: string | null;
  eventTime: string | null;
  reportId: string | null;
  appName: string | null;
  appPath: string | null;
  faultModule: string | null;
  exceptionCode: number | null;
  bugcheckCode: number | null;
  bucketId: string | null;
  osVersion: string | null;
  dumpNames: string[];
  dumpPaths: string[];
}

export interface SourceRow {
  id: number;
  path: string;
  kind: string;
  addedAt: string;
}

export interface NoteRow {
  id: number;
  text: string;
  createdAt: string;
}

const fileNameOf = (p: string) => p.split(/[\\/]/).pop()!.toLowerCase();
const now = () => new Date().toISOString();

export class HistoryStore {
  readonly db: Database.Database;

  private readonly statements = new Map<string, Database.Statement>();

  private constructor(db: Database.Database) {
    this.db = db;
  }

  /** Prepared once per SQL text: preparing costs more than running these small statements. */
  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  /** Opens (creating folders and schema as needed) the history database at `file`. */
  static open(file: string): HistoryStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across process kills in WAL mode (only an OS crash may lose the last commit).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 32 MB of page cache (default 2 MB): the module and text indexes grow past 2 MB at a few thousand crashes.
    db.pragma('cache_size = -32768');
    migrate(db);
    return new HistoryStore(db);
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } catch (e) {
      // Module rows inserted in the rolled-back transaction are gone: forget their ids.
      this.moduleIds.clear();
      throw e;
    }
  }

  // ---- sources ----

  /** The id of a source folder, adding it when new. */
  ensureSource(path: string, kind = 'user'): number {
    this.stmt('INSERT INTO sources (path, kind, added_at) VALUES (?, ?, ?) ON CONFLICT(path) DO NOTHING').run(path, kind, now());
    return (this.stmt('SELECT id FROM sources WHERE path = ?').get(path) as { id: number }).id;
  }

  removeSource(path: string): void {
    this.stmt('DELETE FROM sources WHERE path = ?').run(path);
  }

  listSources(): SourceRow[] {
    return this.stmt('SELECT id, path, kind, added_at AS addedAt FROM sources ORDER BY path').all() as SourceRow[];
  }

  // ---- crashes: what the indexer compares ----

  /** Every crash row of a source, by path. */
  knownCrashes(sourceId: number): Map<string, KnownCrash> {
    const rows = this.stmt(
        `SELECT id, path, size, mtime_ms AS mtimeMs, content_hash AS contentHash, missing, state, error, analyzer_version AS analyzerVersion
         FROM crashes WHERE source_id = ?`,
      )
      .all(sourceId) as (Omit<KnownCrash, 'missing'> & { missing: number })[];
    return new Map(rows.map((r) => [r.path, { ...r, missing: r.missing === 1 }]));
  }

  crashByPath(path: string): KnownCrash | undefined {
    const r = this.stmt(
        `SELECT id, path, size, mtime_ms AS mtimeMs, content_hash AS contentHash, missing, state, error, analyzer_version AS analyzerVersion
         FROM crashes WHERE path = ?`,
      )
      .get(path) as (Omit<KnownCrash, 'missing'> & { missing: number }) | undefined;
    return r && { ...r, missing: r.missing === 1 };
  }

  /** Missing rows with this content, candidates for a rename or a restore. */
  missingWithHash(contentHash: string, size: number): KnownCrash[] {
    const rows = this.stmt(
        `SELECT id, path, size, mtime_ms AS mtimeMs, content_hash AS contentHash, missing, state, error, analyzer_version AS analyzerVersion
         FROM crashes WHERE content_hash = ? AND size = ? AND missing = 1 ORDER BY id`,
      )
      .all(contentHash, size) as (Omit<KnownCrash, 'missing'> & { missing: number })[];
    return rows.map((r) => ({ ...r, missing: true }));
  }

  /**
   * The analysis of another row with the same content (a copy of a dump in a
   * second folder, a hard link), by the same analyzer version: the dump need not
   * be read again. Undefined when there is none.
   */
  analysisByContent(contentHash: string, size: number, analyzerVersion: number): CrashSummary | undefined {
    const r = this.stmt(
      `SELECT id, dump_kind AS kind, crash_time AS crashTime, os_build AS osBuild, os_version AS osVersion, machine_name AS machineName,
         code_type AS codeType, code, code_name AS codeName, parameters, culprit, bucket, process_name AS processName,
         uptime_seconds AS uptimeSeconds, blame_class AS blameClass, blame_reason AS blameReason,
         culprit_version AS culpritVersion, culprit_company AS culpritCompany, crash_address AS crashAddress, processor
       FROM crashes WHERE content_hash = ? AND size = ? AND state = 'ok' AND analyzer_version = ? LIMIT 1`,
    ).get(contentHash, size, analyzerVersion) as
      | (Omit<CrashSummary, 'crashTime' | 'parameters' | 'modules'> & { id: number; crashTime: string | null; parameters: string })
      | undefined;
    if (!r) return undefined;
    const modules = this.modulesOf(r.id);
    const { id: _id, crashTime, parameters, ...rest } = r;
    return { ...rest, crashTime: crashTime ? new Date(crashTime) : null, parameters: JSON.parse(parameters) as string[], modules };
  }

  // ---- crashes: writes ----

  /**
   * Inserts or replaces the analysis of the dump at `file.path` (one row per
   * path), modules included. A null `sourceId` keeps the row's source.
   */
  saveCrash(file: FileFacts, sourceId: number | null, summary: CrashSummary, analyzerVersion: number): number {
    const params = {
      path: file.path, file_name: fileNameOf(file.path), source_id: sourceId, size: file.size, mtime_ms: file.mtimeMs,
      content_hash: file.contentHash, dump_kind: summary.kind,
      crash_time: summary.crashTime?.toISOString() ?? null, crash_time_ms: summary.crashTime?.getTime() ?? null,
      os_build: summary.osBuild, os_version: summary.osVersion, machine_name: summary.machineName,
      code_type: summary.codeType, code: summary.code, code_name: summary.codeName,
      parameters: JSON.stringify(summary.parameters), culprit: summary.culprit, bucket: summary.bucket,
      process_name: summary.processName, uptime_seconds: summary.uptimeSeconds, analyzer_version: analyzerVersion,
      blame_class: summary.blameClass, blame_reason: summary.blameReason, indexed_at: now(),
      culprit_version: summary.culpritVersion, culprit_company: summary.culpritCompany, crash_address: summary.crashAddress,
      processor: summary.processor,
    };
    const id = (
      this.stmt(
          `INSERT INTO crashes (path, file_name, source_id, size, mtime_ms, content_hash, state, error, missing, missing_since,
             dump_kind, crash_time, crash_time_ms, os_build, os_version, machine_name, code_type, code, code_name, parameters,
             culprit, bucket, process_name, uptime_seconds, analyzer_version, blame_class, blame_reason, indexed_at,
             culprit_version, culprit_company, crash_address, processor)
           VALUES (@path, @file_name, @source_id, @size, @mtime_ms, @content_hash, 'ok', NULL, 0, NULL,
             @dump_kind, @crash_time, @crash_time_ms, @os_build, @os_version, @machine_name, @code_type, @code, @code_name, @parameters,
             @culprit, @bucket, @process_name, @uptime_seconds, @analyzer_version, @blame_class, @blame_reason, @indexed_at,
             @culprit_version, @culprit_company, @crash_address, @processor)
           ON CONFLICT(path) DO UPDATE SET source_id = coalesce(excluded.source_id, crashes.source_id), size = excluded.size,
             mtime_ms = excluded.mtime_ms, content_hash = excluded.content_hash, state = 'ok', error = NULL, missing = 0, missing_since = NULL,
             dump_kind = excluded.dump_kind, crash_time = excluded.crash_time, crash_time_ms = excluded.crash_time_ms,
             os_build = excluded.os_build, os_version = excluded.os_version, machine_name = excluded.machine_name,
             code_type = excluded.code_type, code = excluded.code, code_name = excluded.code_name, parameters = excluded.parameters,
             culprit = excluded.culprit, bucket = excluded.bucket, process_name = excluded.process_name,
             uptime_seconds = excluded.uptime_seconds, analyzer_version = excluded.analyzer_version,
             blame_class = excluded.blame_class, blame_reason = excluded.blame_reason, indexed_at = excluded.indexed_at,
             culprit_version = excluded.culprit_version, culprit_company = excluded.culprit_company,
             crash_address = excluded.crash_address, processor = excluded.processor
           RETURNING id`,
        )
        .get(params) as { id: number }
    ).id;
    this.stmt('DELETE FROM crash_modules WHERE crash_id = ?').run(id);
    this.insertModules(id, summary.modules);
    return id;
  }

  /** Module version → row id; ids never change (modules are never deleted), cleared when a transaction rolls back. */
  private readonly moduleIds = new Map<string, number>();

  private moduleId(m: CrashSummary['modules'][number]): number {
    const v = [m.name.toLowerCase(), m.version ?? '', m.timestamp ?? 0, m.size ?? 0] as const;
    const key = v.join('\u0000');
    let id = this.moduleIds.get(key);
    if (id === undefined) {
      this.stmt('INSERT OR IGNORE INTO modules (name, version, timestamp, size) VALUES (?, ?, ?, ?)').run(...v);
      id = (this.stmt('SELECT id FROM modules WHERE name = ? AND version = ? AND timestamp = ? AND size = ?').get(...v) as { id: number }).id;
      this.moduleIds.set(key, id);
    }
    return id;
  }

  /** A crash's module links, up to 100 per statement: one native call instead of one per module. */
  private insertModules(crashId: number, modules: CrashSummary['modules']): void {
    const ids = [...new Set(modules.map((m) => this.moduleId(m)))];
    for (let i = 0; i < ids.length; i += 100) {
      const group = ids.slice(i, i + 100);
      const sql = 'INSERT OR IGNORE INTO crash_modules (crash_id, module_id) VALUES ' + group.map(() => '(?, ?)').join(', ');
      this.stmt(sql).run(group.flatMap((id) => [crashId, id]));
    }
  }

  /** The modules of one crash, unknown values as null. */
  modulesOf(crashId: number): CrashSummary['modules'] {
    return this.stmt(
      `SELECT v.name, nullif(v.version, '') AS version, nullif(v.timestamp, 0) AS timestamp, nullif(v.size, 0) AS size
       FROM crash_modules m JOIN modules v ON v.id = m.module_id WHERE m.crash_id = ? ORDER BY v.name, v.id`,
    ).all(crashId) as CrashSummary['modules'];
  }

  /**
   * Records a dump that could not be analysed after its retries: a complete row
   * in state 'error' with the reason, and none of the analysis fields, so it is
   * listed (and retried on the next analyzer version) but never half-filled.
   */
  saveFailure(file: FileFacts, sourceId: number | null, error: string, analyzerVersion: number): number {
    const id = (
      this.stmt(
          `INSERT INTO crashes (path, file_name, source_id, size, mtime_ms, content_hash, state, error, missing, analyzer_version, indexed_at)
           VALUES (?, ?, ?, ?, ?, ?, 'error', ?, 0, ?, ?)
           ON CONFLICT(path) DO UPDATE SET source_id = coalesce(excluded.source_id, crashes.source_id), size = excluded.size,
             mtime_ms = excluded.mtime_ms, content_hash = excluded.content_hash, state = 'error', error = excluded.error, missing = 0, missing_since = NULL,
             dump_kind = NULL, crash_time = NULL, crash_time_ms = NULL, os_build = NULL, os_version = NULL, machine_name = NULL,
             code_type = NULL, code = NULL, code_name = NULL, parameters = '[]', culprit = NULL, bucket = NULL,
             process_name = NULL, uptime_seconds = NULL, blame_class = NULL, blame_reason = NULL,
             culprit_version = NULL, culprit_company = NULL, crash_address = NULL, processor = NULL,
             analyzer_version = excluded.analyzer_version, indexed_at = excluded.indexed_at
           RETURNING id`,
        )
        .get(file.path, fileNameOf(file.path), sourceId, file.size, file.mtimeMs, file.contentHash, error, analyzerVersion, now()) as { id: number }
    ).id;
    this.stmt('DELETE FROM crash_modules WHERE crash_id = ?').run(id);
    return id;
  }

  /** Same content, new size/mtime facts (e.g. touched, or restored from the recycle bin). */
  touchCrash(id: number, file: FileFacts): void {
    this.stmt('UPDATE crashes SET size = ?, mtime_ms = ?, missing = 0, missing_since = NULL WHERE id = ?')
      .run(file.size, file.mtimeMs, id);
  }

  /** A rename: the row (with its notes and tags) follows the file. */
  moveCrash(id: number, file: FileFacts, sourceId: number | null): void {
    // A stale row may still hold the new path (a file replaced by a rename): it describes content that is gone.
    this.stmt('DELETE FROM crashes WHERE path = ? AND id <> ?').run(file.path, id);
    this.stmt('UPDATE crashes SET path = ?, file_name = ?, source_id = ?, size = ?, mtime_ms = ?, missing = 0, missing_since = NULL WHERE id = ?')
      .run(file.path, fileNameOf(file.path), sourceId, file.size, file.mtimeMs, id);
  }

  markMissing(ids: Iterable<number>): void {
    const st = this.stmt('UPDATE crashes SET missing = 1, missing_since = ? WHERE id = ? AND missing = 0');
    const at = now();
    for (const id of ids) st.run(at, id);
  }

  /** Rows analysed by another analyzer version (error rows included: a newer analyzer may read them). */
  staleCrashes(analyzerVersion: number, limit = 500): { id: number; path: string }[] {
    return this.stmt('SELECT id, path FROM crashes WHERE missing = 0 AND (analyzer_version IS NULL OR analyzer_version <> ?) ORDER BY id LIMIT ?')
      .all(analyzerVersion, limit) as { id: number; path: string }[];
  }

  // ---- WER reports ----

  knownWerReports(sourceId: number): Map<string, KnownWerReport> {
    const rows = this.stmt('SELECT id, path, size, mtime_ms AS mtimeMs, missing FROM wer_reports WHERE source_id = ?')
      .all(sourceId) as (Omit<KnownWerReport, 'missing'> & { missing: number })[];
    return new Map(rows.map((r) => [r.path, { ...r, missing: r.missing === 1 }]));
  }

  saveWerReport(r: WerReportRow, sourceId: number | null): number {
    return (
      this.stmt(
          `INSERT INTO wer_reports (path, source_id, size, mtime_ms, missing, event_type, event_time, report_id, app_name, app_path,
             fault_module, exception_code, bugcheck_code, bucket_id, os_version, dump_names, dump_paths)
           VALUES (@path, @sourceId, @size, @mtimeMs, 0, @eventType, @eventTime, @reportId, @appName, @appPath,
             @faultModule, @exceptionCode, @bugcheckCode, @bucketId, @osVersion, @dumpNames, @dumpPaths)
           ON CONFLICT(path) DO UPDATE SET source_id = excluded.source_id, size = excluded.size, mtime_ms = excluded.mtime_ms, missing = 0,
             event_type = excluded.event_type, event_time = excluded.event_time, report_id = excluded.report_id,
             app_name = excluded.app_name, app_path = excluded.app_path, fault_module = excluded.fault_module,
             exception_code = excluded.exception_code, bugcheck_code = excluded.bugcheck_code, bucket_id = excluded.bucket_id,
             os_version = excluded.os_version, dump_names = excluded.dump_names, dump_paths = excluded.dump_paths
           RETURNING id`,
        )
        .get({ ...r, sourceId, dumpNames: JSON.stringify(r.dumpNames), dumpPaths: JSON.stringify(r.dumpPaths) }) as { id: number }
    ).id;
  }

  werReportIdByPath(path: string): number | undefined {
    return (this.stmt('SELECT id FROM wer_reports WHERE path = ? AND missing = 0').get(path) as { id: number } | undefined)?.id;
  }

  markWerReportsMissing(ids: Iterable<number>): void {
    const st = this.stmt('UPDATE wer_reports SET missing = 1 WHERE id = ?');
    for (const id of ids) st.run(id);
  }

  /**
   * Links crash rows to the Report.wer that attached them: a dump in the
   * report's own folder with an attached file name, or a dump at one of the
   * report's original paths (a BlueScreen report points at C:\Windows\Minidump).
   * Returns the number of crash rows whose link changed.
   */
  linkWerReports(): number {
    const reports = this.stmt('SELECT id, path, dump_names AS names, dump_paths AS paths FROM wer_reports WHERE missing = 0').all() as {
      id: number; path: string; names: string; paths: string;
    }[];
    const byName = this.stmt('SELECT id, path, wer_report_id AS linked FROM crashes WHERE file_name = ?');
    const link = this.stmt('UPDATE crashes SET wer_report_id = ? WHERE id = ?');
    let changed = 0;
    for (const r of reports) {
      const folder = r.path.slice(0, Math.max(r.path.lastIndexOf('/'), r.path.lastIndexOf('\\')) + 1).toLowerCase();
      const originals = new Set((JSON.parse(r.paths) as string[]).map((p) => p.toLowerCase().replace(/^\\\\\?\\/, '')));
      for (const name of JSON.parse(r.names) as string[]) {
        for (const c of byName.all(name) as { id: number; path: string; linked: number | null }[]) {
          const p = c.path.toLowerCase();
          const inFolder = p.startsWith(folder) && !/[\\/]/.test(p.slice(folder.length));
          if ((inFolder || originals.has(p)) && c.linked !== r.id) {
            link.run(r.id, c.id);
            changed++;
          }
        }
      }
    }
    return changed;
  }

  // ---- notes and tags ----

  addNote(crashId: number, text: string): number {
    return Number(this.stmt('INSERT INTO notes (crash_id, text, created_at) VALUES (?, ?, ?)').run(crashId, text, now()).lastInsertRowid);
  }

  notes(crashId: number): NoteRow[] {
    return this.stmt('SELECT id, text, created_at AS createdAt FROM notes WHERE crash_id = ? ORDER BY id').all(crashId) as NoteRow[];
  }

  /** Every note on any crash of a bucket, oldest first, with the crash it is attached to. */
  notesOfBucket(bucket: string): (NoteRow & { crashId: number; fileName: string })[] {
    return this.stmt(
      `SELECT n.id, n.text, n.created_at AS createdAt, c.id AS crashId, c.file_name AS fileName
       FROM notes n JOIN crashes c ON c.id = n.crash_id WHERE c.bucket = ? ORDER BY n.id`,
    ).all(bucket) as (NoteRow & { crashId: number; fileName: string })[];
  }

  addTag(crashId: number, tag: string): void {
    this.stmt('INSERT OR IGNORE INTO crash_tags (crash_id, tag) VALUES (?, ?)').run(crashId, tag);
  }

  removeTag(crashId: number, tag: string): void {
    this.stmt('DELETE FROM crash_tags WHERE crash_id = ? AND tag = ?').run(crashId, tag);
  }

  tags(crashId: number): string[] {
    return (this.stmt('SELECT tag FROM crash_tags WHERE crash_id = ? ORDER BY tag').all(crashId) as { tag: string }[]).map((r) => r.tag);
  }
}
