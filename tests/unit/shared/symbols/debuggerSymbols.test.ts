// Name → address symbols for the debugger: the listing each per-module source gives
// (shared/symbols/*ModuleSymbols.ts) and the one builder over them (debuggerSymbols.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FileByteSource } from '../../../../electron/services/fileByteSource';
import { MemoryByteSource } from '../../../../shared/bytes/byteSource';
import type { DumpModule } from '../../../../shared/dump/types';
import { DumpFormatError } from '../../../../shared/errors';
import { parseSym } from '../../../../shared/formats/breakpad/symFile';
import { PdbFile } from '../../../../shared/formats/pdb/pdbFile';
import { PeImage } from '../../../../shared/formats/pe/peImage';
import { BreakpadModuleSymbols } from '../../../../shared/symbols/breakpadModuleSymbols';
import { buildDebuggerSymbols } from '../../../../shared/symbols/debuggerSymbols';
import type { ModuleSymbols } from '../../../../shared/symbols/moduleSymbols';
import { PdbModuleSymbols } from '../../../../shared/symbols/pdbModuleSymbols';
import { PeExportSymbols } from '../../../../shared/symbols/peExportSymbols';
import { msvcDataName } from '../../../../shared/symbols/msvcDataName';
import { splitSignature } from '../../../../shared/symbols/signature';
import type { ListedSymbol } from '../../../../shared/symbols/types';
import { corpusPath } from '../../../helpers/corpus';

const mod = (name: string, base = 0x400000n): DumpModule => ({ name, base, size: 0x10000 }) as DumpModule;

describe('splitSignature', () => {
  it.each([
    ['main', { name: 'main' }],
    ['f()', { name: 'f', params: '(void)' }],
    ['ns::C::f(int,char const *)', { name: 'ns::C::f', params: '(int, char const *)' }],
    ['std::logic_error::what() const', { name: 'std::logic_error::what', params: '(void)' }],
    ['g(std::map<int,int> const &,void (*)(int,int))', { name: 'g', params: '(std::map<int,int> const &, void (*)(int,int))' }],
    ["`anonymous namespace'::CrashFunction", { name: "`anonymous namespace'::CrashFunction" }],
  ])('%s', (full, expected) => {
    expect(splitSignature(full)).toEqual(expected);
  });
});

describe('per-module listings', () => {
  it('Breakpad: FUNC records (argument lists split off) then PUBLIC records', () => {
    const sym = new BreakpadModuleSymbols(parseSym('MODULE windows x86 0123 a.pdb\nFUNC 1000 10 0 A::f(int,char *)\nFUNC 1010 5 0 main\nPUBLIC 2000 0 _helper\n'));
    expect(sym.list()).toEqual([
      { name: 'A::f', rva: 0x1000, size: 0x10, detail: '(int, char *)', decorated: 'A::f(int,char *)' },
      { name: 'main', rva: 0x1010, size: 5, detail: undefined },
      { name: '_helper', rva: 0x2000, detail: '(<no parameter info>)' },
    ]);
    expect(sym.list()).toBe(sym.list()); // built once
  });

  it('PDB (crash.pdb): procedures with the PDB\'s names, then publics no procedure starts at, code and data', () => {
    const src = new FileByteSource(corpusPath('pe-pdb', 'crash.pdb'));
    try {
      const list = new PdbModuleSymbols(new PdbFile(src)).list();
      const main = list.find((s) => s.name === 'main')!;
      // A C function has no decorated public with a list: its type in the TPI stream gives one (int main(int, char **)).
      expect(main).toEqual({ name: 'main', rva: 0x2910, size: 0x15e, detail: '(int, char **)', decorated: '_main' });
      // A static function with no arguments: "(void)", as WinDbg prints an empty list.
      expect(list.find((s) => s.name === 'pre_c_initialization')?.detail).toBe('(void)');
      // A C++ procedure takes its argument list from the decorated public at its address, as DIA does.
      expect(list.find((s) => s.rva === 0x1c40)).toMatchObject({ name: 'google_breakpad::ExceptionHandler::HandleException', detail: '(_EXCEPTION_POINTERS *)' });
      // x86 private names keep their underscores; a public is undecorated once.
      expect(list.find((s) => s.rva === 0x34e0)?.name).toBe('__SEH_prolog4');
      expect(list.find((s) => s.name === '__security_cookie')).toMatchObject({ rva: 0x6000, data: true, detail: '= <no type information>', decorated: '___security_cookie' });
      expect(list.find((s) => s.rva === 0x6410)).toMatchObject({ name: 'google_breakpad::ExceptionHandler::instance_count_', data: true });
      expect(list.find((s) => s.name === '_CxxThrowException')).toMatchObject({ rva: 0x3738, detail: '(<no parameter info>)' });
      // Procedures first: no public follows a procedure's start address.
      const firstPublic = list.findIndex((s) => s.detail?.startsWith('(<') || s.data);
      const starts = new Set(list.slice(0, firstPublic).map((s) => s.rva));
      expect(list.slice(firstPublic).filter((s) => starts.has(s.rva))).toEqual([]);
    } finally {
      src.close();
    }
  });

  it('PE exports (basic32.dll): named exports in ordinal order, C++ names demangled without arguments', () => {
    const pe = PeImage.open(new MemoryByteSource(new Uint8Array(readFileSync(corpusPath('pe-pdb', 'rizin', 'basic32.dll')))));
    const list = new PeExportSymbols(pe).list();
    expect(list.length).toBe(10);
    expect(list.find((s) => s.decorated === '?meth1@A@@QAEXH@Z')).toEqual({ name: 'A::meth1', rva: 5096, detail: '(<no parameter info>)', decorated: '?meth1@A@@QAEXH@Z' });
    const ordinals = list.map((s) => s.rva);
    expect(ordinals).not.toEqual([...ordinals].sort((a, b) => a - b)); // ordinal order, not address order
  });
});

