// nt's structures as a PDB's type information would give them, written out by hand from
// ntdiff/headers Win10_2004_20H1/x64/System32/ntoskrnl.exe (the public 19041 layouts), not
// taken from layouts.ts: for the tests of kernel layouts read from PDB types.
import type { DebuggerSymbols } from '../../../../../shared/debugger/session';
import type { PdbField, PdbTypeInfo } from '../../../../../shared/formats/pdb/typeInfo';

export type Structs = Record<string, { size?: number; fields: Record<string, PdbField> }>;

/** A PdbTypeInfo over hand-written structures; dotted paths are written out as keys. */
export function typesOf(structs: Structs): PdbTypeInfo {
  return {
    structSize: (name) => structs[name]?.size,
    field: (name, path) => structs[name]?.fields[path],
    argumentList: () => undefined,
    typeName: () => undefined,
  };
}

export const u8 = (offset: number): PdbField => ({ offset, size: 1, typeName: 'unsigned char' });
export const u32 = (offset: number): PdbField => ({ offset, size: 4, typeName: 'unsigned long' });
export const ptr = (offset: number, typeName = 'void *'): PdbField => ({ offset, size: 8, typeName });
export const list = (offset: number): PdbField => ({ offset, size: 16, typeName: '_LIST_ENTRY' });
export const bits = (offset: number, bitPosition: number, bitLength: number): PdbField => ({ offset, size: 4, bitPosition, bitLength, typeName: 'unsigned long' });

const u64 = (offset: number): PdbField => ({ offset, size: 8, typeName: 'unsigned __int64' });

/**
 * ntdiff 20H1 x64: _KTHREAD, _ETHREAD, _EPROCESS (Pcb first), _KPRCB, _KPCR, _KDPC_DATA, _KINTERRUPT, _IRP,
 * _POOL_TRACKER_TABLE, _MMPFN, _ERESOURCE, _OWNER_ENTRY, _MM_DRIVER_VERIFIER_DATA.
 */
