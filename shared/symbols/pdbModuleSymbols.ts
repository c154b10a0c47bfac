import { isDumpDeskError } from '../errors';
import type { PdbFile } from '../formats/pdb/pdbFile';
import type { PdbFunction } from '../formats/pdb/moduleStream';
import type { PdbTypeInfo } from '../formats/pdb/typeInfo';
import { NO_PARAMETER_INFO, NO_TYPE_INFORMATION, type ModuleSymbols } from './moduleSymbols';
import { msvcDataName } from './msvcDataName';
import { splitSignature } from './signature';
import type { ListedSymbol, SymbolInfo } from './types';

// CV_PUBSYMFLAGS: a public that is code (cvpsfCode) or a function (cvpsfFunction); others are data.
const PUB_CODE_OR_FUNCTION = 1 | 2;
import { demangleMsvc, withoutArguments } from './msvcDemangle';
import { undecorateCName } from './undecorate';

/**
 * Lookups in a PDB: the procedure covering the address (with its source line),
 * else the nearest public symbol below. Only the module stream that holds the
 * address is decoded.
 */
export class PdbModuleSymbols implements ModuleSymbols {
  readonly source = 'pdb';
  private listCache?: ListedSymbol[];
  constructor(readonly pdb: PdbFile) {}

  /** A corrupt type stream gives no layouts; names and lines still work. */
  types(): PdbTypeInfo | undefined {
    return this.pdb.typesIfReadable;
  }

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

  /**
   * The module streams' procedures (module by module, in record order), then
   * the publics no procedure starts at (in address order), as `x` lists a
   * PDB: private symbols first. Procedure names are the PDB's ("main",
   * "__security_init_cookie", "ns::C::f"). Their argument lists come from the
   * decorated C++ public at the same address, as DIA names them; C and static
   * functions take theirs from the type stream (TPI), when it can say. Publics
   * print "(<no parameter info>)" (code) or "= <no type information>" (data),
   * as WinDbg does. Decodes every module stream once.
   */
  list(): readonly ListedSymbol[] {
    if (this.listCache) return this.listCache;
    const publicsAt = new Map<number, string[]>();
    let publics: ReturnType<PdbFile['publics']['all']> = [];
    try {
      publics = this.pdb.publics.all();
    } catch (e) {
      if (!isDumpDeskError(e)) throw e;
    }
    for (const p of publics) {
      const at = publicsAt.get(p.rva);
      if (at) at.push(p.name);
      else publicsAt.set(p.rva, [p.name]);
    }
    const out: ListedSymbol[] = [];
    const procStarts = new Set<number>();
    const types = this.types();
    for (let i = 0; i < this.pdb.dbi.modules.length; i++) {
      let functions: readonly PdbFunction[] = [];
      try {
        functions = this.pdb.moduleSymbols(i).functions;
      } catch (e) {
        // A corrupt module stream hides its procedures; the publics still list them.
        if (!isDumpDeskError(e)) throw e;
      }
      for (const f of functions) {
        procStarts.add(f.rva);
        const decorated = publicsAt.get(f.rva)?.find((d) => publicName(d) === f.name);
        const full = decorated?.startsWith('?') ? demangleMsvc(decorated) : undefined;
        const params = (full && withoutArguments(full) === f.name ? splitSignature(full).params : undefined) ?? typedParams(types, f);
        out.push({ name: f.name, rva: f.rva, size: f.size, detail: params, ...(decorated && decorated !== f.name ? { decorated } : {}) });
      }
    }
    for (const p of publics) {
      if (procStarts.has(p.rva)) continue;
      const code = (p.flags & PUB_CODE_OR_FUNCTION) !== 0;
      // The demangler reads functions; a C++ variable's name is read here (WinDbg shows it without its type).
      const name = (!code && p.name.startsWith('?') ? msvcDataName(p.name) : undefined) ?? publicName(p.name);
      out.push({ name, rva: p.rva, detail: code ? NO_PARAMETER_INFO : NO_TYPE_INFORMATION, ...(code ? {} : { data: true }), ...(name !== p.name ? { decorated: p.name } : {}) });
    }
    return (this.listCache = out);
  }
}

/**
 * A procedure's argument list from its type, for C functions and static
 * functions, which have no decorated public: "(int, char **)", "(_CONTEXT *)",
 * "(void)"; undefined without a type stream or a type. Spelt like the C++
 * lists the undecorator gives (no class-keys), so one listing reads one way.
 */
function typedParams(types: PdbTypeInfo | undefined, f: PdbFunction): string | undefined {
  if (!types || f.typeIsItemId) return undefined;
  let list: string | undefined;
  try {
    list = types.argumentList(f.typeIndex);
  } catch (e) {
    if (!isDumpDeskError(e)) throw e;
    return undefined;
  }
  if (!list) return undefined;
  // dump_syms' spelling to WinDbg's: "char * *" → "char **", "unsigned __int64" → "unsigned int64".
  const windbg = list.replace(/\*(?: \*)+/g, (m) => m.replace(/ /g, '')).replace(/__int64/g, 'int64');
  return splitSignature(`f${windbg}`).params;
}

/** A public's name as WinDbg shows it in a frame: C names undecorated, C++ names demangled without arguments. */
export function publicName(decorated: string): string {
  if (decorated.startsWith('?')) {
    const full = demangleMsvc(decorated);
    return full ? withoutArguments(full) : decorated;
  }
  return undecorateCName(decorated).name;
}
