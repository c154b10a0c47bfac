import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Amd64PdataUnwinder } from '../../../../../shared/analysis/unwind/amd64Pdata';
import { BreakpadCfiUnwinder } from '../../../../../shared/analysis/unwind/breakpadCfi';
import { X86StackWinUnwinder } from '../../../../../shared/analysis/unwind/x86StackWin';
import type { UnwindRequest } from '../../../../../shared/analysis/stackwalk/unwinder';
import { MemoryByteSource } from '../../../../../shared/bytes/byteSource';
import type { CpuArch, DumpModule, MemoryReader } from '../../../../../shared/dump/types';
import { parseSym } from '../../../../../shared/formats/breakpad/symFile';
import { PeImage, RuntimeFunctionTable, readUnwindInfo } from '../../../../../shared/formats/pe/index';
import { corpusPath, readCorpus } from '../../../../helpers/corpus';

/** Memory made of a few byte ranges. */
function memoryOf(ranges: { start: bigint; bytes: Uint8Array }[]): MemoryReader {
  return {
    read(a, n) {
      for (const r of ranges) {
        if (a >= r.start && a + BigInt(n) <= r.start + BigInt(r.bytes.length)) return r.bytes.subarray(Number(a - r.start), Number(a - r.start) + n);
      }
      return undefined;
    },
    regions: () => ranges.map((r) => ({ start: r.start, size: r.bytes.length })),
  };
}

/** A stack whose 8-byte word i holds a distinct recognisable value. */
function patternedStack(start: bigint, words: number, word: 4 | 8): Uint8Array {
  const b = new Uint8Array(words * word);
  const v = new DataView(b.buffer);
  for (let i = 0; i < words; i++) {
    if (word === 8) v.setBigUint64(i * 8, 0x7ff700000000n + BigInt(i) * 0x10n + (start & 0xffffn), true);
    else v.setUint32(i * 4, 0x00400000 + i * 0x10, true);
  }
  return b;
}

const mod = (name: string, base: bigint, size: number): DumpModule => ({ name, path: name, base, size, timestamp: 0 });
const req = (arch: CpuArch, module: DumpModule, rva: number, regs: Record<string, bigint>, memory: MemoryReader, isContextFrame = false): UnwindRequest =>
  ({ arch, module, rva, regs, memory, isContextFrame });

