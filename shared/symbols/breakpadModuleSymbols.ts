import type { BreakpadSymbols } from '../formats/breakpad/symFile';
import { NO_PARAMETER_INFO, type ModuleSymbols } from './moduleSymbols';
import { splitSignature } from './signature';
import type { ListedSymbol, SymbolInfo } from './types';

/** Lookups in a parsed Breakpad .sym: FUNC (with its line) first, else the nearest PUBLIC below. */
export class BreakpadModuleSymbols implements ModuleSymbols {
  readonly source = 'breakpad';
  private listCache?: ListedSymbol[];
  constructor(readonly symbols: BreakpadSymbols) {}

  lookup(rva: number): SymbolInfo | undefined {
    const f = this.symbols.func(rva);
    if (f) {
      const l = this.symbols.line(f, rva);
      return {
        function: f.name,
        functionOffset: rva - f.rva,
        file: l ? this.symbols.files.get(l.file) : undefined,
        line: l?.line,
      };
    }
    const p = this.symbols.publicAt(rva);
    // As Breakpad's resolver: a public names the address only if no function starts between them.
    if (!p) return undefined;
    const below = this.symbols.nearestFuncBelow(rva);
    if (below && below.rva >= p.rva) return undefined;
    return { function: p.name, functionOffset: rva - p.rva };
  }

  /**
   * FUNC records then PUBLIC records, in the file's (address) order. A FUNC's
   * argument list, when dump_syms wrote one, becomes the `(params)` WinDbg
   * prints; a PUBLIC has no type information. Every record is code.
   */
  list(): readonly ListedSymbol[] {
    return (this.listCache ??= [
      ...this.symbols.funcs.map((f): ListedSymbol => {
        const s = splitSignature(f.name);
        return { name: s.name, rva: f.rva, size: f.size, detail: s.params, ...(s.name !== f.name ? { decorated: f.name } : {}) };
      }),
      ...this.symbols.publics.map((p): ListedSymbol => ({ name: p.name, rva: p.rva, detail: NO_PARAMETER_INFO })),
    ]);
  }
}
