// The TPI reader (shared/formats/pdb/typeStream.ts) against the corpus PDBs: Windows SDK
// layouts (winnt.h CONTEXT, EXCEPTION_RECORD, TP_CALLBACK_ENVIRON bit fields), cross-checked
// with our own minidump CONTEXT tables, argument lists against the demangled C++ publics
// (what DIA and dump_syms print), and a decode of every type of every corpus PDB.
import { describe, expect, it } from 'vitest';
import { MemoryByteSource, type ByteSource } from '../../../../../shared/bytes/byteSource';
import { DumpFormatError } from '../../../../../shared/errors';
import { CONTEXT_AMD64 } from '../../../../../shared/formats/minidump/context/amd64';
import { CONTEXT_X86 } from '../../../../../shared/formats/minidump/context/x86';
import { MINIDUMP_EXCEPTION_STREAM } from '../../../../../shared/formats/minidump/structs';
import { PdbFile, PdbTypeStream } from '../../../../../shared/formats/pdb/index';
import { TPI_HEADER } from '../../../../../shared/formats/pdb/structs';
import { demangleMsvc, withoutArguments } from '../../../../../shared/symbols/msvcDemangle';
import { listCorpus, readCorpus } from '../../../../helpers/corpus';

class CountingSource implements ByteSource {
  bytesRead = 0;
  constructor(private readonly inner: ByteSource) {}
  get size() { return this.inner.size; }
  read(o: number, n: number) { this.bytesRead += n; return this.inner.read(o, n); }
}

const open = (...p: string[]) => new PdbFile(new MemoryByteSource(readCorpus(...p)));
const types = (...p: string[]): PdbTypeStream => open(...p).types!;

describe('TpiStreamHeader layout (LLVM TpiStream.html)', () => {
  it('matches the documented offsets', () => {
    expect(TPI_HEADER.offsetOf('HeaderSize')).toBe(4);
    expect(TPI_HEADER.offsetOf('TypeIndexBegin')).toBe(8);
    expect(TPI_HEADER.offsetOf('TypeIndexEnd')).toBe(12);
    expect(TPI_HEADER.offsetOf('TypeRecordBytes')).toBe(16);
    expect(TPI_HEADER.offsetOf('HashStreamIndex')).toBe(20);
    expect(TPI_HEADER.offsetOf('HashKeySize')).toBe(24);
    expect(TPI_HEADER.offsetOf('HashAdjBufferLength')).toBe(52);
    expect(TPI_HEADER.size).toBe(56);
  });

  it('corpus PDBs: version 20040203, records from 0x1000', () => {
    const t = types('pe-pdb', 'crash.pdb');
    expect([t.version, t.begin, t.end]).toEqual([20040203, 0x1000, 0x2d19]);
  });
});

