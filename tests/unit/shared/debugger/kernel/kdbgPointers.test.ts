// KDDEBUGGER_DATA64 fields the kernel extensions start from, read from a synthetic
// full dump whose block the builder wrote at hand-counted offsets (WDBGEXTS.H).
import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '../../../../../shared/bytes/byteSource';
import { KernelDump } from '../../../../../shared/formats/kernel/kernelDump';
import { kdbgPointer } from '../../../../../shared/debugger/kernel/kdbgPointers';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';
import { readCorpus } from '../../../../helpers/corpus';

describe('kdbgPointer', () => {
  it.each([true, false])('is64=%s: fields set by the builder come back; unset (0) fields are undefined', (is64) => {
    const root = is64 ? 0xffffc00000001230n : 0x8c001230n;
    const dump = new KernelDump(new MemoryByteSource(toBytes(buildKernelDump({ type: 'full', is64, pae: true, kdbgFields: { ObpRootDirectoryObject: root, ExpSystemResourcesList: root + 0x40n } }))));
    expect(kdbgPointer(dump, 'ObpRootDirectoryObject')).toBe(root);
    expect(kdbgPointer(dump, 'ExpSystemResourcesList')).toBe(root + 0x40n);
    expect(kdbgPointer(dump, 'PoolTrackTable')).toBeUndefined();
  });

  it('reads the corpus small dump\'s copy of the block (x64 19041): KernBase and PsLoadedModuleList as its header says', () => {
    const dump = new KernelDump(new MemoryByteSource(readCorpus('kernel', '083125-14875-01.dmp')));
    expect(kdbgPointer(dump, 'KernBase')).toBe(dump.debuggerData()?.kernBase);
    expect(kdbgPointer(dump, 'PsLoadedModuleList')).toBe(dump.header.psLoadedModuleList);
  });
});
