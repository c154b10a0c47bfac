import { describe, expect, it } from 'vitest';
import { stackTimeline } from '../../../../renderer/components/timelineSeries';

describe('stackTimeline', () => {
  it('fills missing days and stacks the largest keys, summing the rest as other', () => {
    const t = stackTimeline([
      { period: '2026-01-01', key: 'a', count: 2 },
      { period: '2026-01-03', key: 'b', count: 1 },
      { period: '2026-01-03', key: 'c', count: 1 },
      { period: '2026-01-03', key: 'a', count: 1 },
    ], 2);
    expect(t.days).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(t.series).toEqual([
      { name: 'a', counts: [2, 0, 1] },
      { name: 'b', counts: [0, 0, 1] },
      { name: 'other', counts: [0, 0, 1] },
    ]);
  });
  it('returns nothing for no points', () => {
    expect(stackTimeline([], 8)).toEqual({ days: [], series: [] });
  });
});

describe('stackTimeline over long histories', () => {
  it('switches to months when the history spans more than maxDays', () => {
    const t = stackTimeline([
      { period: '2025-11-30', key: 'a', count: 1 },
      { period: '2026-02-02', key: 'a', count: 2 },
      { period: '2026-02-20', key: 'b', count: 1 },
    ], 8, 30);
    expect(t.days).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(t.series).toEqual([{ name: 'a', counts: [1, 0, 0, 2] }, { name: 'b', counts: [0, 0, 0, 1] }]);
  });
});
