import type { CpuArch } from '../../dump/types';
import type { KdbgOffsets } from './kdbgOffsets';
import type { PdbKernelLayout } from './pdbLayout';

/**
 * Offsets of the kernel structure fields the kernel commands read. Every
 * field may be unknown for a build: readers then say so instead of guessing.
 */
export interface KThreadLayout {
  initialStack?: number; // _KTHREAD.InitialStack
  stackLimit?: number; // _KTHREAD.StackLimit
  stackBase?: number; // _KTHREAD.StackBase
  kernelStack?: number; // _KTHREAD.KernelStack
  running?: number; // _KTHREAD.Running (UCHAR)
  apcStateProcess?: number; // _KTHREAD.ApcState.Process
  priority?: number; // _KTHREAD.Priority (CHAR)
  teb?: number; // _KTHREAD.Teb
  contextSwitches?: number; // _KTHREAD.ContextSwitches (ULONG)
  state?: number; // _KTHREAD.State (UCHAR, KTHREAD_STATE)
  waitMode?: number; // _KTHREAD.WaitMode (CHAR)
  waitTime?: number; // _KTHREAD.WaitTime (ULONG, tick count)
  win32Thread?: number; // _KTHREAD.Win32Thread
  nextProcessor?: number; // _KTHREAD.NextProcessor (ULONG; bit 31 SharedReadyQueue)
  /** 1 where NextProcessor is a UCHAR (XP), 2 where a USHORT (Vista x64): KDDEBUGGER_DATA64 gives its offset but not its width. */
  nextProcessorWidth?: 1 | 2 | 4;
  process?: number; // _KTHREAD.Process
  basePriority?: number; // _KTHREAD.BasePriority (CHAR)
  priorityDecrement?: number; // _KTHREAD.PriorityDecrement (ForegroundBoost:4, UnusualBoost:4)
  apcStateIndex?: number; // _KTHREAD.ApcStateIndex (UCHAR: 1 = attached)
  idealProcessor?: number; // _KTHREAD.IdealProcessor (ULONG)
  waitReason?: number; // _KTHREAD.WaitReason (UCHAR, KWAIT_REASON)
  kernelTime?: number; // _KTHREAD.KernelTime (ULONG, clock ticks)
  userTime?: number; // _KTHREAD.UserTime (ULONG, clock ticks)
  alertable?: { offset: number; bit: number }; // _KTHREAD.Alertable (MiscFlags bit)
}

export interface EThreadLayout {
  cid?: number; // _ETHREAD.Cid (CLIENT_ID {UniqueProcess; UniqueThread})
  irpList?: number; // _ETHREAD.IrpList (LIST_ENTRY of _IRP.ThreadListEntry)
  win32StartAddress?: number; // _ETHREAD.Win32StartAddress
  /**
   * _ETHREAD.CrossThreadFlags (ULONG) and the bit positions of ActiveImpersonationInfo,
   * ThreadIoPriority:3 and ThreadPagePriority:3, which move between builds (7 SP1: 10 and 13).
   */
  crossThreadFlags?: { offset: number; impersonationBit: number; ioPriorityBit: number; pagePriorityBit: number };
  threadListEntry?: number; // _ETHREAD.ThreadListEntry (in _EPROCESS.ThreadListHead)
}

export interface EProcessLayout {
  directoryTableBase?: number; // _KPROCESS.DirectoryTableBase
  uniqueProcessId?: number; // _EPROCESS.UniqueProcessId
  activeProcessLinks?: number; // _EPROCESS.ActiveProcessLinks
  createTime?: number; // _EPROCESS.CreateTime
  inheritedFromUniqueProcessId?: number; // _EPROCESS.InheritedFromUniqueProcessId
  peb?: number; // _EPROCESS.Peb
  session?: number; // _EPROCESS.Session (MM_SESSION_SPACE*)
  objectTable?: number; // _EPROCESS.ObjectTable (HANDLE_TABLE*)
  deviceMap?: number; // _EPROCESS.DeviceMap
  imageFileName?: number; // _EPROCESS.ImageFileName (UCHAR[15])
  threadListHead?: number; // _EPROCESS.ThreadListHead (LIST_ENTRY of _ETHREAD.ThreadListEntry)
  activeThreads?: number; // _EPROCESS.ActiveThreads (ULONG)
  flags3?: number; // _EPROCESS.Flags3 (ULONG; ForegroundExternal bit 16, ForegroundSystem bit 17)
}

export interface PrcbLayout {
  currentThread?: number; // _KPRCB.CurrentThread
  nextThread?: number; // _KPRCB.NextThread
  idleThread?: number; // _KPRCB.IdleThread
  number?: number; // _KPRCB.Number (ULONG on x64/ARM64)
  groupSetMember?: number; // _KPRCB.GroupSetMember (KAFFINITY)
  group?: number; // _KPRCB.Group (UCHAR)
  groupIndex?: number; // _KPRCB.GroupIndex (UCHAR)
  /**
   * _KPRCB.DpcData[0]: a _KDPC_DATA whose DpcList.ListHead (SINGLE_LIST_ENTRY of _KDPC.DpcListEntry) is first.
   * Only for builds whose _KDPC_DATA is the 0x28-byte KDPC_LIST form (every 0x28-byte one in ntdiff is; the
   * older 0x20-byte x64 form starts with a LIST_ENTRY DpcListHead instead).
   */
  dpcData?: number;
  interruptCount?: number; // _KPRCB.InterruptCount (ULONG)
  kernelTime?: number; // _KPRCB.KernelTime (ULONG, clock ticks)
  userTime?: number; // _KPRCB.UserTime (ULONG, clock ticks)
  dpcTime?: number; // _KPRCB.DpcTime (ULONG, clock ticks)
  interruptTime?: number; // _KPRCB.InterruptTime (ULONG, clock ticks)
  /** _KPRCB.InterruptObject[256] (x64 Windows 8+: PVOID per IDT vector, the first connected _KINTERRUPT or NULL). */
  interruptObject?: number;
}