describe('Windows SDK layouts from crash.pdb (x86)', () => {
  const t = types('pe-pdb', 'crash.pdb');

  it('_CONTEXT: size 0x2cc, Eip 0xb8, Esp 0xc4, EFlags 0xc0, ExtendedRegisters 0xcc (winnt.h)', () => {
    expect(t.structSize('_CONTEXT')).toBe(0x2cc);
    expect(t.field('_CONTEXT', 'Eip')).toEqual({ offset: 0xb8, size: 4, typeName: 'unsigned long' });
    expect(t.field('_CONTEXT', 'Esp')?.offset).toBe(0xc4);
    expect(t.field('_CONTEXT', 'EFlags')?.offset).toBe(0xc0);
    expect(t.field('_CONTEXT', 'ExtendedRegisters')).toEqual({ offset: 0xcc, size: 512, typeName: 'unsigned char [512]' });
    expect(t.field('_CONTEXT', 'FloatSave')).toEqual({ offset: 0x1c, size: 112, typeName: '_FLOATING_SAVE_AREA' });
    expect(t.field('_CONTEXT', 'FloatSave.ControlWord')).toEqual({ offset: 0x1c, size: 4, typeName: 'unsigned long' });
  });

  it('_CONTEXT equals our minidump CONTEXT_X86 table field by field', () => {
    expect(t.structSize('_CONTEXT')).toBe(CONTEXT_X86.size);
    for (const [name] of CONTEXT_X86.fields) expect(t.field('_CONTEXT', name)?.offset, name).toBe(CONTEXT_X86.offsetOf(name));
  });

  it('_EXCEPTION_RECORD: ExceptionCode 0, ExceptionAddress 0xc, ExceptionInformation 0x14', () => {
    expect(t.structSize('_EXCEPTION_RECORD')).toBe(0x50);
    expect(t.field('_EXCEPTION_RECORD', 'ExceptionCode')).toEqual({ offset: 0, size: 4, typeName: 'unsigned long' });
    expect(t.field('_EXCEPTION_RECORD', 'ExceptionRecord')).toEqual({ offset: 8, size: 4, typeName: '_EXCEPTION_RECORD *' });
    expect(t.field('_EXCEPTION_RECORD', 'ExceptionAddress')).toEqual({ offset: 0xc, size: 4, typeName: 'void *' });
    expect(t.field('_EXCEPTION_RECORD', 'ExceptionInformation')).toEqual({ offset: 0x14, size: 60, typeName: 'unsigned long [15]' });
  });

  it('a bit field: _TP_CALLBACK_ENVIRON_V3.u.s (LongFunction:1, Persistent:1, Private:30) in its unnamed union/struct', () => {
    expect(t.structSize('_TP_CALLBACK_ENVIRON_V3')).toBe(0x28);
    expect(t.field('_TP_CALLBACK_ENVIRON_V3', 'u')).toMatchObject({ offset: 0x1c, size: 4 });
    expect(t.field('_TP_CALLBACK_ENVIRON_V3', 'u.Flags')).toEqual({ offset: 0x1c, size: 4, typeName: 'unsigned long' });
    expect(t.field('_TP_CALLBACK_ENVIRON_V3', 'u.s.LongFunction')).toEqual({ offset: 0x1c, size: 4, bitPosition: 0, bitLength: 1, typeName: 'unsigned long' });
    expect(t.field('_TP_CALLBACK_ENVIRON_V3', 'u.s.Persistent')).toEqual({ offset: 0x1c, size: 4, bitPosition: 1, bitLength: 1, typeName: 'unsigned long' });
    expect(t.field('_TP_CALLBACK_ENVIRON_V3', 'u.s.Private')).toEqual({ offset: 0x1c, size: 4, bitPosition: 2, bitLength: 30, typeName: 'unsigned long' });
    expect(t.field('_TP_CALLBACK_ENVIRON_V3', 'CallbackPriority')?.offset).toBe(0x20);
  });

  it('what is not there is undefined', () => {
    expect(t.structSize('_KTHREAD')).toBeUndefined();
    expect(t.field('_CONTEXT', 'Rip')).toBeUndefined();
    expect(t.field('_CONTEXT', 'Eip.Low')).toBeUndefined();
    expect(t.field('_CONTEXT', '')).toBeUndefined();
    expect(t.typeName(0x7fffffff)).toBeUndefined();
    expect(t.argumentList(0x74)).toBeUndefined();
  });
});

