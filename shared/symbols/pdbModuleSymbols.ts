import { isDumpDeskError } from '../errors';
import type { PdbFile } from '../formats/pdb/pdbFile';
import type { ModuleSymbols } from './moduleSymbols';
import type { SymbolInfo } from './types';
import { demangleMsvc, withoutArguments } from './msvcDemangle';
import { undecorateCName } from './undecorate';

/**
 * Lookups in a PDB: the procedure covering the address (with its source line),
 * else the nearest public symbol below. Only the module stream that holds the
 * address is decoded.
 */
export class PdbModuleSymbols implements ModuleSymbols {
  readonly source = 'pdb';
  constructor(readonly pdb: PdbFile) {}

  lookup(rva: number): SymbolInfo | undefined {
    let found: ReturnType<PdbFile['lookup']> = {};
    try {
      found = this.pdb.lookup(rva);
    } catch (e) {
      // A corrupt module stream hides its functions; the publics may still name the address.
      if (!isDumpDeskError(e)) throw e;
    }
    const { func, line } = found;
    if (func && rva < func.rva + Math.max(func.size, 1)) {
      return { function: func.name, functionOffset: rva - func.rva, file: line?.file, line: line?.line };
    }
    const p = this.pdb.publics.lookup(rva);
    if (!p) return undefined;
    return { function: publicName(p.name), functionOffset: rva - p.rva };
  }
}

/** A public's name as WinDbg shows it in a frame: C names undecorated, C++ names demangled without arguments. */
export function publicName(decorated: string): string {
  if (decorated.startsWith('?')) {
    const full = demangleMsvc(decorated);
    return full ? withoutArguments(full) : decorated;
  }
  return undecorateCName(decorated).name;
}