/**
 * The _KPCR head `!pcr` prints. x64: NtTib overlays GdtBase, TssBase, UserRsp, Self,
 * CurrentPrcb, LockArray and Used_Self; the x64 KPCR has no IRR, IDR or InterruptMode.
 */
export interface PcrLayout {
  ntTib: number; // _KPCR.NtTib (_NT_TIB: seven pointer-sized fields)
  selfPcr: number; // x64 _KPCR.Self, x86 _KPCR.SelfPcr
  prcb: number; // x64 _KPCR.CurrentPrcb, x86 _KPCR.Prcb (a pointer)
  irql: number; // _KPCR.Irql (UCHAR)
  idt: number; // x64 _KPCR.IdtBase, x86 _KPCR.IDT
  gdt: number; // x64 _KPCR.GdtBase, x86 _KPCR.GDT
  tss: number; // x64 _KPCR.TssBase, x86 _KPCR.TSS
  majorVersion: number; // _KPCR.MajorVersion (USHORT)
  minorVersion: number; // _KPCR.MinorVersion (USHORT)
  irr?: number; // x86 _KPCR.IRR (ULONG)
  idr?: number; // x86 _KPCR.IDR (ULONG)
  interruptMode?: number; // x86 _KPCR.InterruptMode (ULONG)
}

export interface IrpLayout {
  type: number; // _IRP.Type (CSHORT)
  size: number; // _IRP.Size (USHORT)
  mdlAddress: number; // _IRP.MdlAddress
  flags: number; // _IRP.Flags (ULONG)
  threadListEntry: number; // _IRP.ThreadListEntry
}

export interface KernelLayout {
  arch: CpuArch;
  build: number;
  sizes: { ethread?: number; eprocess?: number; prcb?: number };
  /** _KPCR.Prcb: where the KPRCB sits inside the KPCR. */
  pcrContainedPrcb?: number;
  /** The _KPCR head, when checked for the architecture. */
  pcr?: PcrLayout;
  kthread: KThreadLayout;
  ethread: EThreadLayout;
  eprocess: EProcessLayout;
  prcb: PrcbLayout;
  irp?: IrpLayout;
  /** "KDDEBUGGER_DATA64", "the nt PDB's types", "built-in table amd64 19041": what filled the layout, in order of precedence. */
  sources: string[];
}

interface TableRow {
  arch: CpuArch;
  /** Builds this row is valid for (the dump header's MinorVersion). */
  builds: readonly number[];
  /** Where the row was checked. */
  source: string;
  sizes: KernelLayout['sizes'];
  pcrContainedPrcb?: number;
  kthread: KThreadLayout;
  ethread: EThreadLayout;
  eprocess: EProcessLayout;
  prcb: PrcbLayout;
}

/**
 * _KTHREAD fields that sit at the same x64 offsets from Windows 10 1607 through Windows 11 23H2 (checked in
 * each row's ntdiff _KTHREAD: 1607, 1703, 1709, 1803, 1809, 1903, 20H1, 22H2, 23H2); Alertable is MiscFlags
 * (0x74) bit 4. Windows 8.1 differs in three fields (its row).
 */
const KTHREAD_X64_SINCE_1607: KThreadLayout = {
  initialStack: 0x28, stackLimit: 0x30, stackBase: 0x38, kernelStack: 0x58, running: 0x71,
  apcStateProcess: 0xb8, priority: 0xc3, teb: 0xf0, contextSwitches: 0x154, state: 0x184,
  waitMode: 0x187, waitTime: 0x1b4, win32Thread: 0x1c8, nextProcessor: 0x218, process: 0x220,
  basePriority: 0x233, priorityDecrement: 0x234, apcStateIndex: 0x24a, idealProcessor: 0x24c,
  waitReason: 0x283, kernelTime: 0x28c, userTime: 0x2dc, alertable: { offset: 0x74, bit: 4 },
};

/** _ETHREAD and _EPROCESS fields at the same x64 offsets in 1709, 1803, 1809 and 1903 (ntdiff RS3, RS4, RS5, 19H1). */
const ETHREAD_X64_RS4: EThreadLayout = {
  cid: 0x638, irpList: 0x670, win32StartAddress: 0x690, threadListEntry: 0x6a8,
  crossThreadFlags: { offset: 0x6d0, impersonationBit: 3, ioPriorityBit: 9, pagePriorityBit: 12 },
};
/** _ETHREAD fields of Windows 11 22H2 and 23H2 x64 (ntdiff Win11_2209_22H2, Win11_2309_23H2): _KTHREAD grew to 0x480. */
const ETHREAD_X64_WIN11: EThreadLayout = {
  cid: 0x4c8, irpList: 0x500, win32StartAddress: 0x520, threadListEntry: 0x538,
  crossThreadFlags: { offset: 0x560, impersonationBit: 3, ioPriorityBit: 9, pagePriorityBit: 12 },
};
// KPROCESS.DirectoryTableBase is not restated in these rows: KDDEBUGGER_DATA64 always gives it.
const EPROCESS_X64_RS4: EProcessLayout = {
  uniqueProcessId: 0x2e0, activeProcessLinks: 0x2e8, createTime: 0x308, inheritedFromUniqueProcessId: 0x3e0,
  peb: 0x3f8, session: 0x400, objectTable: 0x418, deviceMap: 0x430, imageFileName: 0x450,
  threadListHead: 0x488, activeThreads: 0x498, flags3: 0x6cc,
};
/** _KPRCB fields at the same x64 offsets in 1703, 1709, 1803, 1809 and 1903 (ntdiff _KPCR.h of each). */
const PRCB_X64_RS4: PrcbLayout = {
  currentThread: 0x8, nextThread: 0x10, idleThread: 0x18, number: 0x24, groupSetMember: 0xc8, group: 0xd0,
  groupIndex: 0xd1, dpcData: 0x2e00, interruptCount: 0x5b80, kernelTime: 0x5b84, userTime: 0x5b88,
  dpcTime: 0x5b8c, interruptTime: 0x5b90,
};

