/**
 * Brings the history in line with the dump folders.
 *
 * `indexFolders` reconciles whole sources (the CLI, and every start-up):
 * unchanged files (same size and mtime) are not opened at all; changed or new
 * ones are fingerprinted (contentHash.ts) so a rename or a restore keeps its
 * row, and only new content is analysed. `indexPaths` does the same for the
 * few files the watcher reports.
 *
 * Crash safety: analysis happens outside the database, then each batch's rows
 * are written in one transaction. Rows are keyed by path (UNIQUE) and written
 * as upserts, so a process killed mid-batch loses at most that batch's work
 * (redone on the next run) and can never leave a duplicate or a half row.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { attachedDumpNames, parseReportWer } from '../../../shared/formats/wer/reportWer';
import { contentHash } from './contentHash';
import type { CrashSummary, Summarizer } from './crashSummary';
import { listFolder, statFile, type ListedFile } from './dumpFiles';
import { backoffMs, classifyFileError, errorText, sleep } from './fileProblems';
import type { HistoryStore, KnownCrash, WerReportRow } from './historyStore';

export interface IndexerOptions {
  summarizer: Summarizer;
  /** Rows written per transaction. */
  batchSize?: number;
  /** Retries of a locked file before it gets an 'error' row. */
  lockedRetries?: number;
  /** First back-off delay; doubles per retry. */
  retryBaseMs?: number;
  onProgress?: (p: IndexProgress) => void;
  /** Read error rows again even when their file did not change (after an upgrade that reads more dumps). */
  retryErrors?: boolean;
  /**
   * Files examined at once within a batch (default 1). Worth raising only with a
   * summarizer that works off-thread (summarizerPool.ts); the in-process one is synchronous.
   */
  concurrency?: number;
}

export interface IndexProgress {
  done: number;
  total: number;
  path?: string;
}

export interface IndexResult {
  /** New rows analysed. */
  added: number;
  /** Known paths whose content changed and was analysed again. */
  updated: number;
  /** Rows that followed their file to a new path (same content). */
  renamed: number;
  /** Missing rows whose file came back. */
  restored: number;
  /** Files not read at all, or read and found identical. */
  unchanged: number;
  /** Rows newly marked missing. */
  missing: number;
  /** Files that got an 'error' row, or no row yet (still being written, vanished mid-read, unlistable folder). */
  failed: { path: string; reason: string }[];
  werReports: number;
  linked: number;
}

interface WorkItem {
  file: ListedFile;
  sourceId: number;
  known?: KnownCrash;
}

type Outcome =
  | { kind: 'same'; item: WorkItem; known: KnownCrash; hash: string }
  | { kind: 'move'; item: WorkItem; from: KnownCrash; hash: string }
  | { kind: 'analysed'; item: WorkItem; hash: string; summary: CrashSummary }
  | { kind: 'error'; item: WorkItem; hash: string; reason: string }
  | { kind: 'skip'; item: WorkItem; reason: string };

export function emptyResult(): IndexResult {
  return { added: 0, updated: 0, renamed: 0, restored: 0, unchanged: 0, missing: 0, failed: [], werReports: 0, linked: 0 };
}

/** Error rows worth another try when the file is seen again (the file was locked, not broken). */
const isRetryable = (k: KnownCrash | null) => k?.state === 'error' && (k.error ?? '').startsWith('locked');

function isUnchanged(k: KnownCrash | undefined, f: ListedFile, retryErrors = false): boolean {
  return !!k && !k.missing && k.size === f.size && k.mtimeMs === f.mtimeMs && !isRetryable(k) && !(retryErrors && k.state === 'error');
}

const poolKey = (hash: string, size: number) => `${hash}:${size}`;
const MAX_WER_BYTES = 4 * 1024 * 1024;

