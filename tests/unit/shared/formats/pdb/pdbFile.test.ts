import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryByteSource, type ByteSource } from '../../../../../shared/bytes/byteSource';
import { DumpFormatError } from '../../../../../shared/errors';
import { parseSym } from '../../../../../shared/formats/breakpad/symFile';
import { PdbFile } from '../../../../../shared/formats/pdb/index';
import {
  DBI_HEADER, FPO_DATA, FRAMEDATA, MOD_INFO, MSF_SUPERBLOCK, PDB_INFO_HEADER, PROCSYM32, PUBLICS_HEADER, PUBSYM32, SECTION_CONTRIB,
} from '../../../../../shared/formats/pdb/structs';
import { corpusPath, listCorpus, readCorpus } from '../../../../helpers/corpus';

/** A ByteSource that counts the bytes asked of it: proves laziness without timing. */
class CountingSource implements ByteSource {
  bytesRead = 0;
  constructor(private readonly inner: ByteSource) {}
  get size() { return this.inner.size; }
  read(o: number, n: number) { this.bytesRead += n; return this.inner.read(o, n); }
}

const sym = (name: string) => parseSym(readFileSync(corpusPath('pe-pdb', name), 'utf8'));
const open = (...p: string[]) => new PdbFile(new MemoryByteSource(readCorpus(...p)));

describe('PDB structure layouts (LLVM PDB docs / microsoft-pdb offsets)', () => {
  it('matches the documented offsets', () => {
    expect(MSF_SUPERBLOCK.offsetOf('BlockSize')).toBe(32);
    expect(MSF_SUPERBLOCK.offsetOf('BlockMapAddr')).toBe(52);
    expect(MSF_SUPERBLOCK.size).toBe(56);
    expect(PDB_INFO_HEADER.size).toBe(28);
    expect(DBI_HEADER.offsetOf('SymRecordStream')).toBe(20);
    expect(DBI_HEADER.offsetOf('ModInfoSize')).toBe(24);
    expect(DBI_HEADER.offsetOf('Machine')).toBe(58);
    expect(DBI_HEADER.size).toBe(64);
    expect(SECTION_CONTRIB.size).toBe(28);
    expect(MOD_INFO.offsetOf('ModuleSymStream')).toBe(34);
    expect(MOD_INFO.size).toBe(64);
    expect(PUBLICS_HEADER.size).toBe(28);
    expect(PUBSYM32.size).toBe(10);
    expect(PROCSYM32.offsetOf('off')).toBe(28);
    expect(PROCSYM32.size).toBe(35);
    expect(FRAMEDATA.size).toBe(32);
    expect(FRAMEDATA.offsetOf('frameFunc')).toBe(20);
    expect(FRAMEDATA.offsetOf('cbProlog')).toBe(24);
    expect(FPO_DATA.size).toBe(16);
  });
});

describe('PDB identity', () => {
  for (const [pdb, s] of [['crash.pdb', 'crash.sym'], ['CrashWithException.pdb', 'CrashWithException.pdb.sym']] as const) {
    it(`${pdb}: debug id and cpu equal dump_syms' MODULE line`, () => {
      const p = open('pe-pdb', pdb);
      const m = sym(s).module!;
      expect(p.debugId).toBe(m.debugId);
      expect(p.cpu).toBe(m.cpu);
    });
  }

  it('symstore PDBs: debug id equals the folder they are stored under', () => {
    for (const name of ['amdppm.pdb', 'user32.pdb']) {
      const [dir] = listCorpus(`symstore/${name}`);
      expect(open('symstore', name, dir!, name).debugId).toBe(dir);
    }
  });
});

describe('PDB lookups against dump_syms', () => {
  it('crash.pdb: every FUNC address resolves to a function starting there, with dump_syms\' first line', () => {
    const p = open('pe-pdb', 'crash.pdb');
    const s = sym('crash.sym');
    for (const f of s.funcs) {
      const probe = f.rva + Math.floor(f.size / 2);
      const { func, line } = p.lookup(probe);
      expect(func?.rva, f.name).toBe(f.rva);
      expect(func?.size).toBe(f.size);
      const want = s.line(f, probe);
      if (want) {
        expect(line?.line, `${f.name} @${probe.toString(16)}`).toBe(want.line);
        expect(line?.file.toLowerCase()).toBe(s.files.get(want.file)!.toLowerCase());
      }
    }
  });

  it('resolving one address reads a small part of the file (lazy), and module streams are cached', () => {
    const src = new CountingSource(new MemoryByteSource(readCorpus('pe-pdb', 'crash.pdb')));
    const p = new PdbFile(src);
    const main = sym('crash.sym').funcs.find((f) => f.name === 'main')!;
    expect(p.lookup(main.rva + 4).func?.name).toBe('main');
    expect(p.decodedModuleCount).toBe(1);
    expect(src.bytesRead).toBeLessThan(src.size / 4);
    const after = src.bytesRead;
    p.lookup(main.rva + 8);
    expect(src.bytesRead).toBe(after);
    expect(p.publics.lookup(main.rva + 4)?.name).toBe('_main');
  });
});

