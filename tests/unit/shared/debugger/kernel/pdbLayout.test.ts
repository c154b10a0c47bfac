// Kernel layouts from the nt PDB's type information (the PdbTypeInfo seam), between
// KDDEBUGGER_DATA64 and the built-in table, on hand-written structures (ntTypes.ts);
// the TPI reader itself is tested on the corpus PDBs.
import { describe, expect, it } from 'vitest';
import {
  eresourceLayoutFromTypes, kernelLayoutFromTypes, kinterruptLayoutFromTypes, NT_PDB_TYPES, pfnLayoutFromTypes, trackerLayoutFromTypes, verifierOffsetsFromTypes,
} from '../../../../../shared/debugger/kernel/pdbLayout';
import { eresourceLayout } from '../../../../../shared/debugger/kernel/eresource';
import { resolveLayout } from '../../../../../shared/debugger/kernel/layouts';
import { MemoryByteSource } from '../../../../../shared/bytes/byteSource';
import { PdbFile } from '../../../../../shared/formats/pdb/pdbFile';
import { listCorpus, readCorpus } from '../../../../helpers/corpus';
import { DumpFormatError } from '../../../../../shared/errors';
import type { PdbTypeInfo } from '../../../../../shared/formats/pdb/typeInfo';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';
import { engineFor, run } from '../helpers';
import { bits, list, ntTypes, ptr, typesOf, u32, u8, WIN10_20H1, type Structs } from './ntTypes';

describe('kernelLayoutFromTypes', () => {
  it('reads every field the kernel commands use from the PDB\'s structures', () => {
    const l = kernelLayoutFromTypes(typesOf(WIN10_20H1), true);
    expect(l.sizes).toEqual({ ethread: 0x898, eprocess: 0xa40, prcb: 0xaf00 });
    expect(l.pcrContainedPrcb).toBe(0x180);
    expect(l.kthread).toEqual({
      initialStack: 0x28, stackLimit: 0x30, stackBase: 0x38, kernelStack: 0x58, running: 0x71, apcStateProcess: 0xb8, priority: 0xc3,
      teb: 0xf0, contextSwitches: 0x154, state: 0x184, waitMode: 0x187, waitTime: 0x1b4, win32Thread: 0x1c8, nextProcessor: 0x218,
      nextProcessorWidth: 4, process: 0x220, basePriority: 0x233, priorityDecrement: 0x234, apcStateIndex: 0x24a, idealProcessor: 0x24c,
      waitReason: 0x283, kernelTime: 0x28c, userTime: 0x2dc, alertable: { offset: 0x74, bit: 4 },
    });
    expect(l.ethread).toEqual({
      cid: 0x478, irpList: 0x4b0, win32StartAddress: 0x4d0, threadListEntry: 0x4e8,
      crossThreadFlags: { offset: 0x510, impersonationBit: 3, ioPriorityBit: 9, pagePriorityBit: 12 },
    });
    expect(l.eprocess).toEqual({
      directoryTableBase: 0x28, uniqueProcessId: 0x440, activeProcessLinks: 0x448, createTime: 0x468, inheritedFromUniqueProcessId: 0x540,
      peb: 0x550, session: 0x558, objectTable: 0x570, deviceMap: 0x588, imageFileName: 0x5a8, threadListHead: 0x5e0, activeThreads: 0x5f0, flags3: 0x87c,
    });
    expect(l.prcb).toEqual({
      currentThread: 0x8, nextThread: 0x10, idleThread: 0x18, number: 0x24, groupSetMember: 0xc8, group: 0xd0, groupIndex: 0xd1,
      dpcData: 0x30c0, interruptObject: 0x3140, interruptCount: 0x7e80, kernelTime: 0x7e84, userTime: 0x7e88, dpcTime: 0x7e8c, interruptTime: 0x7e90,
    });
  });

  it('leaves out fields whose type is not the one the readers expect', () => {
    const changed: Structs = structuredClone(WIN10_20H1);
    changed._KTHREAD!.fields.Priority = u32(0xc3); // not a CHAR
    changed._EPROCESS!.fields.DeviceMap = { offset: 0x588, size: 8, typeName: '_EX_FAST_REF' }; // Windows 11 23H2
    changed._ETHREAD!.fields.ThreadIoPriority = bits(0x514, 9, 3); // not in CrossThreadFlags
    changed._KDPC_DATA!.size = 0x20; // the older LIST_ENTRY form
    const l = kernelLayoutFromTypes(typesOf(changed), true);
    expect(l.kthread.priority).toBeUndefined();
    expect(l.kthread.basePriority).toBe(0x233);
    expect(l.eprocess.deviceMap).toBeUndefined();
    expect(l.ethread.crossThreadFlags).toBeUndefined();
    expect(l.prcb.dpcData).toBeUndefined();
  });

  it('a BOOLEAN Alertable (XP) is bit 0 of its byte; a USHORT NextProcessor keeps its width', () => {
    const xp: Structs = { _KTHREAD: { fields: { Alertable: u8(0x164), NextProcessor: { offset: 0x12b, size: 2, typeName: 'unsigned short' } } } };
    const l = kernelLayoutFromTypes(typesOf(xp), false);
    expect(l.kthread).toEqual({ alertable: { offset: 0x164, bit: 0 }, nextProcessor: 0x12b, nextProcessorWidth: 2 });
  });

  it('a type stream that fails to decode gives an empty layout, not an exception', () => {
    const broken: PdbTypeInfo = {
      structSize: () => { throw new DumpFormatError('OutOfBounds', 'TPI record past the stream'); },
      field: () => { throw new DumpFormatError('OutOfBounds', 'TPI record past the stream'); },
      argumentList: () => undefined,
      typeName: () => undefined,
    };
    const l = kernelLayoutFromTypes(broken, true);
    expect(l.found).toBe(0);
    expect(l.kthread).toEqual({});
    expect(l.sizes).toEqual({ ethread: undefined, eprocess: undefined, prcb: undefined });
  });

  it('_KINTERRUPT only when every field !idt reads is there with its width', () => {
    expect(kinterruptLayoutFromTypes(typesOf(WIN10_20H1))).toEqual({
      type: 0, interruptListEntry: 0x8, serviceRoutine: 0x18, messageServiceRoutine: 0x20, vector: 0x58, irql: 0x5c, connected: 0x5f, readSize: 0x60,
    });
    const noConnected: Structs = structuredClone(WIN10_20H1);
    delete noConnected._KINTERRUPT!.fields.Connected;
    expect(kinterruptLayoutFromTypes(typesOf(noConnected))).toBeUndefined();
  });
});

