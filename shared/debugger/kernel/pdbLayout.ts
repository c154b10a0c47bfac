import { isDumpDeskError } from '../../errors';
import type { PdbField, PdbTypeInfo } from '../../formats/pdb/typeInfo';
import type { EresourceLayout } from './eresource';
import type { KInterruptLayout } from './kinterrupt';
import type { EProcessLayout, EThreadLayout, IrpLayout, KThreadLayout, PrcbLayout } from './layouts';
import type { PfnLayout } from './pfnDatabase';
import type { TrackerLayout } from './poolTracker';
import { VERIFIER_BYTES, VERIFIER_COUNTS, VERIFIER_TAIL, type VerifierOffsets } from './verifierData';

/** How `KernelLayout.sources` names this source. */
export const NT_PDB_TYPES = "the nt PDB's types";

export interface PdbKernelLayout {
  sizes: { ethread?: number; eprocess?: number; prcb?: number };
  pcrContainedPrcb?: number;
  kthread: KThreadLayout;
  ethread: EThreadLayout;
  eprocess: EProcessLayout;
  prcb: PrcbLayout;
  /** _IRP's header, when every field is there. */
  irp?: IrpLayout;
  /** Fields found; 0 when the PDB has none of the kernel's structures (the kernel target then does not name it as a source). */
  found: number;
}

/** Width a reader expects: bytes, "ptr" for the target's pointer size, or undefined for any (structures, lists). */
type Width = number | 'ptr' | undefined;

/**
 * Kernel structure offsets from the nt PDB's type information, as WinDbg
 * takes them when ntkrnlmp.pdb is on the symbol path. The PDB matches the
 * dump's kernel by debug id (the symbol supplier checks it), so its layouts
 * are exact for any build, including those the built-in table lacks.
 *
 * A field is taken only when the PDB has it with the width the readers
 * expect (a UCHAR read as UCHAR, a pointer as a pointer): a field that
 * changed type between builds is left out rather than misread.
 */
