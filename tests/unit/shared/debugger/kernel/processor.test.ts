// !pcr and !prcb on a synthetic full dump (19041 x64) whose KPCR, KPRCB and two queued KDPCs are
// laid out by hand: offsets written out from ntdiff's x64 ntoskrnl _KPCR head (GdtBase 0, TssBase 8,
// UserRsp 0x10, Self 0x18, CurrentPrcb 0x20, LockArray 0x28, Used_Self 0x30, IdtBase 0x38, Irql 0x50,
// MajorVersion 0x60, MinorVersion 0x62, Prcb 0x180), its 0xaf00-byte _KPRCB (CurrentThread 8,
// NextThread 0x10, IdleThread 0x18, Number 0x24, GroupSetMember 0xc8, Group 0xd0, GroupIndex 0xd1,
// DpcData 0x30c0, InterruptCount 0x7e80 … InterruptTime 0x7e90) and wdm.h's x64 _KDPC (DpcListEntry 8,
// DeferredRoutine 0x18), not imported from the code under test; and on the corpus small dump.
import { describe, expect, it } from 'vitest';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';
import { le } from '../../../../synth/kernel/writer';
import { corpusEngine, engineFor, run } from '../helpers';

const KERN = 0xfffff80000000000n;
const PCR = 0xfffff80001000000n;
const PRCB = PCR + 0x180n;
const BLOCK = PCR - 0x1000n; // our KiProcessorBlock[1]
const DPC1 = PCR - 0x800n;
const DPC2 = PCR - 0x700n;
const THREAD = 0xffffd00000002000n;
const IDLE = 0xfffff80000712000n;

function put(b: Uint8Array, off: number, value: bigint, n = 8): void {
  b.set(le(value, n), off);
}

/** KPCR + KPRCB (0x180 + 0xaf00 bytes) at PCR; `dpcs` queues DPC1 → DPC2 on DpcData[0]. */
function pcrBytes(dpcs: boolean): Uint8Array {
  const b = new Uint8Array(0x180 + 0xaf00);
  put(b, 0x00, 0xfffff80001009000n); // GdtBase (NtTib.ExceptionList)
  put(b, 0x08, 0xfffff80001008000n); // TssBase (NtTib.StackBase)
  put(b, 0x10, 0x14e4f8n); // UserRsp (NtTib.StackLimit)
  put(b, 0x18, PCR); // Self
  put(b, 0x20, PRCB); // CurrentPrcb (NtTib.Version is its low ULONG)
  put(b, 0x28, PCR + 0x870n); // LockArray
  put(b, 0x30, 0x7ff5e000n); // Used_Self
  put(b, 0x38, 0xfffff8000100a000n); // IdtBase
  b[0x50] = 2; // Irql = DISPATCH_LEVEL
  put(b, 0x60, 1n, 2); // MajorVersion
  put(b, 0x62, 1n, 2); // MinorVersion
  const p = 0x180;
  put(b, p + 0x08, THREAD); // CurrentThread
  put(b, p + 0x10, 0n); // NextThread
  put(b, p + 0x18, IDLE); // IdleThread
  put(b, p + 0x24, 0n, 4); // Number
  put(b, p + 0xc8, 1n); // GroupSetMember
  b[p + 0xd0] = 0; // Group
  b[p + 0xd1] = 0; // GroupIndex
  if (dpcs) {
    put(b, p + 0x30c0, DPC1 + 8n); // DpcData[0].DpcList.ListHead.Next → DPC1.DpcListEntry
    put(b, p + 0x30c8, DPC2 + 8n); // DpcList.LastEntry
  } else {
    put(b, p + 0x30c8, PRCB + 0x30c0n); // empty: LastEntry points at ListHead
  }
  put(b, p + 0x7e80, 0x1234n, 4); // InterruptCount
  put(b, p + 0x7e84, 0x6d81n, 4); // KernelTime
  put(b, p + 0x7e88, 0xe42n, 4); // UserTime
  put(b, p + 0x7e8c, 0x3ban, 4); // DpcTime
  put(b, p + 0x7e90, 0x10b9n, 4); // InterruptTime
  return b;
}

function dpcBytes(next: bigint, routine: bigint): Uint8Array {
  const b = new Uint8Array(0x40);
  b[0] = 0x13; // Type = DpcObject
  put(b, 0x08, next); // DpcListEntry.Next
  put(b, 0x18, routine); // DeferredRoutine
  return b;
}

function dump(dpcs: boolean, loop = false): Uint8Array {
  return toBytes(buildKernelDump({
    type: 'full', is64: true, build: 19041, processors: 1,
    kdbgFields: { KiProcessorBlock: BLOCK },
    memory: [
      { va: BLOCK, bytes: le(PRCB, 8) },
      { va: PCR, bytes: pcrBytes(dpcs) },
      { va: DPC1, bytes: dpcBytes(DPC2 + 8n, KERN + 0x1234n) },
      { va: DPC2, bytes: dpcBytes(loop ? DPC1 + 8n : 0n, KERN + 0x2000n) },
    ],
  }));
}

