import { lastAtOrBelow } from '../formats/common/rvaSearch';
import { readExports, type PeExport } from '../formats/pe/exports';
import type { PeImage } from '../formats/pe/peImage';
import { NO_PARAMETER_INFO, NO_TYPE_INFORMATION, type ModuleSymbols } from './moduleSymbols';
import { publicName } from './pdbModuleSymbols';
import type { ListedSymbol, SymbolInfo } from './types';

// IMAGE_SCN_MEM_EXECUTE: an export in such a section is code, elsewhere a variable.
const SCN_MEM_EXECUTE = 0x20000000;

/** Last resort: the nearest export below the address (what WinDbg shows without symbols). */
export class PeExportSymbols implements ModuleSymbols {
  readonly source = 'pe-exports';
  private exportsCache?: PeExport[];
  private listCache?: ListedSymbol[];
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

  /**
   * WinDbg's "export symbols": the named exports in ordinal order. Forwarders
   * ("KERNELBASE.Sleep") are not addresses in this module and are left out;
   * so are exports by ordinal only. Exports carry no types: code prints
   * "(<no parameter info>)", variables "= <no type information>".
   */
  list(): readonly ListedSymbol[] {
    return (this.listCache ??= [...this.exports].sort((a, b) => a.ordinal - b.ordinal).map((e): ListedSymbol => {
      const name = e.name!.startsWith('?') ? publicName(e.name!) : e.name!;
      const code = ((this.pe.sectionAt(e.rva)?.characteristics ?? 0) & SCN_MEM_EXECUTE) !== 0;
      return { name, rva: e.rva, detail: code ? NO_PARAMETER_INFO : NO_TYPE_INFORMATION, ...(code ? {} : { data: true }), ...(name !== e.name ? { decorated: e.name } : {}) };
    }));
  }
}
