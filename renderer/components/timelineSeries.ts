import type { TimelinePoint } from '../../shared/api';

export interface StackedTimeline {
  /** Every day from the first to the last crash, YYYY-MM-DD, gaps filled. */
  days: string[];
  /** One series per key (the largest `maxSeries`, the rest summed as "other"). */
  series: { name: string; counts: number[] }[];
}

/** Turns (period, key, count) points (daily periods) into stacked-bar series with no missing days. */
export function stackTimeline(points: readonly TimelinePoint[], maxSeries: number): StackedTimeline {
  if (points.length === 0) return { days: [], series: [] };
  const sorted = [...points].sort((a, b) => a.period.localeCompare(b.period));
  const days: string[] = [];
  const end = Date.parse(sorted[sorted.length - 1]!.period + 'T00:00:00Z');
  for (let t = Date.parse(sorted[0]!.period + 'T00:00:00Z'); t <= end && days.length < 3660; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  const totals = new Map<string, number>();
  for (const p of points) totals.set(p.key, (totals.get(p.key) ?? 0) + p.count);
  const top = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, maxSeries).map(([k]) => k);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const byKey = new Map<string, number[]>(top.map((k) => [k, new Array<number>(days.length).fill(0)]));
  const other = new Array<number>(days.length).fill(0);
  let hasOther = false;
  for (const p of points) {
    const i = dayIndex.get(p.period);
    if (i === undefined) continue;
    const row = byKey.get(p.key);
    if (row) row[i]! += p.count;
    else {
      other[i]! += p.count;
      hasOther = true;
    }
  }
  const series = top.map((k) => ({ name: k, counts: byKey.get(k)! }));
  if (hasOther) series.push({ name: 'other', counts: other });
  return { days, series };
}