describe('!pcr on a dump holding the KPCR (synthetic full dump, 19041 x64)', () => {
  const engine = engineFor(dump(true), 'synthetic-full.dmp');

  it('prints the KPCR head in WinDbg\'s layout from the x64 _KPCR fields', () => {
    expect(run(engine, '!pcr 0')).toBe([
      'KPCR for Processor 0 at fffff80001000000:',
      '    Major 1 Minor 1',
      '\tNtTib.ExceptionList: fffff80001009000',
      '\t    NtTib.StackBase: fffff80001008000',
      '\t   NtTib.StackLimit: 000000000014e4f8',
      '\t NtTib.SubSystemTib: fffff80001000000',
      '\t      NtTib.Version: 0000000001000180',
      '\t  NtTib.UserPointer: fffff80001000870',
      '\t      NtTib.SelfTib: 000000007ff5e000',
      '',
      '\t            SelfPcr: fffff80001000000',
      '\t               Prcb: fffff80001000180',
      '\t               Irql: 0000000000000002',
      '\t                IRR: 0000000000000000',
      '\t                IDR: 0000000000000000',
      '\t      InterruptMode: 0000000000000000',
      '\t                IDT: fffff8000100a000',
      '\t                GDT: fffff80001009000',
      '\t                TSS: fffff80001008000',
      '',
      '\t      CurrentThread: ffffd00000002000',
      '\t         NextThread: 0000000000000000',
      '\t         IdleThread: fffff80000712000',
      '',
      '\t          DpcQueue:  0xfffff80000fff800 0xfffff80000001234 nt+0x1234 0xfffff80000fff900 0xfffff80000002000 nt+0x2000',
      '',
    ].join('\n'));
  });

  it('an empty DPC queue leaves the line empty', () => {
    const out = run(engineFor(dump(false)), '!pcr').split('\n');
    expect(out).toContain('\t          DpcQueue: ');
    expect(out).toContain('\t               Irql: 0000000000000002');
  });

  it('a DPC list that loops is cut and said so', () => {
    const out = run(engineFor(dump(true, true)), '!pcr').split('\n');
    const line = out.find((l) => l.includes('DpcQueue'));
    expect(line).toBe('\t          DpcQueue:  0xfffff80000fff800 0xfffff80000001234 nt+0x1234 0xfffff80000fff900 0xfffff80000002000 nt+0x2000');
    expect(out[out.indexOf(line!) + 1]).toMatch(/^ {4}\(this dump does not hold the rest of the DPC list \(the link at fffff80000fff808 /);
  });
});

describe('!prcb on a dump holding the KPCR (synthetic full dump, 19041 x64)', () => {
  it('prints IRQL, threads, processor number, interrupt count and times', () => {
    expect(run(engineFor(dump(true)), '!prcb 0')).toBe([
      'PRCB for Processor 0 at fffff80001000180:',
      'Current IRQL -- 2',
      'Threads--  Current ffffd00000002000 Next 0000000000000000 Idle fffff80000712000',
      'Processor Index 0 Number (0, 0) GroupSetMember 1',
      'Interrupt Count -- 00001234',
      'Times -- Dpc    000003ba Interrupt 000010b9 ',
      '         Kernel 00006d81 User      00000e42 ',
      '',
    ].join('\n'));
  });
});

describe('!prcb and !pcr on the corpus small dump (x64 19041)', () => {
  const engine = corpusEngine('kernel', '083125-14875-01.dmp');

  it('!prcb reads the KPRCB copy: the bug-checking thread WinDbg\'s !thread shows, and plausible tick counts', () => {
    const out = run(engine, '!prcb').split('\n');
    expect(out[0]).toBe('PRCB for Processor 0 at fffff8075ad55180:');
    expect(out).toContain('Threads--  Current ffffd20bfc13c080 Next 0000000000000000 Idle fffff8075c935a00');
    expect(out).toContain('Processor Index 0 Number (0, 0) GroupSetMember 1');
    expect(out).toContain('Interrupt Count -- 0010bebd');
    // One processor: its kernel + user ticks (0x6d81 + 0xe42 = 31683) are the uptime in ticks, the
    // "Wait Start TickCount 31683" WinDbg's !thread prints for the running thread.
    expect(out).toContain('         Kernel 00006d81 User      00000e42 ');
    expect(out[1]).toBe('Current IRQL -- ?');
  });

  it('!pcr says the small dump lacks the KPCR head, and still prints the KPRCB part', () => {
    const out = run(engine, '!pcr').split('\n');
    expect(out[0]).toBe('KPCR for Processor 0 at fffff8075ad55000:');
    expect(out[1]).toMatch(/^ {4}\(small memory dump: it does not hold the KPCR header/);
    expect(out).toContain('\t      CurrentThread: ffffd20bfc13c080');
    expect(out).toContain('\t          DpcQueue: ');
  });
});

describe('!pcr on an x86 dump holding the KPCR (synthetic full dump, 1809 x86)', () => {
  // ntdiff Win10_1809_RS5 x86 _KPCR: NtTib 0..0x1c, SelfPcr 0x1c, Prcb 0x20, Irql 0x24, IRR 0x28, IDR 0x30,
  // IDT 0x38, GDT 0x3c, TSS 0x40, MajorVersion 0x44, MinorVersion 0x46, InterruptMode 0xd4, PrcbData 0x120.
  const PCR32 = 0x80a00000n;
  const PRCB32 = PCR32 + 0x120n;
  const BLOCK32 = PCR32 - 0x1000n;

  it('!pcr prints NtTib, IRR, IDR and InterruptMode from the x86 fields (8-digit pointers); !prcb the x86 KPRCB counters', () => {
    const b = new Uint8Array(0x120);
    put(b, 0x00, 0x8078c2f0n, 4); // NtTib.ExceptionList
    put(b, 0x04, 0x8078d000n, 4); // NtTib.StackBase
    put(b, 0x08, 0x8078a000n, 4); // NtTib.StackLimit
    put(b, 0x18, PCR32, 4); // NtTib.Self
    put(b, 0x1c, PCR32, 4); // SelfPcr
    put(b, 0x20, PRCB32, 4); // Prcb
    b[0x24] = 0x1f; // Irql = HIGH_LEVEL
    put(b, 0x28, 0x4n, 4); // IRR
    put(b, 0x30, 0xffffffffn, 4); // IDR
    put(b, 0x38, 0x80b00000n, 4); // IDT
    put(b, 0x3c, 0x80b01000n, 4); // GDT
    put(b, 0x40, 0x80b02000n, 4); // TSS
    put(b, 0x44, 1n, 2); // MajorVersion
    put(b, 0x46, 1n, 2); // MinorVersion
    put(b, 0xd4, 0x1n, 4); // InterruptMode
    // _KPRCB (ntdiff 1809 x86) at +0x120: GroupIndex 0x3c4, Group 0x3c5, GroupSetMember 0x3c8 (ULONG), Number 0x3cc,
    // InterruptCount 0x4a0, KernelTime 0x4a4, UserTime 0x4a8, DpcTime 0x4ac, DpcTimeCount 0x4b0, InterruptTime 0x4b4.
    const p = new Uint8Array(0x4c0);
    p[0x3c4] = 0; // GroupIndex
    p[0x3c5] = 0; // Group
    put(p, 0x3c8, 1n, 4); // GroupSetMember
    put(p, 0x3cc, 0n, 4); // Number
    put(p, 0x4a0, 0x2222n, 4); // InterruptCount
    put(p, 0x4a4, 0x500n, 4); // KernelTime
    put(p, 0x4a8, 0x60n, 4); // UserTime
    put(p, 0x4ac, 0x7n, 4); // DpcTime
    put(p, 0x4b0, 0x99999n, 4); // DpcTimeCount: not a time !prcb prints
    put(p, 0x4b4, 0x8n, 4); // InterruptTime
    const engine = engineFor(toBytes(buildKernelDump({
      type: 'full', is64: false, pae: true, build: 17763, processors: 1,
      kdbgFields: { KiProcessorBlock: BLOCK32 },
      memory: [{ va: BLOCK32, bytes: le(PRCB32, 4) }, { va: PCR32, bytes: b }, { va: PRCB32, bytes: p }],
    })), 'synthetic-x86.dmp');
    expect(run(engine, '!prcb 0').split('\n').slice(3, 7)).toEqual([
      'Processor Index 0 Number (0, 0) GroupSetMember 1',
      'Interrupt Count -- 00002222',
      'Times -- Dpc    00000007 Interrupt 00000008 ',
      '         Kernel 00000500 User      00000060 ',
    ]);
    expect(run(engine, '!pcr 0').split('\n').slice(0, 19)).toEqual([
      'KPCR for Processor 0 at 80a00000:',
      '    Major 1 Minor 1',
      '\tNtTib.ExceptionList: 8078c2f0',
      '\t    NtTib.StackBase: 8078d000',
      '\t   NtTib.StackLimit: 8078a000',
      '\t NtTib.SubSystemTib: 00000000',
      '\t      NtTib.Version: 00000000',
      '\t  NtTib.UserPointer: 00000000',
      '\t      NtTib.SelfTib: 80a00000',
      '',
      '\t            SelfPcr: 80a00000',
      '\t               Prcb: 80a00120',
      '\t               Irql: 0000001f',
      '\t                IRR: 00000004',
      '\t                IDR: ffffffff',
      '\t      InterruptMode: 00000001',
      '\t                IDT: 80b00000',
      '\t                GDT: 80b01000',
      '\t                TSS: 80b02000',
    ]);
  });
});