describe('Windows SDK layouts from CrashWithException.pdb (x64)', () => {
  const t = types('pe-pdb', 'CrashWithException.pdb');

  it('_CONTEXT: size 0x4d0, Rip 0xf8, Rsp 0x98, Rax 0x78, EFlags 0x44; the FltSave / Xmm0 union at 0x100 / 0x1a0', () => {
    expect(t.structSize('_CONTEXT')).toBe(0x4d0);
    expect(t.field('_CONTEXT', 'Rip')).toEqual({ offset: 0xf8, size: 8, typeName: 'unsigned __int64' });
    expect(t.field('_CONTEXT', 'Rsp')?.offset).toBe(0x98);
    expect(t.field('_CONTEXT', 'Rax')?.offset).toBe(0x78);
    expect(t.field('_CONTEXT', 'EFlags')).toEqual({ offset: 0x44, size: 4, typeName: 'unsigned long' });
    expect(t.field('_CONTEXT', 'FltSave')).toEqual({ offset: 0x100, size: 512, typeName: '_XSAVE_FORMAT' });
    // Xmm0 sits in an anonymous struct inside the anonymous union that FltSave shares.
    expect(t.field('_CONTEXT', 'Xmm0')).toEqual({ offset: 0x1a0, size: 16, typeName: '_M128A' });
    expect(t.field('_CONTEXT', 'Header')).toEqual({ offset: 0x100, size: 32, typeName: '_M128A [2]' });
    expect(t.field('_CONTEXT', 'FltSave.MxCsr')).toEqual({ offset: 0x118, size: 4, typeName: 'unsigned long' });
    expect(t.field('_CONTEXT', 'VectorRegister')).toEqual({ offset: 0x300, size: 416, typeName: '_M128A [26]' });
  });

  it('_CONTEXT equals our minidump CONTEXT_AMD64 table field by field', () => {
    expect(t.structSize('_CONTEXT')).toBe(CONTEXT_AMD64.size);
    for (const [name] of CONTEXT_AMD64.fields) expect(t.field('_CONTEXT', name)?.offset, name).toBe(CONTEXT_AMD64.offsetOf(name));
  });

  it('_EXCEPTION_RECORD: ExceptionAddress 0x10, ExceptionInformation 0x20, as MINIDUMP_EXCEPTION lays it out', () => {
    expect(t.structSize('_EXCEPTION_RECORD')).toBe(0x98);
    const base = MINIDUMP_EXCEPTION_STREAM.offsetOf('ExceptionCode');
    for (const name of ['ExceptionCode', 'ExceptionFlags', 'ExceptionRecord', 'ExceptionAddress', 'NumberParameters', 'ExceptionInformation'] as const) {
      expect(t.field('_EXCEPTION_RECORD', name)?.offset, name).toBe(MINIDUMP_EXCEPTION_STREAM.offsetOf(name) - base);
    }
    expect(t.field('_EXCEPTION_RECORD', 'ExceptionAddress')).toEqual({ offset: 0x10, size: 8, typeName: 'void *' });
    expect(t.field('_EXCEPTION_RECORD', 'ExceptionInformation')).toEqual({ offset: 0x20, size: 120, typeName: 'unsigned __int64 [15]' });
  });

  it('_TP_CALLBACK_ENVIRON_V3 bit fields at u (0x38)', () => {
    expect(t.structSize('_TP_CALLBACK_ENVIRON_V3')).toBe(0x48);
    expect(t.field('_TP_CALLBACK_ENVIRON_V3', 'u.s.Persistent')).toEqual({ offset: 0x38, size: 4, bitPosition: 1, bitLength: 1, typeName: 'unsigned long' });
  });
});

describe('a Microsoft kernel-mode PDB', () => {
  it('amdppm.pdb: _KUSER_SHARED_DATA.NXSupportPolicy is bits 0-1 of the byte at 0x2d5', () => {
    const [dir] = listCorpus('symstore/amdppm.pdb');
    const t = types('symstore', 'amdppm.pdb', dir!, 'amdppm.pdb');
    expect(t.field('_KUSER_SHARED_DATA', 'NXSupportPolicy')).toEqual({ offset: 0x2d5, size: 1, bitPosition: 0, bitLength: 2, typeName: 'unsigned char' });
    expect(t.field('_KUSER_SHARED_DATA', 'SystemTime')).toMatchObject({ offset: 0x14, typeName: '_KSYSTEM_TIME' });
  });
});

describe('argument lists as DIA and dump_syms print them', () => {
  // Every function with a C++ public at its address: our argument list from the TPI equals the
  // demangled public's. This fixes the forms: "wchar_t const * const" (a pointer keeps its own
  // const, as in decorated names), "unsigned int" (a plain parameter's const is left out),
  // "bool (*)(void *,_EXCEPTION_POINTERS *,MDRawAssertionInfo *)", no "struct " keyword.
  for (const [pdb, count] of [['crash.pdb', 45], ['CrashWithException.pdb', 23]] as const) {
    it(`${pdb}: ${count} of ${count}`, () => {
      const p = open('pe-pdb', pdb);
      const t = p.types!;
      const pubs = new Map(p.publics.all().filter((x) => x.name.startsWith('?')).map((x) => [x.rva, x.name]));
      const pairs: [string, string | undefined][] = [];
      for (const f of p.allFunctions()) {
        const full = pubs.has(f.rva) ? demangleMsvc(pubs.get(f.rva)!) : undefined;
        if (!full) continue;
        pairs.push([full.slice(withoutArguments(full).length).replace(/ const$/, ''), t.argumentList(f.typeIndex)]);
      }
      expect(pairs.length).toBe(count);
      expect(pairs.filter(([want, got]) => want !== got)).toEqual([]);
      const all = pairs.map(([w]) => w);
      expect(all).toContain('()');
      if (pdb === 'crash.pdb') {
        expect(all).toContain('(wchar_t const * const,unsigned int)');
        expect(all.some((a) => a.includes(',bool (*)(void *,_EXCEPTION_POINTERS *,MDRawAssertionInfo *),'))).toBe(true);
      }
    });
  }

  it('with tagKeywords, user-defined types carry their class-key (Mozilla dump_syms\' form)', () => {
    const p = open('pe-pdb', 'CrashWithException.pdb');
    const f = p.allFunctions().find((x) => x.name === 'capture_previous_context')!;
    expect(p.types!.argumentList(f.typeIndex)).toBe('(_CONTEXT *)');
    expect(p.types!.argumentList(f.typeIndex, { tagKeywords: true })).toBe('(struct _CONTEXT *)');
    expect(p.types!.typeName(p.types!.returnType(f.typeIndex)!)).toBe('void');
  });
});