describe('other kernel structures from PDB types', () => {
  const types = typesOf(WIN10_20H1);

  it('_IRP, _POOL_TRACKER_TABLE, _MMPFN and _MM_DRIVER_VERIFIER_DATA', () => {
    expect(kernelLayoutFromTypes(types, true).irp).toEqual({ type: 0, size: 2, mdlAddress: 8, flags: 0x10, threadListEntry: 0x20 });
    expect(trackerLayoutFromTypes(types)).toEqual({
      size: 0x38, key: 0, nonPagedBytes: [0x8, 8], nonPagedAllocs: [0x10, 8], nonPagedFrees: [0x18, 8], pagedBytes: [0x20, 8], pagedAllocs: [0x28, 8], pagedFrees: [0x30, 8],
    });
    expect(pfnLayoutFromTypes(types)).toEqual({ size: 0x30, pageLocation: 0x22 });
    const v = verifierOffsetsFromTypes(types, true)!;
    expect(v.counts.slice(0, 3)).toEqual([0, 4, 8]);
    expect(v.bytes).toEqual([0x50, 0x58, 0x60, 0x68]);
    expect(v.tail).toEqual([0x70, 0x74, 0x78, 0x7c]);
    expect(v.size).toBe(0x80);
  });

  it('_ERESOURCE with Windows 10\'s OwnerCount bit field, and XP\'s OwnerThreads[2]', () => {
    expect(eresourceLayoutFromTypes(types, true)).toEqual({
      size: 0x68, ownerTable: 0x10, activeCount: 0x18, flag: 0x1a, sharedWaiters: 0x20, exclusiveWaiters: 0x28,
      ownerEntries: { at: 0x30, count: 1 }, ownerEntrySize: 0x10, activeEntries: 0x40, contentionCount: 0x44,
      sharedWaitersCount: { at: 0x48, width: 4 }, exclusiveWaitersCount: { at: 0x4c, width: 4 }, ownerCountShift: 3,
    });
    // XP x86 (public XP SP3 _ERESOURCE, 0x38 bytes): OwnerThreads[2] at 0x18, USHORT waiter counts, a whole-LONG OwnerCount.
    const xp: Structs = {
      _ERESOURCE: {
        size: 0x38,
        fields: {
          SystemResourcesList: { offset: 0, size: 8, typeName: '_LIST_ENTRY' }, OwnerTable: { offset: 0x8, size: 4 }, ActiveCount: { offset: 0xc, size: 2 },
          Flag: { offset: 0xe, size: 2 }, SharedWaiters: { offset: 0x10, size: 4 }, ExclusiveWaiters: { offset: 0x14, size: 4 },
          OwnerThreads: { offset: 0x18, size: 0x10, typeName: '_OWNER_ENTRY [2]' }, ContentionCount: { offset: 0x28, size: 4 },
          NumberOfSharedWaiters: { offset: 0x2c, size: 2 }, NumberOfExclusiveWaiters: { offset: 0x2e, size: 2 },
        },
      },
      _OWNER_ENTRY: { size: 8, fields: { OwnerThread: { offset: 0, size: 4 }, OwnerCount: { offset: 4, size: 4 } } },
    };
    expect(eresourceLayoutFromTypes(typesOf(xp), false)).toEqual({
      size: 0x38, ownerTable: 0x8, activeCount: 0xc, flag: 0xe, sharedWaiters: 0x10, exclusiveWaiters: 0x14,
      ownerEntries: { at: 0x18, count: 2 }, ownerEntrySize: 8, activeEntries: undefined, contentionCount: 0x28,
      sharedWaitersCount: { at: 0x2c, width: 2 }, exclusiveWaitersCount: { at: 0x2e, width: 2 }, ownerCountShift: 0,
    });
  });

  it('a structure with a field missing or of another width gives no layout', () => {
    const changed: Structs = structuredClone(WIN10_20H1);
    changed._POOL_TRACKER_TABLE!.fields.PagedFrees = { offset: 0x30, size: 2 };
    changed._MMPFN!.fields['u3.e1.PageLocation'] = { offset: 0x22, size: 1, bitPosition: 1, bitLength: 3 };
    changed._ERESOURCE!.fields.SystemResourcesList = list(0x8);
    delete changed._MM_DRIVER_VERIFIER_DATA!.fields.VerifyMode;
    delete changed._IRP!.fields.Flags;
    const t = typesOf(changed);
    expect(trackerLayoutFromTypes(t)).toBeUndefined();
    expect(pfnLayoutFromTypes(t)).toBeUndefined();
    expect(eresourceLayoutFromTypes(t, true)).toBeUndefined();
    expect(verifierOffsetsFromTypes(t, true)).toBeUndefined();
    expect(kernelLayoutFromTypes(t, true).irp).toBeUndefined();
  });
});

