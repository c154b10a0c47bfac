import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { BlameRow, BucketSummary, CrashRow, HistoryPage, HistoryQuery, HistorySort, SourceStatus, TimelinePoint, WhatChanged } from '../../shared/api';
import { api, errorText } from '../api';

export type SortColumn = HistorySort;

/** Rows are fetched in pages as the virtual table scrolls to them. */
export const PAGE_SIZE = 200;

/**
 * The crash history page: the rows of the current query, buckets, the
 * timeline and the sources. The list is paged: only the pages the table
 * shows are fetched, and they live in a plain Map behind a version counter,
 * so 100,000 rows never become 100,000 reactive proxies.
 */
export const useHistoryStore = defineStore('history', () => {
  const pages = new Map<number, CrashRow[]>();
  const pending = new Set<number>();
  /** Bumped whenever `pages` changes, so views re-read rows. */
  const rowsVersion = ref(0);
  const total = ref(0);
  const buckets = ref<BucketSummary[]>([]);
  /** Shallow: a long history has ~100,000 points, replaced whole, never edited in place. */
  const timeline = shallowRef<TimelinePoint[]>([]);
  /** Who is to blame, per class; empty when the host cannot say (older hosts). */
  const breakdown = shallowRef<BlameRow[]>([]);
  const sources = ref<SourceStatus[]>([]);
  const whatChanged = ref<WhatChanged | null>(null);
  const text = ref('');
  const bucket = ref<string | null>(null);
  const sort = ref<{ column: SortColumn; direction: 'asc' | 'desc' }>({ column: 'crashTime', direction: 'desc' });
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Bumped per load so a slow old answer never overwrites a newer one. */
  let generation = 0;

  const query = computed<HistoryQuery>(() => ({
    ...(text.value.trim() ? { text: text.value.trim() } : {}),
    ...(bucket.value ? { bucket: bucket.value } : {}),
    sort: sort.value.column,
    descending: sort.value.direction === 'desc',
  }));

  function resetPages(): void {
    pages.clear();
    pending.clear();
    rowsVersion.value++;
  }

  /** The row at an index of the current query, or undefined while its page loads. */
  function rowAt(index: number): CrashRow | undefined {
    void rowsVersion.value; // dependency for computed/render
    return pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Fetches the pages covering rows [start, end) that are not loaded yet. */
  async function ensureRange(start: number, end: number): Promise<void> {
    const gen = generation;
    const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
    const last = Math.floor(Math.max(0, Math.min(end, total.value) - 1) / PAGE_SIZE);
    const wanted: number[] = [];
    for (let p = first; p <= last; p++) if (!pages.has(p) && !pending.has(p)) wanted.push(p);
    await Promise.all(wanted.map(async (p) => {
      pending.add(p);
      try {
        const page = await api().history.list({ ...query.value, offset: p * PAGE_SIZE, limit: PAGE_SIZE });
        if (gen !== generation) return;
        pages.set(p, page.rows);
        total.value = page.total;
        rowsVersion.value++;
      } catch (e) {
        if (gen === generation) error.value = errorText(e);
      } finally {
        pending.delete(p);
      }
    }));
  }

  function showFirstPage(page: HistoryPage): void {
    resetPages();
    pages.set(0, page.rows);
    total.value = page.total;
  }

  async function firstPage(mine: number): Promise<void> {
    const page = await api().history.list({ ...query.value, offset: 0, limit: PAGE_SIZE });
    if (mine === generation) showFirstPage(page);
  }

  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    // The side panels' data is asked for at once but not waited for: with a
    // long history the timeline is large, and the table should paint first.
    const side = Promise.all([api().history.buckets(), api().history.timeline({ groupBy: 'bucket' }), api().sources.list()]);
    side.catch(() => undefined); // reported below; never an unhandled rejection if the list fails first
    try {
      const page = await api().history.list({ ...query.value, offset: 0, limit: PAGE_SIZE });
      if (mine !== generation) return;
      showFirstPage(page);
      const [b, t, s] = await side;
      if (mine !== generation) return;
      buckets.value = b;
      timeline.value = t;
      sources.value = s;
      // A host without the breakdown still shows everything else.
      breakdown.value = await api().history.breakdown().catch(() => []);
    } catch (e) {
      if (mine === generation) error.value = errorText(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** Re-runs only the list (filter/sort changes), keeping buckets and chart. */
  async function reloadRows(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    try {
      await firstPage(mine);
      if (mine === generation) error.value = null;
    } catch (e) {
      if (mine === generation) error.value = errorText(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function filterBucket(b: string | null): Promise<void> {
    bucket.value = b;
    whatChanged.value = null;
    await reloadRows();
    if (b) {
      try {
        whatChanged.value = await api().history.whatChanged(b);
      } catch (e) {
        error.value = errorText(e);
      }
    }
  }

  async function setText(t: string): Promise<void> {
    text.value = t;
    await reloadRows();
  }

  async function sortBy(column: SortColumn): Promise<void> {
    sort.value = sort.value.column === column
      ? { column, direction: sort.value.direction === 'asc' ? 'desc' : 'asc' }
      : { column, direction: column === 'crashTime' ? 'desc' : 'asc' };
    await reloadRows();
  }

  /** A crash the watcher just indexed: put it on top if it passes the filter. */
  function crashIndexed(row: CrashRow): void {
    const key = row.bucket ?? '(none)';
    const b = buckets.value.find((x) => x.bucket === key);
    if (b) {
      b.count++;
      b.lastSeen = row.crashTime ?? b.lastSeen;
    } else {
      buckets.value.push({ bucket: key, count: 1, firstSeen: row.crashTime, lastSeen: row.crashTime, culprit: row.culprit, code: row.code, codeName: row.codeName });
    }
    // The new row's place depends on sort and filter: refetch what is shown.
    void reloadRows();
  }

  async function addSource(path: string): Promise<void> {
    await api().sources.add(path);
    await load();
  }

  async function removeSource(id: string): Promise<void> {
    await api().sources.remove(id);
    sources.value = await api().sources.list();
  }

  return {
    rowsVersion, total, rowAt, ensureRange, buckets, timeline, breakdown, sources, whatChanged, text, bucket, sort, loading, error,
    load, reloadRows, filterBucket, setText, sortBy, crashIndexed, addSource, removeSource,
  };
});
