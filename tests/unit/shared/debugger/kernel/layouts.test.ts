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
    expect(tableBuilds().map((r) => `${r.arch} ${r.build}`)).toEqual(['amd64 19041', 'amd64 22621', 'amd64 7601', 'x86 2600']);
  });

  it('22H2 x64: ETHREAD grew (Cid 0x4c8), KTHREAD/EPROCESS fields stayed', () => {
    const l = resolveLayout('amd64', 22621, undefined);
    expect([l.ethread.cid, l.ethread.irpList, l.ethread.win32StartAddress, l.ethread.crossThreadFlags?.offset]).toEqual([0x4c8, 0x500, 0x520, 0x560]);
    expect([l.kthread.priority, l.eprocess.imageFileName]).toEqual([0xc3, 0x5a8]);
    expect(l.prcb.nextThread).toBeUndefined();
  });

  it('7 SP1 x64: the pre-Windows 8 layout, and its own CrossThreadFlags bits', () => {
    const l = resolveLayout('amd64', 7601, undefined);
    expect([l.kthread.kernelStack, l.kthread.stackBase, l.kthread.process, l.ethread.cid, l.eprocess.imageFileName]).toEqual([0x38, 0x278, 0x210, 0x3b0, 0x2e0]);
    expect(l.ethread.crossThreadFlags).toEqual({ offset: 0x448, impersonationBit: 3, ioPriorityBit: 10, pagePriorityBit: 13 });
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