/**
 * Built-in layouts, one row per (architecture, build). A row is here only
 * when it was checked against a public layout dump AND, where the corpus has
 * a dump of that build, against the dump's own structures. Builds we could
 * not check are absent on purpose: for them only KDDEBUGGER_DATA64's offsets
 * (always present in bug-check dumps) are used.
 *
 * Windows 10 2004…22H2 all report kernel build 19041 in the dump header
 * (19042–19045 are enablement packages over the same ntoskrnl), so one row
 * covers them.
 */
const TABLE: readonly TableRow[] = [
  {
    arch: 'amd64',
    builds: [19041],
    // Public 20H1 x64 _KTHREAD/_EPROCESS dumps (ntdiff "Win10_2004_20H1", Vergilius 19041),
    // and the corpus dump 083125-14875-01 (x64, 19041): its ETHREAD/EPROCESS copies hold exactly
    // the values WinDbg's !thread prints (083125-14875-01.windbg.thread.txt): Cid 0cac.11b8 at
    // 0x478, Teb 7d48790000 at 0xf0, Win32Thread at 0x1c8, Win32StartAddress at 0x4d0, Context
    // Switch Count 2419 at 0x154, Wait Start TickCount 31683 at 0x1b4, Priority 12 at 0xc3,
    // BasePriority 8 at 0x233, Foreground Boost 2 at 0x234, IoPriority 2 / PagePriority 5 in
    // CrossThreadFlags at 0x510, the IRP at IrpList 0x4b0, owning process at 0x220.
    source: 'built-in table amd64 19041',
    sizes: { ethread: 0x898, eprocess: 0xa40 },
    pcrContainedPrcb: 0x180,
    kthread: KTHREAD_X64_SINCE_1607,
    // ThreadListEntry 0x4e8: its Blink in the corpus copy is the owning EPROCESS + 0x5e0 (ThreadListHead).
    // CrossThreadFlags 0x5402 there: IoPriority (bits 9-11) 2 and PagePriority (bits 12-14) 5, as WinDbg prints.
    ethread: { cid: 0x478, irpList: 0x4b0, win32StartAddress: 0x4d0, threadListEntry: 0x4e8,
      crossThreadFlags: { offset: 0x510, impersonationBit: 3, ioPriorityBit: 9, pagePriorityBit: 12 },
    },
    eprocess: {
      directoryTableBase: 0x28, uniqueProcessId: 0x440, activeProcessLinks: 0x448, createTime: 0x468,
      inheritedFromUniqueProcessId: 0x540, peb: 0x550, session: 0x558, objectTable: 0x570, deviceMap: 0x588,
      imageFileName: 0x5a8, threadListHead: 0x5e0, activeThreads: 0x5f0, flags3: 0x87c,
    },
    // _KPRCB head (20H1 x64 dump): CurrentThread 0x8, NextThread 0x10, IdleThread 0x18, Number 0x24.
    // The rest from ntdiff's x64 ntoskrnl _KPRCB of size 0xaf00 with VendorString at 0x8590 (both as
    // this dump's KDDEBUGGER_DATA64 gives them): GroupSetMember 0xc8, Group 0xd0, GroupIndex 0xd1,
    // DpcData 0x30c0, InterruptCount 0x7e80 then KernelTime, UserTime, DpcTime, InterruptTime. The
    // corpus copy agrees: GroupSetMember 1 for processor 0, DpcData[0].DpcList.LastEntry (+8) pointing
    // at its own ListHead (an empty list), KernelTime 0x6d81 + UserTime 0xe42 = 31683 ticks.
    prcb: {
      currentThread: 0x8, nextThread: 0x10, idleThread: 0x18, number: 0x24, groupSetMember: 0xc8, group: 0xd0,
      groupIndex: 0xd1, dpcData: 0x30c0, interruptCount: 0x7e80, kernelTime: 0x7e84, userTime: 0x7e88,
      dpcTime: 0x7e8c, interruptTime: 0x7e90,
      // InterruptObject[256] at 0x3140 (ntdiff Win10_2004_20H1/x64/System32/ntoskrnl.exe/ALL_SORTED.h, _KPRCB of
      // size 0xaf00: ReadyScanTick 0x313c, InterruptObject 0x3140, TimerTable 0x3940). Not the 1809 offset 0x2e80.
      interruptObject: 0x3140,
    },
  },
  {
    arch: 'amd64',
    builds: [17763, 18362, 18363],
    // Windows 10 1809 and 1903 x64: ntdiff Win10_1809_RS5 and Win10_1903_19H1, x64/System32/ntoskrnl.exe/
    // Standalone _KTHREAD, _ETHREAD, _EPROCESS, _KPCR (with _KPRCB): every field below is at the same offset
    // in both. _KTHREAD keeps every field at its 19041 offset (size 0x5f0); _ETHREAD (0x810) and _EPROCESS
    // (0x850) are smaller than on 19041. 1909 (18363) is an enablement package over 1903's ntoskrnl: its
    // dumps report 18362 (the kernel's build), and the row also answers 18363 should a header carry it.
    source: 'built-in table amd64 17763-18363',
    sizes: { ethread: 0x810, eprocess: 0x850, prcb: 0x7ec0 },
    pcrContainedPrcb: 0x180,
    kthread: KTHREAD_X64_SINCE_1607,
    ethread: ETHREAD_X64_RS4,
    eprocess: EPROCESS_X64_RS4,
    // _KPRCB.InterruptObject[256] at 0x2e80 in both (ntdiff Win10_1809_RS5 and Win10_1903_19H1
    // x64/System32/ntoskrnl.exe/Standalone/_KPRCB.h: ReadyScanTick 0x2e7c, InterruptObject 0x2e80, TimerTable 0x3680).
    prcb: { ...PRCB_X64_RS4, interruptObject: 0x2e80 },
  },
  {
    arch: 'amd64',
    builds: [17134],
    // Windows 10 1803 x64: ntdiff Win10_1803_RS4/x64/System32/ntoskrnl.exe/Standalone _ETHREAD (with
    // _KTHREAD), _EPROCESS and _KPCR (with _KPRCB): every field at its 1809 offset; _ETHREAD is 0x818
    // bytes (KernelStackReference moved). CrossThreadFlags bits 3 / 9 / 12 as on 1809.
    source: 'built-in table amd64 17134',
    sizes: { ethread: 0x818 },
    pcrContainedPrcb: 0x180,
    kthread: KTHREAD_X64_SINCE_1607,
    ethread: ETHREAD_X64_RS4,
    eprocess: EPROCESS_X64_RS4,
    prcb: PRCB_X64_RS4,
  },
  {
    arch: 'amd64',
    builds: [16299],
    // Windows 10 1709 x64: ntdiff Win10_1709_RS3/x64/System32/ntoskrnl.exe/Standalone _ETHREAD (with _KTHREAD),
    // _EPROCESS and _KPCR (with _KPRCB, 0x6980 bytes): the 1803 offsets. Its Flags3 ends at bit 13
    // (no ForegroundExternal/ForegroundSystem yet), so Flags3 is left out.
    source: 'built-in table amd64 16299',
    sizes: { ethread: 0x818, prcb: 0x6980 },
    pcrContainedPrcb: 0x180,
    kthread: KTHREAD_X64_SINCE_1607,
    ethread: ETHREAD_X64_RS4,
    eprocess: { ...EPROCESS_X64_RS4, flags3: undefined },
    prcb: PRCB_X64_RS4,
  },
  {
    arch: 'amd64',
    builds: [15063],
    // Windows 10 1703 x64: ntdiff Win10_1703_RS2/x64/System32/ntoskrnl.exe/Standalone _ETHREAD (with _KTHREAD,
    // 0x5e8 bytes), _EPROCESS and _KPCR (with _KPRCB, 0x6a40 bytes). _ETHREAD differs from 1709 on: ThreadListEntry
    // 0x6a0 and CrossThreadFlags 0x6c8 (bits 3 / 9 / 12 as later). Flags3 bits 16/17 are other flags here: left out.
    source: 'built-in table amd64 15063',
    sizes: { ethread: 0x810, prcb: 0x6a40 },
    pcrContainedPrcb: 0x180,
    kthread: KTHREAD_X64_SINCE_1607,
    ethread: {
      cid: 0x638, irpList: 0x670, win32StartAddress: 0x690, threadListEntry: 0x6a0,
      crossThreadFlags: { offset: 0x6c8, impersonationBit: 3, ioPriorityBit: 9, pagePriorityBit: 12 },
    },
    eprocess: { ...EPROCESS_X64_RS4, flags3: undefined },
    prcb: PRCB_X64_RS4,
  },
  {
    arch: 'amd64',
    builds: [14393],
    // Windows 10 1607 x64: ntdiff Win10_1607_RS1/x64/System32/ntoskrnl.exe/Standalone _ETHREAD (with _KTHREAD,
    // 0x5e0 bytes), _EPROCESS (0x7b0) and _KPCR (with _KPRCB, 0x6900). _KTHREAD keeps the later offsets;
    // _ETHREAD (0x7e0) and _EPROCESS (RundownProtect before UniqueProcessId) and the _KPRCB (ProcessorState
    // moved up to 0x40) differ. Flags3 (0x6c4) has other bits at 16/17: left out.
    source: 'built-in table amd64 14393',
    sizes: { ethread: 0x7e0, eprocess: 0x7b0, prcb: 0x6900 },
    pcrContainedPrcb: 0x180,
    kthread: KTHREAD_X64_SINCE_1607,
    ethread: {
      cid: 0x630, irpList: 0x668, win32StartAddress: 0x688, threadListEntry: 0x698,
      crossThreadFlags: { offset: 0x6c0, impersonationBit: 3, ioPriorityBit: 9, pagePriorityBit: 12 },
    },
    eprocess: {
      uniqueProcessId: 0x2e8, activeProcessLinks: 0x2f0, createTime: 0x308, inheritedFromUniqueProcessId: 0x3e0,
      peb: 0x3f8, session: 0x400, objectTable: 0x418, deviceMap: 0x430, imageFileName: 0x450,
      threadListHead: 0x488, activeThreads: 0x498,
    },
    prcb: {
      currentThread: 0x8, nextThread: 0x10, idleThread: 0x18, number: 0x24, groupSetMember: 0x648, group: 0x650,
      groupIndex: 0x651, dpcData: 0x2d80, interruptCount: 0x5b00, kernelTime: 0x5b04, userTime: 0x5b08,
      dpcTime: 0x5b0c, interruptTime: 0x5b10,
    },
  },
  {
    arch: 'amd64',
    builds: [9600],
    // Windows 8.1 x64: ntdiff Win8.1/x64/System32/ntoskrnl.exe/Standalone _ETHREAD (with _KTHREAD, 0x5d0),
    // _EPROCESS (0x6b8) and _KPCR (with _KPRCB, 0x5bc0). _KTHREAD differs from Windows 10's at Alertable (MiscFlags
    // bit 5), ApcStateIndex 0x242 and IdealProcessor 0x244; Flags3 has no foreground bits yet (left out).
    source: 'built-in table amd64 9600',
    sizes: { eprocess: 0x6b8, prcb: 0x5bc0 },
    pcrContainedPrcb: 0x180,
    kthread: { ...KTHREAD_X64_SINCE_1607, alertable: { offset: 0x74, bit: 5 }, apcStateIndex: 0x242, idealProcessor: 0x244 },
    ethread: {
      cid: 0x620, irpList: 0x658, win32StartAddress: 0x678, threadListEntry: 0x688,
      crossThreadFlags: { offset: 0x6b4, impersonationBit: 3, ioPriorityBit: 9, pagePriorityBit: 12 },
    },
    eprocess: {
      createTime: 0x2d0, uniqueProcessId: 0x2e0, activeProcessLinks: 0x2e8, inheritedFromUniqueProcessId: 0x3d0,
      peb: 0x3e8, session: 0x3f0, objectTable: 0x408, deviceMap: 0x420, imageFileName: 0x438,
      threadListHead: 0x470, activeThreads: 0x480,
    },
    prcb: {
      currentThread: 0x8, nextThread: 0x10, idleThread: 0x18, number: 0x24, groupSetMember: 0x648, group: 0x650,
      groupIndex: 0x651, dpcData: 0x2d80, interruptCount: 0x5300, kernelTime: 0x5304, userTime: 0x5308,
      dpcTime: 0x530c, interruptTime: 0x5310,
    },
  },
  {
    arch: 'amd64',
    builds: [22621],
    // Windows 11 22H2 x64: public _KTHREAD, _ETHREAD, _EPROCESS dumps (ntdiff "Win11_2209_22H2").
    // _KTHREAD and _EPROCESS keep every field above at its 19041 offset; _ETHREAD grew (KTHREAD is
    // 0x480): Cid 0x4c8, IrpList 0x500, Win32StartAddress 0x520, ThreadListEntry 0x538,
    // CrossThreadFlags 0x560 (bits 3 / 9 / 12 as on 19041). No corpus dump of this build yet.
    source: 'built-in table amd64 22621',
    sizes: { ethread: 0x900 },
    kthread: KTHREAD_X64_SINCE_1607,
    ethread: ETHREAD_X64_WIN11,
    eprocess: {
      directoryTableBase: 0x28, uniqueProcessId: 0x440, activeProcessLinks: 0x448, createTime: 0x468,
      inheritedFromUniqueProcessId: 0x540, peb: 0x550, session: 0x558, objectTable: 0x570, deviceMap: 0x588,
      imageFileName: 0x5a8, threadListHead: 0x5e0, activeThreads: 0x5f0, flags3: 0x87c,
    },
    // KPRCB: KDDEBUGGER_DATA64 gives CurrentThread, IdleThread and Number; NextThread not checked for this build.
    prcb: {},
  },
  {
    arch: 'amd64',
    builds: [22631],
    // Windows 11 23H2 x64 (an enablement package over 22H2's kernel; its dumps may report 22621, which the row
    // above answers): ntdiff Win11_2309_23H2/x64/System32/ntoskrnl.exe/Standalone _ETHREAD (with _KTHREAD,
    // 0x480) and _EPROCESS: every field at its 22621-row offset, except that _EPROCESS.DeviceMap is an
    // _EX_FAST_REF here (low bits a reference count), so it is left out rather than read as a pointer.
    source: 'built-in table amd64 22631',
    sizes: { ethread: 0x900 },
    kthread: KTHREAD_X64_SINCE_1607,
    ethread: ETHREAD_X64_WIN11,
    eprocess: {
      uniqueProcessId: 0x440, activeProcessLinks: 0x448, createTime: 0x468, inheritedFromUniqueProcessId: 0x540,
      peb: 0x550, session: 0x558, objectTable: 0x570, imageFileName: 0x5a8, threadListHead: 0x5e0,
      activeThreads: 0x5f0, flags3: 0x87c,
    },
    prcb: {},
  },
  {
    arch: 'amd64',
    builds: [7601],
    // Windows 7 SP1 x64: the public ntoskrnl.exe _KTHREAD/_ETHREAD/_EPROCESS dumps (ntdiff "Win7_SP1");
    // EPROCESS.ImageFileName 0x2e0 agrees with formats/kernel/processName.ts. (ntdiff's ntdll.dll copy of
    // _EPROCESS lacks two UMS fields and puts ImageFileName at 0x2d8: not used.) Fields moved a lot from
    // Windows 8 on: KernelStack 0x38, StackBase 0x278, Process 0x210; CrossThreadFlags bits 10 and 13.
    source: 'built-in table amd64 7601',
    sizes: { ethread: 0x498, eprocess: 0x4d0, prcb: 0x4d00 },
    kthread: {
      initialStack: 0x28, stackLimit: 0x30, kernelStack: 0x38, running: 0x49, alertable: { offset: 0x4c, bit: 5 },
      apcStateProcess: 0x70, priority: 0x7b, nextProcessor: 0x7c, teb: 0xb8, contextSwitches: 0x134, state: 0x164,
      waitMode: 0x167, waitTime: 0x194, apcStateIndex: 0x1f0, basePriority: 0x1f1, priorityDecrement: 0x1f2,
      process: 0x210, idealProcessor: 0x228, waitReason: 0x26b, win32Thread: 0x270, stackBase: 0x278,
      kernelTime: 0x284, userTime: 0x2d4,
    },
    ethread: {
      cid: 0x3b0, irpList: 0x3e8, win32StartAddress: 0x410, threadListEntry: 0x420,
      crossThreadFlags: { offset: 0x448, impersonationBit: 3, ioPriorityBit: 10, pagePriorityBit: 13 },
    },
    eprocess: {
      directoryTableBase: 0x28, createTime: 0x168, uniqueProcessId: 0x180, activeProcessLinks: 0x188, objectTable: 0x200,
      inheritedFromUniqueProcessId: 0x290, deviceMap: 0x2b0, session: 0x2d8, imageFileName: 0x2e0, threadListHead: 0x308,
      activeThreads: 0x328, peb: 0x338,
    },
    // KPRCB (ntdiff Win7_SP1/x64 ntoskrnl _KPRCB, 0x4d00): Group 0x658 (a USHORT; its low byte is read, groups
    // stay below 256), GroupSetMember 0x660, GroupIndex 0x668, InterruptCount 0x4700 then KernelTime, UserTime,
    // DpcTime, InterruptTime. CurrentThread and Number come from KDDEBUGGER_DATA64. DpcData (0x2180) is the older
    // LIST_ENTRY form, so the DPC queue is not walked.
    prcb: {
      group: 0x658, groupSetMember: 0x660, groupIndex: 0x668, interruptCount: 0x4700, kernelTime: 0x4704,
      userTime: 0x4708, dpcTime: 0x470c, interruptTime: 0x4710,
    },
  },
  {
    arch: 'amd64',
    builds: [6001, 6002],
    // Windows Vista SP1 and SP2 x64: ntdiff WinVista_SP1 and WinVista_SP2, x64/System32/ntoskrnl.exe/Standalone
    // _ETHREAD (with _KTHREAD, 0x330) and _EPROCESS (0x3e8), the same in both. NextProcessor is a USHORT at 0x74
    // (offset left to KDDEBUGGER_DATA64, read 2 bytes wide). Left out, another width here: IdealProcessor (UCHAR),
    // PriorityDecrement (no boost nibbles); the KTHREAD has no Running byte. Alertable is MiscFlags (0x90) bit 5;
    // CrossThreadFlags bits 3 / 10 / 13.
    source: 'built-in table amd64 6001-6002',
    sizes: { ethread: 0x450, eprocess: 0x3e8 },
    kthread: {
      initialStack: 0x28, stackLimit: 0x30, kernelStack: 0x38, apcStateProcess: 0x68, priority: 0x73,
      alertable: { offset: 0x90, bit: 5 }, waitReason: 0x94, teb: 0xb0, contextSwitches: 0x124, state: 0x154,
      waitMode: 0x157, waitTime: 0x184, apcStateIndex: 0x1e0, basePriority: 0x1e1, process: 0x1f8,
      win32Thread: 0x248, stackBase: 0x250, kernelTime: 0x25c, userTime: 0x2ac, nextProcessorWidth: 2,
    },
    ethread: {
      cid: 0x380, irpList: 0x3b8, win32StartAddress: 0x3e0, threadListEntry: 0x3f0,
      crossThreadFlags: { offset: 0x418, impersonationBit: 3, ioPriorityBit: 10, pagePriorityBit: 13 },
    },
    eprocess: {
      uniqueProcessId: 0xe0, activeProcessLinks: 0xe8, objectTable: 0x160, inheritedFromUniqueProcessId: 0x1f0,
      deviceMap: 0x210, session: 0x230, imageFileName: 0x238, threadListHead: 0x260, activeThreads: 0x280, peb: 0x290,
    },
    prcb: {},
  },
  {
    arch: 'x86',
    builds: [17763],
    // Windows 10 1809 x86: ntdiff Win10_1809_RS5/x86/System32/ntoskrnl.exe/Standalone _ETHREAD (with _KTHREAD,
    // 0x350) and _EPROCESS. The KTHREAD head (stacks, Running, MiscFlags' low bits) was not in the part read:
    // InitialStack, StackLimit, StackBase and KernelStack come from KDDEBUGGER_DATA64; Alertable is left out.
    // ApcState (+0x70) is an x86 KAPC_STATE, so ApcState.Process is +0x80.
    source: 'built-in table x86 17763',
    sizes: { prcb: 0x5f00 },
    pcrContainedPrcb: 0x120, // _KPCR.PrcbData (ntdiff 1809 x86 _KPCR)
    kthread: {
      apcStateProcess: 0x80, priority: 0x87, contextSwitches: 0x8c, state: 0x90, waitMode: 0x93, teb: 0xa8,
      win32Thread: 0x124, waitTime: 0x138, nextProcessor: 0x148, process: 0x150, basePriority: 0x15b,
      priorityDecrement: 0x15c, apcStateIndex: 0x16a, idealProcessor: 0x16c, waitReason: 0x18b, kernelTime: 0x194,
      userTime: 0x1c0,
    },
    ethread: {
      cid: 0x37c, irpList: 0x39c, win32StartAddress: 0x3ac, threadListEntry: 0x3b4,
      crossThreadFlags: { offset: 0x3cc, impersonationBit: 3, ioPriorityBit: 9, pagePriorityBit: 12 },
    },
    eprocess: {
      uniqueProcessId: 0xb4, activeProcessLinks: 0xb8, createTime: 0xd0, inheritedFromUniqueProcessId: 0x140, peb: 0x14c,
      session: 0x150, objectTable: 0x15c, deviceMap: 0x168, imageFileName: 0x17c, threadListHead: 0x1a0,
      activeThreads: 0x1a8, flags3: 0x2f8,
    },
    // _KPRCB (x86, 0x5f00): CurrentThread 4, NextThread 8, IdleThread 0xc, GroupIndex 0x3c4, Group 0x3c5,
    // GroupSetMember 0x3c8 (a ULONG here), Number 0x3cc; InterruptCount 0x4a0, KernelTime, UserTime, DpcTime,
    // then DpcTimeCount before InterruptTime 0x4b4.
    prcb: {
      currentThread: 0x4, nextThread: 0x8, idleThread: 0xc, groupIndex: 0x3c4, group: 0x3c5, groupSetMember: 0x3c8,
      number: 0x3cc, interruptCount: 0x4a0, kernelTime: 0x4a4, userTime: 0x4a8, dpcTime: 0x4ac, interruptTime: 0x4b4,
    },
  },
  {
    arch: 'x86',
    builds: [7601],
    // Windows 7 SP1 x86: ntdiff Win7_SP1/x86/System32/ntoskrnl.exe/Standalone _ETHREAD (with _KTHREAD, 0x200)
    // and _EPROCESS (0x2c0). ApcState.Process is KAPC_STATE (+0x40) + 0x10 (two 8-byte LIST_ENTRYs);
    // NextProcessor is a full ULONG here; Alertable is MiscFlags (0x3c) bit 5; CrossThreadFlags bits 3 / 10 / 13
    // as on 7 SP1 x64. KPROCESS.DirectoryTableBase comes from KDDEBUGGER_DATA64.
    source: 'built-in table x86 7601',
    sizes: { ethread: 0x2b8, eprocess: 0x2c0 },
    kthread: {
      initialStack: 0x28, stackLimit: 0x2c, kernelStack: 0x30, running: 0x39, alertable: { offset: 0x3c, bit: 5 },
      apcStateProcess: 0x50, priority: 0x57, nextProcessor: 0x58, contextSwitches: 0x64, state: 0x68, waitMode: 0x6b,
      waitTime: 0x80, teb: 0x88, apcStateIndex: 0x134, basePriority: 0x135, priorityDecrement: 0x136, process: 0x150,
      idealProcessor: 0x160, waitReason: 0x187, win32Thread: 0x18c, stackBase: 0x190, kernelTime: 0x198, userTime: 0x1c4,
    },
    ethread: {
      cid: 0x22c, irpList: 0x24c, win32StartAddress: 0x260, threadListEntry: 0x268,
      crossThreadFlags: { offset: 0x280, impersonationBit: 3, ioPriorityBit: 10, pagePriorityBit: 13 },
    },
    eprocess: {
      createTime: 0xa0, uniqueProcessId: 0xb4, activeProcessLinks: 0xb8, objectTable: 0xf4, inheritedFromUniqueProcessId: 0x140,
      deviceMap: 0x150, session: 0x168, imageFileName: 0x16c, threadListHead: 0x188, activeThreads: 0x198, peb: 0x1a8,
    },
    prcb: {},
  },
  {
    arch: 'x86',
    builds: [2600],
    // Windows XP SP3 x86 (SP2 shares the layout; both report build 2600): WinDbg `dt` output of
    // _EPROCESS and the transcribed _KTHREAD/_ETHREAD with offsets in the public "yasi" sources, which
    // agree with formats/kernel/processName.ts (ImageFileName 0x174) and public XP SP3 symbol tables
    // (UniqueProcessId 0x84, Cid 0x1ec). Fields of another width on XP (NextProcessor, IdealProcessor and
    // Alertable are UCHARs; PriorityDecrement has no boost nibbles; no I/O or page priority) are left out.
    // The owning process is ETHREAD.ThreadsProcess (XP's KTHREAD has no Process field).
    source: 'built-in table x86 2600',
    sizes: { ethread: 0x258, eprocess: 0x260 },
    kthread: {
      initialStack: 0x18, stackLimit: 0x1c, teb: 0x20, kernelStack: 0x28, state: 0x2d, priority: 0x33,
      apcStateProcess: 0x44, contextSwitches: 0x4c, waitMode: 0x59, waitReason: 0x5b, waitTime: 0x68,
      basePriority: 0x6c, win32Thread: 0x130, kernelTime: 0x144, userTime: 0x148, apcStateIndex: 0x165,
      stackBase: 0x168, process: 0x220, nextProcessorWidth: 1,
    },
    ethread: { cid: 0x1ec, irpList: 0x210, win32StartAddress: 0x228, threadListEntry: 0x22c },
    eprocess: {
      directoryTableBase: 0x18, createTime: 0x70, uniqueProcessId: 0x84, activeProcessLinks: 0x88, objectTable: 0xc4,
      inheritedFromUniqueProcessId: 0x14c, deviceMap: 0x15c, session: 0x170, imageFileName: 0x174, threadListHead: 0x190,
      activeThreads: 0x1a0, peb: 0x1b0,
    },
    prcb: {},
  },
];

