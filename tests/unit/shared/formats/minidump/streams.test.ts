// Each stream type, including those the corpus lacks (ThreadNames, HandleData,
// Comment, MemoryInfoList, ThreadInfoList, UnloadedModuleList, Memory64List,
// NB10), built by the synthetic builder and read back.
import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '../../../../../shared/bytes/byteSource';
import { openDump } from '../../../../../shared/dump/openDump';
import { DumpFormatError } from '../../../../../shared/errors';
import { MinidumpDump } from '../../../../../shared/formats/minidump/minidumpDump';
import { MinidumpBuilder, sampleCrashDump } from '../../../../synth/minidump/builder';

const open = (b: Uint8Array): MinidumpDump => new MinidumpDump(new MemoryByteSource(b));

function formatError(f: () => unknown): DumpFormatError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DumpFormatError);
    return e as DumpFormatError;
  }
  throw new Error('expected a DumpFormatError');
}

describe('sample crash dumps from the builder', () => {
  it.each(['x86', 'amd64'] as const)('%s: system, modules, threads, exception, process', (arch) => {
    const d = open(sampleCrashDump(arch));
    expect(d.is64).toBe(arch === 'amd64');
    expect(d.system()).toMatchObject({ os: 'Windows NT', osVersion: '10.0.19041', cpuArch: arch, cpuCount: 8 });
    const [exe, ntdll] = d.modules();
    expect(exe).toMatchObject({ name: 'crash.exe', path: 'C:\\app\\crash.exe', size: 0x5000, version: '1.2.3.4', debugFile: 'crash.pdb', debugId: '0123456789ABCDEF0123456789ABCDEF2', codeId: '5F0000005000', main: true });
    expect(ntdll).toMatchObject({ name: 'ntdll.dll', version: '10.0.19041.1', debugId: 'FEDCBA9876543210FEDCBA98765432101', main: false });
    expect(d.threads().map((t) => t.id)).toEqual([0x1a4, 0x1b0]);
    const e = d.exception()!;
    expect(e.code).toBe(0xc0000005);
    expect(e.parameters).toEqual([1n, 0x45n]);
    expect(e.context?.ip).toBe(exe!.base + 0x1234n);
    expect(d.crashingThreadIndex()).toBe(0);
    expect(d.process()).toMatchObject({ name: 'crash.exe', id: 4242, uptimeSeconds: 0x100 });
    expect(d.timestamp()?.getTime()).toBe(0x5f000000 * 1000);
    // The stack (only in the thread descriptor) is readable through memory.
    const t = d.threads()[0]!;
    const ptr = arch === 'amd64' ? 8 : 4;
    const slot = d.memory.read(t.stack!.start + BigInt(ptr), ptr)!;
    const value = ptr === 8 ? new DataView(slot.buffer, slot.byteOffset).getBigUint64(0, true) : BigInt(new DataView(slot.buffer, slot.byteOffset).getUint32(0, true));
    expect(value).toBe(ntdll!.base + 0x5678n);
  });
});

