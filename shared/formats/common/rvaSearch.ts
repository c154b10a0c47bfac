/**
 * Binary searches over lists sorted by `rva` (symbol files, PDB records,
 * export tables): one implementation for every format that keeps such lists.
 */

/** First index whose rva >= x. */
export function lowerBound(list: readonly { rva: number }[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.rva < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose rva > x. */
export function upperBound(list: readonly { rva: number }[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.rva <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last entry with rva <= x. */
export function lastAtOrBelow<T extends { rva: number }>(list: readonly T[], x: number): T | undefined {
  const i = upperBound(list, x) - 1;
  return i >= 0 ? list[i] : undefined;
}
