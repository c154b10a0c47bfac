import type { TimelinePoint } from '../../shared/api';

export interface StackedTimeline {
  /** Every day (YYYY-MM-DD) — or month (YYYY-MM) when the history spans more than `maxDays` — from first to last, gaps filled. */
  days: string[];
  /** One series per key (the largest `maxSeries`, the rest summed as "other"). */
  series: { name: string; counts: number[] }[];
}

/**
 * Turns (period, key, count) points (daily periods) into stacked-bar series
 * with no missing periods. Histories longer than `maxDays` are shown per
 * month: ten years of daily bars would be thousands of invisible slivers.
 */
export function stackTimeline(input: readonly TimelinePoint[], maxSeries: number, maxDays = 120): StackedTimeline {
  if (input.length === 0) return { days: [], series: [] };
  const sorted0 = [...input].sort((a, b) => a.period.localeCompare(b.period));
  const spanDays = (Date.parse(sorted0[sorted0.length - 1]!.period) - Date.parse(sorted0[0]!.period)) / 86_400_000;
  const monthly = spanDays > maxDays;
  const points = monthly ? input.map((p) => ({ ...p, period: p.period.slice(0, 7) })) : input;
  const sorted = monthly ? sorted0.map((p) => ({ ...p, period: p.period.slice(0, 7) })) : sorted0;
  const days: string[] = [];
  if (monthly) {
    const [y0, m0] = sorted[0]!.period.split('-').map(Number) as [number, number];
    const last = sorted[sorted.length - 1]!.period;
    for (let y = y0, m = m0; days.length < 1200; m === 12 ? ((m = 1), y++) : m++) {
      const p = `${y}-${String(m).padStart(2, '0')}`;
      days.push(p);
      if (p === last) break;
    }
  } else {
    const end = Date.parse(sorted[sorted.length - 1]!.period + 'T00:00:00Z');
    for (let t = Date.parse(sorted[0]!.period + 'T00:00:00Z'); t <= end && days.length < 3660; t += 86_400_000) {
      days.push(new Date(t).toISOString().slice(0, 10));
    }
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