describe('auxiliary streams', () => {
  const b = new MinidumpBuilder('amd64')
    .systemInfo({ csd: 'Service Pack 2', major: 5, minor: 1, build: 2600 })
    .thread({ id: 1, regs: { rip: 0x1000n, rsp: 0x2000n } })
    .thread({ id: 2 })
    .threadNames([[1, 'main'], [2, 'worker \u00e9']])
    .threadInfo([{ id: 1, createTime: 132000000000000000n, kernelTime: 20000n, userTime: 50000n }], 72)
    .handles([{ handle: 4n, type: 'Event', name: '\\BaseNamedObjects\\x' }, { handle: 8n, type: 'File' }])
    .memoryInfo([{ base: 0x10000n, size: 0x1000n, state: 0x1000, protect: 0x04, type: 0x20000 }, { base: 0x20000n, size: 0x2000n, state: 0x10000, protect: 0x01, type: 0 }])
    .unloadedModules([{ name: 'C:\\x\\gone.dll', base: 0x10000000n, size: 0x3000, timestamp: 7 }])
    .comment('ascii comment')
    .comment('wide comment \u4e2d', true)
    .module({ name: 'old.exe', base: 0x400000n, size: 0x1000, nb10: { file: 'old.pdb', signature: 0x3a2b1c0d, age: 0x1f } })
    .breakpadInfo(3, 2)
    .build();
  const d = open(b);

  it('SystemInfo CSD version → osVersion like Breakpad', () => {
    expect(d.system().osVersion).toBe('5.1.2600 Service Pack 2');
    expect(d.system().csdVersion).toBe('Service Pack 2');
  });
  it('ThreadNames and ThreadInfoList (bigger SizeOfEntry is accepted)', () => {
    const [t1, t2] = d.threads();
    expect(t1!.name).toBe('main');
    expect(t2!.name).toBe('worker \u00e9');
    expect(t1!.kernelTimeMs).toBe(2);
    expect(t1!.userTimeMs).toBe(5);
    expect(t1!.createTime?.toISOString()).toBe('2019-04-17T18:40:00.000Z');
    expect(t2!.createTime).toBeUndefined();
  });
  it('HandleData', () => {
    expect(d.handles()).toEqual([
      { handle: 4n, typeName: 'Event', objectName: '\\BaseNamedObjects\\x', attributes: 0, grantedAccess: 0x1f0003, handleCount: 1, pointerCount: 1 },
      { handle: 8n, typeName: 'File', objectName: undefined, attributes: 0, grantedAccess: 0x1f0003, handleCount: 1, pointerCount: 1 },
    ]);
  });
  it('MemoryInfoList', () => {
    const m = d.memoryInfo();
    expect(m.length).toBe(2);
    expect(m[0]).toMatchObject({ BaseAddress: 0x10000n, RegionSize: 0x1000n, State: 0x1000, Protect: 4, Type: 0x20000 });
  });
  it('UnloadedModuleList', () => {
    expect(d.unloadedModules()).toEqual([{ name: 'gone.dll', base: 0x10000000n, size: 0x3000, timestamp: 7 }]);
  });
  it('CommentA and CommentW', () => {
    expect(d.comments()).toEqual({ ansi: 'ascii comment', wide: 'wide comment \u4e2d' });
  });
  it('NB10 CodeView → timestamp + age debug id', () => {
    expect(d.modules()[0]).toMatchObject({ debugFile: 'old.pdb', debugId: '3A2B1C0D1f' });
  });
  it('Breakpad info gives the requesting thread when there is no exception', () => {
    expect(d.breakpadInfo()).toEqual({ validity: 3, dumpThreadId: 3, requestingThreadId: 2 });
    expect(d.crashingThreadIndex()).toBe(1);
  });
  it('no diagnostics on a clean dump', () => {
    expect(d.diagnostics).toEqual([]);
  });
});

describe('memory reader', () => {
  const a = Uint8Array.from({ length: 0x100 }, (_, i) => i);
  const b2 = Uint8Array.from({ length: 0x100 }, (_, i) => 0xff - i);
  it('MemoryList: binary search, reads spanning adjacent ranges, gaps are undefined', () => {
    const d = open(new MinidumpBuilder('x86').memory(0x2000n, b2).memory(0x1000n, a).memory(0x1100n, b2).build());
    expect(d.memory.regions().map((r) => r.start)).toEqual([0x1000n, 0x1100n, 0x2000n]);
    expect(Array.from(d.memory.read(0x10fen, 4)!)).toEqual([0xfe, 0xff, 0xff, 0xfe]);
    expect(d.memory.read(0x11f0n, 0x20)).toBeUndefined(); // runs into the gap at 0x1200
    expect(d.memory.read(0x0n, 1)).toBeUndefined();
    expect(d.memory.read(0x2000n, 0x100)!.length).toBe(0x100);
    expect(d.memory.read(0x2000n, 0x101)).toBeUndefined();
  });
  it('Memory64List: data back to back from BaseRva', () => {
    const d = open(new MinidumpBuilder('amd64').memory64([{ start: 0x7ff000000000n, bytes: a }, { start: 0x7ff000000100n, bytes: b2 }]).build());
    expect(d.memory.read(0x7ff0000000ffn, 2)).toEqual(Uint8Array.of(0xff, 0xff));
    expect(d.memory.regions().length).toBe(2);
  });
  it('overlapping ranges: the first wins, with a diagnostic', () => {
    const d = open(new MinidumpBuilder('x86').memory(0x1000n, a).memory(0x1080n, b2).build());
    expect(d.memory.regions().length).toBe(1);
    expect(d.diagnostics[0]).toMatchObject({ code: 'OverlappingMemory' });
  });
});