describe('bad PDBs', () => {
  it('the old "program database 2.00" format is a clear Unsupported error', () => {
    const b = new Uint8Array(4096);
    const magic = 'Microsoft C/C++ program database 2.00\r\n\x1aJG\0\0';
    for (let i = 0; i < magic.length; i++) b[i] = magic.charCodeAt(i);
    expect(() => new PdbFile(new MemoryByteSource(b))).toThrow(expect.objectContaining({ code: 'Unsupported', message: expect.stringMatching(/program database 2\.00/) }));
  });

  it('rizin fuzzed.pdb fails with a DumpFormatError that says what is wrong', () => {
    expect(() => open('pe-pdb/rizin', 'fuzzed.pdb')).toThrow(expect.objectContaining({ code: 'OutOfBounds', message: expect.stringMatching(/block map points at block \d+/) }));
  });

  it('a non-PDB is BadSignature', () => {
    expect(() => open('pe-pdb', 'crash.exe')).toThrow(expect.objectContaining({ code: 'BadSignature' }));
  });

  it('every truncation and a byte flip storm over minimal.pdb either reads or throws DumpFormatError', () => {
    const full = readCorpus('pe-pdb/rizin', 'minimal.pdb');
    const attempt = (b: Uint8Array) => {
      try {
        const p = new PdbFile(new MemoryByteSource(b));
        p.allFunctions();
        p.allLines();
        p.publics.all();
      } catch (e) {
        expect(e).toBeInstanceOf(DumpFormatError);
      }
    };
    for (let n = 0; n < full.length; n += 1021) attempt(full.subarray(0, n));
    let seed = 7;
    for (let k = 0; k < 200; k++) {
      const b = full.slice();
      for (let j = 0; j < 8; j++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        b[seed % b.length] = seed >>> 24;
      }
      attempt(b);
    }
  });
});

describe('rizin PDBs', () => {
  it('each one with a PE beside it matches the PE\'s CodeView id', async () => {
    const { PeImage, readCodeView } = await import('../../../../../shared/formats/pe/index');
    for (const [exe, pdb] of [['SimplePDB.exe', 'SimplePDB.pdb'], ['x64-xcpt4.exe', 'x64-xcpt4.pdb'], ['x86-xcpt4.exe', 'x86-xcpt4.pdb'], ['exceptions-test.exe', 'exceptions-test.pdb'], ['vs2019_cpp_override.exe', 'vs2019_cpp_override.pdb']]) {
      const cv = readCodeView(PeImage.open(new MemoryByteSource(readCorpus('pe-pdb/rizin', exe!))))!;
      expect(open('pe-pdb/rizin', pdb!).debugId, pdb).toBe(cv.debugId);
    }
  });

  it('minimal.pdb: three functions with lines in main.c', () => {
    const p = open('pe-pdb/rizin', 'minimal.pdb');
    expect(p.allFunctions().map((f) => [f.rva, f.name])).toEqual([[0x1000, 'function'], [0x1018, 'main'], [0x1056, 'mainCRTStartup']]);
    expect(new Set(p.allLines().map((l) => l.file.split('\\').pop()))).toEqual(new Set(['main.c']));
  });
});

describe('x86 frame data', () => {
  it('crash.pdb: FPO and FRAMEDATA records equal crash.sym\'s STACK WIN records, so a PDB unwinds like the .sym', async () => {
    const { pdbStackWin } = await import('../../../../../shared/symbols/pdbStackWin');
    expect(pdbStackWin(open('pe-pdb', 'crash.pdb')).stackWin).toEqual(sym('crash.sym').stackWin);
  });
});

describe('a Microsoft-built PDB against its image', () => {
  it('amdppm.pdb: every function public lies at the start of a .pdata entry of amdppm.sys (section map is right)', async () => {
    const { PeImage, RuntimeFunctionTable } = await import('../../../../../shared/formats/pe/index');
    const [pdbDir] = listCorpus('symstore/amdppm.pdb');
    const [peDir] = listCorpus('symstore/amdppm.sys');
    const pdb = open('symstore', 'amdppm.pdb', pdbDir!, 'amdppm.pdb');
    const pe = PeImage.open(new MemoryByteSource(readCorpus('symstore', 'amdppm.sys', peDir!, 'amdppm.sys')));
    const table = new RuntimeFunctionTable(pe);
    const begins = new Set(Array.from({ length: table.count }, (_, i) => table.at(i).begin));
    const functions = pdb.publics.all().filter((p) => p.flags & 2);
    expect(functions.length).toBeGreaterThan(500);
    expect(functions.filter((p) => !begins.has(p.rva))).toEqual([]);
  });
});

describe('an OMAP-optimized system PDB', () => {
  it('user32.pdb: an address resolves through OMAP and section contributions while reading a small part of the file', () => {
    const [dir] = listCorpus('symstore/user32.pdb');
    const src = new CountingSource(new MemoryByteSource(readCorpus('symstore', 'user32.pdb', dir!, 'user32.pdb')));
    const pdb = new PdbFile(src);
    // StrEqualIW is a static procedure (S_LPROC32) in user32.pdb, found through section contributions.
    const fn = pdb.allFunctions().find((f) => f.name === 'StrEqualIW')!;
    const fresh = new CountingSource(new MemoryByteSource(readCorpus('symstore', 'user32.pdb', dir!, 'user32.pdb')));
    const lazy = new PdbFile(fresh);
    expect(lazy.lookup(fn.rva + 4).func).toMatchObject({ name: 'StrEqualIW', rva: fn.rva });
    expect(fresh.bytesRead).toBeLessThan(fresh.size / 4);
    // The publics' address map is ordered in the original layout: every function public is found at its own address.
    const functions = pdb.publics.all().filter((p) => p.flags & 2);
    expect(functions.length).toBeGreaterThan(2000);
    expect(functions.filter((p) => pdb.publics.lookup(p.rva)?.rva !== p.rva)).toEqual([]);
  });
});
