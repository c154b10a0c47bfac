// !idt's connected vectors on a synthetic x64 19041 full dump: KPRCB.InterruptObject[256] and the
// KINTERRUPTs it points to. The builder's KiProcessorBlock[1] is kernel+0x710300 (the bug-checking
// processor's KPRCB); its KPCR is 0x180 below. Offsets written out by hand from ntdiff/headers
// Win10_2004_20H1/x64/System32/ntoskrnl.exe/ALL_SORTED.h: _KPRCB.InterruptObject +0x3140;
// _KINTERRUPT Type +0x0 (22), InterruptListEntry +0x8, ServiceRoutine +0x18,
// MessageServiceRoutine +0x20, Vector +0x58, Irql +0x5c; _KPCR.IdtBase +0x38; _KIDTENTRY64 16 bytes.
import { describe, expect, it } from 'vitest';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';
import { le } from '../../../../synth/kernel/writer';
import { engineFor, run } from '../helpers';
import { ntTypes, WIN10_20H1 } from './ntTypes';

const NT = 0xfffff80000000000n;
const HAL = NT + 0x1000000n;
const PRCB1 = NT + 0x710300n;
const PCR1 = PRCB1 - 0x180n;
const IDT = 0xffffd00000040000n;
const KI = 0xffffd00000060000n; // the KINTERRUPTs, 0x100 apart
/** nt's per-vector stub table (KiIsrThunk): vector v enters at THUNK + 8v. */
const THUNK = NT + 0x200000n;

function gate(handler: bigint): Uint8Array {
  const e = new Uint8Array(16);
  e.set(le(handler & 0xffffn, 2), 0);
  e.set(le(0x10n, 2), 2);
  e.set(le(0x8e00n, 2), 4); // present interrupt gate, DPL 0, no IST
  e.set(le((handler >> 16n) & 0xffffn, 2), 6);
  e.set(le(handler >> 32n, 4), 8);
  return e;
}

/** A _KINTERRUPT head (0x60 bytes) at `at`, its InterruptListEntry.Flink pointing at `next`'s. */
function kinterrupt(at: bigint, next: bigint, service: bigint, vector: number, message = 0n): { va: bigint; bytes: Uint8Array } {
  const b = new Uint8Array(0x60);
  b.set(le(22n, 2), 0x0); // Type: InterruptObject
  b.set(le(0x120n, 2), 0x2); // Size
  b.set(le(next + 0x8n, 8), 0x8); // InterruptListEntry.Flink
  b.set(le(at + 0x8n, 8), 0x10); // .Blink (not followed)
  b.set(le(service, 8), 0x18); // ServiceRoutine
  b.set(le(message, 8), 0x20); // MessageServiceRoutine
  b.set(le(BigInt(vector), 4), 0x58); // Vector
  b.set([0x8], 0x5c); // Irql
  return { va: at, bytes: b };
}

function dump(withObjects: boolean): Uint8Array {
  const idt = new Uint8Array(0x1000);
  idt.set(gate(NT + 0x100100n), 0x00 * 16); // KiDivideErrorFault
  idt.set(gate(NT + 0x100200n), 0x1f * 16); // KiApcInterrupt
  idt.set(gate(NT + 0x100300n), 0x30 * 16); // KiHvInterrupt: nt's own, no KINTERRUPT, not in the stub table
  for (let v = 0x31; v < 0x100; v++) idt.set(gate(THUNK + 8n * BigInt(v)), v * 16); // every other vector: its stub
  const objects = new Uint8Array(256 * 8);
  const memory: { va: bigint; bytes: Uint8Array }[] = [{ va: IDT, bytes: idt }, { va: PRCB1 + 0x3140n, bytes: objects }];
  const pcr = new Uint8Array(0x40);
  pcr.set(le(IDT, 8), 0x38); // IdtBase
  memory.push({ va: PCR1, bytes: pcr });
  if (withObjects) {
    objects.set(le(KI, 8), 0x35 * 8);
    objects.set(le(KI + 0x100n, 8), 0xb0 * 8);
    objects.set(le(KI + 0x300n, 8), 0xc0 * 8);
    memory.push(
      kinterrupt(KI, KI, HAL + 0x5000n, 0x35), // alone: its ring is itself
      kinterrupt(KI + 0x100n, KI + 0x200n, HAL + 0x2000n, 0xb0), // shared: two objects on b0
      kinterrupt(KI + 0x200n, KI + 0x100n, NT + 0x300000n, 0xb0, HAL + 0x3000n), // message-signalled
      kinterrupt(KI + 0x300n, KI + 0x400n, HAL + 0x2000n, 0xc0), // a broken ring: the second points at itself
      kinterrupt(KI + 0x400n, KI + 0x400n, HAL + 0x4000n, 0xc0),
    );
  }
  return toBytes(buildKernelDump({ type: 'full', is64: true, build: 19041, memory }));
}