describe('a real Microsoft PDB: amdppm.pdb (a 19041 driver, built with the WDK headers of that kernel)', () => {
  // A driver's PDB holds the WDK's view of kernel structures (its _KPRCB is the short public one),
  // not nt's; the structures the WDK defines in full must equal the built-in 19041 layouts.
  const [folder] = listCorpus('symstore/amdppm.pdb');
  const types = new PdbFile(new MemoryByteSource(readCorpus('symstore', 'amdppm.pdb', folder!, 'amdppm.pdb'))).types!;

  it('_ERESOURCE and _OWNER_ENTRY equal the table\'s x64 Windows 10 layout (OwnerCount from bit 3)', () => {
    expect(eresourceLayoutFromTypes(types, true)).toEqual(eresourceLayout('amd64', 19041));
    expect(eresourceLayoutFromTypes(types, true)!.ownerCountShift).toBe(3);
  });

  it('_IRP\'s header and _KPCR.Prcb equal the table\'s, and the WDK\'s _KPRCB head agrees with the 19041 row', () => {
    const l = kernelLayoutFromTypes(types, true);
    const table = resolveLayout('amd64', 19041, undefined);
    expect(l.irp).toEqual(table.irp);
    expect(l.pcrContainedPrcb).toBe(table.pcrContainedPrcb);
    for (const k of ['currentThread', 'nextThread', 'idleThread', 'number', 'groupSetMember', 'group', 'groupIndex'] as const) {
      expect(l.prcb[k], k).toBe(table.prcb[k]);
    }
    // nt-only structures are not in a driver's PDB: nothing is invented for them.
    expect(l.kthread).toEqual({});
    expect(l.eprocess).toEqual({});
  });
});

