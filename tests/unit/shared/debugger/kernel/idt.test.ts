// !idt on synthetic x64 19041 full dumps: the builder's KiProcessorBlock gives processor 1's
// KPRCB at kernel+0x710300 (the bug-checking thread's); its KPCR is 0x180 below (_KPCR.Prcb).
// Offsets written out by hand from the public layouts (ntdiff/headers ntoskrnl.exe
// Win10_1809_RS5/x64 _KPCR.h): _KPCR.TssBase +0x8, IdtBase +0x38; _KPRCB.ProcessorState +0x100,
// SpecialRegisters.Idtr.Limit +0x166 / Base +0x168; _KIDTENTRY64 16 bytes (OffsetLow +0,
// Selector +2, IstIndex/Type/Dpl/Present word +4, OffsetMiddle +6, OffsetHigh +8);
// _KTSS64.Ist[n] at +0x1c + 8n.
import { describe, expect, it } from 'vitest';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';
import { le } from '../../../../synth/kernel/writer';
import { corpusEngine, engineFor, run } from '../helpers';

const NT = 0xfffff80000000000n;
const HAL = NT + 0x1000000n;
const PRCB1 = NT + 0x710300n;
const PCR1 = PRCB1 - 0x180n;
const IDT = 0xffffd00000040000n;
const TSS = 0xffffd00000050000n;

function entry(handler: bigint, ist: number, present = true): Uint8Array {
  const e = new Uint8Array(16);
  e.set(le(handler & 0xffffn, 2), 0);
  e.set(le(0x10n, 2), 2); // KGDT64_R0_CODE
  e.set(le(BigInt(ist | (0xe << 8) | (present ? 0x8000 : 0)), 2), 4); // interrupt gate, DPL 0
  e.set(le((handler >> 16n) & 0xffffn, 2), 6);
  e.set(le(handler >> 32n, 4), 8);
  return e;
}

/** KPRCB.InterruptObject[256] for build 19041: _KPRCB +0x3140 (ntdiff Win10_2004_20H1 ALL_SORTED.h); all NULL unless given. */
function interruptObjects(objects: Record<number, bigint> = {}): { va: bigint; bytes: Uint8Array } {
  const bytes = new Uint8Array(256 * 8);
  for (const [v, k] of Object.entries(objects)) bytes.set(le(k, 8), Number(v) * 8);
  return { va: PRCB1 + 0x3140n, bytes };
}

function dump(viaPcr: boolean): Uint8Array {
  const idt = new Uint8Array(0x1000);
  idt.set(entry(NT + 0x100100n, 0), 0x00 * 16);
  idt.set(entry(NT + 0x1004c0n, 3), 0x02 * 16); // NMI on IST 3
  idt.set(entry(NT + 0x100900n, 0, false), 0x0f * 16); // not present: left out without -a
  idt.set(entry(HAL + 0x1234n, 0), 0x50 * 16);
  const tss = new Uint8Array(0x68);
  tss.set(le(0xfffff80000790000n, 8), 0x1c + 3 * 8); // Ist[3]
  const memory = [{ va: IDT, bytes: idt }, { va: TSS, bytes: tss }, interruptObjects()];
  if (viaPcr) {
    const pcr = new Uint8Array(0x40);
    pcr.set(le(TSS, 8), 0x08); // TssBase
    pcr.set(le(IDT, 8), 0x38); // IdtBase
    memory.push({ va: PCR1, bytes: pcr });
  } else {
    const idtr = new Uint8Array(0x10);
    idtr.set(le(0x2ffn, 2), 0x6); // Limit: 48 entries
    idtr.set(le(IDT, 8), 0x8); // Base
    memory.push({ va: PRCB1 + 0x160n, bytes: idtr });
  }
  return toBytes(buildKernelDump({ type: 'full', is64: true, build: 19041, memory }));
}

