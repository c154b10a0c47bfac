import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '../../../../../shared/bytes/byteSource';
import type { MemoryReader } from '../../../../../shared/dump/types';
import { DumpFormatError } from '../../../../../shared/errors';
import {
  MappedImageSource, PeImage, RuntimeFunctionTable, readCodeView, readExports, readUnwindInfo, readVersionInfo,
} from '../../../../../shared/formats/pe/index';
import {
  CV_INFO_PDB70, IMAGE_DEBUG_DIRECTORY, IMAGE_DOS_HEADER, IMAGE_EXPORT_DIRECTORY, IMAGE_FILE_HEADER, IMAGE_OPTIONAL_HEADER32,
  IMAGE_OPTIONAL_HEADER64, IMAGE_SECTION_HEADER, RUNTIME_FUNCTION, VS_FIXEDFILEINFO,
} from '../../../../../shared/formats/pe/structs';
import { corpusPath, listCorpus, readCorpus } from '../../../../helpers/corpus';
import { readFileSync, readdirSync } from 'node:fs';

const open = (...p: string[]) => PeImage.open(new MemoryByteSource(readCorpus(...p)));

/** MODULE and INFO CODE_ID lines of a Breakpad .sym written by dump_syms from the same PE+PDB. */
function symHeader(name: string): { debugId: string; debugFile: string; codeId: string } {
  const lines = readFileSync(corpusPath('pe-pdb', name), 'utf8').split(/\r?\n/);
  const m = lines[0]!.split(' ');
  const c = lines.find((l) => l.startsWith('INFO CODE_ID'))!.split(' ');
  return { debugId: m[3]!, debugFile: m[4]!, codeId: c[2]! };
}

describe('PE structure layouts (winnt.h offsets)', () => {
  it('matches the SDK', () => {
    expect(IMAGE_DOS_HEADER.offsetOf('e_lfanew')).toBe(0x3c);
    expect(IMAGE_DOS_HEADER.size).toBe(64);
    expect(IMAGE_FILE_HEADER.size).toBe(20);
    expect(IMAGE_OPTIONAL_HEADER32.offsetOf('ImageBase')).toBe(28);
    expect(IMAGE_OPTIONAL_HEADER32.offsetOf('NumberOfRvaAndSizes')).toBe(92);
    expect(IMAGE_OPTIONAL_HEADER64.offsetOf('ImageBase')).toBe(24);
    expect(IMAGE_OPTIONAL_HEADER64.offsetOf('SizeOfImage')).toBe(56);
    expect(IMAGE_OPTIONAL_HEADER64.offsetOf('NumberOfRvaAndSizes')).toBe(108);
    expect(IMAGE_SECTION_HEADER.size).toBe(40);
    expect(IMAGE_SECTION_HEADER.offsetOf('PointerToRawData')).toBe(20);
    expect(IMAGE_EXPORT_DIRECTORY.size).toBe(40);
    expect(IMAGE_DEBUG_DIRECTORY.size).toBe(28);
    expect(CV_INFO_PDB70.size).toBe(24);
    expect(VS_FIXEDFILEINFO.size).toBe(52);
    expect(RUNTIME_FUNCTION.size).toBe(12);
  });
});

