/**
 * sources.*: the watched folders, from the history store's source table,
 * each checked on disk so the UI can say which are unreachable and why.
 * Indexing a newly added folder is the indexer's job (electron/services/history).
 */
import { statSync } from 'node:fs';
import type { ApiServices, SourceStatus } from '../../../shared/api';
import { ApiError } from '../../../shared/api/errors';
import { listCrashes } from '../../services/history/historyQueries';
import type { HistoryStore } from '../../services/history/historyStore';

/** What each discovered kind of source is, in words (electron/services/discovery's kinds). */
const LABELS: Record<string, string> = {
  user: 'Added by you',
  'kernel-minidump': 'Kernel minidumps (CrashControl MinidumpDir)',
  'kernel-memory-dump': 'Kernel memory dump (CrashControl DumpFile)',
  'kernel-live-reports': 'Live kernel reports',
  'wer-local-dumps': 'Application dumps (WER LocalDumps)',
  'wer-report-archive': 'Windows Error Reporting archive',
  'wer-report-queue': 'Windows Error Reporting queue',
};

function reachability(path: string): { reachable: boolean; reason: string | null } {
  try {
    statSync(path); // a folder, or a single file such as MEMORY.DMP
    return { reachable: true, reason: null };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { reachable: false, reason: 'the folder does not exist' };
    if (code === 'EACCES' || code === 'EPERM') return { reachable: false, reason: 'access denied (try running as administrator)' };
    return { reachable: false, reason: (e as Error).message };
  }
}

export interface SourcesHooks {
  /** Index and watch a folder just added (the history backend). */
  folderAdded?(path: string): Promise<void>;
  /** Tell the renderer the list changed. */
  changed?(all: SourceStatus[]): void;
}

export function sourcesService(store: HistoryStore, hooks: SourcesHooks = {}): ApiServices['sources'] {
  const status = (s: { id: number; path: string; kind: string }): SourceStatus => ({
    id: String(s.id),
    path: s.path,
    origin: s.kind === 'user' ? 'user' : 'default',
    label: LABELS[s.kind] ?? s.kind,
    ...reachability(s.path),
    dumpCount: listCrashes(store, { sourceId: s.id, limit: 0 }).total,
    lastScan: null,
  });
  const list = () => store.listSources().map(status);
  return {
    list,
    add: async (path) => {
      const id = store.ensureSource(path, 'user');
      await hooks.folderAdded?.(path);
      hooks.changed?.(list());
      return list().find((s) => s.id === String(id))!;
    },
    remove: (id) => {
      const source = store.listSources().find((s) => String(s.id) === id);
      if (!source) throw new ApiError('NotFound', `no watched folder with id ${id}`);
      if (source.kind !== 'user') throw new ApiError('Forbidden', `${source.path} was found by discovery and cannot be removed`);
      store.removeSource(source.path);
      hooks.changed?.(list());
    },
  };
}
