import type { ListedSymbol } from '../../symbols/types';
import { defineCommand } from '../command';
import { CommandError } from '../errors';
import { ptr } from '../format';
import { type DebugSession, type SessionModule, safe } from '../session';
import { matchesWildcard, wildcardToRegExp } from '../../wildcard';

/** A module's listing sorted by address, for `ln` (kept per listing, which the symbols cache). */
const byAddress = new WeakMap<readonly ListedSymbol[], ListedSymbol[]>();

function listing(s: DebugSession, m: SessionModule): readonly ListedSymbol[] | undefined {
  const list = safe(() => s.symbols?.listSymbols?.(m.module), undefined);
  return list ? (Array.isArray(list) ? (list as readonly ListedSymbol[]) : [...list]) : undefined;
}

function sortedByAddress(list: readonly ListedSymbol[]): ListedSymbol[] {
  let sorted = byAddress.get(list);
  if (!sorted) {
    sorted = [...list].sort((a, b) => a.rva - b.rva);
    byAddress.set(list, sorted);
  }
  return sorted;
}

/** "mod!name (params)": a symbol as `x` and `ln`'s "Exact matches:" print it. */
function withDetail(m: SessionModule, sym: ListedSymbol): string {
  return `${m.name}!${sym.name}${sym.detail ? ` ${sym.detail}` : ''}`;
}

export const ln = defineCommand({
  name: 'ln',
  family: 'Modules',
  syntax: 'ln Address',
  summary: 'list the nearest symbol (or module+offset) of an address',
  help: 'Prints "(start)   mod!sym+0x1c   |  (next)   mod!next"; an exact hit lists every symbol there under "Exact matches:".\nExample: ln @eip, ln poi(@esp)',
  run({ session: s, out, args, evaluate }) {
    const a = args.trim();
    const at = a ? evaluate(a) : s.registers()?.ip;
    if (at === undefined) throw new CommandError('Usage: ln Address');
    const m = s.moduleAt(at);
    if (!m) throw new CommandError(`No module contains ${ptr(at, s.is64)}`);
    const list = listing(s, m);
    const rva = Number(at - m.start);
    if (list?.length) {
      const sorted = sortedByAddress(list);
      // Last symbol at or below the address, then the first one after it (binary search).
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]!.rva <= rva) lo = mid + 1;
        else hi = mid;
      }
      const below = lo > 0 ? sorted[lo - 1]! : undefined;
      if (below) {
        const start = sorted.findIndex((x) => x.rva === below.rva);
        const here = sorted.slice(start, lo);
        const sym = here[0]!;
        const symAt = m.start + BigInt(sym.rva);
        const off = rva - sym.rva;
        out.text('(').link(ptr(symAt, s.is64), 'address', `0x${symAt.toString(16)}`).text(')   ');
        out.link(`${m.name}!${sym.name}${off ? `+0x${off.toString(16)}` : ''}`, 'symbol', `0x${at.toString(16)}`);
        const next = sorted[lo];
        if (next) {
          const nextAt = m.start + BigInt(next.rva);
          out.text('   |  (').link(ptr(nextAt, s.is64), 'address', `0x${nextAt.toString(16)}`).text(')   ');
          out.link(`${m.name}!${next.name}`, 'symbol', `0x${nextAt.toString(16)}`);
        }
        out.line();
        if (off === 0) {
          out.line('Exact matches:');
          for (const x of here) out.text('    ').link(withDetail(m, x), 'symbol', `0x${symAt.toString(16)}`).line();
        }
        return;
      }
    }
    // No listing (or nothing below the address): what address → name lookups give.
    const sym = s.symbolize(at);
    out.text(`(${ptr(at, s.is64)})   `).link(sym.text, 'symbol', `0x${at.toString(16)}`).line();
    if (!sym.text.includes('+')) out.line('Exact matches:');
  },
});

/** Sort options of `x`: /a by address, /n by name, /z by size (WinDbg's; without one, the file's order). */
const SORTS: Record<string, (a: ListedSymbol, b: ListedSymbol) => number> = {
  a: (a, b) => a.rva - b.rva,
  n: (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.rva - b.rva),
  z: (a, b) => (a.size ?? 0) - (b.size ?? 0) || a.rva - b.rva,
};

