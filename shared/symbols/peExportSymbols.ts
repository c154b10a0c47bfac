import { lastAtOrBelow } from '../formats/common/rvaSearch';
import { readExports, type PeExport } from '../formats/pe/exports';
import type { PeImage } from '../formats/pe/peImage';
import type { ModuleSymbols } from './moduleSymbols';
import { publicName } from './pdbModuleSymbols';
import type { SymbolInfo } from './types';

/** Last resort: the nearest export below the address (what WinDbg shows without symbols). */
export class PeExportSymbols implements ModuleSymbols {
  readonly source = 'pe-exports';
  private exportsCache?: PeExport[];
  constructor(private readonly pe: PeImage) {}

  private get exports(): PeExport[] {
    return (this.exportsCache ??= readExports(this.pe).filter((e) => !e.forwarder && e.name));
  }

  lookup(rva: number): SymbolInfo | undefined {
    const e = lastAtOrBelow(this.exports, rva);
    if (!e) return undefined;
    // Exports only name code in the section that holds them.
    const s = this.pe.sectionAt(e.rva);
    if (!s || rva >= s.virtualAddress + Math.max(s.virtualSize, s.rawSize)) return undefined;
    // C++ exports are shown demangled (without arguments), as WinDbg does; C export names are already plain.
    return { function: e.name!.startsWith('?') ? publicName(e.name!) : e.name!, functionOffset: rva - e.rva };
  }
}
