/**
 * Re-analysis after an analyzer upgrade: rows written by another analyzer
 * version are read again, a batch at a time, each batch in one transaction,
 * yielding to the event loop between batches so it can run in the background
 * of the app. Every row it touches ends at the current version (analysed, an
 * error row, or missing when the file is gone), so it always finishes.
 */
import { contentHash } from './contentHash';
import type { Summarizer } from './crashSummary';
import { statFile } from './dumpFiles';
import { classifyFileError, errorText } from './fileProblems';
import type { HistoryStore } from './historyStore';

export interface ReanalyzeOptions {
  batchSize?: number;
  /** Stop after the current batch when aborted. */
  signal?: AbortSignal;
  onProgress?: (done: number) => void;
}

export interface ReanalyzeResult {
  reanalysed: number;
  failed: number;
  missing: number;
}

/** How many rows an analyzer of `version` would re-read. */
export function countStale(store: HistoryStore, version: number): number {
  return (store.db.prepare('SELECT COUNT(*) AS n FROM crashes WHERE missing = 0 AND (analyzer_version IS NULL OR analyzer_version <> ?)').get(version) as { n: number }).n;
}

export async function reanalyzeStale(store: HistoryStore, summarizer: Summarizer, o: ReanalyzeOptions = {}): Promise<ReanalyzeResult> {
  const result: ReanalyzeResult = { reanalysed: 0, failed: 0, missing: 0 };
  const version = summarizer.analyzerVersion;
  const seen = new Set<number>();
  while (!o.signal?.aborted) {
    // Rows seen already but still stale (a concurrent write) are left for the next call: no endless loop.
    const batch = store.staleCrashes(version, o.batchSize ?? 100).filter((r) => !seen.has(r.id));
    if (batch.length === 0) break;
    const writes: (() => void)[] = [];
    for (const row of batch) {
      seen.add(row.id);
      const f = await statFile(row.path);
      if (!f) {
        writes.push(() => store.markMissing([row.id]));
        result.missing++;
        continue;
      }
      let hash: string | undefined;
      try {
        hash = contentHash(f.path, f.size);
        const summary = await summarizer.summarize(f.path);
        const facts = { ...f, contentHash: hash };
        writes.push(() => store.saveCrash(facts, null, summary, version));
        result.reanalysed++;
      } catch (e) {
        if (classifyFileError(e) === 'vanished') {
          writes.push(() => store.markMissing([row.id]));
          result.missing++;
        } else if (hash !== undefined) {
          const facts = { ...f, contentHash: hash };
          const reason = errorText(e).replace(f.path + ': ', '');
          writes.push(() => store.saveFailure(facts, null, reason, version));
          result.failed++;
        }
        // A file we could not even hash (locked) keeps its row for the next call.
      }
    }
    store.transaction(() => writes.forEach((w) => w()));
    o.onProgress?.(result.reanalysed + result.failed + result.missing);
    await new Promise((r) => setImmediate(r));
  }
  return result;
}