/** Sessions that have printed a module's "Defaulted to export symbols" line (WinDbg prints it once, on load). */
const exportNotes = new WeakMap<DebugSession, Set<string>>();

/** "ntkrnlmp.pdb": the module's PDB as its CodeView record names it, else its image name's. */
function pdbName(m: SessionModule): string {
  const cv = m.module.debugFile?.split(/[\\/]/).pop();
  return cv || m.imageName.replace(/\.[^.]*$/, '') + '.pdb';
}

/** Why a module lists nothing, in words specific to the dump. */
function noListReason(s: DebugSession, m: SessionModule): string {
  const imageInDump = s.read(m.start, 2) !== undefined;
  if (s.dump.format === 'kernel' && !imageInDump) {
    // Small (triage) kernel dumps leave out image pages: nt's export table is not there to stand in.
    return `${m.name}: no symbols loaded, and this dump does not hold ${m.imageName}'s image pages, so its export table is not available either` +
      ` (small memory dumps leave them out): set a symbol path that has ${pdbName(m)}`;
  }
  if (!s.symbols) return `${m.name}: no symbols loaded (no symbol path is set)`;
  return `${m.name}: no symbols loaded (none found along the symbol path${imageInDump ? '' : ', and its image is not in the dump to read exports from'})`;
}

export const x = defineCommand({
  name: 'x',
  family: 'Modules',
  // The sort options are in `help`: the one-line syntax stays as `.help` lists it.
  syntax: 'x Module!Pattern',
  summary: 'list the symbols of a module that match a pattern',
  help: 'Pattern uses * and ? (case-insensitive). Options: /a sorts by address, /n by name, /z by size; without one, symbols print in the symbol file\'s order.\n' +
    'Needs symbols: a .sym, a PDB, or a PE image (export symbols) along the symbol path, or an image whose exports are in the dump.\nExample: x test_app!*Crash*, x /a crash!*',
  run({ session: s, out, args }) {
    let rest = args.trim();
    let sort: string | undefined;
    for (let o: RegExpExecArray | null; (o = /^\/(\S+)\s*/.exec(rest)); rest = rest.slice(o[0].length)) {
      const opt = o[1]!.toLowerCase();
      if (!SORTS[opt]) throw new CommandError(`x: option /${o[1]} is not supported (/a, /n, /z are)\nUsage: x [/a|/n|/z] Module!Pattern`);
      sort = opt;
    }
    const bang = rest.indexOf('!');
    if (bang <= 0) throw new CommandError('Usage: x [/a|/n|/z] Module!Pattern');
    const pattern = wildcardToRegExp(rest.slice(bang + 1) || '*');
    const mods = s.modules().filter((m) => matchesWildcard(m.name, rest.slice(0, bang)));
    if (!mods.length) throw new CommandError(`Couldn't resolve error at '${rest}': no module matches '${rest.slice(0, bang)}'`);
    // A module pattern that names several modules skips those without symbols (WinDbg prints nothing for
    // them); when none has any, one line says so. A single module says why it has none.
    let listed = 0;
    for (const m of mods) {
      const list = listing(s, m);
      if (!list) {
        if (mods.length === 1) out.line(noListReason(s, m));
        continue;
      }
      listed++;
      if (s.symbols?.symbolSource?.(m.module) === 'pe-exports') {
        const noted = exportNotes.get(s) ?? new Set<string>();
        exportNotes.set(s, noted);
        if (!noted.has(m.name)) {
          out.line(`*** ERROR: Symbol file could not be found.  Defaulted to export symbols for ${m.imageName} - `);
          noted.add(m.name);
        }
      }
      const hits = list.filter((sym) => pattern.test(sym.name));
      if (sort) hits.sort(SORTS[sort]);
      for (const sym of hits) {
        const at = m.start + BigInt(sym.rva);
        out.link(ptr(at, s.is64), 'address', `0x${at.toString(16)}`).text(' ').link(withDetail(m, sym), 'symbol', `0x${at.toString(16)}`).line();
      }
    }
    if (mods.length > 1 && !listed) {
      out.line(`None of the ${mods.length} modules matching '${rest.slice(0, bang)}' has symbols loaded${s.symbols ? ' (none found along the symbol path)' : ' (no symbol path is set)'}`);
    }
  },
});
