/**
 * Completion of `mod!prefix` in the console: the names a module's symbol
 * source lists (the same listing `x mod!*` prints), matched by prefix
 * without case as WinDbg matches names, sorted by name, at most `limit`.
 *
 * The sorted, de-duplicated name index is built once per listing (the
 * debugger symbols cache listings per module), so each keystroke's ask is a
 * binary search plus a slice.
 */
import type { ListedSymbol } from '../../shared/symbols/types';
import { safe, type DebugSession } from '../../shared/debugger/session';

interface NameIndex {
  /** Distinct names, sorted without case (ties in code-unit order). */
  names: string[];
  /** `names` lower-cased, same order, for the prefix search. */
  lower: string[];
}

const indexes = new WeakMap<object, NameIndex>();

function byName(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function indexOf(list: Iterable<ListedSymbol>): NameIndex {
  let index = indexes.get(list);
  if (!index) {
    const names = [...new Set(Array.from(list, (s) => s.name))].sort(byName);
    index = { names, lower: names.map((n) => n.toLowerCase()) };
    indexes.set(list, index);
  }
  return index;
}

/** The names in `list` starting with `prefix` (case-insensitive), sorted by name, at most `limit`. */
export function namesWithPrefix(list: Iterable<ListedSymbol>, prefix: string, limit: number): string[] {
  const { names, lower } = indexOf(list);
  const p = prefix.toLowerCase();
  // First name not below the prefix.
  let lo = 0;
  let hi = lower.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lower[mid]! < p) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < lower.length && out.length < limit && lower[i]!.startsWith(p); i++) out.push(names[i]!);
  return out;
}

/**
 * Completion for `module!prefix` in a session: the module by WinDbg name or file
 * name (as `mod!name` expressions find it); [] when it is unknown, when there are
 * no debugger symbols, or when its source cannot list names.
 */
export function completeSymbols(session: DebugSession, module: string, prefix: string, limit: number): string[] {
  const m = session.findModule(module);
  if (!m || !session.symbols?.listSymbols) return [];
  const list = safe(() => session.symbols!.listSymbols!(m.module), undefined);
  return list ? namesWithPrefix(list, prefix, limit) : [];
}