/** Rows whose file disappeared in this pass, by content, so a new file with that content is a rename. */
class VanishedPool {
  private readonly byContent = new Map<string, KnownCrash[]>();
  private readonly claimed = new Set<number>();
  constructor(private readonly store: HistoryStore, rows: KnownCrash[]) {
    for (const r of rows) {
      const k = poolKey(r.contentHash, r.size);
      this.byContent.set(k, [...(this.byContent.get(k) ?? []), r]);
    }
  }
  /** A vanished or already-missing row with this content, not yet claimed by another file. */
  claim(hash: string, size: number): KnownCrash | undefined {
    const fresh = (this.byContent.get(poolKey(hash, size)) ?? []).find((r) => !this.claimed.has(r.id));
    const row = fresh ?? this.store.missingWithHash(hash, size).find((r) => !this.claimed.has(r.id));
    if (row) this.claimed.add(row.id);
    return row;
  }
  unclaimed(): KnownCrash[] {
    return [...this.byContent.values()].flat().filter((r) => !this.claimed.has(r.id));
  }
}

class Indexer {
  readonly result = emptyResult();
  private done = 0;
  private total = 0;

  /** Analyses done in this run by content, so copies in one batch are read once (rows land at batch end). */
  private readonly analysed = new Map<string, CrashSummary>();

  constructor(private readonly store: HistoryStore, private readonly o: IndexerOptions) {}

  private reuse(hash: string, size: number): CrashSummary | undefined {
    return this.analysed.get(poolKey(hash, size)) ?? this.store.analysisByContent(hash, size, this.o.summarizer.analyzerVersion);
  }

  private remember(hash: string, size: number, summary: CrashSummary): void {
    if (this.analysed.size >= 10_000) this.analysed.clear();
    this.analysed.set(poolKey(hash, size), summary);
  }

