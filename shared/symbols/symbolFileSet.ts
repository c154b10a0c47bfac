import type { DumpModule } from '../dump/types';
import { isDumpDeskError } from '../errors';
import type { BreakpadSymbols } from '../formats/breakpad/symFile';
import type { PdbFile } from '../formats/pdb/pdbFile';
import type { PeImage } from '../formats/pe/peImage';
import { BreakpadModuleSymbols } from './breakpadModuleSymbols';
import type { ModuleSymbols } from './moduleSymbols';
import { PdbModuleSymbols } from './pdbModuleSymbols';
import { PeExportSymbols } from './peExportSymbols';
import { moduleKey } from './symstoreLayout';
import type { SymbolInfo, SymbolResolver } from './types';

/** The symbol files found for one module. */
export interface ModuleSymbolFiles {
  sym?: BreakpadSymbols;
  pdb?: PdbFile;
  /** The module's PE image from the symbol path (not the copy mapped in the dump). */
  pe?: PeImage;
}

/**
 * Symbol files per module, filled by a supplier's `prepare()`, and the
 * resolver chain over them: Breakpad .sym, then PDB, then PE exports, the
 * first source that names an address wins. Sources are built once per module.
 */
export class SymbolFileSet implements SymbolResolver {
  private readonly files = new Map<string, ModuleSymbolFiles>();
  private readonly chains = new Map<string, ModuleSymbols[]>();

  set(module: DumpModule, files: ModuleSymbolFiles): void {
    const key = moduleKey(module);
    this.files.set(key, files);
    this.chains.delete(key);
  }

  get(module: DumpModule): ModuleSymbolFiles | undefined {
    return this.files.get(moduleKey(module));
  }

  /** The sources for `module`, in the order they are asked. */
  sources(module: DumpModule): readonly ModuleSymbols[] {
    const key = moduleKey(module);
    let chain = this.chains.get(key);
    if (!chain) {
      const f = this.files.get(key);
      chain = [];
      if (f?.sym) chain.push(new BreakpadModuleSymbols(f.sym));
      if (f?.pdb) chain.push(new PdbModuleSymbols(f.pdb));
      if (f?.pe) chain.push(new PeExportSymbols(f.pe));
      this.chains.set(key, chain);
    }
    return chain;
  }

  lookup(module: DumpModule, rva: number): SymbolInfo | undefined {
    for (const s of this.sources(module)) {
      try {
        const hit = s.lookup(rva);
        if (hit) return hit;
      } catch (e) {
        // A corrupt symbol file names nothing; the next source may still answer.
        if (!isDumpDeskError(e)) throw e;
      }
    }
    return undefined;
  }
}