/**
 * The x64 _KPCR head: the same in every x64 ntoskrnl _KPCR ntdiff holds (read in
 * Win10_1809_RS5/x64/System32/ntoskrnl.exe/Standalone/_KPCR.h): GdtBase 0, TssBase 8, UserRsp 0x10,
 * Self 0x18, CurrentPrcb 0x20, LockArray 0x28, Used_Self 0x30 (overlaying NtTib), IdtBase 0x38,
 * Irql 0x50, MajorVersion 0x60, MinorVersion 0x62, Prcb 0x180.
 */
const X64_PCR: PcrLayout = { ntTib: 0, gdt: 0, tss: 8, selfPcr: 0x18, prcb: 0x20, idt: 0x38, irql: 0x50, majorVersion: 0x60, minorVersion: 0x62 };

/**
 * The x86 _KPCR head: the same in every x86 ntoskrnl _KPCR ntdiff holds (read in
 * Win10_1809_RS5/x86/System32/ntoskrnl.exe/Standalone/_KPCR.h): NtTib 0 (0x1c bytes), SelfPcr 0x1c, Prcb 0x20,
 * Irql 0x24, IRR 0x28, IDR 0x30, IDT 0x38, GDT 0x3c, TSS 0x40, MajorVersion 0x44, MinorVersion 0x46,
 * InterruptMode 0xd4, PrcbData 0x120.
 */