describe('!idt on a synthetic x64 full dump', () => {
  it('reads KPCR.IdtBase, decodes the entries and the IST stack, leaves out vectors not present', () => {
    expect(run(engineFor(dump(true), 'synthetic-idt.dmp'), '!idt')).toBe([
      'Dumping IDT: ffffd00000040000',
      '00:\tfffff80000100100 nt+0x100100',
      '02:\tfffff800001004c0 nt+0x1004c0 Stack = 0xFFFFF80000790000',
      '50:\tfffff80001001234 hal+0x1234',
      '',
    ].join('\n'));
  });

  it('-a shows every vector; a vector shows that entry', () => {
    const engine = engineFor(dump(true), 'synthetic-idt.dmp');
    const out = run(engine, '!idt -a').split('\n');
    expect(out.length).toBe(1 + 256 + 1);
    expect(out[0x0f + 1]).toBe('0f:\tfffff80000100900 nt+0x100900');
    expect(out[0x01 + 1]).toBe('01:\t0000000000000000');
    expect(run(engine, '!idt 2')).toBe('Dumping IDT: ffffd00000040000\n02:\tfffff800001004c0 nt+0x1004c0 Stack = 0xFFFFF80000790000\n');
    expect(run(engine, '!idt 100')).toBe('Invalid vector 100: vectors are 0..ff\n');
  });

  it('falls back to KPRCB.ProcessorState.SpecialRegisters.Idtr (base and limit) when the KPCR does not say', () => {
    const out = run(engineFor(dump(false), 'synthetic-idt-prcb.dmp'), '!idt -a').split('\n');
    expect(out[0]).toBe('Dumping IDT: ffffd00000040000');
    expect(out.filter(Boolean).length).toBe(1 + 48); // Limit 0x2ff: 0x300 / 16 entries
    expect(out[3]).toBe('02:\tfffff800001004c0 nt+0x1004c0'); // no KPCR, so no TSS for the IST stack
  });
});

describe('!idt on the corpus dumps', () => {
  it('x64 small dump: the KPRCB copy gives the base, the IDT page is missing', () => {
    expect(run(corpusEngine('kernel', '083125-14875-01.dmp'), '!idt')).toBe([
      'Dumping IDT: fffff8075e668000',
      'Unable to read the IDT at fffff8075e668000',
      '    (small memory dump: it does not hold the IDT page; a kernel or complete memory dump (MEMORY.DMP) does)',
      '',
    ].join('\n'));
  });

  it('arm64 has no IDT', () => {
    expect(run(corpusEngine('kernel', 'rizinorg_triage_arm64.dmp'), '!idt')).toMatch(/^!idt: an arm64 processor has no interrupt descriptor table/);
  });
});

describe('!idt on a synthetic x86 7601 full dump', () => {
  // x86: KiProcessorBlock[1] = kernel+0x710300 (the builder's); _KPCR.PrcbData at +0x120, so the KPCR
  // is 0x120 below; _KPCR.IDT +0x38; _KIDTENTRY 8 bytes: Offset +0, Selector +2, Access +4, ExtendedOffset +6.
  const NT32 = 0x80400000n;
  const PCR = NT32 + 0x710300n - 0x120n;
  const IDT32 = 0x80b00000n;

  it('reads _KPCR.IDT and the 8-byte entries', () => {
    const idt = new Uint8Array(0x800);
    const gate = (v: number, handler: bigint, access: number, selector = 8): void => {
      idt.set(le(handler & 0xffffn, 2), v * 8);
      idt.set(le(BigInt(selector), 2), v * 8 + 2);
      idt.set(le(BigInt(access), 2), v * 8 + 4);
      idt.set(le(handler >> 16n, 2), v * 8 + 6);
    };
    gate(0x00, NT32 + 0x43360n, 0x8e00); // interrupt gate, present
    gate(0x08, 0n, 0x8500, 0x50); // task gate (double fault): a TSS selector
    gate(0x0f, NT32 + 0x44000n, 0x0e00); // not present
    const pcr = new Uint8Array(4);
    pcr.set(le(IDT32, 4), 0);
    const engine = engineFor(toBytes(buildKernelDump({
      type: 'full', is64: false, pae: true, build: 7601,
      memory: [{ va: IDT32, bytes: idt }, { va: PCR + 0x38n, bytes: pcr }],
    })), 'synthetic-idt-x86.dmp');
    expect(run(engine, '!idt')).toBe([
      'Dumping IDT: 80b00000',
      '00:\t80443360 nt+0x43360',
      '08:\t00000000 Task Selector = 0x0050',
      '',
    ].join('\n'));
  });
});
