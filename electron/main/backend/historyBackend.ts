/**
 * The crash history as a running thing: the store, an initial scan of the
 * watched folders, the watcher for new dumps, and the `crashIndexed` event
 * for each new row. Dumps are analysed in the engine worker (the engine's
 * `summarize`), never on the main thread.
 */
import type { ApiEventSink } from '../../../shared/api';
import { ANALYZER_VERSION } from '../../../shared/analysis/version';
import type { EngineClient } from '../../engine/engineClient';
import type { Summarizer } from '../../services/history/crashSummary';
import { HistoryStore } from '../../services/history/historyStore';
import { indexFolders } from '../../services/history/indexer';
import { watchSources, type SourceWatcher } from '../../services/history/watcher';
import { crashRowById } from './historyService';

export interface HistoryBackend {
  store: HistoryStore;
  /** Indexes a folder just added as a source and watches it from now on. */
  folderAdded(path: string): Promise<void>;
  /** Resolves when the initial scan is over. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function engineSummarizer(engine: EngineClient): Summarizer {
  return { analyzerVersion: ANALYZER_VERSION, summarize: (path) => engine.summarize(path) };
}

export interface HistoryBackendOptions {
  dbFile: string;
  /** Folders to add as sources at start (`--dir`). */
  folders: string[];
  /** This machine's own dump folders (electron/services/discovery), added as sources before the first scan. */
  discover?: () => Promise<{ path: string; kind: string }[]>;
  summarizer: Summarizer;
  emit: ApiEventSink;
  onError?: (e: Error) => void;
}

/** Opens the store; throws when the database cannot be opened (the caller reports that as "history not available"). */
export function startHistoryBackend(o: HistoryBackendOptions): HistoryBackend {
  const store = HistoryStore.open(o.dbFile);
  for (const f of o.folders) store.ensureSource(f, 'user');
  const maxId = () => (store.db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM crashes').get() as { id: number }).id;
  let lastAnnounced = maxId();
  // Rows newer than the last one announced become crashIndexed events.
  const announce = () => {
    const ids = store.db.prepare('SELECT id FROM crashes WHERE id > ? ORDER BY id').all(lastAnnounced) as { id: number }[];
    for (const { id } of ids) {
      const row = crashRowById(store, id);
      if (row) o.emit('crashIndexed', row);
      lastAnnounced = id;
    }
  };
  const folders = () => store.listSources().map((s) => s.path);
  let watcher: SourceWatcher | undefined;
  let closed = false;
  const rewatch = async () => {
    await watcher?.close();
    if (closed) return;
    watcher = await watchSources(store, folders(), { summarizer: o.summarizer, onIndexed: announce, onError: o.onError });
  };
  const ready = (async () => {
    for (const found of (await o.discover?.()) ?? []) store.ensureSource(found.path, found.kind);
    // Watch first, then scan: a dump written during the scan is seen by one or the other (the indexer skips known files).
    await rewatch();
    await indexFolders(store, folders(), { summarizer: o.summarizer });
    announce();
  })().catch((e: unknown) => o.onError?.(e instanceof Error ? e : new Error(String(e))));

  return {
    store,
    ready,
    async folderAdded(path) {
      await ready;
      await rewatch();
      await indexFolders(store, [path], { summarizer: o.summarizer });
      announce();
    },
    async close() {
      closed = true;
      await ready;
      await watcher?.close();
      store.close();
    },
  };
}
