/**
 * Address → module lookup for the walker: modules sorted by base, binary
 * search. Built once per analysis; overlapping or empty ranges from a
 * corrupt dump only make lookups miss, never loop.
 */
import type { DumpModule } from '../../dump/types';

export class ModuleMap {
  private readonly sorted: readonly DumpModule[];

  constructor(modules: readonly DumpModule[]) {
    this.sorted = modules.filter((m) => m.size > 0).slice().sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  }

  get size(): number {
    return this.sorted.length;
  }

  /** The module whose [base, base+size) holds `address`. */
  find(address: bigint): DumpModule | undefined {
    let lo = 0;
    let hi = this.sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = this.sorted[mid]!;
      if (address < m.base) hi = mid - 1;
      else if (address >= m.base + BigInt(m.size)) lo = mid + 1;
      else return m;
    }
    return undefined;
  }
}