describe('x64 .pdata unwinder', () => {
  const exe = readCorpus('pe-pdb', 'CrashWithException.exe');
  const pe = PeImage.open(new MemoryByteSource(exe));
  const sym = parseSym(readFileSync(corpusPath('pe-pdb', 'CrashWithException.pdb.sym'), 'utf8'));
  const module = mod('CrashWithException.exe', 0x140000000n, pe.sizeOfImage);
  const stackBase = 0x10000n;
  const memory = memoryOf([{ start: stackBase, bytes: patternedStack(stackBase, 4096, 8) }]);
  const regs = { rsp: stackBase + 0x100n, rbp: 0x1111n, rbx: 0x2222n, rsi: 0x3333n, rdi: 0x4444n, r12: 0x5555n, rip: 0n };

  it('agrees with dump_syms\' STACK CFI (derived from the same .pdata) on rip and rsp for every function, as a caller frame', () => {
    const pdata = new Amd64PdataUnwinder(() => pe);
    const cfi = new BreakpadCfiUnwinder(() => sym);
    const table = new RuntimeFunctionTable(pe);
    let compared = 0;
    for (let i = 0; i < table.count; i++) {
      const f = table.at(i);
      // A return address inside the function, past its prologue.
      const rva = f.end - 1;
      const a = pdata.unwind(req('amd64', module, rva, { ...regs, rip: module.base + BigInt(rva) }, memory));
      const b = cfi.unwind(req('amd64', module, rva, { ...regs, rip: module.base + BigInt(rva) }, memory));
      if (!b) continue; // dump_syms writes no CFI for a few chained/frame-register entries
      expect(a, `function at ${f.begin.toString(16)}`).toBeDefined();
      expect({ rip: a!.regs.rip, rsp: a!.regs.rsp }).toEqual({ rip: b.regs.rip, rsp: b.regs.rsp });
      // dump_syms' x64 CFI has only .cfa/.ra rules: saved registers are checked in the next test.
      expect(a!.trust).toBe('cfi');
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('function at 0x1010 (sub rsp,30h; push rdi/rsi/rbx): the caller is 80 bytes up, registers from the pushes', () => {
    const pdata = new Amd64PdataUnwinder(() => pe);
    const sp = regs.rsp;
    const word = (off: bigint) => memory.read(sp + off, 8)!;
    const le = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
    const r = pdata.unwind(req('amd64', module, 0x1050, regs, memory))!;
    expect(r.regs.rsp).toBe(sp + 80n);
    expect(r.regs.rip).toBe(le(word(72n)));
    expect(r.regs.rdi).toBe(le(word(48n)));
    expect(r.regs.rsi).toBe(le(word(56n)));
    expect(r.regs.rbx).toBe(le(word(64n)));
  });

  it('context frame at the first prologue byte: nothing has run, the return address is at rsp', () => {
    const pdata = new Amd64PdataUnwinder(() => pe);
    const r = pdata.unwind(req('amd64', module, 0x1010, regs, memory, true))!;
    expect(r.regs.rsp).toBe(regs.rsp + 8n);
    expect(r.regs.rip).toBe(new DataView(memory.read(regs.rsp, 8)!.slice().buffer).getBigUint64(0, true));
    expect(r.regs.rbx).toBe(regs.rbx);
  });

  it('context frame inside the epilogue of 0x1010 (add rsp,30h; pop rdi; pop rsi; pop rbx; ret): emulated, not unwound by codes', () => {
    const pdata = new Amd64PdataUnwinder(() => pe);
    const le = (a: bigint) => new DataView(memory.read(a, 8)!.slice().buffer).getBigUint64(0, true);
    const epilog = 0x1065 - 8; // the function's last 8 bytes: 48 83 c4 30 5f 5e 5b c3
    expect(Array.from(pe.bytesAt(epilog, 8, 'test'))).toEqual([0x48, 0x83, 0xc4, 0x30, 0x5f, 0x5e, 0x5b, 0xc3]);
    const sp = regs.rsp;
    // At "add rsp": the same answer as unwinding the body (the frame is intact).
    const atAdd = pdata.unwind(req('amd64', module, epilog, regs, memory, true))!;
    expect(atAdd.regs).toEqual(pdata.unwind(req('amd64', module, 0x1050, regs, memory))!.regs);
    // At "pop rsi": rsp is past the allocation and rdi; the unwind codes would pop 48 bytes too many.
    const atPopRsi = pdata.unwind(req('amd64', module, epilog + 5, { ...regs, rsp: sp + 56n }, memory, true))!;
    expect(atPopRsi.regs.rsi).toBe(le(sp + 56n));
    expect(atPopRsi.regs.rbx).toBe(le(sp + 64n));
    expect(atPopRsi.regs.rip).toBe(le(sp + 72n));
    expect(atPopRsi.regs.rsp).toBe(sp + 80n);
    // At "ret": only the return address is left.
    const atRet = pdata.unwind(req('amd64', module, epilog + 7, { ...regs, rsp: sp + 72n }, memory, true))!;
    expect(atRet.regs.rip).toBe(le(sp + 72n));
    expect(atRet.regs.rsp).toBe(sp + 80n);
  });

  it('reads .pdata from the image mapped in the dump when no PE file is given', () => {
    const img = new Uint8Array(pe.sizeOfImage);
    img.set(exe.subarray(0, pe.sections[0]!.rawOffset));
    for (const s of pe.sections) img.set(exe.subarray(s.rawOffset, s.rawOffset + Math.min(s.rawSize, s.virtualSize)), s.virtualAddress);
    const withImage = memoryOf([{ start: stackBase, bytes: patternedStack(stackBase, 4096, 8) }, { start: module.base, bytes: img }]);
    const fromMemory = new Amd64PdataUnwinder().unwind(req('amd64', module, 0x1050, regs, withImage));
    const fromFile = new Amd64PdataUnwinder(() => pe).unwind(req('amd64', module, 0x1050, regs, withImage));
    expect(fromMemory).toEqual(fromFile);
    expect(new Amd64PdataUnwinder().unwind(req('amd64', module, 0x1050, regs, memory))).toBeUndefined();
  });

  it('a chained UNWIND_INFO that points back at itself ends the unwind (no hang), and bad codes are format errors', () => {
    const bytes = exe.slice();
    const hostile = PeImage.open(new MemoryByteSource(bytes));
    const fn = new RuntimeFunctionTable(hostile).find(0x1050)!;
    const off = hostile.rvaToOffset(fn.unwindInfoRva)!;
    const dv = new DataView(bytes.buffer);
    const codes = bytes[off + 2]!;
    dv.setUint8(off, 1 | (4 << 3)); // version 1, UNW_FLAG_CHAININFO
    const chain = off + 4 + ((codes + 1) & ~1) * 2;
    dv.setUint32(chain, fn.begin, true);
    dv.setUint32(chain + 4, fn.end, true);
    dv.setUint32(chain + 8, fn.unwindInfoRva, true);
    expect(new Amd64PdataUnwinder(() => hostile).unwind(req('amd64', module, 0x1050, regs, memory))).toBeUndefined();
    dv.setUint8(off, 3); // version 3 does not exist
    expect(() => readUnwindInfo(hostile, fn.unwindInfoRva)).toThrow(expect.objectContaining({ code: 'BadVersion' }));
    // An ALLOC_LARGE as the last code needs slots that are not there.
    dv.setUint8(off, 1);
    dv.setUint8(off + 2, 1);
    dv.setUint8(off + 4 + 1, 0x01); // UWOP_ALLOC_LARGE, info 0: size in the next slot
    expect(() => readUnwindInfo(hostile, fn.unwindInfoRva)).toThrow(expect.objectContaining({ code: 'Truncated' }));
  });

  it('has no answer outside .pdata, for other architectures, or when the stack is unreadable', () => {
    const pdata = new Amd64PdataUnwinder(() => pe);
    expect(pdata.unwind(req('amd64', module, 0x1005, regs, memory))).toBeUndefined();
    expect(pdata.unwind(req('x86', module, 0x1050, regs, memory))).toBeUndefined();
    expect(pdata.unwind(req('amd64', module, 0x1050, { ...regs, rsp: 0x900000n }, memory))).toBeUndefined();
  });
});

describe('x86 STACK WIN unwinder', () => {
  const module = mod('app.exe', 0x400000n, 0x10000);
  const isCode = (a: bigint) => a >= 0x400000n && a < 0x410000n;
  const esp = 0x12f000n;
  const stack = new Uint8Array(0x100);
  const dv = new DataView(stack.buffer);
  const memory = memoryOf([{ start: esp, bytes: stack }]);

  it('frame data (type 4) program string: $T0 .raSearch, return address and caller esp; .cbCalleeParams passed on', () => {
    // locals 8, saved regs 4 → .raSearchStart = esp + 12
    dv.setUint32(12, 0x401234, true);
    const sym = parseSym([
      'MODULE windows x86 00 app.pdb',
      'STACK WIN 4 1000 100 4 0 c 4 8 0 1 $T0 .raSearch = $eip $T0 ^ = $esp $T0 4 + =',
      'STACK WIN 4 1200 100 0 0 0 0 0 0 1 $T0 .raSearch = $eip $T0 ^ = $esp $T0 4 + =',
    ].join('\n'));
    const u = new X86StackWinUnwinder(() => sym, isCode);
    const r = u.unwind(req('x86', module, 0x1050, { esp, ebp: 0x12f080n, eip: 0x401050n }, memory))!;
    expect(r.trust).toBe('cfi');
    expect(r.regs.eip).toBe(0x401234n);
    expect(r.regs.esp).toBe(esp + 16n);
    expect(Object.keys(r.regs).sort()).toEqual(['ebp', 'eip', 'esp']);
    // Unwinding that caller next: .cbCalleeParams is the 0xc bytes of the function just left.
    // Its return address is 0xc bytes above its esp (esp+16+0xc); a code-like word at esp+16 must be skipped.
    dv.setUint32(0x10, 0x406666, true);
    dv.setUint32(0x10 + 0xc, 0x405555, true);
    const caller = u.unwind(req('x86', module, 0x1234, { esp: r.regs.esp!, ebp: r.regs.ebp!, eip: r.regs.eip! }, memory))!;
    expect(caller.regs.eip).toBe(0x405555n);
    expect(caller.regs.esp).toBe(esp + 0x20n);
  });

  it('FPO (type 0) without a frame pointer: stock program, %ebp carried through', () => {
    dv.setUint32(0x10, 0x402000, true);
    const sym = parseSym('MODULE windows x86 00 app.pdb\nSTACK WIN 0 2000 40 0 0 0 0 10 0 0 0\n');
    const u = new X86StackWinUnwinder(() => sym, isCode);
    const r = u.unwind(req('x86', module, 0x2010, { esp, ebp: 0x12f080n, eip: 0x402010n }, memory))!;
    expect(r.regs).toMatchObject({ eip: 0x402000n, esp: esp + 0x14n, ebp: 0x12f080n });
  });

  it('a return address that is not code is searched for higher up (trust becomes scan)', () => {
    stack.fill(0);
    dv.setUint32(0, 0xdead, true); // .raSearchStart word: not code
    dv.setUint32(0x18, 0x403333, true);
    const sym = parseSym('MODULE windows x86 00 app.pdb\nSTACK WIN 4 3000 40 0 0 0 0 0 0 1 $T0 .raSearch = $eip $T0 ^ = $esp $T0 4 + =\n');
    const u = new X86StackWinUnwinder(() => sym, (a) => a === 0x403333n);
    const r = u.unwind(req('x86', module, 0x3010, { esp, ebp: 0n, eip: 0x403010n }, memory))!;
    expect(r.trust).toBe('scan');
    expect(r.regs.eip).toBe(0x403333n);
    expect(r.regs.esp).toBe(esp + 0x1cn);
  });

  it('no record, wrong architecture or a failing program: no answer (the walker falls back)', () => {
    const sym = parseSym('MODULE windows x86 00 app.pdb\nSTACK WIN 4 3000 40 0 0 0 0 0 0 1 $eip $nope ^ =\n');
    const u = new X86StackWinUnwinder(() => sym, isCode);
    expect(u.unwind(req('x86', module, 0x5000, { esp, ebp: 0n }, memory))).toBeUndefined();
    expect(u.unwind(req('amd64', module, 0x3010, { esp, ebp: 0n }, memory))).toBeUndefined();
    expect(u.unwind(req('x86', module, 0x3010, { esp, ebp: 0n }, memory))).toBeUndefined();
  });
});

describe('Breakpad STACK CFI unwinder on arm64', () => {
  it('follows INIT then delta rules, x29/x30 naming, looking up callers one byte back', () => {
    const sym = parseSym([
      'MODULE windows arm64 00 a.pdb',
      'STACK CFI INIT 1000 40 .cfa: sp 0 + .ra: x30',
      'STACK CFI 1008 .cfa: sp 16 + x29: .cfa -16 + ^ .ra: .cfa -8 + ^',
    ].join('\n'));
    const module = mod('a.dll', 0x10000000n, 0x10000);
    const sp = 0x8000n;
    const stack = new Uint8Array(32);
    new DataView(stack.buffer).setBigUint64(0, 0x7000n, true); // saved x29
    new DataView(stack.buffer).setBigUint64(8, 0x10002000n, true); // saved x30
    const memory = memoryOf([{ start: sp, bytes: stack }]);
    const u = new BreakpadCfiUnwinder(() => sym);
    const leaf = u.unwind(req('arm64', module, 0x1004, { sp, pc: 0x10001004n, x30: 0x10003000n, x29: 1n }, memory, true))!;
    expect(leaf.regs).toMatchObject({ pc: 0x10003000n, sp });
    const body = u.unwind(req('arm64', module, 0x1011, { sp, pc: 0x10001011n, x30: 0n, x29: 1n }, memory))!;
    expect(body.regs).toMatchObject({ pc: 0x10002000n, sp: sp + 16n, x29: 0x7000n });
    // rva 0x1009 is a return address: rules at 0x1008 apply.
    expect(u.unwind(req('arm64', module, 0x1009, { sp, x30: 0n, x29: 1n }, memory))!.regs.pc).toBe(0x10002000n);
  });
});