export const WIN10_20H1: Structs = {
  _KTHREAD: {
    size: 0x430,
    fields: {
      InitialStack: ptr(0x28), StackLimit: ptr(0x30), StackBase: ptr(0x38), KernelStack: ptr(0x58), Running: u8(0x71),
      Alertable: bits(0x74, 4, 1), 'ApcState.Process': ptr(0xb8, '_KPROCESS *'), Priority: { offset: 0xc3, size: 1, typeName: 'char' },
      Teb: ptr(0xf0), ContextSwitches: u32(0x154), State: u8(0x184), WaitMode: u8(0x187), WaitTime: u32(0x1b4),
      Win32Thread: ptr(0x1c8), NextProcessor: u32(0x218), Process: ptr(0x220, '_KPROCESS *'), BasePriority: u8(0x233),
      PriorityDecrement: u8(0x234), ApcStateIndex: u8(0x24a), IdealProcessor: u32(0x24c), WaitReason: u8(0x283),
      KernelTime: u32(0x28c), UserTime: u32(0x2dc),
    },
  },
  _ETHREAD: {
    size: 0x898,
    fields: {
      Cid: { offset: 0x478, size: 16, typeName: '_CLIENT_ID' }, IrpList: list(0x4b0), Win32StartAddress: ptr(0x4d0),
      ThreadListEntry: list(0x4e8), CrossThreadFlags: u32(0x510), ActiveImpersonationInfo: bits(0x510, 3, 1),
      ThreadIoPriority: bits(0x510, 9, 3), ThreadPagePriority: bits(0x510, 12, 3),
    },
  },
  _EPROCESS: {
    size: 0xa40,
    fields: {
      'Pcb.DirectoryTableBase': { offset: 0x28, size: 8, typeName: 'unsigned __int64' }, UniqueProcessId: ptr(0x440),
      ActiveProcessLinks: list(0x448), CreateTime: { offset: 0x468, size: 8, typeName: '_LARGE_INTEGER' },
      InheritedFromUniqueProcessId: ptr(0x540), Peb: ptr(0x550, '_PEB *'), Session: ptr(0x558), ObjectTable: ptr(0x570, '_HANDLE_TABLE *'),
      DeviceMap: ptr(0x588), ImageFileName: { offset: 0x5a8, size: 15, typeName: 'unsigned char [15]' }, ThreadListHead: list(0x5e0),
      ActiveThreads: u32(0x5f0), Flags3: u32(0x87c),
    },
  },
  _KPRCB: {
    size: 0xaf00,
    fields: {
      CurrentThread: ptr(0x8), NextThread: ptr(0x10), IdleThread: ptr(0x18), Number: u32(0x24), GroupSetMember: ptr(0xc8),
      Group: u8(0xd0), GroupIndex: u8(0xd1), DpcData: { offset: 0x30c0, size: 0x50, typeName: '_KDPC_DATA [2]' },
      InterruptObject: { offset: 0x3140, size: 0x800, typeName: 'void * [256]' }, InterruptCount: u32(0x7e80),
      KernelTime: u32(0x7e84), UserTime: u32(0x7e88), DpcTime: u32(0x7e8c), InterruptTime: u32(0x7e90),
    },
  },
  _KPCR: { size: 0xb080, fields: { Prcb: { offset: 0x180, size: 0xaf00, typeName: '_KPRCB' } } },
  _KDPC_DATA: { size: 0x28, fields: {} },
  _KINTERRUPT: {
    size: 0x100,
    fields: {
      Type: { offset: 0, size: 2, typeName: 'short' }, InterruptListEntry: list(0x8), ServiceRoutine: ptr(0x18), MessageServiceRoutine: ptr(0x20),
      Vector: u32(0x58), Irql: u8(0x5c), Connected: u8(0x5f),
    },
  },
  _IRP: {
    size: 0xd0,
    fields: { Type: { offset: 0, size: 2, typeName: 'short' }, Size: { offset: 2, size: 2, typeName: 'unsigned short' }, MdlAddress: ptr(0x8, '_MDL *'), Flags: u32(0x10), ThreadListEntry: list(0x20) },
  },
  _POOL_TRACKER_TABLE: {
    size: 0x38,
    fields: { Key: { offset: 0, size: 4, typeName: 'long' }, NonPagedBytes: u64(0x8), NonPagedAllocs: u64(0x10), NonPagedFrees: u64(0x18), PagedBytes: u64(0x20), PagedAllocs: u64(0x28), PagedFrees: u64(0x30) },
  },
  _MMPFN: { size: 0x30, fields: { 'u3.e1.PageLocation': { offset: 0x22, size: 1, bitPosition: 0, bitLength: 3, typeName: 'unsigned char' } } },
  _ERESOURCE: {
    size: 0x68,
    fields: {
      SystemResourcesList: list(0), OwnerTable: ptr(0x10, '_OWNER_ENTRY *'), ActiveCount: { offset: 0x18, size: 2, typeName: 'short' },
      Flag: { offset: 0x1a, size: 2, typeName: 'unsigned short' }, SharedWaiters: ptr(0x20), ExclusiveWaiters: ptr(0x28),
      OwnerEntry: { offset: 0x30, size: 0x10, typeName: '_OWNER_ENTRY' }, ActiveEntries: u32(0x40), ContentionCount: u32(0x44),
      NumberOfSharedWaiters: u32(0x48), NumberOfExclusiveWaiters: u32(0x4c),
    },
  },
  _OWNER_ENTRY: { size: 0x10, fields: { OwnerThread: u64(0), IoQoSPriorityBoosted: bits(0x8, 2, 1), OwnerCount: bits(0x8, 3, 29) } },
  _MM_DRIVER_VERIFIER_DATA: {
    size: 0xa8,
    fields: Object.fromEntries([
      ...['Level', 'RaiseIrqls', 'AcquireSpinLocks', 'SynchronizeExecutions', 'AllocationsAttempted', 'AllocationsSucceeded',
        'AllocationsSucceededSpecialPool', 'AllocationsWithNoTag', 'TrimRequests', 'Trims', 'AllocationsFailed',
        'AllocationsFailedDeliberately', 'Loads', 'Unloads', 'UnTrackedPool', 'UserTrims', 'CurrentPagedPoolAllocations',
        'CurrentNonPagedPoolAllocations', 'PeakPagedPoolAllocations', 'PeakNonPagedPoolAllocations'].map((n, i) => [n, u32(i * 4)]),
      ...['PagedBytes', 'NonPagedBytes', 'PeakPagedBytes', 'PeakNonPagedBytes'].map((n, i) => [n, u64(0x50 + i * 8)]),
      ...['BurstAllocationsFailedDeliberately', 'SessionTrims', 'OptionChanges', 'VerifyMode'].map((n, i) => [n, u32(0x70 + i * 4)]),
    ]),
  },
};

/** Symbols that name nothing but lend nt's types, as a PDB found on the symbol path does. */
export const ntTypes = (structs: Structs): DebuggerSymbols => ({
  lookup: () => undefined,
  types: (m) => (/^(ntoskrnl|ntkrnlmp|nt)/i.test(m.name.replace(/^.*[\\/]/, '')) ? typesOf(structs) : undefined),
});
