/**
 * Deleting a dump from the app: only after the user confirms, only to the
 * recycle bin / trash (never a permanent delete), and the history row stays,
 * marked missing, with its notes and tags. The confirmation dialog and the
 * trash call are given by the caller (electron/main binds them to
 * dialog.showMessageBox and shell.trashItem), so this runs and is tested
 * without Electron.
 */
import type { HistoryStore } from './historyStore';
import { statFile } from './dumpFiles';

export interface TrashDeps {
  /** Asks the user; true to go ahead. */
  confirm(message: string): Promise<boolean>;
  /** Moves the file to the recycle bin / trash. */
  trash(path: string): Promise<void>;
}

export type TrashOutcome = 'trashed' | 'cancelled' | 'already-gone' | 'unknown-crash';

export async function trashCrashDump(store: HistoryStore, crashId: number, deps: TrashDeps): Promise<TrashOutcome> {
  const row = store.db.prepare('SELECT path, missing FROM crashes WHERE id = ?').get(crashId) as { path: string; missing: number } | undefined;
  if (!row) return 'unknown-crash';
  if (row.missing === 1 || !(await statFile(row.path))) {
    store.markMissing([crashId]);
    return 'already-gone';
  }
  const ok = await deps.confirm(`Move ${row.path} to the recycle bin? The crash stays in the history, marked as missing.`);
  if (!ok) return 'cancelled';
  await deps.trash(row.path);
  store.markMissing([crashId]);
  return 'trashed';
}