const PAD = `\t${' '.repeat(17)}`;

describe('!idt with KPRCB.InterruptObject (x64 19041)', () => {
  const engine = engineFor(dump(true), 'synthetic-idt-kinterrupt.dmp');

  it('lists the kernel\'s own vectors and the connected ones with their KINTERRUPTs, not the unexpected-interrupt stubs', () => {
    expect(run(engine, '!idt')).toBe([
      'Dumping IDT: ffffd00000040000',
      '00:\tfffff80000100100 nt+0x100100',
      '1f:\tfffff80000100200 nt+0x100200',
      '30:\tfffff80000100300 nt+0x100300',
      '35:\tfffff800002001a8 hal+0x5000 (KINTERRUPT ffffd00000060000)',
      'b0:\tfffff80000200580 hal+0x2000 (KINTERRUPT ffffd00000060100)',
      `${PAD}hal+0x3000 (KINTERRUPT ffffd00000060200)`,
      'c0:\tfffff80000200600 hal+0x2000 (KINTERRUPT ffffd00000060300)',
      `${PAD}hal+0x4000 (KINTERRUPT ffffd00000060400)`,
      `${PAD}(the InterruptListEntry chain loops back to KINTERRUPT ffffd00000060400 without returning to ffffd00000060300: stopped)`,
      '',
    ].join('\n'));
  });

  it('!idt b0 shows that vector and both shared KINTERRUPTs', () => {
    expect(run(engine, '!idt b0')).toBe([
      'Dumping IDT: ffffd00000040000',
      'b0:\tfffff80000200580 hal+0x2000 (KINTERRUPT ffffd00000060100)',
      `${PAD}hal+0x3000 (KINTERRUPT ffffd00000060200)`,
      '',
    ].join('\n'));
  });

  it('-a lists every vector, the unexpected-interrupt stubs too', () => {
    const out = run(engine, '!idt -a').split('\n');
    // 256 vectors, one shared line on b0, one more object and the loop line on c0, the header, the final newline.
    expect(out.length).toBe(1 + 256 + 1 + 2 + 1);
    expect(out).toContain('36:\tfffff800002001b0 nt+0x2001b0');
    expect(out).toContain('ff:\tfffff800002007f8 nt+0x2007f8');
    expect(out).toContain('01:\t0000000000000000');
    expect(out.filter((l) => l.includes('(KINTERRUPT ')).length).toBe(5);
  });
});

describe('!idt when no vector has a KINTERRUPT', () => {
  it('still leaves out the stubs: at least 16 vectors share the stub table\'s base', () => {
    expect(run(engineFor(dump(false), 'synthetic-idt-nokinterrupt.dmp'), '!idt')).toBe([
      'Dumping IDT: ffffd00000040000',
      '00:\tfffff80000100100 nt+0x100100',
      '1f:\tfffff80000100200 nt+0x100200',
      '30:\tfffff80000100300 nt+0x100300',
      '',
    ].join('\n'));
  });
});

