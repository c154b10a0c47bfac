/**
 * Live watching of the dump sources: chokidar reports file events, the
 * SettleQueue waits until each file stops changing, and the indexer brings
 * those paths' rows up to date (indexPaths). One indexing pass runs at a time.
 * Files the indexer could not take yet are queued again with back-off; a
 * locked file meanwhile has an 'error' row saying so, replaced once it reads.
 */
import { watch, type FSWatcher } from 'chokidar';
import type { Summarizer } from './crashSummary';
import { isDumpFile, isWerReport } from './dumpFiles';
import type { HistoryStore } from './historyStore';
import { indexPaths, type IndexResult } from './indexer';
import { SettleQueue } from './settleQueue';

export interface WatchOptions {
  summarizer: Summarizer;
  /** How long size and mtime must stay the same before a file is read (default 2000 ms). */
  settleMs?: number;
  /** How often pending files are looked at (default settleMs / 4, at least 20 ms). */
  pollMs?: number;
  retryBaseMs?: number;
  /** Times a file that is locked or still growing is retried before the watcher leaves it to the next scan. */
  maxAttempts?: number;
  onIndexed?: (r: IndexResult) => void;
  onError?: (e: Error) => void;
}

export interface SourceWatcher {
  /** Resolves once nothing is pending and no pass is running. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const TRANSIENT = /^(still being written|vanished while being read|locked)/;

export async function watchSources(store: HistoryStore, folders: string[], o: WatchOptions): Promise<SourceWatcher> {
  const settleMs = o.settleMs ?? 2000;
  const queue = new SettleQueue(settleMs, o.retryBaseMs ?? 500, o.maxAttempts ?? 8);
  for (const f of folders) store.ensureSource(f);
  let busy = false;
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  const fsw: FSWatcher = watch(folders, {
    ignoreInitial: true,
    persistent: true,
    depth: 8,
    ignored: (path, stats) => !!stats?.isFile() && !isDumpFile(path) && !isWerReport(path),
  });
  const onEvent = (path: string) => {
    if (isDumpFile(path) || isWerReport(path)) queue.touch(path);
  };
  fsw.on('add', onEvent).on('change', onEvent).on('unlink', onEvent);
  fsw.on('error', (e) => o.onError?.(e instanceof Error ? e : new Error(String(e))));
  await new Promise<void>((ready) => fsw.once('ready', ready));

  const tick = async () => {
    if (busy || closed) return;
    busy = true;
    try {
      const ready = await queue.takeReady();
      if (ready.length > 0) {
        const attempts = new Map(ready.map((p) => [p, queue.attemptsOf(p)]));
        const r = await indexPaths(store, ready, { summarizer: o.summarizer, lockedRetries: 0 });
        for (const f of r.failed) if (TRANSIENT.test(f.reason)) queue.retry(f.path, attempts.get(f.path) ?? 0);
        o.onIndexed?.(r);
      }
    } catch (e) {
      o.onError?.(e instanceof Error ? e : new Error(String(e)));
    } finally {
      busy = false;
      if (queue.size === 0) {
        const w = idleWaiters;
        idleWaiters = [];
        w.forEach((f) => f());
      }
    }
  };
  const timer = setInterval(() => void tick(), Math.max(20, o.pollMs ?? Math.floor(settleMs / 4)));

  return {
    idle: () => (queue.size === 0 && !busy ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r))),
    async close() {
      closed = true;
      clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 10));
      await fsw.close();
      idleWaiters.forEach((f) => f());
    },
  };
}
