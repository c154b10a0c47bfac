import type { BreakpadSymbols } from '../formats/breakpad/symFile';
import type { ModuleSymbols } from './moduleSymbols';
import type { SymbolInfo } from './types';

/** Lookups in a parsed Breakpad .sym: FUNC (with its line) first, else the nearest PUBLIC below. */
export class BreakpadModuleSymbols implements ModuleSymbols {
  readonly source = 'breakpad';
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
}
