// Round trip through the synthetic builder (tests/synth/kernel), which lays
// out every structure from its own hand-written offsets: each page written is
// read back at its virtual address, for every dump type, word size and paging mode.
import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '../../../../../shared/bytes/byteSource';
import { KernelDump } from '../../../../../shared/formats/kernel/kernelDump';
import { buildKernelDump, toBytes, type KernelDumpSpec, type SynthDumpType } from '../../../../synth/kernel/builder';

const variants: { name: string; is64: boolean; pae?: boolean }[] = [
  { name: '64-bit', is64: true },
  { name: '32-bit PAE', is64: false, pae: true },
  { name: '32-bit non-PAE', is64: false, pae: false },
];
const types: { type: SynthDumpType; kind: string }[] = [
  { type: 'small', kind: 'kernel-small' },
  { type: 'full', kind: 'kernel-complete' },
  { type: 'bitmap-kernel', kind: 'kernel-kernel' },
  { type: 'bitmap-full', kind: 'kernel-complete' },
  { type: 'summary-legacy', kind: 'kernel-kernel' }, // Windows 2000/XP SUMMARY_DUMP layout
];

function open(spec: KernelDumpSpec) {
  const synth = buildKernelDump(spec);
  return { synth, dump: new KernelDump(new MemoryByteSource(toBytes(synth))) };
}

describe.each(variants)('synthetic $name kernel dumps', (v) => {
  it.each(types)('$type: header fields, pages, drivers and debugger data round-trip', ({ type, kind }) => {
    const base = v.is64 ? 0xfffff80000000000n : 0x80400000n;
    const spec: KernelDumpSpec = {
      type,
      is64: v.is64,
      pae: v.pae,
      build: v.is64 ? 19041 : 7601,
      processors: 6,
      bugcheck: { code: 0x50, parameters: [base + 0x10n, 2n, base + 0x2001234n, 0n] },
      pages: [base + 0x5000n, base + 0x6000n, base + 0x7000n, v.is64 ? 0x7ffe7350d000n : 0x7ff0d000n],
    };
    const { synth, dump } = open(spec);
    expect(dump.kind).toBe(kind);
    expect(dump.is64).toBe(v.is64);
    expect(dump.system().buildNumber).toBe(spec.build);
    expect(dump.system().cpuCount).toBe(6);
    expect(dump.system().cpuArch).toBe(v.is64 ? 'amd64' : 'x86');
    expect(dump.bugcheck()).toEqual(spec.bugcheck);
    if (type !== 'small') expect(dump.pagingMode()).toBe(v.is64 ? 'x64' : v.pae ? 'pae' : 'x86');
    if (type.includes('bitmap') || type === 'summary-legacy') expect(dump.layout).toMatchObject({ type: 'bitmap', legacy: type === 'summary-legacy' });
    for (const [va, data] of synth.expected.pages) {
      expect(dump.memory.read(va, 0x1000), `page 0x${va.toString(16)}`).toEqual(data);
      // An unaligned read inside the page, too.
      expect(dump.memory.read(va + 0x10n, 8)).toEqual(data.subarray(0x10, 0x18));
    }
    expect(dump.memory.read(base + 0x9000n, 4)).toBeUndefined(); // never written
    const mods = dump.modules();
    expect(mods.map((m) => m.name)).toEqual(synth.expected.drivers.map((d) => d.name));
    expect(mods.map((m) => m.base)).toEqual(synth.expected.drivers.map((d) => d.base));
    expect(mods.map((m) => m.size)).toEqual(synth.expected.drivers.map((d) => d.size));
    expect(mods.map((m) => m.timestamp)).toEqual(synth.expected.drivers.map((d) => d.timestamp));
    expect(dump.debuggerData()?.kernBase).toBe(base); // 32-bit: stored sign-extended, read back as a 32-bit pointer
    const ctx = dump.threads()[0]!.context!;
    expect(ctx.sp).toBe(synth.expected.topOfStack);
    expect(ctx.ip).toBe(base + 0x40d6f0n);
    // The faulting thread and PROCESS_NAME: from the small dump's blobs, or through KiProcessorBlock in memory.
    expect(dump.process()?.name).toBe('acmeapp.exe');
    if (type !== 'small') {
      expect(dump.threads()[0]!.teb).toBe(synth.expected.kernBase + 0x711000n); // processor 1's thread, whose stack holds sp
      if (v.is64) expect(dump.process()?.id).toBe(0x1234);
      if (v.is64) expect(dump.threads()[0]!.id).toBe(0x5678);
    }
    expect(dump.threads()[0]!.stack?.start).toBe(synth.expected.topOfStack);
    // Small dumps copy 12 characters of each name; MmUnloadedDrivers in memory has the full name.
    expect(dump.unloadedModules().map((u) => [u.name, u.size])).toEqual([[type === 'small' ? 'dump_storpor' : 'dump_storport.sys', 0x10000]]);
    expect(dump.diagnostics).toEqual([]);
  });
});

