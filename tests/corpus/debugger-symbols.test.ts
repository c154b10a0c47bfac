// Name → address symbols in the debugger (`x`, `ln`, `mod!name`) from every symbol source,
// checked against the corpus symbol files they come from:
//  - test.dmp with --symbols ../shared/corpus/symbols: `x test_app!*` lists exactly the FUNC and
//    PUBLIC records of test_app.sym (address, name; a FUNC's argument list as WinDbg prints it).
//  - crash.exe (pe-pdb): no corpus dump loads it, so a synthetic minidump holds it at 0x400000
//    with crash.pdb's CodeView id. With pe-pdb on the symbol path the session reads crash.sym;
//    with a folder holding only crash.pdb it reads the PDB. Both list the same function
//    addresses; the names differ only where dump_syms renames (see tests/corpus/symbols-dump-syms.test.ts).
//  - `? crash!main` is base + the .sym's FUNC rva in the CLI and through the app's engineDeps.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineDeps } from '../../electron/engine/engineDeps';
import { openDumpFile } from '../../electron/services/openDumpFile';
import { NodeSymbolSupplier } from '../../electron/services/symbols/nodeSymbolSupplier';
import { parseSym } from '../../shared/formats/breakpad/symFile';
import { splitSignature } from '../../shared/symbols/signature';
import { runCli } from '../helpers/cli';
import { corpusPath } from '../helpers/corpus';
import { MinidumpBuilder } from '../synth/minidump/builder';