export function kernelLayoutFromTypes(types: PdbTypeInfo, is64: boolean): PdbKernelLayout {
  let found = 0;
  const ptr = is64 ? 8 : 4;
  /** The field's offset when its width is the expected one. */
  const at = (struct: string, path: string, width: Width): number | undefined => {
    const f = safeField(types, struct, path);
    if (!f || f.bitLength !== undefined) return undefined;
    const want = width === 'ptr' ? ptr : width;
    if (want !== undefined && f.size !== undefined && f.size !== want) return undefined;
    found++;
    return f.offset;
  };
  const bit = (struct: string, path: string): PdbField | undefined => {
    const f = safeField(types, struct, path);
    if (f?.bitLength === undefined && f?.size !== 1) return undefined;
    return f;
  };
  const size = (name: string): number | undefined => safeSize(types, name);

  const K = '_KTHREAD';
  // NextProcessor is a UCHAR (XP), a USHORT (Vista x64) or a ULONG: the reader takes its width from here.
  const nextProcessor = sized(types, K, 'NextProcessor', [1, 2, 4]);
  // Alertable: a bit of MiscFlags (Vista+) or a BOOLEAN of its own (XP).
  const alertable = bit(K, 'Alertable');
  const kthread: KThreadLayout = {
    initialStack: at(K, 'InitialStack', 'ptr'),
    stackLimit: at(K, 'StackLimit', 'ptr'),
    stackBase: at(K, 'StackBase', 'ptr'),
    kernelStack: at(K, 'KernelStack', 'ptr'),
    running: at(K, 'Running', 1),
    apcStateProcess: at(K, 'ApcState.Process', 'ptr'),
    priority: at(K, 'Priority', 1),
    teb: at(K, 'Teb', 'ptr'),
    contextSwitches: at(K, 'ContextSwitches', 4),
    state: at(K, 'State', 1),
    waitMode: at(K, 'WaitMode', 1),
    waitTime: at(K, 'WaitTime', 4),
    win32Thread: at(K, 'Win32Thread', 'ptr'),
    nextProcessor: nextProcessor?.offset,
    nextProcessorWidth: nextProcessor?.size as 1 | 2 | 4 | undefined,
    process: at(K, 'Process', 'ptr'),
    basePriority: at(K, 'BasePriority', 1),
    priorityDecrement: at(K, 'PriorityDecrement', 1),
    apcStateIndex: at(K, 'ApcStateIndex', 1),
    idealProcessor: at(K, 'IdealProcessor', 4),
    waitReason: at(K, 'WaitReason', 1),
    kernelTime: at(K, 'KernelTime', 4),
    userTime: at(K, 'UserTime', 4),
    alertable: alertable ? { offset: alertable.offset, bit: alertable.bitPosition ?? 0 } : undefined,
  };
  if (nextProcessor) found++;
  if (alertable) found++;

  const E = '_ETHREAD';
  const crossThreadFlags = at(E, 'CrossThreadFlags', 4);
  const impersonation = safeField(types, E, 'ActiveImpersonationInfo');
  const ioPriority = safeField(types, E, 'ThreadIoPriority');
  const pagePriority = safeField(types, E, 'ThreadPagePriority');
  // The three bits live in CrossThreadFlags: used only when all three are bit fields there.
  const inFlags = (f: PdbField | undefined) => f?.bitPosition !== undefined && f.offset === crossThreadFlags;
  const ethread: EThreadLayout = {
    cid: at(E, 'Cid', is64 ? 16 : 8),
    irpList: at(E, 'IrpList', is64 ? 16 : 8),
    win32StartAddress: at(E, 'Win32StartAddress', 'ptr'),
    threadListEntry: at(E, 'ThreadListEntry', is64 ? 16 : 8),
    crossThreadFlags: crossThreadFlags !== undefined && inFlags(impersonation) && inFlags(ioPriority) && inFlags(pagePriority)
      ? { offset: crossThreadFlags, impersonationBit: impersonation!.bitPosition!, ioPriorityBit: ioPriority!.bitPosition!, pagePriorityBit: pagePriority!.bitPosition! }
      : undefined,
  };

  const P = '_EPROCESS';
  // DeviceMap became an _EX_FAST_REF on Windows 11 23H2: read it only while it is a plain pointer.
  const deviceMap = safeField(types, P, 'DeviceMap');
  const eprocess: EProcessLayout = {
    directoryTableBase: at(P, 'Pcb.DirectoryTableBase', 'ptr'),
    uniqueProcessId: at(P, 'UniqueProcessId', 'ptr'),
    activeProcessLinks: at(P, 'ActiveProcessLinks', is64 ? 16 : 8),
    createTime: at(P, 'CreateTime', 8),
    inheritedFromUniqueProcessId: at(P, 'InheritedFromUniqueProcessId', 'ptr'),
    peb: at(P, 'Peb', 'ptr'),
    session: at(P, 'Session', 'ptr'),
    objectTable: at(P, 'ObjectTable', 'ptr'),
    deviceMap: deviceMap && deviceMap.typeName?.endsWith('*') ? at(P, 'DeviceMap', 'ptr') : undefined,
    imageFileName: at(P, 'ImageFileName', 15),
    threadListHead: at(P, 'ThreadListHead', is64 ? 16 : 8),
    activeThreads: at(P, 'ActiveThreads', 4),
    flags3: at(P, 'Flags3', 4),
  };

  const C = '_KPRCB';
  // DpcData[0] is read as the 0x28-byte KDPC_LIST form (see PrcbLayout.dpcData); older forms are left out.
  const dpcData = size('_KDPC_DATA') === 0x28 ? at(C, 'DpcData', undefined) : undefined;
  const prcb: PrcbLayout = {
    currentThread: at(C, 'CurrentThread', 'ptr'),
    nextThread: at(C, 'NextThread', 'ptr'),
    idleThread: at(C, 'IdleThread', 'ptr'),
    number: at(C, 'Number', 4),
    groupSetMember: at(C, 'GroupSetMember', 'ptr'),
    group: at(C, 'Group', 1),
    groupIndex: at(C, 'GroupIndex', 1),
    dpcData,
    interruptCount: at(C, 'InterruptCount', 4),
    kernelTime: at(C, 'KernelTime', 4),
    userTime: at(C, 'UserTime', 4),
    dpcTime: at(C, 'DpcTime', 4),
    interruptTime: at(C, 'InterruptTime', 4),
    interruptObject: is64 ? at(C, 'InterruptObject', 256 * 8) : undefined,
  };

  const I = '_IRP';
  const irpFields = { type: at(I, 'Type', 2), size: at(I, 'Size', 2), mdlAddress: at(I, 'MdlAddress', 'ptr'), flags: at(I, 'Flags', 4), threadListEntry: at(I, 'ThreadListEntry', is64 ? 16 : 8) };
  const irp = Object.values(irpFields).every((v) => v !== undefined) ? irpFields as IrpLayout : undefined;

  const sizes = { ethread: size(E), eprocess: size(P), prcb: size(C) };
  // x64 and ARM64 _KPCR.Prcb is the embedded KPRCB; x86 embeds it as PrcbData (its Prcb is a pointer).
  const pcrContainedPrcb = is64 ? at('_KPCR', 'Prcb', sizes.prcb) : at('_KPCR', 'PrcbData', sizes.prcb);
  return { sizes: defined(sizes), pcrContainedPrcb, kthread: defined(kthread), ethread: defined(ethread), eprocess: defined(eprocess), prcb: defined(prcb), irp, found };
}