describe('small dumps', () => {
  it.each([true, false])('is64=%s: unloaded drivers, process name, call stack', (is64) => {
    const { synth, dump } = open({ type: 'small', is64, processName: 'acmeapp.exe' });
    expect(dump.unloadedModules().map((u) => u.name)).toEqual(['dump_storpor']);
    expect(dump.unloadedModules()[0]!.size).toBe(0x10000);
    expect(dump.process()?.name).toBe('acmeapp.exe');
    expect(dump.processName()?.how).toBe('table');
    const t = dump.threads()[0]!;
    expect(t.stack).toEqual({ start: synth.expected.topOfStack, size: synth.expected.stackBytes });
    // The call stack is readable at TopOfStack and holds the return address into the second driver.
    const w = is64 ? 8 : 4;
    const slot = dump.memory.read(synth.expected.topOfStack + BigInt(2 * 3 * w), w)!;
    const v = slot.reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n);
    expect(v).toBe(synth.expected.drivers[1]!.base + 0x1234n);
  });

  it('decodes an encoded KDDEBUGGER_DATA64 with KiWaitNever/KiWaitAlways/block address', () => {
    const keys = { kiWaitNever: 0x1f2e3d4c5b6a7988n, kiWaitAlways: 0x0123456789abcdefn, blockAddress: 0xfffff8075c8382a0n };
    const synth = buildKernelDump({ type: 'small', is64: true, encodeKdbg: keys });
    const bytes = toBytes(synth);
    const plain = new KernelDump(new MemoryByteSource(bytes));
    expect(plain.debuggerData()).toBeUndefined();
    expect(plain.diagnostics.map((d) => d.code)).toContain('KdbgEncoded');
    const decoded = new KernelDump(new MemoryByteSource(bytes), { kdbgKeys: keys });
    expect(decoded.debuggerData()?.wasEncoded).toBe(true);
    expect(decoded.debuggerData()?.kernBase).toBe(synth.expected.kernBase);
    expect(decoded.debuggerData()?.psLoadedModuleList).toBe(synth.expected.psLoadedModuleList);
  });
});

describe('full and bitmap dumps: large and transition pages', () => {
  it.each(variants)('$name', (v) => {
    const large = v.is64 ? 0xfffff80040000000n : 0x90000000n;
    const trans = v.is64 ? 0xfffff80000020000n : 0x80420000n;
    for (const type of ['full', 'bitmap-full'] as const) {
      const { synth, dump } = open({ type, is64: v.is64, pae: v.pae, largePages: [large], transitionPages: [trans] });
      expect(synth.expected.largePages.size).toBe(3);
      for (const [va, data] of synth.expected.largePages) expect(dump.memory.read(va, 0x1000)).toEqual(data);
      const t = dump.translated!.translate(large + 0x1234n);
      expect(t).toMatchObject({ pageSize: v.is64 || v.pae ? 0x200000 : 0x400000 });
      // The frame holds the data, yet a transition PTE is reported as unavailable.
      expect(dump.memory.read(trans, 16)).toBeUndefined();
      expect(dump.translated!.translate(trans)).toEqual({ fault: 'transition', level: 1 });
    }
  });

  it('x64: Windows\' self-map entry (PML4 pointing at itself) translates to the PML4 page, and an encoded KDBG in memory decodes', () => {
    const keys = { kiWaitNever: 0x77n, kiWaitAlways: 0x5555aaaa5555aaaan, blockAddress: 0xfffff80000612345n };
    const synth = buildKernelDump({ type: 'full', is64: true, encodeKdbg: keys });
    const dump = new KernelDump(new MemoryByteSource(toBytes(synth)), { kdbgKeys: keys });
    expect(dump.translated!.translate(0xfffff6fb7dbed000n)).toEqual({ pa: synth.expected.dtb, pageSize: 0x1000 });
    expect(dump.debuggerData()).toMatchObject({ wasEncoded: true, kernBase: synth.expected.kernBase });
    expect(dump.process()?.name).toBe('acmeapp.exe');
  });

  it('live kernel dumps (LIVE_SYSTEM_DUMP 0x161) are kind kernel-live; a small one stays kernel-small', () => {
    const params: [bigint, bigint, bigint, bigint] = [0n, 0n, 0n, 0n];
    expect(open({ type: 'bitmap-kernel', is64: true, bugcheck: { code: 0x161, parameters: params } }).dump.kind).toBe('kernel-live');
    expect(open({ type: 'small', is64: true, bugcheck: { code: 0x161, parameters: params } }).dump.kind).toBe('kernel-small');
  });

  it('runs: a dump cut short keeps the pages before the cut and says so', () => {
    const synth = buildKernelDump({ type: 'full', is64: true });
    const bytes = toBytes(synth);
    const cut = new KernelDump(new MemoryByteSource(bytes.subarray(0, bytes.length - 0x3000)));
    expect(cut.diagnostics.map((d) => d.code)).toContain('Truncated');
    expect(cut.modules().length).toBe(synth.expected.drivers.length);
  });
});