const dir = mkdtempSync(join(tmpdir(), 'dd-debugger-symbols-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BASE = 0x400000;
// crash.sym: MODULE windows x86 3249D99D0C4049318610F4E4FB0B69361 crash.pdb; INFO CODE_ID 5AB380779000 crash.exe.
const crashDump = join(dir, 'crash.dmp');
writeFileSync(crashDump, new MinidumpBuilder('x86')
  .systemInfo({ major: 10, minor: 0, build: 19041, cpus: 1 })
  .module({ name: 'C:\\app\\crash.exe', base: BigInt(BASE), size: 0x9000, timestamp: 0x5ab38077, pdb: { file: 'crash.pdb', guid: '3249D99D0C4049318610F4E4FB0B6936', age: 1 } })
  .thread({ id: 1, regs: { eip: BASE + 0x2910, esp: 0x12f000 } })
  .build());
// A symbol folder with the PDB alone (a link to the corpus file, nothing copied).
const pdbOnly = join(dir, 'pdb-only');
mkdirSync(pdbOnly);
symlinkSync(corpusPath('pe-pdb', 'crash.pdb'), join(pdbOnly, 'crash.pdb'));

const crashSym = parseSym(readFileSync(corpusPath('pe-pdb', 'crash.sym'), 'utf8'));
const hex = (n: number, w = 8) => n.toString(16).padStart(w, '0');

async function run(dump: string, symbols: string, commands: string): Promise<string> {
  const r = await runCli(['run', dump, '--symbols', symbols, '-c', commands]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out;
}

/** `x` lines → { address, name, detail }. */
function xLines(out: string, mod: string): { rva: number; name: string; detail?: string }[] {
  return out.split('\n').filter((l) => /^[0-9a-f]{8} /.test(l)).map((l) => {
    const m = new RegExp(`^([0-9a-f]{8}) ${mod}!(.*?)(?: (\\(.*\\)|= <no type information>))?$`).exec(l);
    expect(m, l).not.toBeNull();
    return { rva: parseInt(m![1]!, 16) - (mod === 'crash' ? BASE : 0x400000), name: m![2]!, detail: m![3] };
  });
}

describe('x and mod!name from Breakpad .sym files (test.dmp, ../shared/corpus/symbols)', () => {
  const dump = corpusPath('user', 'test.dmp');
  const sym = parseSym(readFileSync(corpusPath('symbols', 'test_app.pdb', '5A9832E5287241C1838ED98914E9B7FF1', 'test_app.sym'), 'utf8'));

  it('x test_app!* lists every FUNC then every PUBLIC of test_app.sym, at base + rva', async () => {
    const listed = xLines(await run(dump, corpusPath('symbols'), 'x test_app!*'), 'test_app');
    const expected = [
      ...sym.funcs.map((f) => ({ rva: f.rva, full: f.name })),
      ...sym.publics.map((p) => ({ rva: p.rva, full: p.name })),
    ];
    expect(listed.length).toBe(expected.length);
    expect(listed.length).toBe(1065 + 5);
    listed.forEach((l, i) => {
      const e = expected[i]!;
      expect(l.rva).toBe(e.rva);
      // The FUNC's name is the .sym's minus its argument list, which prints after it as WinDbg does.
      expect(l.name).toBe(splitSignature(e.full).name);
      if (i >= sym.funcs.length) expect(l.detail).toBe('(<no parameter info>)');
    });
    expect(listed.find((l) => l.name === 'std::bad_alloc::bad_alloc')?.detail).toBe('(char const *)');
    expect(listed.find((l) => l.name === 'std::bad_alloc::~bad_alloc')?.detail).toBe('(void)');
  });

  it('? test_app!main, case-insensitive, and a PUBLIC name; x /a and /n sort', async () => {
    const out = await run(dump, corpusPath('symbols'), '? test_app!main; ? TEST_APP!MAIN; ? test_app!_NLG_Return; x /n test_app!mem*; x /a kernel32!CreateFile*');
    expect(out).toContain('0:000> ? test_app!main\nEvaluate expression: 4211120 = 004041b0\n');
    expect(out).toContain('0:000> ? TEST_APP!MAIN\nEvaluate expression: 4211120 = 004041b0\n');
    expect(out).toContain(`Evaluate expression: ${0x400000 + 0x9b07} = 00409b07`);
    const mem = out.split('0:000> x /n test_app!mem*\n')[1]!.split('0:000>')[0]!;
    expect(mem).toBe(['0041f1a5 test_app!memcmp', '0040a340 test_app!memcpy', '00405120 test_app!memcpy_s', '0040a6b0 test_app!memmove', '0040519b test_app!memmove_s', '0040a2c0 test_app!memset', ''].join('\n'));
    // kernel32.sym has PUBLIC records only: no type information.
    expect(out.split('0:000> x /a kernel32!CreateFile*\n')[1]).toBe([
      '7c801a24 kernel32!CreateFileA (<no parameter info>)', '7c80938e kernel32!CreateFileMappingW (<no parameter info>)',
      '7c80945c kernel32!CreateFileMappingA (<no parameter info>)', '7c810760 kernel32!CreateFileW (<no parameter info>)', '',
    ].join('\n'));
  });

  it('x *!name: modules without symbols are skipped; with none at all, one line says so', async () => {
    expect(await run(dump, corpusPath('symbols'), 'x *!CreateFileW')).toBe('0:000> x *!CreateFileW\n7c810760 kernel32!CreateFileW (<no parameter info>)\n');
    const none = await runCli(['run', dump, '-c', 'x *!CreateFileW; x ntdll!*']);
    expect(none.out).toBe([
      '0:000> x *!CreateFileW', "None of the 13 modules matching '*' has symbols loaded (no symbol path is set)",
      '0:000> x ntdll!*', 'ntdll: no symbols loaded (no symbol path is set)', '',
    ].join('\n'));
  });

  it('ln: the symbol at or below, the next one, and the exact matches', async () => {
    const out = await run(dump, corpusPath('symbols'), 'ln test_app!main; ln test_app!main+0x1c');
    expect(out).toBe([
      '0:000> ln test_app!main',
      "(004041b0)   test_app!main   |  (00404240)   test_app!`anonymous namespace'::callback",
      'Exact matches:',
      '    test_app!main',
      '0:000> ln test_app!main+0x1c',
      "(004041b0)   test_app!main+0x1c   |  (00404240)   test_app!`anonymous namespace'::callback",
      '',
    ].join('\n'));
  });
});

describe('crash.exe: the same functions from crash.sym and from crash.pdb alone', () => {
  it('? crash!main is base + the FUNC rva (0x2910) from either source', async () => {
    const main = crashSym.funcs.find((f) => f.name === 'main')!;
    expect(main.rva).toBe(0x2910);
    for (const symbols of [corpusPath('pe-pdb'), pdbOnly]) {
      expect(await run(crashDump, symbols, '? crash!main')).toBe(`0:000> ? crash!main\nEvaluate expression: ${BASE + 0x2910} = ${hex(BASE + 0x2910)}\n`);
    }
  });

  it('x crash!* from the PDB lists the .sym FUNC and PUBLIC addresses; names differ only by dump_syms\' renames', async () => {
    const fromSym = xLines(await run(crashDump, corpusPath('pe-pdb'), 'x crash!*'), 'crash');
    const fromPdb = xLines(await run(crashDump, pdbOnly, 'x crash!*'), 'crash');
    expect(fromSym.length).toBe(crashSym.funcs.length + crashSym.publics.length);
    // The .sym's code addresses (FUNC and PUBLIC) are exactly the PDB's code symbols' addresses.
    const symAddresses = new Set(fromSym.map((s) => s.rva));
    const pdbCode = fromPdb.filter((s) => s.detail !== '= <no type information>');
    expect(new Set(pdbCode.map((s) => s.rva))).toEqual(symAddresses);
    // Names: every .sym name at an address is among the PDB's names there, except dump_syms'
    // renames: one leading underscore taken off names without a C++ public (__SEH_prolog4).
    const pdbNames = new Map<number, Set<string>>();
    for (const s of pdbCode) pdbNames.set(s.rva, (pdbNames.get(s.rva) ?? new Set()).add(s.name));
    const differences = fromSym.filter((s) => !pdbNames.get(s.rva)!.has(s.name)).map((s) => `${[...pdbNames.get(s.rva)!].join('|')} vs ${s.name}`);
    expect(differences).toEqual(['__SEH_prolog4 vs _SEH_prolog4', '__SEH_epilog4 vs _SEH_epilog4']);
    // The PDB also lists data publics (import slots, globals) the .sym leaves out.
    expect(fromPdb.length).toBeGreaterThan(pdbCode.length);
    // The .sym's FUNC main has no argument list (dump_syms leaves C functions bare); the PDB's type stream has one.
    expect(fromSym.find((s) => s.name === 'main')).toEqual({ rva: 0x2910, name: 'main', detail: undefined });
    expect(fromPdb.find((s) => s.name === 'main')).toEqual({ rva: 0x2910, name: 'main', detail: '(int, char **)' });
  });

  it('the app: engineDeps.createDebugger answers ? crash!main and x through the same builder', async () => {
    // crash.sym (beside the PDB in pe-pdb/) wins there and has no argument list for main; the PDB alone gives its type's.
    for (const [symbols, mainParams] of [[corpusPath('pe-pdb'), ''], [pdbOnly, ' (int, char **)']] as const) {
      const opened = openDumpFile(crashDump);
      const supplier = new NodeSymbolSupplier(symbols);
      await supplier.prepare(opened.dump.modules());
      try {
        const dbg = engineDeps.createDebugger({ dump: opened.dump, symbols: { resolver: supplier.resolver, unwinders: supplier.unwinders, describe: () => symbols }, close: () => {} }, crashDump);
        expect(dbg.run('? crash!main').text).toBe(`Evaluate expression: ${BASE + 0x2910} = ${hex(BASE + 0x2910)}\n`);
        expect(dbg.run('x crash!main').text).toBe(`${hex(BASE + 0x2910)} crash!main${mainParams}\n`);
        expect(dbg.run('ln crash!main+1').text).toMatch(/^\(00402910\) {3}crash!main\+0x1 {3}\| {2}\(00402a[0-9a-f]{2}\) {3}crash!\S+\n$/);
      } finally {
        supplier.close();
        opened.close();
      }
    }
  });
});

describe('the kernel without symbols', () => {
  it('x nt!* says a small dump does not hold nt\'s export table', async () => {
    const r = await runCli(['run', corpusPath('kernel', '083125-14875-01.dmp'), '-c', 'x nt!Ke*; ? nt!KeBugCheckEx']);
    expect(r.out).toBe([
      '0: kd> x nt!Ke*',
      "nt: no symbols loaded, and this dump does not hold ntkrnlmp.exe's image pages, so its export table is not available either (small memory dumps leave them out): set a symbol path that has ntkrnlmp.pdb",
      '0: kd> ? nt!KeBugCheckEx',
      "Couldn't resolve error at 'nt!KeBugCheckEx'",
      '',
    ].join('\n'));
  });
});