/**
 * x64 _KINTERRUPT from the PDB, for `!idt`'s interrupt objects on any build;
 * undefined unless every field `!idt` reads is there with its expected width.
 */
export function kinterruptLayoutFromTypes(types: PdbTypeInfo): KInterruptLayout | undefined {
  const S = '_KINTERRUPT';
  const want: [keyof Omit<KInterruptLayout, 'readSize'>, string, number][] = [
    ['type', 'Type', 2], ['interruptListEntry', 'InterruptListEntry', 16], ['serviceRoutine', 'ServiceRoutine', 8],
    ['messageServiceRoutine', 'MessageServiceRoutine', 8], ['vector', 'Vector', 4], ['irql', 'Irql', 1], ['connected', 'Connected', 1],
  ];
  const out: Partial<KInterruptLayout> = {};
  let end = 0;
  for (const [key, name, width] of want) {
    const f = safeField(types, S, name);
    if (!f || f.bitLength !== undefined || (f.size !== undefined && f.size !== width)) return undefined;
    out[key] = f.offset;
    end = Math.max(end, f.offset + width);
  }
  return { ...(out as Omit<KInterruptLayout, 'readSize'>), readSize: end };
}

/** _POOL_TRACKER_TABLE for `!poolused`: the tag and six counters of 4 or 8 bytes each. */
export function trackerLayoutFromTypes(types: PdbTypeInfo): TrackerLayout | undefined {
  const S = '_POOL_TRACKER_TABLE';
  const size = safeSize(types, S);
  const key = sized(types, S, 'Key', [4]);
  if (size === undefined || !key) return undefined;
  const counter = (name: string): readonly [number, 4 | 8] | undefined => {
    const f = sized(types, S, name, [4, 8]);
    return f && [f.offset, f.size as 4 | 8];
  };
  const c = {
    nonPagedAllocs: counter('NonPagedAllocs'), nonPagedFrees: counter('NonPagedFrees'), nonPagedBytes: counter('NonPagedBytes'),
    pagedAllocs: counter('PagedAllocs'), pagedFrees: counter('PagedFrees'), pagedBytes: counter('PagedBytes'),
  };
  if (Object.values(c).some((v) => v === undefined)) return undefined;
  return { size, key: key.offset, ...(c as { [K in keyof typeof c]: readonly [number, 4 | 8] }) };
}

/** _MMPFN for `!memusage`: its size and the byte whose low three bits are u3.e1.PageLocation. */
export function pfnLayoutFromTypes(types: PdbTypeInfo): PfnLayout | undefined {
  const size = safeSize(types, '_MMPFN');
  const f = safeField(types, '_MMPFN', 'u3.e1.PageLocation');
  if (!size || f?.bitLength !== 3 || f.bitPosition === undefined || f.bitPosition % 8 !== 0) return undefined;
  return { size, pageLocation: f.offset + f.bitPosition / 8 };
}

/**
 * _ERESOURCE for `!locks`: the list link must be SystemResourcesList at offset 0 (a link is
 * the resource's address); the inline owners are OwnerEntry (Windows 7+) or OwnerThreads[2] (XP).
 */