const X86_PCR: PcrLayout = {
  ntTib: 0, selfPcr: 0x1c, prcb: 0x20, irql: 0x24, irr: 0x28, idr: 0x30, idt: 0x38, gdt: 0x3c, tss: 0x40,
  majorVersion: 0x44, minorVersion: 0x46, interruptMode: 0xd4,
};

/** The _KPCR head for an architecture, when checked; KDDEBUGGER_DATA64's SelfPcr and CurrentPrcb offsets win. */
function pcrLayout(arch: CpuArch, k: KdbgOffsets | undefined): PcrLayout | undefined {
  const base = arch === 'amd64' ? X64_PCR : arch === 'x86' ? X86_PCR : undefined;
  if (!base) return undefined;
  return { ...base, selfPcr: k?.pcrSelfPcr ?? base.selfPcr, prcb: k?.pcrCurrentPrcb ?? base.prcb };
}

/**
 * _IRP fields, stable across builds per pointer size: x64 from the corpus dump (the IRP at
 * ffffd20bfd87f6f0 is linked through ThreadListEntry at +0x20, as WinDbg's "Unable to read
 * nt!_IRP @ ffffd20bfd87f6f0" shows for list entry ffffd20bfd87f710) and wdm.h's order
 * (Type, Size, two USHORTs, MdlAddress, Flags, AssociatedIrp, ThreadListEntry). x86 only up
 * to Vista (public XP/2003 dumps: MdlAddress 4, Flags 8, ThreadListEntry 0x10); later x86
 * builds are not checked and stay unknown.
 */
