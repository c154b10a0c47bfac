// KDDEBUGGER_DATA64's offsets block, the built-in layout table and how the two combine,
// on hand-built byte blocks (offsets written out from WDBGEXTS.H, not imported).
import { describe, expect, it } from 'vitest';
import { parseKdbgOffsets } from '../../../../../shared/debugger/kernel/kdbgOffsets';
import { resolveLayout, tableBuilds } from '../../../../../shared/debugger/kernel/layouts';
import { selfBase } from '../../../../../shared/debugger/kernel/processor';
import { le } from '../../../../synth/kernel/writer';

/** A KDDEBUGGER_DATA64 of `size` bytes with the 'KDBG' tag and the given u16/u32 fields. */
function block(size: number, fields: [at: number, value: number, width: 2 | 4][], declared = size): Uint8Array {
  const b = new Uint8Array(size);
  b.set([0x4b, 0x44, 0x42, 0x47], 0x10); // OwnerTag 'KDBG'
  b.set(le(BigInt(declared), 4), 0x14); // Size
  for (const [at, v, w] of fields) b.set(le(BigInt(v), w), at);
  return b;
}

describe('parseKdbgOffsets', () => {
  it('reads the offsets block and the Windows 8+ additions', () => {
    const o = parseKdbgOffsets(block(0x380, [
      [0x29a, 0xf0, 2], // OffsetKThreadTeb
      [0x2a0, 0xb8, 2], // OffsetKThreadApcProcess
      [0x2c0, 0x898, 2], // SizeEThread
      [0x2e6, 0x180, 2], // OffsetPcrContainedPrcb
      [0x340, 0x30, 4], // OffsetKThreadStackLimit
      [0x34c, 0x4b0, 4], // OffsetEThreadIrpList
      [0x35c, 0x283, 2], // OffsetKThreadWaitReason
    ]));
    expect(o).toEqual({ kthreadTeb: 0xf0, kthreadApcProcess: 0xb8, sizeEThread: 0x898, pcrContainedPrcb: 0x180, kthreadStackLimit: 0x30, ethreadIrpList: 0x4b0, kthreadWaitReason: 0x283 });
  });

  it('ignores fields past the block\'s Size (a Windows 7 block has no Windows 8 additions)', () => {
    const o = parseKdbgOffsets(block(0x380, [[0x2a0, 0xb8, 2], [0x340, 0x30, 4]], 0x340));
    expect(o).toEqual({ kthreadApcProcess: 0xb8 });
  });

  it('refuses a block without the KDBG tag (encoded or not a block)', () => {
    const b = block(0x380, [[0x2a0, 0xb8, 2]]);
    b[0x10] = 0;
    expect(parseKdbgOffsets(b)).toBeUndefined();
  });
});

