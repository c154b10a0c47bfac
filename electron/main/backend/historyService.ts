/** history.*: the contract's queries answered by the history store (electron/services/history). */
import type { ApiServices, CrashRow, HistorySort } from '../../../shared/api';
import { ApiError } from '../../../shared/api/errors';
import { BLAME_LABELS, breakdownOfCounts } from '../../../shared/analysis/blame/breakdown';
import { blameCounts, crashTrend, listBuckets, listCrashes, type CrashListRow, type CrashSortKey } from '../../services/history/historyQueries';
import type { HistoryStore } from '../../services/history/historyStore';
import { trashCrashDump, type TrashDeps } from '../../services/history/trashDump';
import { whatChanged } from '../../services/history/whatChanged';

const SORT: Record<HistorySort, CrashSortKey> = {
  crashTime: 'time',
  code: 'code',
  culprit: 'culprit',
  bucket: 'bucket',
  processName: 'process',
  fileSize: 'size',
  path: 'path',
};

const ms = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Store row → contract row. Columns the store does not record yet are null. */
export function toCrashRow(r: CrashListRow): CrashRow {
  return {
    id: String(r.id),
    path: r.path,
    fileName: fileNameOf(r.path),
    fileSize: r.size,
    missing: r.missing,
    state: r.state,
    error: r.error,
    kind: r.kind,
    crashTime: r.crashTime,
    codeType: r.codeType,
    code: r.code,
    codeName: r.codeName,
    parameters: r.parameters,
    culprit: r.culprit,
    culpritVersion: r.culpritVersion,
    culpritCompany: r.culpritCompany,
    crashAddress: r.crashAddress,
    processor: r.processor,
    osBuild: r.osBuild,
    osVersion: r.osVersion,
    machineName: r.machineName,
    processName: r.processName,
    uptimeSeconds: r.uptimeSeconds,
    bucket: r.bucket,
    source: r.source,
    wer: r.wer,
  };
}

/**
 * One row by id. The store has no lookup by id yet, so the row's file name
 * narrows the list query (text search) and the id picks the row.
 */
export function crashRowById(store: HistoryStore, id: number): CrashRow | undefined {
  const found = store.db.prepare('SELECT path FROM crashes WHERE id = ?').get(id) as { path: string } | undefined;
  if (!found) return undefined;
  const page = listCrashes(store, { text: fileNameOf(found.path), limit: 10_000 });
  const row = page.rows.find((r) => r.id === id);
  return row ? toCrashRow(row) : undefined;
}

/**
 * `trash` needs the desktop app: its confirmation dialog and the OS recycle bin
 * (Electron's shell.trashItem). A host without them says so instead of deleting.
 */
export function historyService(store: HistoryStore, trashDeps?: TrashDeps): ApiServices['history'] {
  const crashExists = (id: number) => store.db.prepare('SELECT 1 FROM crashes WHERE id = ?').get(id) !== undefined;
  return {
    list: (q) => {
      const page = listCrashes(store, {
        text: q.text,
        bucket: q.bucket,
        culprit: q.culprit,
        code: q.code === undefined ? undefined : Number.parseInt(q.code, 16),
        fromMs: ms(q.from),
        toMs: ms(q.to),
        includeMissing: q.hideMissing ? false : undefined,
        sort: SORT[q.sort],
        descending: q.descending,
        offset: q.offset,
        limit: q.limit,
      });
      return { rows: page.rows.map(toCrashRow), total: page.total };
    },
    buckets: () => listBuckets(store),
    breakdown: () => breakdownOfCounts(blameCounts(store)).map((r) => ({ ...r, label: BLAME_LABELS[r.class] })),
    timeline: (q) => crashTrend(store, { by: q.groupBy, period: q.period, fromMs: ms(q.from), toMs: ms(q.to) }),
    whatChanged: (bucket, windowDays) => whatChanged(store, bucket, windowDays),
    notes: (crashId) => store.notes(Number(crashId)),
    trash: (crashId) => {
      if (!trashDeps) throw new ApiError('Unsupported', 'moving a dump to the recycle bin needs the DumpDesk desktop app; delete the file yourself and the history marks it missing');
      return trashCrashDump(store, Number(crashId), trashDeps);
    },
    bucketNotes: (bucket) => store.notesOfBucket(bucket).map((n) => ({ ...n, crashId: String(n.crashId) })),
    addNote: (crashId, text) => {
      const id = Number(crashId);
      if (!crashExists(id)) throw new ApiError('NotFound', `no crash with id ${crashId} in the history`);
      const noteId = store.addNote(id, text);
      return store.notes(id).find((n) => n.id === noteId)!;
    },
  };
}