describe('bad input', () => {
  it('openDump names what the first bytes look like', () => {
    expect(formatError(() => openDump(new MemoryByteSource(new TextEncoder().encode('hello world')))).message).toMatch(/not a Windows crash dump: .*starts with 'hello wo'/);
    expect(formatError(() => openDump(new MemoryByteSource(Uint8Array.of(0x4d, 0x5a, 0x90, 0)))).message).toMatch(/'MZ'/);
    expect(formatError(() => openDump(new MemoryByteSource(new Uint8Array(0)))).message).toMatch(/empty/);
    // PAGEDU64 goes to the kernel reader, which finds this 16-byte file too short for its header.
    expect(formatError(() => openDump(new MemoryByteSource(new TextEncoder().encode('PAGEDU64xxxxxxxx')))).code).toBe('Truncated');
  });
  it('a header-only file is Truncated; a wrong version is BadVersion', () => {
    expect(formatError(() => open(new TextEncoder().encode('MDMP'))).code).toBe('Truncated');
    const b = new MinidumpBuilder().build();
    b[4] = 0x94;
    expect(formatError(() => open(b)).code).toBe('BadVersion');
  });
  it('a stream count larger than the file is BadCount', () => {
    const b = new MinidumpBuilder().systemInfo().build();
    new DataView(b.buffer).setUint32(8, 0x10000000, true);
    expect(formatError(() => open(b))).toMatchObject({ code: 'BadCount' });
  });
  it('duplicate and unused directory entries are diagnostics', () => {
    const good = new MinidumpBuilder().systemInfo({ build: 1 }).build();
    const rva = new DataView(good.buffer).getUint32(32 + 8, true);
    const d = open(new MinidumpBuilder().systemInfo({ build: 1 }).rawDirectoryEntry(7, 56, rva).rawDirectoryEntry(0, 0, 0).rawDirectoryEntry(0, 999999, 0).build());
    // The all-zero unused entry is padding; the one with a size gets a note.
    expect(d.diagnostics.map((x) => [x.level, x.code])).toEqual([['warning', 'DuplicateStream'], ['info', 'UnusedStreamEntry']]);
    expect(d.system().buildNumber).toBe(1);
  });
  it('a core stream that cannot be decoded throws from its accessor, every time', () => {
    const b = new MinidumpBuilder('amd64').thread({ id: 1 }).build();
    // Claim 2 threads in a stream that holds 1.
    const dv = new DataView(b.buffer);
    const rva = dv.getUint32(32 + 8, true);
    dv.setUint32(rva, 2, true);
    const d = open(b);
    const e = formatError(() => d.threads());
    expect(e.message).toMatch(/ThreadList stream \(directory entry 0\): 2 threads need 100 bytes, the stream has 52/);
    expect(formatError(() => d.threads()).message).toBe(e.message);
  });
  it('MiscInfo with SizeOfInfo below 24 bytes is a diagnostic, not a crash (fuzz finding, tiny-exe-fastfail seed 261)', () => {
    const b = new MinidumpBuilder('amd64').miscInfo({ processId: 7 }).build();
    const dv = new DataView(b.buffer);
    dv.setUint32(dv.getUint32(32 + 8, true), 0, true); // SizeOfInfo = 0
    const d = open(b);
    expect(d.miscInfo()).toBeUndefined();
    expect(d.process()).toBeUndefined();
    expect(d.diagnostics[0]!.message).toMatch(/MiscInfo stream skipped: .*SizeOfInfo 0 is smaller than MINIDUMP_MISC_INFO \(24 bytes\)/);
  });
  it('an auxiliary stream that cannot be decoded becomes a StreamUnreadable diagnostic', () => {
    const b = new MinidumpBuilder('amd64').memoryInfo([{ base: 0n, size: 0x1000n, state: 0x1000, protect: 4, type: 0x20000 }]).build();
    const dv = new DataView(b.buffer);
    const rva = dv.getUint32(32 + 8, true);
    dv.setUint32(rva + 4, 16, true); // SizeOfEntry 16 < 48
    const d = open(b);
    expect(d.memoryInfo()).toEqual([]);
    expect(d.diagnostics[0]!.code).toBe('StreamUnreadable');
    expect(d.diagnostics[0]!.message).toMatch(/MemoryInfoList stream skipped: .*SizeOfEntry 16 is smaller than the 48-byte entry/);
  });
});