  /** Hash and, for new content, analyse one file, retrying while it is locked. */
  private async examine(item: WorkItem, pool: VanishedPool): Promise<Outcome> {
    const retries = this.o.lockedRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      let hash: string | undefined;
      try {
        hash = contentHash(item.file.path, item.file.size);
        const k = item.known;
        const retry = isRetryable(k ?? null) || (this.o.retryErrors === true && k?.state === 'error');
        if (k && k.contentHash === hash && k.size === item.file.size && !retry) return { kind: 'same', item, known: k, hash };
        if (!k) {
          const from = pool.claim(hash, item.file.size);
          if (from) return { kind: 'move', item, from, hash };
        }
        const summary = this.reuse(hash, item.file.size) ?? (await this.o.summarizer.summarize(item.file.path));
        const after = await statFile(item.file.path);
        if (!after) return { kind: 'skip', item, reason: 'vanished while being read' };
        if (after.size !== item.file.size || after.mtimeMs !== item.file.mtimeMs) return { kind: 'skip', item, reason: 'still being written' };
        // Only now is the summary known to belong to the hashed content.
        this.remember(hash, item.file.size, summary);
        return { kind: 'analysed', item, hash, summary };
      } catch (e) {
        const problem = classifyFileError(e);
        if (problem === 'vanished') return { kind: 'skip', item, reason: 'vanished while being read' };
        const now = await statFile(item.file.path);
        if (!now) return { kind: 'skip', item, reason: 'vanished while being read' };
        // A half-written dump fails to parse; it is not broken, just not finished.
        if (now.size !== item.file.size || now.mtimeMs !== item.file.mtimeMs) return { kind: 'skip', item, reason: 'still being written' };
        if (problem === 'locked' && attempt < retries) {
          await sleep(backoffMs(attempt + 1, this.o.retryBaseMs ?? 200));
          continue;
        }
        // openDumpFile prefixes messages with the path; the row already has it.
        const message = errorText(e).replace(item.file.path + ': ', '');
        const reason = problem === 'locked' ? `locked: ${message}` : message;
        // Without a hash we cannot key the row by content; the next scan tries again.
        if (hash === undefined) return { kind: 'skip', item, reason };
        return { kind: 'error', item, hash, reason };
      }
    }
  }

  private write(outcomes: Outcome[]): void {
    const s = this.store;
    const r = this.result;
    const version = this.o.summarizer.analyzerVersion;
    s.transaction(() => {
      for (const out of outcomes) {
        const f = out.item.file;
        switch (out.kind) {
          case 'same':
            s.touchCrash(out.known.id, { ...f, contentHash: out.hash });
            if (out.known.missing) r.restored++;
            else r.unchanged++;
            break;
          case 'move':
            s.moveCrash(out.from.id, { ...f, contentHash: out.hash }, out.item.sourceId);
            if (out.from.path === f.path) r.restored++;
            else r.renamed++;
            break;
          case 'analysed':
            s.saveCrash({ ...f, contentHash: out.hash }, out.item.sourceId, out.summary, version);
            if (out.item.known) r.updated++;
            else r.added++;
            break;
          case 'error':
            s.saveFailure({ ...f, contentHash: out.hash }, out.item.sourceId, out.reason, version);
            r.failed.push({ path: f.path, reason: out.reason });
            break;
          case 'skip':
            r.failed.push({ path: f.path, reason: out.reason });
            break;
        }
      }
    });
  }

  async process(work: WorkItem[], pool: VanishedPool): Promise<void> {
    this.total += work.length;
    const size = Math.max(1, this.o.batchSize ?? 200);
    const lanes = Math.max(1, Math.floor(this.o.concurrency ?? 1));
    for (let i = 0; i < work.length; i += size) {
      const batch = work.slice(i, i + size);
      const outcomes: Outcome[] = new Array<Outcome>(batch.length);
      let next = 0;
      // `lanes` runners take the batch's items in order; outcomes keep the batch order.
      const runner = async () => {
        for (let k = next++; k < batch.length; k = next++) {
          const item = batch[k]!;
          outcomes[k] = await this.examine(item, pool);
          this.done++;
          this.o.onProgress?.({ done: this.done, total: this.total, path: item.file.path });
        }
      };
      await Promise.all(Array.from({ length: Math.min(lanes, batch.length) }, runner));
      this.write(outcomes);
    }
  }

  finishVanished(pool: VanishedPool): void {
    const gone = pool.unclaimed();
    this.store.transaction(() => this.store.markMissing(gone.map((g) => g.id)));
    this.result.missing += gone.length;
  }

  async syncWerReports(sourceId: number, reports: ListedFile[], complete: boolean): Promise<boolean> {
    const known = this.store.knownWerReports(sourceId);
    const rows: WerReportRow[] = [];
    for (const f of reports) {
      const k = known.get(f.path);
      if (k && !k.missing && k.size === f.size && k.mtimeMs === f.mtimeMs) continue;
      // Real reports are 5-50 KB; a huge "Report.wer" is not one, and is not read into memory.
      if (f.size > MAX_WER_BYTES) {
        this.result.failed.push({ path: f.path, reason: `not read: ${f.size} bytes is too large for a Report.wer` });
        continue;
      }
      try {
        const wer = parseReportWer(new Uint8Array(await readFile(f.path)));
        const dumps = wer.files.filter((x) => x.isDump);
        rows.push({
          path: f.path, size: f.size, mtimeMs: f.mtimeMs, eventType: wer.eventType, eventTime: wer.eventTime?.toISOString() ?? null,
          reportId: wer.reportId, appName: wer.app.name, appPath: wer.app.path, faultModule: wer.faultModule.name,
          exceptionCode: wer.exceptionCode, bugcheckCode: wer.bugcheck?.code ?? null, bucketId: wer.bucket.id, osVersion: wer.osVersion,
          dumpNames: attachedDumpNames(wer), dumpPaths: dumps.map((d) => d.originalPath).filter((p): p is string => !!p),
        });
      } catch (e) {
        this.result.failed.push({ path: f.path, reason: errorText(e) });
      }
    }
    const seen = new Set(reports.map((f) => f.path));
    const gone = complete ? [...known.values()].filter((k) => !k.missing && !seen.has(k.path)).map((k) => k.id) : [];
    this.store.transaction(() => {
      for (const row of rows) this.store.saveWerReport(row, sourceId);
      this.store.markWerReportsMissing(gone);
    });
    this.result.werReports += rows.length;
    return rows.length > 0 || gone.length > 0;
  }

  link(): void {
    this.result.linked += this.store.transaction(() => this.store.linkWerReports());
  }
}