function irpLayout(arch: CpuArch, build: number): IrpLayout | undefined {
  if (arch === 'amd64' || arch === 'arm64') return { type: 0, size: 2, mdlAddress: 8, flags: 0x10, threadListEntry: 0x20 };
  if (arch === 'x86' && build < 6000) return { type: 0, size: 2, mdlAddress: 4, flags: 8, threadListEntry: 0x10 };
  return undefined;
}

export function tableRow(arch: CpuArch, build: number): TableRow | undefined {
  return TABLE.find((r) => r.arch === arch && r.builds.includes(build));
}

/** Builds the table holds, for `.help` and tests. */
export function tableBuilds(): { arch: CpuArch; build: number; source: string }[] {
  return TABLE.flatMap((r) => r.builds.map((build) => ({ arch: r.arch, build, source: r.source })));
}

/**
 * The layout for a dump: KDDEBUGGER_DATA64's offsets first (the dump's own
 * block wins), then the nt PDB's types when the symbol path has them
 * (pdbLayout.ts), then the built-in row for its build.
 */
export function resolveLayout(arch: CpuArch, build: number, k: KdbgOffsets | undefined, fromPdb?: PdbLayoutSource): KernelLayout {
  const table = tableRow(arch, build);
  const p = fromPdb?.layout;
  // The PDB's fields over the table's: the fallback every KDDEBUGGER_DATA64 offset is picked against.
  const row = table || p ? {
    sizes: { ...table?.sizes, ...p?.sizes },
    pcrContainedPrcb: p?.pcrContainedPrcb ?? table?.pcrContainedPrcb,
    kthread: { ...table?.kthread, ...p?.kthread },
    ethread: { ...table?.ethread, ...p?.ethread },
    eprocess: { ...table?.eprocess, ...p?.eprocess },
    prcb: { ...table?.prcb, ...p?.prcb },
  } : undefined;
  const pick = <T>(fromKdbg: T | undefined, fromTable: T | undefined): T | undefined => fromKdbg ?? fromTable;
  const t = row?.kthread ?? {};
  const layout: KernelLayout = {
    arch,
    build,
    sizes: {
      ethread: pick(k?.sizeEThread, row?.sizes.ethread),
      eprocess: pick(k?.sizeEProcess, row?.sizes.eprocess),
      prcb: pick(k?.sizePrcb, row?.sizes.prcb),
    },
    pcrContainedPrcb: pick(k?.pcrContainedPrcb, row?.pcrContainedPrcb),
    pcr: pcrLayout(arch, k),
    kthread: {
      ...t,
      initialStack: pick(k?.kthreadInitialStack, t.initialStack),
      stackLimit: pick(k?.kthreadStackLimit, t.stackLimit),
      stackBase: pick(k?.kthreadStackBase, t.stackBase),
      kernelStack: pick(k?.kthreadKernelStack, t.kernelStack),
      apcStateProcess: pick(k?.kthreadApcProcess, t.apcStateProcess),
      teb: pick(k?.kthreadTeb, t.teb),
      state: pick(k?.kthreadState, t.state),
      nextProcessor: pick(k?.kthreadNextProcessor, t.nextProcessor),
      waitReason: pick(k?.kthreadWaitReason, t.waitReason),
    },
    ethread: { ...row?.ethread, irpList: pick(k?.ethreadIrpList, row?.ethread.irpList) },
    eprocess: {
      ...row?.eprocess,
      peb: pick(k?.eprocessPeb, row?.eprocess.peb),
      inheritedFromUniqueProcessId: pick(k?.eprocessParentCid, row?.eprocess.inheritedFromUniqueProcessId),
      directoryTableBase: pick(k?.eprocessDirectoryTableBase, row?.eprocess.directoryTableBase),
    },
    prcb: {
      ...row?.prcb,
      currentThread: pick(k?.prcbCurrentThread, row?.prcb.currentThread),
      idleThread: pick(k?.prcbIdleThread, row?.prcb.idleThread),
      number: pick(k?.prcbNumber, row?.prcb.number),
    },
    irp: p?.irp ?? irpLayout(arch, build),
    sources: [...(k ? ['KDDEBUGGER_DATA64'] : []), ...(p ? [fromPdb!.source] : []), ...(table ? [table.source] : [])],
  };
  return layout;
}

/** Offsets read from the kernel's PDB, and what to call them in `sources` (pdbLayout's NT_PDB_TYPES). */
export interface PdbLayoutSource {
  source: string;
  layout: PdbKernelLayout;
}