describe('PE files against dump_syms output', () => {
  for (const [exe, sym] of [['crash.exe', 'crash.sym'], ['CrashWithException.exe', 'CrashWithException.pdb.sym']] as const) {
    it(`${exe}: CodeView debug id, debug file and code id equal the .sym MODULE/INFO lines`, () => {
      const pe = open('pe-pdb', exe);
      const cv = readCodeView(pe)!;
      const want = symHeader(sym);
      expect(cv.format).toBe('RSDS');
      expect(cv.debugId).toBe(want.debugId);
      expect(cv.debugFile).toBe(want.debugFile);
      expect(pe.codeId).toBe(want.codeId);
    });
  }

  it('CrashWithException.exe: every .pdata entry is a STACK CFI INIT range, and prolog sizes give the CFA offset', () => {
    const pe = open('pe-pdb', 'CrashWithException.exe');
    const text = readFileSync(corpusPath('pe-pdb', 'CrashWithException.pdb.sym'), 'utf8');
    const inits = [...text.matchAll(/^STACK CFI INIT ([0-9a-f]+) ([0-9a-f]+) /gm)].map((m) => [parseInt(m[1]!, 16), parseInt(m[2]!, 16)]);
    const cfa = new Map([...text.matchAll(/^STACK CFI INIT ([0-9a-f]+) .*\nSTACK CFI [0-9a-f]+ \.cfa: \$rsp (\d+) \+$/gm)].map((m) => [parseInt(m[1]!, 16), Number(m[2])]));
    const table = new RuntimeFunctionTable(pe);
    expect(pe.machine).toBe(0x8664);
    expect(table.count).toBe(inits.length);
    for (let i = 0; i < table.count; i++) {
      const f = table.at(i);
      expect([f.begin, f.end - f.begin]).toEqual(inits[i]);
      const info = readUnwindInfo(pe, f.unwindInfoRva);
      const want = cfa.get(f.begin);
      if (want === undefined || info.chained || info.frameRegister) continue;
      const frame = info.ops.reduce((n, o) => n + (o.op === 'alloc' ? o.size : o.op === 'push' ? 8 : 0), 8);
      expect(frame, `CFA of ${f.begin.toString(16)}`).toBe(want);
    }
    expect(table.find(0x1020)?.begin).toBe(0x1010);
    expect(table.find(0x1005)).toBeUndefined();
  });
});

describe('PE files in the symbol-server folder', () => {
  for (const name of ['amdppm.sys', 'Wdf01000.sys']) {
    it(`${name}: code id equals its symstore folder name, version resource decodes`, () => {
      const dir = readdirSync(corpusPath('symstore', name))[0]!;
      const pe = open('symstore', name, dir, name);
      expect(pe.codeId.toLowerCase()).toBe(dir.toLowerCase());
      expect(pe.is64).toBe(true);
      const v = readVersionInfo(pe)!;
      expect(v.strings.CompanyName).toBe('Microsoft Corporation');
      // FileVersion string starts with the fixed-info numbers ("10.0.19041.1110 (WinBuild…)").
      expect(v.strings.FileVersion!.startsWith(v.fileVersion)).toBe(true);
    });
  }

  it('amdppm.sys: debug id equals the amdppm.pdb symstore folder', () => {
    const pe = open('symstore', 'amdppm.sys', readdirSync(corpusPath('symstore', 'amdppm.sys'))[0]!, 'amdppm.sys');
    const cv = readCodeView(pe)!;
    expect(cv.debugFile).toBe('amdppm.pdb');
    expect(readdirSync(corpusPath('symstore', 'amdppm.pdb'))).toContain(cv.debugId);
  });

  it('Wdf01000.sys: version 2 unwind info with epilog codes decodes for every .pdata entry', () => {
    const pe = open('symstore', 'Wdf01000.sys', readdirSync(corpusPath('symstore', 'Wdf01000.sys'))[0]!, 'Wdf01000.sys');
    const table = new RuntimeFunctionTable(pe);
    expect(table.count).toBeGreaterThan(1000);
    let epilogs = 0;
    let chained = 0;
    for (let i = 0; i < table.count; i++) {
      const info = readUnwindInfo(pe, table.at(i).unwindInfoRva);
      if (info.ops.some((o) => o.op === 'epilog')) epilogs++;
      if (info.chained) {
        chained++;
        expect(table.find(info.chained.begin)?.begin).toBe(info.chained.begin);
      }
    }
    expect(epilogs).toBeGreaterThan(0);
    expect(chained).toBeGreaterThan(0);
  });
});

describe('rizin test PEs', () => {
  for (const f of listCorpus('pe-pdb/rizin', '.exe')) {
    it(`${f}: headers, sections and CodeView name a PDB`, () => {
      const pe = open('pe-pdb/rizin', f);
      expect(pe.sections.map((s) => s.name)).toContain('.text');
      const cv = readCodeView(pe)!;
      expect(cv.debugFile.toLowerCase().endsWith('.pdb')).toBe(true);
      expect(cv.debugId).toMatch(/^[0-9A-F]{33,40}$/);
      expect(pe.is64).toBe(pe.machine === 0x8664);
    });
  }

  it('basic32.dll: exports have names, ordinals and RVAs inside .text', () => {
    const pe = open('pe-pdb/rizin', 'basic32.dll');
    const ex = readExports(pe);
    expect(ex.length).toBe(10);
    for (const e of ex) {
      expect(pe.sectionAt(e.rva)?.name).toBe('.text');
      expect(e.ordinal).toBeGreaterThan(0);
      expect(e.name).toMatch(/\w/);
    }
  });
});

