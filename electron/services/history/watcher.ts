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
import { indexFolders, indexPaths, type IndexResult } from './indexer';
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
  /** Starts watching one more source (a folder the user added); its existing dumps are indexed first. */
  add(folder: string): Promise<void>;
  /** Stops watching a source; its rows stay in the history. */
  remove(folder: string): Promise<void>;
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

  const onEvent = (path: string) => {
    if (isDumpFile(path) || isWerReport(path)) queue.touch(path);
  };
  // One chokidar watcher per source, so a source can be added or removed on its own and
  // its 'ready' awaited (a file written before a watch is ready would count as initial).
  const watchers = new Map<string, FSWatcher>();
  const startWatching = async (folder: string): Promise<void> => {
    if (watchers.has(folder)) return;
    const fsw = watch(folder, {
      ignoreInitial: true,
      persistent: true,
      depth: 8,
      ignored: (path, stats) => !!stats?.isFile() && !isDumpFile(path) && !isWerReport(path),
    });
    watchers.set(folder, fsw);
    fsw.on('add', onEvent).on('change', onEvent).on('unlink', onEvent);
    fsw.on('error', (e) => o.onError?.(e instanceof Error ? e : new Error(String(e))));
    await new Promise<void>((ready) => fsw.once('ready', ready));
  };
  for (const f of folders) await startWatching(f);

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
    async add(folder) {
      // Watch first, then reconcile: a file written in between is caught by one or the other.
      await startWatching(folder);
      await indexFolders(store, [folder], { summarizer: o.summarizer });
    },
    async remove(folder) {
      const fsw = watchers.get(folder);
      watchers.delete(folder);
      await fsw?.close();
    },
    idle: () => (queue.size === 0 && !busy ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r))),
    async close() {
      closed = true;
      clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 10));
      await Promise.all([...watchers.values()].map((w) => w.close()));
      watchers.clear();
      idleWaiters.forEach((f) => f());
    },
  };
}