describe('debugger-written RDMP dumps (.dump /k, /f; DumpType 8 and 10)', () => {
  it.each([['rdmp-kernel', 'kernel-kernel'], ['rdmp-complete', 'kernel-complete']] as const)('%s round-trips', (type, kind) => {
    const { synth, dump } = open({ type, is64: true });
    expect(dump.kind).toBe(kind);
    expect(dump.layout).toMatchObject({ type: 'runs', rdmp: type === 'rdmp-kernel' ? 'kernel' : 'complete' });
    for (const [va, data] of synth.expected.pages) expect(dump.memory.read(va, 0x1000)).toEqual(data);
    expect(dump.modules().map((m) => m.name)).toEqual(synth.expected.drivers.map((d) => d.name));
    expect(dump.process()?.name).toBe('acmeapp.exe');
  });
});

describe('run-based dumps', () => {
  it('are laid out as several runs, and each run\'s pages are found at their own file offsets', () => {
    const { synth, dump } = open({ type: 'full', is64: true });
    const runs = dump.header.physicalMemory!.runs;
    expect(runs.length).toBeGreaterThan(2);
    // The runs in the header are what the file holds, in order, right after the header.
    const pages = runs.reduce((n, r) => n + r.pageCount, 0n);
    expect(BigInt(synth.size)).toBe(0x2000n + pages * 0x1000n);
    for (const [va, data] of synth.expected.pages) expect(dump.memory.read(va, 0x1000)).toEqual(data);
  });
});

describe('structures a test lays out (spec.memory, spec.kdbgFields)', () => {
  it.each(variants)('$name: bytes read back at their VAs across a page boundary, and KDDEBUGGER_DATA64 carries the fields set', (v) => {
    const at = v.is64 ? 0xffffd00000010ff8n : 0x8a010ff8n;
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    const root = v.is64 ? 0xffffc00000001230n : 0x8c001230n;
    const { dump } = open({ type: 'full', is64: v.is64, pae: v.pae, memory: [{ va: at, bytes }], kdbgFields: { ObpRootDirectoryObject: root, PoolTrackTable: root + 0x100n } });
    expect([...(dump.memory.read(at, 16) ?? [])]).toEqual([...bytes]);
    const kdbg = dump.debuggerData();
    expect(kdbg).toBeDefined();
    const block = dump.memory.read(dump.header.kdDebuggerDataBlock, 0x1c0);
    if (!block) throw new Error('KDDEBUGGER_DATA64 not readable');
    const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
    const sx = (x: bigint) => (v.is64 ? x : BigInt.asUintN(64, BigInt.asIntN(32, x)));
    expect(view.getBigUint64(0x98, true)).toBe(sx(root));
    expect(view.getBigUint64(0x1b8, true)).toBe(sx(root + 0x100n));
  });

  it('refuses structures on a page the test also asked for as a pattern page', () => {
    expect(() => buildKernelDump({ type: 'full', is64: true, pages: [0xffffd00000010000n], memory: [{ va: 0xffffd00000010010n, bytes: new Uint8Array(4) }] })).toThrow(/pages of their own/);
  });
});