/**
 * Reconciles the history with whole folders: adds new dumps, re-analyses
 * changed ones, follows renames, marks vanished ones missing. Each folder
 * becomes (or stays) a source.
 */
export async function indexFolders(store: HistoryStore, folders: string[], o: IndexerOptions): Promise<IndexResult> {
  const ix = new Indexer(store, o);
  const work: WorkItem[] = [];
  const vanished: KnownCrash[] = [];
  const werBySource: { sourceId: number; reports: ListedFile[] }[] = [];
  for (const folder of folders) {
    const root = resolve(folder);
    const sourceId = store.ensureSource(root);
    const known = store.knownCrashes(sourceId);
    let listing;
    try {
      listing = await listFolder(root);
    } catch (e) {
      // A folder that is gone takes its dumps with it; one we cannot read tells us nothing.
      if ((e as { code?: string }).code === 'ENOENT') listing = { dumps: [], werReports: [], problems: [] };
      else {
        ix.result.failed.push({ path: root, reason: `cannot list folder: ${errorText(e)}` });
        continue;
      }
    }
    ix.result.failed.push(...listing.problems);
    const seen = new Set<string>();
    for (const f of listing.dumps) {
      seen.add(f.path);
      const k = known.get(f.path);
      if (isUnchanged(k, f, o.retryErrors)) ix.result.unchanged++;
      else work.push({ file: f, sourceId, ...(k ? { known: k } : {}) });
    }
    for (const k of known.values()) if (!k.missing && !seen.has(k.path)) vanished.push(k);
    werBySource.push({ sourceId, reports: listing.werReports });
  }
  const pool = new VanishedPool(store, vanished);
  await ix.process(work, pool);
  ix.finishVanished(pool);
  for (const w of werBySource) await ix.syncWerReports(w.sourceId, w.reports, true);
  ix.link();
  return ix.result;
}

/** The source a path belongs to: the longest source folder that contains it, or the file source it is. */
function sourceOf(sources: { id: number; path: string }[], path: string): number | undefined {
  let best: { id: number; path: string } | undefined;
  for (const s of sources) {
    const prefix = s.path.endsWith('/') || s.path.endsWith('\\') ? s.path : s.path + (s.path.includes('\\') ? '\\' : '/');
    // A file source (MEMORY.DMP) contains only itself.
    if ((path === s.path || path.startsWith(prefix)) && (!best || s.path.length > best.path.length)) best = s;
  }
  return best?.id;
}

/**
 * Brings the rows of a few paths up to date (the watcher's settled events):
 * each existing path is indexed like in a folder scan, each vanished one is
 * marked missing, and a new path whose content matches a missing row is a rename.
 */
export async function indexPaths(store: HistoryStore, paths: string[], o: IndexerOptions): Promise<IndexResult> {
  const ix = new Indexer(store, o);
  const sources = store.listSources();
  const work: WorkItem[] = [];
  const vanished: KnownCrash[] = [];
  const wer = new Map<number, ListedFile[]>();
  for (const p of [...new Set(paths.map((x) => resolve(x)))]) {
    const sourceId = sourceOf(sources, p);
    if (sourceId === undefined) continue;
    const f = await statFile(p);
    if (/[\\/]report\.wer$/i.test(p)) {
      if (f) wer.set(sourceId, [...(wer.get(sourceId) ?? []), f]);
      else {
        const id = store.werReportIdByPath(p);
        if (id !== undefined) store.markWerReportsMissing([id]);
      }
      continue;
    }
    const k = store.crashByPath(p);
    if (!f) {
      if (k && !k.missing) vanished.push(k);
      continue;
    }
    if (isUnchanged(k, f)) ix.result.unchanged++;
    else work.push({ file: f, sourceId, ...(k ? { known: k } : {}) });
  }
  // Deletions first: an unlink + add pair (a rename) then finds the old row in the pool.
  const pool = new VanishedPool(store, vanished);
  await ix.process(work, pool);
  ix.finishVanished(pool);
  for (const [sourceId, reports] of wer) await ix.syncWerReports(sourceId, reports, false);
  ix.link();
  return ix.result;
}