describe('every corpus PDB', () => {
  const pdbs = [
    ...listCorpus('pe-pdb', '.pdb').map((f) => ['pe-pdb', f]),
    ...listCorpus('pe-pdb/rizin', '.pdb').filter((f) => f !== 'fuzzed.pdb').map((f) => ['pe-pdb/rizin', f]),
    ...listCorpus('symstore').filter((d) => d.endsWith('.pdb')).flatMap((d) => listCorpus(`symstore/${d}`).map((id) => ['symstore', d, id, d])),
  ];

  it('lists the PDBs it reads', () => {
    expect(pdbs.map((p) => p.at(-1))).toEqual([
      'CrashWithException.pdb', 'crash.pdb', 'ARM64-xcpt4.pdb', 'SimplePDB.pdb', 'exceptions-test.pdb', 'minimal.pdb',
      'vs2019_cpp_override.pdb', 'x64-xcpt4.pdb', 'x86-xcpt4.pdb', 'amdppm.pdb', 'user32.pdb',
    ]);
  });

  for (const parts of pdbs) {
    it(`${parts.at(-1)}: every type index decodes or is unknown, and every structure definition's name is its typeName`, () => {
      const t = types(...parts);
      let known = 0;
      let structs = 0;
      for (let ti = t.begin; ti < t.end; ti++) {
        const rec = t.record(ti)!;
        expect(rec, ti.toString(16)).toBeDefined();
        if (rec.kind !== 'unknown') known++;
        const name = t.typeName(ti);
        if (rec.kind === 'udt' && !(rec.property & 0x80)) {
          structs++;
          expect(name, ti.toString(16)).toBe(rec.name);
        }
      }
      if (parts.at(-1) === 'user32.pdb') {
        // A stripped public PDB: the TPI stream holds its header and no records.
        expect(t.count).toBe(0);
        expect(t.structSize('_CONTEXT')).toBeUndefined();
      } else {
        expect(structs).toBeGreaterThan(0);
        expect(known / t.count).toBeGreaterThan(0.9);
      }
    });
  }

  it('fuzzed.pdb fails to open with a DumpFormatError (before its types are reached)', () => {
    expect(() => open('pe-pdb/rizin', 'fuzzed.pdb').types).toThrow(DumpFormatError);
  });
});

describe('laziness', () => {
  it('PdbFile.types reads only the TPI header; the first question reads the records once; the reader is built once', () => {
    const src = new CountingSource(new MemoryByteSource(readCorpus('pe-pdb', 'crash.pdb')));
    const p = new PdbFile(src);
    const before = src.bytesRead;
    const t = p.types!;
    expect(src.bytesRead - before).toBe(TPI_HEADER.size);
    expect(p.types).toBe(t);
    expect(t.structSize('_CONTEXT')).toBe(0x2cc);
    const afterFirst = src.bytesRead;
    expect(afterFirst - before).toBeLessThan(p.msf.streamSize(2) + 2 * TPI_HEADER.size);
    expect(t.field('_CONTEXT', 'Eip')?.offset).toBe(0xb8);
    expect(src.bytesRead).toBe(afterFirst);
  });
});