export function eresourceLayoutFromTypes(types: PdbTypeInfo, is64: boolean): EresourceLayout | undefined {
  const S = '_ERESOURCE';
  const ptr = is64 ? 8 : 4;
  const size = safeSize(types, S);
  const entrySize = safeSize(types, '_OWNER_ENTRY');
  const at = (name: string, widths: readonly number[]): PdbField | undefined => sized(types, S, name, widths);
  const link = at('SystemResourcesList', [2 * ptr]);
  const pointers = ['OwnerTable', 'SharedWaiters', 'ExclusiveWaiters'].map((n) => at(n, [ptr]));
  const activeCount = at('ActiveCount', [2]);
  const flag = at('Flag', [2]);
  const contention = at('ContentionCount', [4]);
  const shared = at('NumberOfSharedWaiters', [2, 4]);
  const exclusive = at('NumberOfExclusiveWaiters', [2, 4]);
  const entry = plain(types, S, 'OwnerEntry') ?? plain(types, S, 'OwnerThreads');
  if (!size || !entrySize || link?.offset !== 0 || pointers.some((p) => !p) || !activeCount || !flag || !contention || !shared || !exclusive || entry?.size === undefined) return undefined;
  // A bit field from Windows 8 on (bit 2 on 8/8.1, bit 3 from Windows 10); before, a whole LONG.
  const ownerCount = safeField(types, '_OWNER_ENTRY', 'OwnerCount');
  return {
    size,
    ownerTable: pointers[0]!.offset, activeCount: activeCount.offset, flag: flag.offset,
    sharedWaiters: pointers[1]!.offset, exclusiveWaiters: pointers[2]!.offset,
    ownerEntries: { at: entry.offset, count: Math.max(1, Math.floor(entry.size / entrySize)) },
    ownerEntrySize: entrySize,
    activeEntries: at('ActiveEntries', [4])?.offset,
    contentionCount: contention.offset,
    sharedWaitersCount: { at: shared.offset, width: shared.size as 2 | 4 },
    exclusiveWaitersCount: { at: exclusive.offset, width: exclusive.size as 2 | 4 },
    ownerCountShift: ownerCount?.bitPosition ?? 0,
  };
}

/**
 * _MM_DRIVER_VERIFIER_DATA for `!verifier`: each counter the command prints, by its PDB
 * name (Level, RaiseIrqls, … PagedBytes …, VerifyMode), ULONGs and SIZE_T byte counters.
 */
export function verifierOffsetsFromTypes(types: PdbTypeInfo, is64: boolean): VerifierOffsets | undefined {
  const S = '_MM_DRIVER_VERIFIER_DATA';
  let end = 0;
  const all = (names: readonly string[], width: number): number[] | undefined => {
    const out: number[] = [];
    for (const n of names) {
      const f = sized(types, S, n.charAt(0).toUpperCase() + n.slice(1), [width]);
      if (!f) return undefined;
      out.push(f.offset);
      end = Math.max(end, f.offset + width);
    }
    return out;
  };
  const counts = all(VERIFIER_COUNTS, 4);
  const bytes = all(VERIFIER_BYTES, is64 ? 8 : 4);
  const tail = all(VERIFIER_TAIL, 4);
  return counts && bytes && tail ? { counts, bytes, tail, size: end } : undefined;
}

/** A field that is not a bit field and whose size is one of `widths`. */
function sized(types: PdbTypeInfo, struct: string, path: string, widths: readonly number[]): PdbField | undefined {
  const f = plain(types, struct, path);
  return f?.size !== undefined && widths.includes(f.size) ? f : undefined;
}

/** A field that is not a bit field. */
function plain(types: PdbTypeInfo, struct: string, path: string): PdbField | undefined {
  const f = safeField(types, struct, path);
  return f && f.bitLength === undefined ? f : undefined;
}

function safeSize(types: PdbTypeInfo, name: string): number | undefined {
  try {
    return types.structSize(name);
  } catch (e) {
    if (!isDumpDeskError(e)) throw e;
    return undefined;
  }
}

/** A field, or undefined when the type stream cannot answer (a corrupt PDB names nothing). */
function safeField(types: PdbTypeInfo, struct: string, path: string): PdbField | undefined {
  try {
    return types.field(struct, path);
  } catch (e) {
    if (!isDumpDeskError(e)) throw e;
    return undefined;
  }
}

/** The object without its undefined entries, so spreading it over a table row keeps the row's values. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
