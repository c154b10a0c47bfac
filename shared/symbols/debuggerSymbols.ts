import type { DebuggerSymbols } from '../debugger/session';
import type { Dump, DumpModule } from '../dump/types';
import { isDumpDeskError } from '../errors';
import { MappedImageSource } from '../formats/pe/mappedImageSource';
import { PeImage } from '../formats/pe/peImage';
import type { ModuleSymbols } from './moduleSymbols';
import { PeExportSymbols } from './peExportSymbols';
import { SymbolFileSet } from './symbolFileSet';
import { moduleKey } from './symstoreLayout';
import type { ListedSymbol, SymbolResolver } from './types';

export interface DebuggerSymbolSources {
  /** Address → name for the debugger: the supplier's resolver (the chain stacks use too). */
  resolver: SymbolResolver;
  /** A module's symbol sources in chain order (SymbolFileSet.sources). */
  sources(module: DumpModule): readonly ModuleSymbols[];
  /**
   * The module's image as mapped in the dump, when its headers are there: its
   * export table stands in ("export symbols") when no symbol file was found.
   */
  mappedImage?(module: DumpModule): PeImage | undefined;
  /** The symbol path, for `.sympath`. */
  describe?(): string;
}

/** What one module can name, built on first use. */
interface ModuleNames {
  /** Which source lists it: "breakpad", "pdb", "pe-exports". */
  source: string;
  list: readonly ListedSymbol[];
  /** Lower-cased name (and decorated name) → symbols, for `mod!name` (WinDbg matches without case). */
  byName: Map<string, ListedSymbol[]>;
}

/**
 * The debugger's symbols, for the CLI (`dumpdesk run --symbols`) and the app
 * alike: address → name from the resolver; name → address and `x` listings
 * from the first source of each module that can list its symbols (.sym
 * FUNC/PUBLIC, PDB procedures and publics, PE exports), else the exports of
 * the image mapped in the dump. Lists and name maps are built once per module
 * on first use; `findSymbol` is a map lookup.
 */
export function buildDebuggerSymbols(src: DebuggerSymbolSources): DebuggerSymbols {
  const cache = new Map<string, ModuleNames | null>();
  const namesOf = (m: DumpModule): ModuleNames | undefined => {
    const key = moduleKey(m);
    let n = cache.get(key);
    if (n === undefined) {
      n = build(m) ?? null;
      cache.set(key, n);
    }
    return n ?? undefined;
  };
  const build = (m: DumpModule): ModuleNames | undefined => {
    const candidates: (() => ModuleSymbols | undefined)[] = [
      ...src.sources(m).map((s) => () => s),
      () => {
        const pe = src.mappedImage?.(m);
        return pe ? new PeExportSymbols(pe) : undefined;
      },
    ];
    for (const get of candidates) {
      try {
        const s = get();
        const list = s?.list?.();
        if (!s || !list) continue;
        const byName = new Map<string, ListedSymbol[]>();
        const add = (k: string, sym: ListedSymbol) => {
          const at = byName.get(k);
          if (at) at.push(sym);
          else byName.set(k, [sym]);
        };
        for (const sym of list) {
          add(sym.name.toLowerCase(), sym);
          if (sym.decorated && sym.decorated.toLowerCase() !== sym.name.toLowerCase()) add(sym.decorated.toLowerCase(), sym);
        }
        return { source: s.source, list, byName };
      } catch (e) {
        // A corrupt file lists nothing; the next source may.
        if (!isDumpDeskError(e)) throw e;
      }
    }
    return undefined;
  };
  return {
    lookup: (m, rva) => src.resolver.lookup(m, rva),
    findSymbol: (m, name) => {
      const hits = namesOf(m)?.byName.get(name.toLowerCase());
      if (!hits) return undefined;
      // Several symbols under one name (case variants, overloads): the exact spelling first, then file order.
      return (hits.find((h) => h.name === name || h.decorated === name) ?? hits[0]!).rva;
    },
    listSymbols: (m) => namesOf(m)?.list,
    symbolSource: (m) => namesOf(m)?.source,
    describe: () => src.describe?.() ?? '',
    types: (m) => {
      for (const s of src.sources(m)) {
        const t = s.types?.();
        if (t) return t;
      }
      return undefined;
    },
  };
}

/**
 * The debugger's symbols over a dump and a resolver, as the CLI and the app
 * both build them: a `SymbolFileSet` (what a supplier's `prepare()` found)
 * lends its per-module sources; the dump lends the mapped images' exports.
 */
export function debuggerSymbolsFor(dump: Dump, resolver: SymbolResolver, describe: () => string): DebuggerSymbols {
  return buildDebuggerSymbols({
    resolver,
    sources: (m) => (resolver instanceof SymbolFileSet ? resolver.sources(m) : []),
    mappedImage: (m) => {
      try {
        return PeImage.open(new MappedImageSource(dump.memory, m.base, m.size), 'mapped');
      } catch (e) {
        // Headers not in the dump (small dumps): no export symbols from memory.
        if (!isDumpDeskError(e)) throw e;
        return undefined;
      }
    },
    describe,
  });
}
