import type { BlameClass } from './classify';

export interface BreakdownRow {
  class: BlameClass;
  count: number;
  /** Share of all crashes, 0–100, one decimal. */
  percent: number;
}

/** Display order: the OCA statistics' order, then the classes a local history adds. */
export const BLAME_ORDER: readonly BlameClass[] = [
  'third-party-driver', 'unknown', 'hardware', 'microsoft', 'memory-corruption', 'application', 'manual',
];

export const BLAME_LABELS: Record<BlameClass, string> = {
  'third-party-driver': 'Third-party drivers',
  unknown: 'Unknown',
  hardware: 'Hardware',
  microsoft: 'Microsoft code',
  'memory-corruption': 'Memory corruption (unattributed)',
  application: 'Applications (user mode)',
  manual: 'Deliberate (manual / live dumps)',
};

/** Counts per class, every class present (zero rows included) in BLAME_ORDER. */
export function blameBreakdown(classes: readonly BlameClass[]): BreakdownRow[] {
  const counts: Partial<Record<BlameClass, number>> = {};
  for (const c of classes) counts[c] = (counts[c] ?? 0) + 1;
  return breakdownOfCounts(counts);
}

/** The same from counts per class (what the history database returns). */
export function breakdownOfCounts(counts: Partial<Record<BlameClass, number>>): BreakdownRow[] {
  const total = BLAME_ORDER.reduce((n, c) => n + (counts[c] ?? 0), 0);
  return BLAME_ORDER.map((c) => {
    const count = counts[c] ?? 0;
    return { class: c, count, percent: total === 0 ? 0 : Math.round((count / total) * 1000) / 10 };
  });
}

/** The breakdown as a small text table for `dumpdesk history --breakdown`. */
export function formatBreakdown(rows: readonly BreakdownRow[]): string {
  const w = Math.max(...rows.map((r) => BLAME_LABELS[r.class].length));
  return rows
    .map((r) => `${BLAME_LABELS[r.class].padEnd(w)}  ${String(r.count).padStart(6)}  ${r.percent.toFixed(1).padStart(5)} %`)
    .join('\n');
}
