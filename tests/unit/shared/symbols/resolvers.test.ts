import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '../../../../shared/bytes/byteSource';
import type { DumpModule } from '../../../../shared/dump/types';
import { parseSym } from '../../../../shared/formats/breakpad/symFile';
import { PdbFile } from '../../../../shared/formats/pdb/pdbFile';
import { PeImage, readExports } from '../../../../shared/formats/pe/index';
import { BreakpadModuleSymbols } from '../../../../shared/symbols/breakpadModuleSymbols';
import { PdbModuleSymbols } from '../../../../shared/symbols/pdbModuleSymbols';
import { PeExportSymbols } from '../../../../shared/symbols/peExportSymbols';
import { SymbolFileSet } from '../../../../shared/symbols/symbolFileSet';
import { corpusPath, readCorpus } from '../../../helpers/corpus';

const crashSym = () => parseSym(readFileSync(corpusPath('pe-pdb', 'crash.sym'), 'utf8'));
const crashPdb = () => new PdbFile(new MemoryByteSource(readCorpus('pe-pdb', 'crash.pdb')));
const module: DumpModule = { name: 'crash.exe', path: 'crash.exe', base: 0x400000n, size: 0x9000, timestamp: 0x5ab38077 };

describe('PDB and Breakpad resolvers agree on crash.exe', () => {
  it('every line record\'s address gives the same function start, file and line from the PDB as from dump_syms\' .sym', () => {
    const sym = crashSym();
    const bp = new BreakpadModuleSymbols(sym);
    const pdb = new PdbModuleSymbols(crashPdb());
    let n = 0;
    for (const f of sym.funcs) {
      for (const l of f.lines) {
        if (l.size === 0) continue;
        const a = bp.lookup(l.rva)!;
        const b = pdb.lookup(l.rva)!;
        expect(b.functionOffset, `${f.name} @${l.rva.toString(16)}`).toBe(a.functionOffset);
        // dump_syms adds argument lists and drops a leading '_'; folded functions (FUNC m) may carry another name.
        if (!f.multiple) expect(a.function.replace(/^_+/, '').startsWith(b.function.replace(/^_+/, ''))).toBe(true);
        expect(b.line).toBe(a.line);
        expect(b.file!.toLowerCase()).toBe(a.file!.toLowerCase());
        n++;
      }
    }
    expect(n).toBeGreaterThan(500);
  });

  it('an import thunk without a FUNC resolves to its PUBLIC in both, undecorated the same way', () => {
    const sym = crashSym();
    const p = sym.publics.find((x) => x.name === 'memset')!;
    expect(new BreakpadModuleSymbols(sym).lookup(p.rva + 2)).toEqual({ function: 'memset', functionOffset: 2 });
    expect(new PdbModuleSymbols(crashPdb()).lookup(p.rva + 2)).toEqual({ function: 'memset', functionOffset: 2 });
  });
});

describe('PE export symbols', () => {
  it('basic32.dll: an address inside an export is named by the nearest export below, C++ names demangled', () => {
    const pe = PeImage.open(new MemoryByteSource(readCorpus('pe-pdb/rizin', 'basic32.dll')));
    const s = new PeExportSymbols(pe);
    const names = readExports(pe).map((e) => s.lookup(e.rva + 1)!);
    expect(names.every((n) => n.functionOffset === 1)).toBe(true);
    // The exports are the methods of class A (see `dumpdesk symbols basic32.dll`): "?meth1@A@@QAEXH@Z" → "A::meth1".
    expect(new Set(names.map((n) => n.function))).toEqual(new Set(['A::meth1', 'A::meth2', 'A::A', 'A::meth4', 'A::~A']));
    expect(s.lookup(0x10)).toBeUndefined();
  });
});

describe('SymbolFileSet chain', () => {
  it('asks .sym, then PDB, then exports; a corrupt source is skipped, not fatal', () => {
    const set = new SymbolFileSet();
    const broken = new PdbFile(new MemoryByteSource(readCorpus('pe-pdb', 'crash.pdb')));
    // Make the PDB's lookups fail with a format error: a module stream index past the directory.
    broken.dbi.modules.forEach((m) => { m.symStream = 0xfffe; });
    set.set(module, { pdb: broken, sym: crashSym() });
    const main = crashSym().funcs.find((f) => f.name === 'main')!;
    expect(set.lookup(module, main.rva + 1)?.function).toBe('main');
    set.set(module, { pdb: broken });
    expect(set.lookup(module, main.rva + 1)).toEqual({ function: 'main', functionOffset: 1 });
    expect(set.sources(module).map((s) => s.source)).toEqual(['pdb']);
    expect(broken.decodedModuleCount).toBe(0);
    expect(set.lookup({ ...module, base: 1n }, main.rva)).toBeUndefined();
  });
});
