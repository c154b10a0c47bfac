// A small seeded generator for property-style tests: the same seed gives the
// same models on every run, so a failure names a reproducible case.
import { expect } from 'vitest';
import type { RegChange, RegEntry } from '../../../../shared/registry/types';
import { applyChanges } from '../../../../shared/settings/registryValues';

export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  /** xorshift32: a uniform 32-bit integer. */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  int(min: number, max: number): number {
    return min + (this.next() % (max - min + 1));
  }
  bool(): boolean {
    return (this.next() & 1) === 1;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
  /** undefined half of the time: a value left absent. */
  maybe<T>(make: () => T): T | undefined {
    return this.bool() ? make() : undefined;
  }
  /** A file or folder name of letters, digits, spaces and dots. */
  name(): string {
    const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-';
    let s = this.pick(['a', 'B', 'x', 'Dumps', 'crash']);
    for (let i = this.int(0, 8); i > 0; i--) s += chars[this.int(0, chars.length - 1)];
    return s.trim() || 'a';
  }
  /** An absolute path: drive, UNC or (when allowed) %VAR%-based. */
  absolutePath(allowEnv: boolean, ext = ''): string {
    const roots = ['C:', 'D:', '\\\\server\\share', ...(allowEnv ? ['%SystemRoot%', '%LOCALAPPDATA%'] : [])];
    let p = this.pick(roots);
    for (let i = this.int(1, 3); i > 0; i--) p += '\\' + this.name();
    return p + ext;
  }
}

/** Runs `check` on `count` seeded cases; the seed is part of each case's name in failures. */
export function forAll(count: number, check: (r: Random, seed: number) => void): void {
  for (let seed = 1; seed <= count; seed++) check(new Random(seed * 2654435761), seed);
}

/** What JSON keeps of a model (undefined fields dropped), for comparing what is really set. */
export const strip = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** One settings area as the round-trip property sees it. */
export interface SettingsArea<M> {
  generate(r: Random): M;
  validate(model: M): readonly unknown[];
  toRegistry(model: M): readonly RegChange[];
  fromRegistry(entries: readonly RegEntry[]): M;
}

/** `count` generated models: each is valid and reads back from the registry changes it writes as itself. */
export function expectRoundTrips<M>(count: number, area: SettingsArea<M>, comparable: (model: M) => unknown = strip): void {
  forAll(count, (r, seed) => {
    const model = area.generate(r);
    expect(area.validate(model), `seed ${seed}`).toEqual([]);
    expect(comparable(area.fromRegistry(applyChanges([], area.toRegistry(model)))), `seed ${seed}`).toEqual(comparable(model));
  });
}