describe('resolveLayout', () => {
  it('the dump\'s block wins over the table', () => {
    const l = resolveLayout('amd64', 19041, { kthreadTeb: 0x123, sizeEThread: 0x500 });
    expect(l.kthread.teb).toBe(0x123);
    expect(l.sizes.ethread).toBe(0x500);
    // Fields the block does not carry come from the table (public 19041 _KTHREAD: Priority at 0xc3).
    expect(l.kthread.priority).toBe(0xc3);
    expect(l.ethread.cid).toBe(0x478);
    expect(l.sources).toEqual(['KDDEBUGGER_DATA64', 'built-in table amd64 19041']);
  });

  it('a build the table does not hold gets only the block\'s fields, never a neighbour\'s', () => {
    const l = resolveLayout('amd64', 19000, { kthreadTeb: 0xf0 });
    expect(l.kthread.teb).toBe(0xf0);
    expect(l.kthread.priority).toBeUndefined();
    expect(l.ethread.cid).toBeUndefined();
    expect(l.sources).toEqual(['KDDEBUGGER_DATA64']);
  });

  it('the table lists only checked builds', () => {
    expect(tableBuilds().map((r) => `${r.arch} ${r.build}`)).toEqual(['amd64 19041', 'amd64 17763', 'amd64 18362', 'amd64 18363', 'amd64 17134', 'amd64 16299', 'amd64 15063', 'amd64 14393', 'amd64 9600', 'amd64 22621', 'amd64 22631', 'amd64 7601', 'amd64 6001', 'amd64 6002', 'x86 17763', 'x86 7601', 'x86 2600']);
  });

  it('19041 x64 KPRCB: the !prcb counters (ntdiff _KPRCB of size 0xaf00)', () => {
    const l = resolveLayout('amd64', 19041, undefined);
    expect([l.prcb.groupSetMember, l.prcb.group, l.prcb.groupIndex, l.prcb.dpcData]).toEqual([0xc8, 0xd0, 0xd1, 0x30c0]);
    expect([l.prcb.interruptCount, l.prcb.kernelTime, l.prcb.userTime, l.prcb.dpcTime, l.prcb.interruptTime]).toEqual([0x7e80, 0x7e84, 0x7e88, 0x7e8c, 0x7e90]);
  });

  it('x64 KPCR head: GdtBase 0, TssBase 8, Self 0x18, CurrentPrcb 0x20, IdtBase 0x38, Irql 0x50; the block\'s SelfPcr/CurrentPrcb win', () => {
    expect(resolveLayout('amd64', 17763, undefined).pcr).toEqual({ ntTib: 0, gdt: 0, tss: 8, selfPcr: 0x18, prcb: 0x20, idt: 0x38, irql: 0x50, majorVersion: 0x60, minorVersion: 0x62 });
    expect(resolveLayout('amd64', 19041, { pcrSelfPcr: 0x118, pcrCurrentPrcb: 0x120 }).pcr).toMatchObject({ selfPcr: 0x118, prcb: 0x120, irql: 0x50 });
    // x86 (ntdiff 1809 x86 _KPCR): SelfPcr 0x1c, Prcb 0x20, Irql 0x24, IRR 0x28, IDR 0x30, IDT 0x38, GDT 0x3c, TSS 0x40, InterruptMode 0xd4.
    expect(resolveLayout('x86', 2600, undefined).pcr).toEqual({
      ntTib: 0, selfPcr: 0x1c, prcb: 0x20, irql: 0x24, irr: 0x28, idr: 0x30, idt: 0x38, gdt: 0x3c, tss: 0x40, majorVersion: 0x44, minorVersion: 0x46, interruptMode: 0xd4,
    });
    expect(resolveLayout('x86', 17763, undefined).pcrContainedPrcb).toBe(0x120);
    expect(resolveLayout('arm64', 22000, undefined).pcr).toBeUndefined();
  });

  it('1809 x64 (ntdiff Win10_1809_RS5): 19041 KTHREAD offsets, its own ETHREAD/EPROCESS/KPRCB', () => {
    const l = resolveLayout('amd64', 17763, undefined);
    // _KTHREAD: InitialStack 0x28, KernelStack 0x58, Priority 0xc3, Teb 0xf0, State 0x184, NextProcessor 0x218, Process 0x220, WaitReason 0x283.
    expect([l.kthread.initialStack, l.kthread.kernelStack, l.kthread.priority, l.kthread.teb, l.kthread.state, l.kthread.nextProcessor, l.kthread.process, l.kthread.waitReason])
      .toEqual([0x28, 0x58, 0xc3, 0xf0, 0x184, 0x218, 0x220, 0x283]);
    expect(l.kthread.alertable).toEqual({ offset: 0x74, bit: 4 });
    // _ETHREAD: Cid 0x638, IrpList 0x670, Win32StartAddress 0x690, ThreadListEntry 0x6a8, CrossThreadFlags 0x6d0 (bits 3, 9, 12).
    expect([l.ethread.cid, l.ethread.irpList, l.ethread.win32StartAddress, l.ethread.threadListEntry]).toEqual([0x638, 0x670, 0x690, 0x6a8]);
    expect(l.ethread.crossThreadFlags).toEqual({ offset: 0x6d0, impersonationBit: 3, ioPriorityBit: 9, pagePriorityBit: 12 });
    // _EPROCESS: UniqueProcessId 0x2e0, ActiveProcessLinks 0x2e8, Peb 0x3f8, ImageFileName 0x450, ThreadListHead 0x488, Flags3 0x6cc.
    expect([l.eprocess.uniqueProcessId, l.eprocess.activeProcessLinks, l.eprocess.peb, l.eprocess.imageFileName, l.eprocess.threadListHead, l.eprocess.flags3])
      .toEqual([0x2e0, 0x2e8, 0x3f8, 0x450, 0x488, 0x6cc]);
    // _KPRCB: InterruptCount 0x5b80, DpcData 0x2e00, size 0x7ec0.
    expect([l.prcb.interruptCount, l.prcb.dpcData, l.sizes.prcb, l.sizes.ethread, l.sizes.eprocess]).toEqual([0x5b80, 0x2e00, 0x7ec0, 0x810, 0x850]);
    // The dump's block still wins.
    expect(resolveLayout('amd64', 17763, { kthreadTeb: 0x124, eprocessPeb: 0x400 })).toMatchObject({ kthread: { teb: 0x124 }, eprocess: { peb: 0x400 } });
  });

  it('1803 x64 (ntdiff Win10_1803_RS4): the 1809 offsets, ETHREAD 0x818 bytes', () => {
    const l = resolveLayout('amd64', 17134, undefined);
    expect([l.kthread.teb, l.kthread.process, l.kthread.waitReason, l.ethread.cid, l.ethread.threadListEntry, l.ethread.crossThreadFlags?.offset]).toEqual([0xf0, 0x220, 0x283, 0x638, 0x6a8, 0x6d0]);
    expect([l.eprocess.uniqueProcessId, l.eprocess.imageFileName, l.eprocess.flags3, l.prcb.interruptCount, l.sizes.ethread]).toEqual([0x2e0, 0x450, 0x6cc, 0x5b80, 0x818]);
  });

  it('1709 x64 (ntdiff Win10_1709_RS3): 1803 offsets, no Flags3 (its bits 16/17 are not the foreground bits yet)', () => {
    const l = resolveLayout('amd64', 16299, undefined);
    expect([l.ethread.cid, l.ethread.irpList, l.ethread.win32StartAddress, l.ethread.threadListEntry]).toEqual([0x638, 0x670, 0x690, 0x6a8]);
    expect([l.eprocess.peb, l.eprocess.threadListHead, l.eprocess.flags3, l.prcb.dpcData, l.sizes.prcb]).toEqual([0x3f8, 0x488, undefined, 0x2e00, 0x6980]);
  });

  it('1703 x64 (ntdiff Win10_1703_RS2): ThreadListEntry 0x6a0 and CrossThreadFlags 0x6c8', () => {
    const l = resolveLayout('amd64', 15063, undefined);
    expect([l.ethread.cid, l.ethread.irpList, l.ethread.threadListEntry]).toEqual([0x638, 0x670, 0x6a0]);
    expect(l.ethread.crossThreadFlags).toEqual({ offset: 0x6c8, impersonationBit: 3, ioPriorityBit: 9, pagePriorityBit: 12 });
    expect([l.kthread.state, l.kthread.alertable?.offset, l.eprocess.activeProcessLinks, l.eprocess.flags3, l.prcb.kernelTime, l.sizes.prcb]).toEqual([0x184, 0x74, 0x2e8, undefined, 0x5b84, 0x6a40]);
    // The dump's block still wins over the row.
    expect(resolveLayout('amd64', 15063, { ethreadIrpList: 0x680 }).ethread.irpList).toBe(0x680);
  });

  it('1607 x64 (ntdiff Win10_1607_RS1): its own ETHREAD, EPROCESS and KPRCB offsets', () => {
    const l = resolveLayout('amd64', 14393, undefined);
    // _ETHREAD: Cid 0x630, IrpList 0x668, Win32StartAddress 0x688, ThreadListEntry 0x698, CrossThreadFlags 0x6c0.
    expect([l.ethread.cid, l.ethread.irpList, l.ethread.win32StartAddress, l.ethread.threadListEntry, l.ethread.crossThreadFlags?.offset]).toEqual([0x630, 0x668, 0x688, 0x698, 0x6c0]);
    // _EPROCESS: UniqueProcessId 0x2e8, ActiveProcessLinks 0x2f0, Peb 0x3f8, ImageFileName 0x450.
    expect([l.eprocess.uniqueProcessId, l.eprocess.activeProcessLinks, l.eprocess.peb, l.eprocess.imageFileName, l.eprocess.flags3]).toEqual([0x2e8, 0x2f0, 0x3f8, 0x450, undefined]);
    // _KPRCB: GroupSetMember 0x648, DpcData 0x2d80, InterruptCount 0x5b00; _KTHREAD: Process 0x220, UserTime 0x2dc.
    expect([l.prcb.groupSetMember, l.prcb.group, l.prcb.dpcData, l.prcb.interruptCount, l.kthread.process, l.kthread.userTime]).toEqual([0x648, 0x650, 0x2d80, 0x5b00, 0x220, 0x2dc]);
  });

  it('8.1 x64 (ntdiff Win8.1): Alertable bit 5, ApcStateIndex 0x242, KPRCB counters at 0x5300', () => {
    const l = resolveLayout('amd64', 9600, undefined);
    expect([l.kthread.alertable, l.kthread.apcStateIndex, l.kthread.idealProcessor, l.kthread.process, l.kthread.waitReason]).toEqual([{ offset: 0x74, bit: 5 }, 0x242, 0x244, 0x220, 0x283]);
    // _ETHREAD: Cid 0x620, IrpList 0x658, Win32StartAddress 0x678, ThreadListEntry 0x688, CrossThreadFlags 0x6b4.
    expect([l.ethread.cid, l.ethread.irpList, l.ethread.win32StartAddress, l.ethread.threadListEntry, l.ethread.crossThreadFlags?.offset]).toEqual([0x620, 0x658, 0x678, 0x688, 0x6b4]);
    // _EPROCESS: UniqueProcessId 0x2e0, Peb 0x3e8, ImageFileName 0x438, ThreadListHead 0x470.
    expect([l.eprocess.uniqueProcessId, l.eprocess.peb, l.eprocess.imageFileName, l.eprocess.threadListHead, l.eprocess.flags3]).toEqual([0x2e0, 0x3e8, 0x438, 0x470, undefined]);
    expect([l.prcb.groupSetMember, l.prcb.dpcData, l.prcb.interruptCount, l.prcb.interruptTime, l.sizes.prcb]).toEqual([0x648, 0x2d80, 0x5300, 0x5310, 0x5bc0]);
    // The 1809 row is unchanged by the spread: Alertable stays bit 4 there.
    expect(resolveLayout('amd64', 17763, undefined).kthread.alertable).toEqual({ offset: 0x74, bit: 4 });
  });

  it('1909 (18363) answers with the 1903 row', () => {
    expect(resolveLayout('amd64', 18363, undefined).ethread.cid).toBe(0x638);
    expect(resolveLayout('amd64', 18363, undefined).sources).toEqual(['built-in table amd64 17763-18363']);
  });

  it('22H2 x64: ETHREAD grew (Cid 0x4c8), KTHREAD/EPROCESS fields stayed', () => {
    const l = resolveLayout('amd64', 22621, undefined);
    expect([l.ethread.cid, l.ethread.irpList, l.ethread.win32StartAddress, l.ethread.crossThreadFlags?.offset]).toEqual([0x4c8, 0x500, 0x520, 0x560]);
    expect([l.kthread.priority, l.eprocess.imageFileName]).toEqual([0xc3, 0x5a8]);
    expect(l.prcb.nextThread).toBeUndefined();
  });

  it('23H2 x64 (ntdiff Win11_2309_23H2): the 22H2 offsets, DeviceMap (an _EX_FAST_REF there) left out', () => {
    const l = resolveLayout('amd64', 22631, undefined);
    // _ETHREAD: Cid 0x4c8, IrpList 0x500, Win32StartAddress 0x520, ThreadListEntry 0x538, CrossThreadFlags 0x560.
    expect([l.ethread.cid, l.ethread.irpList, l.ethread.win32StartAddress, l.ethread.threadListEntry, l.ethread.crossThreadFlags?.offset]).toEqual([0x4c8, 0x500, 0x520, 0x538, 0x560]);
    // _EPROCESS: UniqueProcessId 0x440, Peb 0x550, ImageFileName 0x5a8, ThreadListHead 0x5e0, Flags3 0x87c.
    expect([l.eprocess.uniqueProcessId, l.eprocess.peb, l.eprocess.imageFileName, l.eprocess.threadListHead, l.eprocess.flags3, l.eprocess.deviceMap]).toEqual([0x440, 0x550, 0x5a8, 0x5e0, 0x87c, undefined]);
    // _KTHREAD: Process 0x220, WaitReason 0x283, UserTime 0x2dc.
    expect([l.kthread.process, l.kthread.waitReason, l.kthread.userTime]).toEqual([0x220, 0x283, 0x2dc]);
  });

  it('7 SP1 x64: the pre-Windows 8 layout, and its own CrossThreadFlags bits', () => {
    const l = resolveLayout('amd64', 7601, undefined);
    expect([l.kthread.kernelStack, l.kthread.stackBase, l.kthread.process, l.ethread.cid, l.eprocess.imageFileName]).toEqual([0x38, 0x278, 0x210, 0x3b0, 0x2e0]);
    expect(l.ethread.crossThreadFlags).toEqual({ offset: 0x448, impersonationBit: 3, ioPriorityBit: 10, pagePriorityBit: 13 });
    // _KPRCB (ntdiff Win7_SP1 x64): GroupSetMember 0x660, GroupIndex 0x668, InterruptCount 0x4700, InterruptTime 0x4710; no DpcData walk.
    expect([l.prcb.groupSetMember, l.prcb.groupIndex, l.prcb.interruptCount, l.prcb.interruptTime, l.prcb.dpcData, l.sizes.prcb]).toEqual([0x660, 0x668, 0x4700, 0x4710, undefined, 0x4d00]);
  });

  it('Vista SP1/SP2 x64 (ntdiff WinVista_SP1, WinVista_SP2): fields of another width left out', () => {
    for (const build of [6001, 6002]) {
      const l = resolveLayout('amd64', build, undefined);
      // _KTHREAD: KernelStack 0x38, Priority 0x73, WaitReason 0x94, Teb 0xb0, Process 0x1f8, StackBase 0x250.
      expect([l.kthread.kernelStack, l.kthread.priority, l.kthread.waitReason, l.kthread.teb, l.kthread.process, l.kthread.stackBase]).toEqual([0x38, 0x73, 0x94, 0xb0, 0x1f8, 0x250]);
      // NextProcessor is a USHORT, IdealProcessor a UCHAR, PriorityDecrement a plain CHAR there; no Running byte.
      expect([l.kthread.nextProcessor, l.kthread.idealProcessor, l.kthread.priorityDecrement, l.kthread.running]).toEqual([undefined, undefined, undefined, undefined]);
      // _ETHREAD: Cid 0x380, IrpList 0x3b8, ThreadListEntry 0x3f0; _EPROCESS: UniqueProcessId 0xe0, ImageFileName 0x238, Peb 0x290.
      expect([l.ethread.cid, l.ethread.irpList, l.ethread.threadListEntry, l.eprocess.uniqueProcessId, l.eprocess.imageFileName, l.eprocess.peb]).toEqual([0x380, 0x3b8, 0x3f0, 0xe0, 0x238, 0x290]);
    }
    // KDDEBUGGER_DATA64 gives NextProcessor's offset; the row says it is a USHORT there (DeferredProcessor follows).
    expect(resolveLayout('amd64', 6002, { kthreadNextProcessor: 0x74 }).kthread).toMatchObject({ nextProcessor: 0x74, nextProcessorWidth: 2 });
  });

  it('1809 x86 (ntdiff Win10_1809_RS5 x86): x86 offsets, stacks left to KDDEBUGGER_DATA64', () => {
    const l = resolveLayout('x86', 17763, undefined);
    // _KTHREAD: ApcState.Process 0x80, Teb 0xa8, NextProcessor 0x148, Process 0x150, WaitReason 0x18b, UserTime 0x1c0.
    expect([l.kthread.apcStateProcess, l.kthread.teb, l.kthread.nextProcessor, l.kthread.process, l.kthread.waitReason, l.kthread.userTime]).toEqual([0x80, 0xa8, 0x148, 0x150, 0x18b, 0x1c0]);
    expect([l.kthread.initialStack, l.kthread.alertable]).toEqual([undefined, undefined]);
    expect(resolveLayout('x86', 17763, { kthreadInitialStack: 0x18 }).kthread.initialStack).toBe(0x18);
    // _ETHREAD: Cid 0x37c, IrpList 0x39c, ThreadListEntry 0x3b4; _EPROCESS: UniqueProcessId 0xb4, ImageFileName 0x17c, Flags3 0x2f8.
    expect([l.ethread.cid, l.ethread.irpList, l.ethread.threadListEntry, l.ethread.crossThreadFlags?.offset]).toEqual([0x37c, 0x39c, 0x3b4, 0x3cc]);
    expect([l.eprocess.uniqueProcessId, l.eprocess.imageFileName, l.eprocess.threadListHead, l.eprocess.flags3]).toEqual([0xb4, 0x17c, 0x1a0, 0x2f8]);
  });

  it('7 SP1 x86 (ntdiff Win7_SP1 x86): its own offsets, CrossThreadFlags bits 10 and 13', () => {
    const l = resolveLayout('x86', 7601, undefined);
    // _KTHREAD: KernelStack 0x30, Teb 0x88, Process 0x150, WaitReason 0x187, StackBase 0x190, UserTime 0x1c4, Alertable 0x3c bit 5.
    expect([l.kthread.kernelStack, l.kthread.teb, l.kthread.process, l.kthread.waitReason, l.kthread.stackBase, l.kthread.userTime]).toEqual([0x30, 0x88, 0x150, 0x187, 0x190, 0x1c4]);
    expect([l.kthread.alertable, l.kthread.nextProcessorWidth]).toEqual([{ offset: 0x3c, bit: 5 }, undefined]);
    // _ETHREAD: Cid 0x22c, IrpList 0x24c, ThreadListEntry 0x268, CrossThreadFlags 0x280.
    expect([l.ethread.cid, l.ethread.irpList, l.ethread.threadListEntry]).toEqual([0x22c, 0x24c, 0x268]);
    expect(l.ethread.crossThreadFlags).toEqual({ offset: 0x280, impersonationBit: 3, ioPriorityBit: 10, pagePriorityBit: 13 });
    // _EPROCESS: UniqueProcessId 0xb4, ImageFileName 0x16c, Peb 0x1a8.
    expect([l.eprocess.uniqueProcessId, l.eprocess.imageFileName, l.eprocess.peb, l.pcrContainedPrcb]).toEqual([0xb4, 0x16c, 0x1a8, undefined]);
  });

  it('XP x86: fields whose width differs on XP are left unknown rather than misread', () => {
    const l = resolveLayout('x86', 2600, undefined);
    expect([l.ethread.cid, l.eprocess.imageFileName, l.eprocess.uniqueProcessId]).toEqual([0x1ec, 0x174, 0x84]);
    // KDDEBUGGER_DATA64 may give NextProcessor's offset; the row says it is one byte wide there.
    expect(resolveLayout('x86', 2600, { kthreadNextProcessor: 0x12b }).kthread).toMatchObject({ nextProcessor: 0x12b, nextProcessorWidth: 1 });
    expect([l.kthread.nextProcessor, l.kthread.idealProcessor, l.kthread.alertable, l.ethread.crossThreadFlags]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('_IRP: x64 ThreadListEntry at 0x20; x86 after Vista unknown', () => {
    expect(resolveLayout('amd64', 19041, undefined).irp?.threadListEntry).toBe(0x20);
    expect(resolveLayout('x86', 2600, undefined).irp?.threadListEntry).toBe(0x10);
    expect(resolveLayout('x86', 7601, undefined).irp).toBeUndefined();
  });
});

describe('selfBase: where a KPRCB copy lived', () => {
  const at = 0xfffff8075ad55180n;
  /** A copy whose empty list heads point at themselves, plus noise. */
  function copy(n: number): Uint8Array {
    const b = new Uint8Array(0x400);
    for (let i = 0; i < n; i++) b.set(le(at + BigInt(0x100 + i * 0x10), 8), 0x100 + i * 0x10);
    b.set(le(0xffffd20bfc13c080n, 8), 8);
    return b;
  }

  it('finds the base most self-pointers agree on, when the KPCR it implies is page-aligned', () => {
    expect(selfBase(copy(12), true, 0x180)).toBe(at);
    expect(selfBase(copy(12), true, 0x100)).toBeUndefined();
  });

  it('needs enough votes', () => {
    expect(selfBase(copy(3), true, 0x180)).toBeUndefined();
  });
});