describe('resolveLayout with PDB types', () => {
  const fromPdb = { source: NT_PDB_TYPES, layout: kernelLayoutFromTypes(typesOf(WIN10_20H1), true) };

  it('fills a build the table lacks, and names the PDB as the source', () => {
    const l = resolveLayout('amd64', 22000, undefined, fromPdb);
    expect(l.sources).toEqual([NT_PDB_TYPES]);
    expect(l.ethread.cid).toBe(0x478);
    expect(l.eprocess.imageFileName).toBe(0x5a8);
    expect(l.prcb.interruptObject).toBe(0x3140);
  });

  it('KDDEBUGGER_DATA64 still wins over the PDB, and the PDB over the table', () => {
    const pdb = structuredClone(WIN10_20H1);
    pdb._KTHREAD!.fields.Teb = ptr(0xf8);
    pdb._ETHREAD!.fields.Cid = { offset: 0x480, size: 16, typeName: '_CLIENT_ID' };
    const l = resolveLayout('amd64', 19041, { kthreadTeb: 0xf0 }, { source: NT_PDB_TYPES, layout: kernelLayoutFromTypes(typesOf(pdb), true) });
    expect(l.kthread.teb).toBe(0xf0);
    expect(l.ethread.cid).toBe(0x480);
    expect(l.sources).toEqual(['KDDEBUGGER_DATA64', NT_PDB_TYPES, 'built-in table amd64 19041']);
  });
});

describe('kernel commands with the nt PDB on the symbol path', () => {
  // A build the built-in table does not have (Windows 11 21H2); the builder lays its thread out at the 19041 offsets.
  const bytes = toBytes(buildKernelDump({ type: 'full', is64: true, build: 22000 }));

  it('without types, !thread says which offsets are missing', () => {
    expect(run(engineFor(bytes, 'synthetic-22000.dmp'), '!thread')).toContain('(_ETHREAD.Cid: DumpDesk has no verified layout for amd64 build 22000');
  });

  it('with types, !thread and !process read the structures at the PDB\'s offsets', () => {
    const engine = engineFor(bytes, 'synthetic-22000.dmp', ntTypes(WIN10_20H1));
    const thread = run(engine, '!thread');
    expect(thread.split('\n')[0]).toBe('THREAD fffff80000711000  Cid 1234.5678  Teb: 0000000000000000 Win32Thread: 0000000000000000 INITIALIZED');
    expect(thread).not.toContain('no verified layout');
    expect(thread).toContain('Priority 0  BasePriority 0  Foreground Boost 0');
    expect(run(engine, '!process 0 0')).not.toContain('no verified layout');
  });

  it('a field the PDB lacks too is named, and the hint says the PDB was read', () => {
    const noCid: Structs = structuredClone(WIN10_20H1);
    delete noCid._ETHREAD!.fields.Cid;
    const thread = run(engineFor(bytes, 'synthetic-22000.dmp', ntTypes(noCid)), '!thread');
    expect(thread).toContain("    (_ETHREAD.Cid: DumpDesk has no verified layout for amd64 build 22000, and the dump's KDDEBUGGER_DATA64 does not give it; nor do the nt PDB's types, with the type this command reads)");
  });
});