describe('mapped images (a PE inside a dump\'s memory)', () => {
  /** Lays the file out as the loader would: every section copied to its VirtualAddress. */
  function mapped(bytes: Uint8Array): { memory: MemoryReader; size: number } {
    const pe = PeImage.open(new MemoryByteSource(bytes));
    const img = new Uint8Array(pe.sizeOfImage);
    img.set(bytes.subarray(0, pe.sections[0]!.rawOffset));
    for (const s of pe.sections) img.set(bytes.subarray(s.rawOffset, s.rawOffset + Math.min(s.rawSize, s.virtualSize || s.rawSize)), s.virtualAddress);
    const base = 0x140000000n;
    return {
      size: img.length,
      memory: {
        read: (a, n) => (a >= base && a + BigInt(n) <= base + BigInt(img.length) ? img.subarray(Number(a - base), Number(a - base) + n) : undefined),
        regions: () => [{ start: base, size: img.length }],
      },
    };
  }

  it('gives the same CodeView, .pdata and unwind info as the file', () => {
    const bytes = readCorpus('pe-pdb', 'CrashWithException.exe');
    const file = PeImage.open(new MemoryByteSource(bytes));
    const { memory, size } = mapped(bytes);
    const mem = PeImage.open(new MappedImageSource(memory, 0x140000000n, size), 'mapped');
    expect(readCodeView(mem)).toEqual(readCodeView(file));
    const a = new RuntimeFunctionTable(file);
    const b = new RuntimeFunctionTable(mem);
    expect(b.count).toBe(a.count);
    for (let i = 0; i < a.count; i++) expect(readUnwindInfo(mem, b.at(i).unwindInfoRva)).toEqual(readUnwindInfo(file, a.at(i).unwindInfoRva));
  });

  it('a page missing from the dump is a NotFound error, not zeros', () => {
    const memory: MemoryReader = { read: () => undefined, regions: () => [] };
    const e = (() => { try { PeImage.open(new MappedImageSource(memory, 0x1000n, 0x2000), 'mapped'); } catch (x) { return x; } })();
    expect(e).toBeInstanceOf(DumpFormatError);
    expect((e as DumpFormatError).code).toBe('NotFound');
  });
});

describe('hostile PE headers', () => {
  it('rejects a file without MZ, and an e_lfanew past the end, with specific errors', () => {
    expect(() => PeImage.open(new MemoryByteSource(new Uint8Array(64)))).toThrow(/no "MZ" signature/);
    const b = readCorpus('pe-pdb', 'crash.exe').slice(0, 0x200);
    new DataView(b.buffer).setInt32(0x3c, 0x7fffff00, true);
    expect(() => PeImage.open(new MemoryByteSource(b))).toThrow(DumpFormatError);
  });

  it('a section table count larger than the file is BadCount', () => {
    const b = readCorpus('pe-pdb', 'crash.exe').slice();
    const nt = new DataView(b.buffer).getInt32(0x3c, true);
    new DataView(b.buffer).setUint16(nt + 4 + 2, 0xffff, true);
    expect(() => PeImage.open(new MemoryByteSource(b.slice(0, 0x400)))).toThrow(expect.objectContaining({ code: 'BadCount' }));
  });

  it('every truncation of a real PE either opens or throws DumpFormatError', () => {
    const full = readCorpus('pe-pdb', 'CrashWithException.exe');
    for (let n = 0; n < full.length; n += 97) {
      try {
        const pe = PeImage.open(new MemoryByteSource(full.subarray(0, n)));
        readCodeView(pe);
        readVersionInfo(pe);
        const t = new RuntimeFunctionTable(pe);
        if (t.count) readUnwindInfo(pe, t.at(0).unwindInfoRva);
      } catch (e) {
        expect(e).toBeInstanceOf(DumpFormatError);
      }
    }
  });
});