describe('!idt on builds without every layout checked', () => {
  /** One device vector (b0) with a KINTERRUPT, the rest stubs; InterruptObject at `objectsAt` below the KPRCB. */
  function olderDump(build: number, objectsAt: bigint): Uint8Array {
    const idt = new Uint8Array(0x1000);
    idt.set(gate(NT + 0x100100n), 0x00 * 16);
    for (let v = 0x30; v < 0x100; v++) idt.set(gate(THUNK + 8n * BigInt(v)), v * 16);
    const objects = new Uint8Array(256 * 8);
    objects.set(le(KI, 8), 0xb0 * 8);
    const pcr = new Uint8Array(0x40);
    pcr.set(le(IDT, 8), 0x38); // IdtBase
    return toBytes(buildKernelDump({
      type: 'full', is64: true, build,
      memory: [{ va: IDT, bytes: idt }, { va: PCR1, bytes: pcr }, { va: PRCB1 + objectsAt, bytes: objects }, kinterrupt(KI, KI, HAL + 0x2000n, 0xb0)],
    }));
  }

  it('17763: InterruptObject (0x2e80, ntdiff RS5) gives the KINTERRUPT; its layout is not checked there, so no routine', () => {
    expect(run(engineFor(olderDump(17763, 0x2e80n), 'synthetic-idt-17763.dmp'), '!idt')).toBe([
      'Dumping IDT: ffffd00000040000',
      '00:\tfffff80000100100 nt+0x100100',
      'b0:\tfffff80000200580 nt+0x200580 (KINTERRUPT ffffd00000060000)',
      '    (no verified _KINTERRUPT layout for amd64 build 17763 and no nt PDB with types: service routines and shared interrupts are not shown)',
      '',
    ].join('\n'));
  });

  // With the nt PDB: 17763 takes _KINTERRUPT from its types and names the service routine; 14393 also takes
  // KPRCB.InterruptObject from them, so the unexpected-interrupt stubs are left out as on 19041.
  it.each([17763, 14393])('%i with the nt PDB on the symbol path: KINTERRUPTs from its types name the service routine', (build) => {
    const types = structuredClone(WIN10_20H1);
    types._KPRCB!.fields.InterruptObject = { offset: 0x2e80, size: 0x800, typeName: 'void * [256]' };
    expect(run(engineFor(olderDump(build, 0x2e80n), `synthetic-idt-${build}.dmp`, ntTypes(types)), '!idt')).toBe([
      'Dumping IDT: ffffd00000040000',
      '00:\tfffff80000100100 nt+0x100100',
      'b0:\tfffff80000200580 hal+0x2000 (KINTERRUPT ffffd00000060000)',
      '',
    ].join('\n'));
  });

  it('14393: no checked InterruptObject offset, so every present vector is listed and the output says why', () => {
    const out = run(engineFor(olderDump(14393, 0x2e80n), 'synthetic-idt-14393.dmp'), '!idt').split('\n');
    expect(out.length).toBe(1 + 1 + 0xd0 + 1 + 1);
    expect(out).toContain('b0:\tfffff80000200580 nt+0x200580');
    expect(out.at(-2)).toBe('    (no verified KPRCB.InterruptObject offset for amd64 build 14393: no KINTERRUPTs, and vectors going to the unexpected-interrupt stubs are listed unless symbols name them)');
  });
});

describe('!idt never trusts the InterruptListEntry chain', () => {
  it('stops at an object that is not a KINTERRUPT and at one the dump lacks, and says so', () => {
    const idt = new Uint8Array(0x1000);
    for (let v = 0x30; v < 0x100; v++) idt.set(gate(THUNK + 8n * BigInt(v)), v * 16);
    const objects = new Uint8Array(256 * 8);
    objects.set(le(KI, 8), 0xd0 * 8);
    objects.set(le(0xffffd000000a0000n, 8), 0xd1 * 8); // not in the dump
    const pcr = new Uint8Array(0x40);
    pcr.set(le(IDT, 8), 0x38);
    const notInterrupt = kinterrupt(KI + 0x100n, KI, HAL + 0x3000n, 0xd0);
    notInterrupt.bytes.set(le(0n, 2), 0); // Type 0: not an interrupt object
    const engine = engineFor(toBytes(buildKernelDump({
      type: 'full', is64: true, build: 19041,
      memory: [{ va: IDT, bytes: idt }, { va: PCR1, bytes: pcr }, { va: PRCB1 + 0x3140n, bytes: objects },
        kinterrupt(KI, KI + 0x100n, HAL + 0x2000n, 0xd0), notInterrupt],
    })), 'synthetic-idt-broken.dmp');
    expect(run(engine, '!idt')).toBe([
      'Dumping IDT: ffffd00000040000',
      'd0:\tfffff80000200680 hal+0x2000 (KINTERRUPT ffffd00000060000)',
      `${PAD}(ffffd00000060100 on the InterruptListEntry chain is not a KINTERRUPT (Type is not 22): stopped)`,
      'd1:\tfffff80000200688 nt+0x200688 (KINTERRUPT ffffd000000a0000)',
      `${PAD}(KINTERRUPT ffffd000000a0000 is not in the dump)`,
      '',
    ].join('\n'));
  });
});
