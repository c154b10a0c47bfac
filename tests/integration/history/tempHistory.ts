// Test helpers: a real temporary folder with a real SQLite file, and corpus
// dumps copied into it at test time (never committed).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CrashSummary, Summarizer } from '../../../electron/services/history/crashSummary';
import { dumpSummarizer } from '../../../electron/services/history/dumpSummarizer';
import { HistoryStore } from '../../../electron/services/history/historyStore';
import { corpusPath } from '../../helpers/corpus';

export interface TempHistory {
  root: string;
  dumps: string;
  dbFile: string;
  store: HistoryStore;
  reopen(): HistoryStore;
  cleanup(): void;
}

export function tempHistory(): TempHistory {
  const root = mkdtempSync(join(tmpdir(), 'dumpdesk-history-'));
  const dumps = join(root, 'dumps');
  mkdirSync(dumps);
  const dbFile = join(root, 'history.sqlite');
  const t: TempHistory = {
    root, dumps, dbFile,
    store: HistoryStore.open(dbFile),
    reopen() {
      t.store.close();
      t.store = HistoryStore.open(dbFile);
      return t.store;
    },
    cleanup() {
      try { t.store.close(); } catch { /* already closed */ }
      rmSync(root, { recursive: true, force: true });
    },
  };
  return t;
}

/** Copies corpus/user/NAME (or kernel/…) to `dest`, creating folders. */
export function copyCorpusDump(name: string, dest: string, folder = 'user'): string {
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(corpusPath(folder, name), dest);
  return dest;
}

/** The real summarizer, counting how many dumps it had to read. */
export function countingSummarizer(inner: Summarizer = dumpSummarizer): Summarizer & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    analyzerVersion: inner.analyzerVersion,
    summarize(path: string): Promise<CrashSummary> {
      calls.push(path);
      return inner.summarize(path);
    },
  };
}

/** Every crash row, ordered by path, with the columns the tests compare. */
export interface RowFacts { path: string; state: string; missing: number; code: number | null; bucket: string | null; error: string | null }

export function rows(store: HistoryStore): RowFacts[] {
  return store.db.prepare('SELECT path, state, missing, code, bucket, error FROM crashes ORDER BY path').all() as RowFacts[];
}