/** A source that counts how often its list is built. */
function source(name: string, list: ListedSymbol[] | undefined, calls = { n: 0 }): ModuleSymbols {
  return { source: name, lookup: () => undefined, ...(list ? { list: () => (calls.n++, list) } : {}) };
}

describe('buildDebuggerSymbols', () => {
  const app = mod('app.exe');
  const syms: ListedSymbol[] = [
    { name: 'Main', rva: 0x100 },
    { name: 'main', rva: 0x200 },
    { name: 'helper', rva: 0x300, decorated: '_helper@4' },
  ];

  it('finds names without case, the exact spelling first, and decorated names; builds the list once', () => {
    const calls = { n: 0 };
    const d = buildDebuggerSymbols({ resolver: { lookup: () => undefined }, sources: () => [source('pdb', syms, calls)] });
    expect(d.findSymbol!(app, 'main')).toBe(0x200);
    expect(d.findSymbol!(app, 'Main')).toBe(0x100);
    expect(d.findSymbol!(app, 'MAIN')).toBe(0x100);
    expect(d.findSymbol!(app, '_helper@4')).toBe(0x300);
    expect(d.findSymbol!(app, 'HELPER')).toBe(0x300);
    expect(d.findSymbol!(app, 'nothing')).toBeUndefined();
    expect([...d.listSymbols!(app)!]).toEqual(syms);
    expect(d.symbolSource!(app)).toBe('pdb');
    expect(calls.n).toBe(1);
  });

  it('takes the first source that lists; a corrupt one is skipped; the mapped image\'s exports come last', () => {
    const corrupt: ModuleSymbols = { source: 'breakpad', lookup: () => undefined, list: () => { throw new DumpFormatError('Truncated', 'cut short'); } };
    const d = buildDebuggerSymbols({ resolver: { lookup: () => undefined }, sources: () => [source('none', undefined), corrupt, source('pdb', syms)] });
    expect(d.symbolSource!(app)).toBe('pdb');
    const pe = PeImage.open(new MemoryByteSource(new Uint8Array(readFileSync(corpusPath('pe-pdb', 'rizin', 'basic32.dll')))));
    const fromMemory = buildDebuggerSymbols({ resolver: { lookup: () => undefined }, sources: () => [], mappedImage: () => pe });
    expect(fromMemory.symbolSource!(app)).toBe('pe-exports');
    // Three overloads export A::meth1: the name gives the first in the listing (ordinal order).
    const overloads = new PeExportSymbols(pe).list().filter((s) => s.name === 'A::meth1');
    expect(overloads.map((s) => s.rva).sort((a, b) => a - b)).toEqual([5096, 6691, 13816]);
    expect(fromMemory.findSymbol!(app, 'a::METH1')).toBe(overloads[0]!.rva);
    const nothing = buildDebuggerSymbols({ resolver: { lookup: () => undefined }, sources: () => [], mappedImage: () => undefined });
    expect(nothing.listSymbols!(app)).toBeUndefined();
    expect(nothing.findSymbol!(app, 'main')).toBeUndefined();
  });

  it('keeps one cache per module identity', () => {
    const calls = { n: 0 };
    const d = buildDebuggerSymbols({ resolver: { lookup: () => undefined }, sources: () => [source('pdb', syms, calls)] });
    d.findSymbol!(app, 'main');
    d.findSymbol!(mod('app.exe'), 'main');
    d.findSymbol!(mod('other.dll', 0x800000n), 'main');
    expect(calls.n).toBe(2);
  });
});

describe('msvcDataName', () => {
  it.each([
    ['?instance_count_@ExceptionHandler@google_breakpad@@0JC', 'google_breakpad::ExceptionHandler::instance_count_'],
    ['?__type_info_root_node@@3U__type_info_node@@A', '__type_info_root_node'],
    ['?handler_stack_@ExceptionHandler@google_breakpad@@0PAV?$vector@PAVExceptionHandler@google_breakpad@@V?$allocator@PAVExceptionHandler@google_breakpad@@@std@@@std@@A', 'google_breakpad::ExceptionHandler::handler_stack_'],
    ['?_OptionsStorage@?1??__local_stdio_scanf_options@@9@4_KA', undefined],
    ['??_R0?AVbad_alloc@std@@@8', undefined],
    ['?f@@YAXXZ', undefined],
  ])('%s', (decorated, expected) => {
    expect(msvcDataName(decorated)).toBe(expected);
  });
});
