// Synthetic Windows kernel crash dumps (PAGEDUMP / PAGEDU64), in the spirit of
// rust-minidump's minidump-synth: every offset below is written out by hand from
// ntiodump.h / WDBGEXTS.H / kdmp-parser and never taken from
// shared/formats/kernel/structs.ts, so a wrong layout there cannot confirm itself.
//
// Dump types: 'small' (DumpType 4, TRIAGE_DUMP), 'full' (DumpType 1, physical
// runs after the header), 'bitmap-kernel' ('SDMP', DumpType 6) and
// 'bitmap-full' ('FDMP', DumpType 5). Word sizes 32 and 64; x86 with PAE or not.
import { PageTables, PhysicalSpace, type SynthPaging } from './pageTables';
import { ascii4, ByteWriter, le } from './writer';

export type SynthDumpType = 'small' | 'full' | 'bitmap-kernel' | 'bitmap-full' | 'summary-legacy' | 'rdmp-kernel' | 'rdmp-complete';

export interface SynthDriver {
  name: string;
  base: bigint;
  size: number;
  timestamp: number;
  checksum: number;
}

export interface SynthKdbgKeys {
  kiWaitNever: bigint;
  kiWaitAlways: bigint;
  blockAddress: bigint;
}

export interface KernelDumpSpec {
  type: SynthDumpType;
  is64: boolean;
  /** x86 only: PAE paging (and PaeEnabled = 1 in the header). */
  pae?: boolean;
  build?: number;
  processors?: number;
  bugcheck?: { code: number; parameters: [bigint, bigint, bigint, bigint] };
  /** 4 KiB pages to make readable at their virtual addresses; content defaults to a pattern derived from the VA. */
  pages?: bigint[];
  /** Full/bitmap dumps: large pages (2 MiB, or 4 MiB on non-PAE x86) at these VAs. */
  largePages?: bigint[];
  /** Full/bitmap dumps: PTEs left in transition at these VAs (data present in a frame, but not resident). */
  transitionPages?: bigint[];
  drivers?: SynthDriver[];
  unloaded?: { name: string; start: bigint; end: bigint }[];
  processName?: string;
  /** Store KDDEBUGGER_DATA64 encoded the way Win8+ does when no debugger is attached. */
  encodeKdbg?: SynthKdbgKeys;
  /** Full dumps: one run [0, pages); bitmap dumps: all of [0, pages) present (sparse multi-GB dumps). */
  singleRunPages?: bigint;
  systemTime?: bigint;
  /** Small dumps: pointer-sized values on the call stack, every third word (default: an address in each driver). */
  stackValues?: bigint[];
  /**
   * Full/bitmap dumps: bytes a test lays out at virtual addresses (kernel structures), written
   * last; pages are mapped as needed and may be shared with the builder's own pages.
   */
  memory?: { va: bigint; bytes: Uint8Array }[];
  /** Full/bitmap dumps: KDDEBUGGER_DATA64 pointer fields to set (offsets in KDBG_FIELD_OFFSETS, counted by hand). */
  kdbgFields?: Partial<Record<KdbgField, bigint>>;
}

/**
 * KDDEBUGGER_DATA64 fields a test may set: offsets counted by hand from WDBGEXTS.H
 * (eight bytes each from KernBase at 0x18 on, except the four USHORTs at 0x30).
 */
export const KDBG_FIELD_OFFSETS = {
  PsActiveProcessHead: 0x50,
  PspCidTable: 0x58,
  ExpSystemResourcesList: 0x60,
  KeTimeIncrement: 0x78,
  IopErrorLogListHead: 0x90,
  ObpRootDirectoryObject: 0x98,
  ObpTypeObjectType: 0xa0,
  MmPfnDatabase: 0xc0,
  MmNumberOfPagingFiles: 0xe0,
  MmLowestPhysicalPage: 0xe8,
  MmHighestPhysicalPage: 0xf0,
  MmNumberOfPhysicalPages: 0xf8,
  MmMaximumNonPagedPoolInBytes: 0x100,
  MmNonPagedPoolStart: 0x110,
  MmNonPagedPoolEnd: 0x118,
  MmPagedPoolStart: 0x120,
  MmPagedPoolEnd: 0x128,
  MmSizeOfPagedPoolInBytes: 0x140,
  MmTotalCommitLimit: 0x148,
  MmTotalCommittedPages: 0x150,
  MmSharedCommit: 0x158,
  MmDriverCommit: 0x160,
  MmProcessCommit: 0x168,
  MmPagedPoolCommit: 0x170,
  MmZeroedPageListHead: 0x180,
  MmFreePageListHead: 0x188,
  MmStandbyPageListHead: 0x190,
  MmModifiedPageListHead: 0x198,
  MmModifiedNoWritePageListHead: 0x1a0,
  MmAvailablePages: 0x1a8,
  MmResidentAvailablePages: 0x1b0,
  PoolTrackTable: 0x1b8,
  NonPagedPoolDescriptor: 0x1c0,
  MmHighestUserAddress: 0x1c8,
  MmSystemRangeStart: 0x1d0,
  KiProcessorBlock: 0x218,
  MmVerifierData: 0x248,
  MmAllocatedNonPagedPool: 0x250,
  MmPeakCommitment: 0x258,
  MmTotalCommitLimitMaximum: 0x260,
} as const;
export type KdbgField = keyof typeof KDBG_FIELD_OFFSETS;

export interface SynthDump {
  /** Total file length in bytes. */
  size: number;
  /** Non-zero byte ranges; everything else in the file is zero. */
  chunks: { offset: number; bytes: Uint8Array }[];
  /** What was written, for tests to compare against. */
  expected: {
    pages: Map<bigint, Uint8Array>;
    largePages: Map<bigint, Uint8Array>;
    transitionPages: bigint[];
    kdbgAddress: bigint;
    dtb: bigint;
    kernBase: bigint;
    psLoadedModuleList: bigint;
    drivers: SynthDriver[];
    topOfStack: bigint;
    stackBytes: number;
  };
}

/** The content we put in a page: its own VA repeated, so a page read at the wrong address is visible. */
export function patternFor(va: bigint, is64: boolean): Uint8Array {
  const out = new Uint8Array(0x1000);
  const w = is64 ? 8 : 4;
  for (let o = 0; o < 0x1000; o += w) out.set(le(va + BigInt(o), w), o);
  return out;
}

export function toBytes(d: SynthDump): Uint8Array {
  const out = new Uint8Array(d.size);
  for (const c of d.chunks) out.set(c.bytes, c.offset);
  return out;
}

const PAGE = 0x1000;
const KERN_BASE64 = 0xfffff80000000000n;
const KERN_BASE32 = 0x80400000n;

/** Default driver list: the kernel first (as Windows writes it), then a few others. */
export function defaultDrivers(is64: boolean): SynthDriver[] {
  const base = is64 ? KERN_BASE64 : KERN_BASE32;
  return [
    { name: 'ntoskrnl.exe', base, size: 0x800000, timestamp: 0x5dee2b07, checksum: 0xa6c725 },
    { name: 'hal.dll', base: base + 0x1000000n, size: 0x6000, timestamp: 0x1a7be8e9, checksum: 0xd94f },
    { name: 'acme.sys', base: base + 0x2000000n, size: 0x9000, timestamp: 0x6335c51b, checksum: 0x10ced },
  ];
}

function rol64(v: bigint, n: bigint): bigint {
  n &= 63n;
  return n === 0n ? v : BigInt.asUintN(64, (v << n) | (v >> (64n - n)));
}
function bswap64(v: bigint): bigint {
  return BigInt.asUintN(64, BigInt('0x' + Array.from(le(v, 8), (b) => b.toString(16).padStart(2, '0')).join('')));
}
/** KdEncodeDataBlock: enc = rol64(bswap64(plain ^ KiWaitAlways) ^ address, -n) ^ KiWaitNever. */
function encodeWord(plain: bigint, k: SynthKdbgKeys): bigint {
  const n = k.kiWaitNever & 0xffn;
  return BigInt.asUintN(64, rol64(bswap64(plain ^ k.kiWaitAlways) ^ k.blockAddress, (64n - (n & 63n)) & 63n) ^ k.kiWaitNever);
}

/** KDDEBUGGER_DATA64: offsets from WDBGEXTS.H, counted by hand. */
function kdbgBlock(spec: KernelDumpSpec, kernBase: bigint, moduleList: bigint): Uint8Array {
  // Small dumps keep the block as first written: resources/samples/*.dmp are built from it byte for byte.
  const withMemory = spec.type !== 'small';
  const w = new ByteWriter();
  const size = 0x340;
  w.alloc(size);
  w.u32(0x10, ascii4('KDBG'));
  w.u32(0x14, size);
  const sx = (v: bigint): bigint => (spec.is64 ? v : BigInt.asUintN(64, BigInt.asIntN(32, v))); // 32-bit kernels sign-extend
  w.u64(0x18, sx(kernBase));
  w.u64(0x48, sx(moduleList));
  w.u64(0x50, sx(moduleList + 0x10n));
  w.u64(0xc0, sx(kernBase + 0x700000n)); // MmPfnDatabase
  w.u64(0x218, sx(kernBase + 0x710000n)); // KiProcessorBlock
  if (withMemory) {
    w.u64(0x220, sx(kernBase + 0x713000n)); // MmUnloadedDrivers (the pointer variable)
    w.u64(0x228, sx(kernBase + 0x713008n)); // MmLastUnloadedDriver
    w.u16(0x298 + 3 * 2, spec.is64 ? 0x28 : 0x18); // OffsetKThreadInitialStack
    for (const [name, value] of Object.entries(spec.kdbgFields ?? {}) as [KdbgField, bigint][]) w.u64(KDBG_FIELD_OFFSETS[name], sx(value));
  }
  w.u16(0x298 + 4 * 2, spec.is64 ? 0xb8 : 0x50); // OffsetKThreadApcProcess
  w.u16(0x298 + 8 * 2, 0x700); // SizeEProcess
  w.u16(0x298 + 12 * 2, 0x200); // SizePrcb
  w.u16(0x298 + 14 * 2, 8); // OffsetPrcbCurrentThread
  w.u16(0x298 + 20 * 2, withMemory ? 0x500 : 0x400); // SizeEThread (0x500 holds the 19041 Cid at 0x478)
  const plain = w.toBytes().slice(0, size);
  if (!spec.encodeKdbg) return plain;
  const out = new Uint8Array(size);
  const view = new DataView(plain.buffer);
  for (let o = 0; o < size; o += 8) out.set(le(encodeWord(view.getBigUint64(o, true), spec.encodeKdbg), 8), o);
  return out;
}

/** EPROCESS.ImageFileName offset our builder uses for a build (the public per-build values). */
export function synthImageFileNameOffset(is64: boolean, build: number): number {
  if (is64) return build >= 19041 ? 0x5a8 : 0x450;
  return build >= 10240 ? 0x174 : build >= 7600 ? 0x16c : 0x174;
}

/** Sorted page frame numbers grouped into runs of consecutive pages. */
function pageRuns(pfns: readonly bigint[]): { base: bigint; count: bigint }[] {
  const runs: { base: bigint; count: bigint }[] = [];
  for (const pfn of pfns) {
    const last = runs[runs.length - 1];
    if (last && last.base + last.count === pfn) last.count++;
    else runs.push({ base: pfn, count: 1n });
  }
  return runs;
}

export function buildKernelDump(spec: KernelDumpSpec): SynthDump {
  return spec.type === 'small' ? buildSmall(spec) : buildWithMemory(spec);
}

/** Main header, filled with 'PAGE' first as Windows does. */
function writeHeader(w: ByteWriter, spec: KernelDumpSpec, f: {
  dumpType: number;
  dtb: bigint;
  kdbg: bigint;
  psLoadedModuleList: bigint;
  runs?: { base: bigint; count: bigint }[];
  topOfStack: bigint;
  ip: bigint;
  fields: number;
}): void {
  const is64 = spec.is64;
  const size = is64 ? 0x2000 : 0x1000;
  w.fill(0, size, new Uint8Array([0x50, 0x41, 0x47, 0x45]));
  const build = spec.build ?? (is64 ? 19041 : 7601);
  const bc = spec.bugcheck ?? { code: 0xd1, parameters: [0x28n, 2n, 0n, 0xfffff80002001234n] as [bigint, bigint, bigint, bigint] };
  w.ascii(0, is64 ? 'PAGEDU64' : 'PAGEDUMP');
  w.u32(0x08, 0xf);
  w.u32(0x0c, build);
  const machine = is64 ? 0x8664 : 0x14c;
  if (is64) {
    w.u64(0x10, f.dtb);
    w.u64(0x18, KERN_BASE64 + 0x700000n);
    w.u64(0x20, f.psLoadedModuleList);
    w.u64(0x28, f.psLoadedModuleList + 0x10n);
    w.u32(0x30, machine);
    w.u32(0x34, spec.processors ?? 4);
    w.u32(0x38, bc.code);
    w.u32(0x3c, 0);
    bc.parameters.forEach((p, i) => w.u64(0x40 + i * 8, p));
    w.u64(0x80, f.kdbg);
    if (f.runs) {
      w.u32(0x88, f.runs.length);
      w.u32(0x8c, 0);
      w.u64(0x90, f.runs.reduce((n, r) => n + r.count, 0n));
      f.runs.forEach((r, i) => {
        w.u64(0x98 + i * 16, r.base);
        w.u64(0xa0 + i * 16, r.count);
      });
    }
    // CONTEXT (AMD64): ContextFlags +0x30, Rsp +0x98, Rbp +0xa0, Rip +0xf8
    w.fill(0x348, 0x4d0, new Uint8Array([0]));
    w.u32(0x348 + 0x30, 0x10000b);
    w.u64(0x348 + 0x98, f.topOfStack);
    w.u64(0x348 + 0xa0, f.topOfStack + 0x100n);
    w.u64(0x348 + 0xf8, f.ip);
    w.u32(0xf98, f.dumpType);
    w.u64(0xfa0, BigInt(0x2000));
    w.u64(0xfa8, spec.systemTime ?? 0x01dc1abed41fd543n);
    w.u64(0x1030, 0x12713c400n);
    w.u32(0x1038, f.fields);
    w.u32(0x1040, 1);
  } else {
    w.u32(0x10, Number(f.dtb));
    w.u32(0x14, Number(KERN_BASE32 + 0x700000n));
    w.u32(0x18, Number(f.psLoadedModuleList));
    w.u32(0x1c, Number(f.psLoadedModuleList + 0x10n));
    w.u32(0x20, machine);
    w.u32(0x24, spec.processors ?? 2);
    w.u32(0x28, bc.code);
    bc.parameters.forEach((p, i) => w.u32(0x2c + i * 4, Number(BigInt.asUintN(32, p))));
    w.u8(0x5c, spec.pae ? 1 : 0);
    w.u32(0x60, Number(f.kdbg));
    if (f.runs) {
      w.u32(0x64, f.runs.length);
      w.u32(0x68, Number(f.runs.reduce((n, r) => n + r.count, 0n)));
      f.runs.forEach((r, i) => {
        w.u32(0x6c + i * 8, Number(r.base));
        w.u32(0x70 + i * 8, Number(r.count));
      });
    }
    // CONTEXT (x86): Ebp +0xb4, Eip +0xb8, Esp +0xc4
    w.fill(0x320, 0x2cc, new Uint8Array([0]));
    w.u32(0x320, 0x10007);
    w.u32(0x320 + 0xb4, Number(f.topOfStack + 0x100n));
    w.u32(0x320 + 0xb8, Number(f.ip));
    w.u32(0x320 + 0xc4, Number(f.topOfStack));
    w.u32(0xf88, f.dumpType);
    w.u32(0xf8c, f.fields);
    w.u32(0xf94, 1);
    w.u64(0xfa0, BigInt(0x1000));
    w.u64(0xfb8, 0x12713c400n);
    w.u64(0xfc0, spec.systemTime ?? 0x01dc1abed41fd543n);
  }
}

function stackTop(is64: boolean): bigint {
  return is64 ? 0xffffa704eeb6bc88n : 0x8d5f3c88n;
}

/** Small memory dump: TRIAGE_DUMP and the blocks it points to. */
function buildSmall(spec: KernelDumpSpec): SynthDump {
  const is64 = spec.is64;
  const w = new ByteWriter();
  const hdr = is64 ? 0x2000 : 0x1000;
  const build = spec.build ?? (is64 ? 19041 : 7601);
  const drivers = spec.drivers ?? defaultDrivers(is64);
  const kernBase = drivers[0]?.base ?? (is64 ? KERN_BASE64 : KERN_BASE32);
  const moduleList = kernBase + 0x600000n;
  const kdbgVa = kernBase + 0x610000n;
  const top = stackTop(is64);
  w.alloc(hdr + (is64 ? 0x80 : 0x68), 1);
  const ptrSize = is64 ? 8 : 4;

  // Blobs: PRCB (CurrentThread at +8), ETHREAD (process pointer at ApcState.Process), EPROCESS (ImageFileName).
  const threadVa = is64 ? 0xffffd20bfc13c080n : 0x86d4c020n;
  const processVa = is64 ? 0xffffd20bfc53e080n : 0x86a1e020n;
  const prcb = w.alloc(0x200);
  w.ptr(prcb + 8, threadVa, is64);
  const thread = w.alloc(0x400);
  w.ptr(thread + (is64 ? 0xb8 : 0x50), processVa, is64);
  const process = w.alloc(0x700);
  w.ascii(process + synthImageFileNameOffset(is64, build), (spec.processName ?? 'acmeapp.exe').slice(0, 14));

  // The call stack: stack contents from TopOfStack, with return addresses into two drivers.
  const stackBytes = 0x380;
  const stack = w.alloc(stackBytes);
  const inDriver = spec.stackValues ?? drivers.map((d) => d.base + 0x1234n);
  inDriver.forEach((a, i) => w.ptr(stack + (i + 1) * ptrSize * 3, a, is64));

  // Driver list + string pool (DUMP_STRING.Length in characters, as real dumps do).
  const entrySize = is64 ? 0x90 : 0x4c;
  const list = w.alloc(entrySize * drivers.length);
  const pool = w.alloc(0, 8);
  let poolEnd = pool;
  drivers.forEach((d, i) => {
    const at = list + i * entrySize;
    const s = Math.ceil(poolEnd / 8) * 8;
    w.u32(s, d.name.length);
    w.utf16(s + 4, d.name);
    w.u16(s + 4 + d.name.length * 2, 0);
    poolEnd = s + 4 + d.name.length * 2 + 2;
    w.u32(at, s);
    if (is64) {
      w.u64(at + 0x38, d.base);
      w.u32(at + 0x48, d.size);
      w.u32(at + 0x80, d.checksum);
      w.u32(at + 0x88, d.timestamp);
    } else {
      w.u32(at + 0x1c, Number(d.base));
      w.u32(at + 0x24, d.size);
      w.u32(at + 0x44, d.checksum);
      w.u32(at + 0x48, d.timestamp);
    }
  });
  const poolSize = poolEnd - pool;

  // Unloaded drivers: count, then entries with a 12-WCHAR name copy.
  const unloaded = spec.unloaded ?? [{ name: 'dump_storport.sys', start: kernBase + 0x3000000n, end: kernBase + 0x3010000n }];
  const uSize = is64 ? 0x38 : 0x28;
  const u = w.alloc((is64 ? 8 : 4) + uSize * unloaded.length);
  w.u32(u, unloaded.length);
  unloaded.forEach((x, i) => {
    const at = u + (is64 ? 8 : 4) + i * uSize;
    const name = x.name.slice(0, 12);
    w.u16(at, name.length * 2);
    w.u16(at + 2, name.length * 2);
    w.utf16(at + (is64 ? 0x10 : 8), name);
    w.ptr(at + (is64 ? 0x28 : 0x20), x.start, is64);
    w.ptr(at + (is64 ? 0x30 : 0x24), x.end, is64);
  });

  // Debugger data copy.
  const kdbgBytes = kdbgBlock(spec, kernBase, moduleList);
  const kdbg = w.alloc(kdbgBytes.length);
  w.bytes(kdbg, kdbgBytes);

  // Data blocks: each requested page as a TRIAGE_DATA_BLOCK {Address u64, Offset u32, Size u32}.
  const pages = spec.pages ?? [kernBase + 0x5000n, kernBase + 0x6000n, is64 ? 0x7ffe7350d000n : 0x7ff0d000n];
  const blocks = w.alloc(16 * pages.length);
  const expected = new Map<bigint, Uint8Array>();
  pages.forEach((va, i) => {
    const data = patternFor(va, is64);
    const at = w.alloc(PAGE, 4);
    w.bytes(at, data);
    w.u64(blocks + i * 16, va);
    w.u32(blocks + i * 16 + 8, at);
    w.u32(blocks + i * 16 + 12, PAGE);
    expected.set(va, data);
  });
  const valid = w.alloc(4, 4);
  w.u32(valid, ascii4('TRGD'));
  const sizeOfDump = w.length;

  writeHeader(w, spec, {
    dumpType: 4,
    dtb: 0x1aa000n,
    kdbg: kdbgVa,
    psLoadedModuleList: moduleList,
    topOfStack: top,
    ip: kernBase + 0x40d6f0n,
    fields: 0xdff,
  });
  // TRIAGE_DUMP: common prefix, then the word-size tail.
  const t = hdr;
  const common = [0, sizeOfDump, valid, is64 ? 0x348 : 0x320, is64 ? 0xf00 : 0x7d0, 0, u, prcb, process, thread, stack, stackBytes, list, drivers.length, pool, poolSize, 0, 0x41];
  common.forEach((v, i) => w.u32(t + i * 4, v));
  if (is64) {
    w.u64(t + 0x48, top);
    w.u64(t + 0x60, 0n);
    w.u32(t + 0x70, kdbg);
    w.u32(t + 0x74, kdbgBytes.length);
    w.u32(t + 0x78, blocks);
    w.u32(t + 0x7c, pages.length);
  } else {
    w.u32(t + 0x48, Number(top));
    w.u32(t + 0x58, kdbg);
    w.u32(t + 0x5c, kdbgBytes.length);
    w.u32(t + 0x60, blocks);
    w.u32(t + 0x64, pages.length);
  }
  const bytes = w.toBytes();
  return {
    size: bytes.length,
    chunks: [{ offset: 0, bytes }],
    expected: {
      pages: expected,
      largePages: new Map(),
      transitionPages: [],
      kdbgAddress: kdbgVa,
      dtb: 0x1aa000n,
      kernBase,
      psLoadedModuleList: moduleList,
      drivers,
      topOfStack: top,
      stackBytes,
    },
  };
}

/** Full (runs) and bitmap dumps: page tables and physical memory. */
function buildWithMemory(spec: KernelDumpSpec): SynthDump {
  const is64 = spec.is64;
  const mode: SynthPaging = is64 ? 'x64' : spec.pae ? 'pae' : 'x86';
  const hdr = is64 ? 0x2000 : 0x1000;
  const phys = spec.singleRunPages !== undefined ? new PhysicalSpace(0x10n, Number.MAX_SAFE_INTEGER, 0n, spec.singleRunPages) : new PhysicalSpace();
  const pt = new PageTables(mode, phys);
  const drivers = spec.drivers ?? defaultDrivers(is64);
  const kernBase = drivers[0]?.base ?? (is64 ? KERN_BASE64 : KERN_BASE32);

  // Kernel data page: PsLoadedModuleList head, KLDR entries and their names; KDBG on the next page.
  const moduleList = kernBase + 0x600000n;
  const kdbgVa = kernBase + 0x610000n;
  const blockVa = kernBase + 0x710000n; // KiProcessorBlock, PRCBs, threads and processes
  const mapped = new Map<bigint, Uint8Array>();
  for (const va of [moduleList, moduleList + 0x1000n, moduleList + 0x2000n, blockVa, blockVa + 0x1000n, blockVa + 0x2000n, blockVa + 0x3000n]) mapped.set(va, pt.map4k(va));
  const kdbgPage = pt.map4k(kdbgVa);
  kdbgPage.set(kdbgBlock(spec, kernBase, moduleList));
  const writeVa = (va: bigint, data: Uint8Array): void => {
    const page = mapped.get(va & ~0xfffn);
    if (!page || (va & 0xfffn) + BigInt(data.length) > 0x1000n) throw new Error(`synthetic write at 0x${va.toString(16)} does not fit a mapped page`);
    page.set(data, Number(va & 0xfffn));
  };
  const p = (v: bigint): Uint8Array => le(v, is64 ? 8 : 4);
  const entrySize = is64 ? 0xa0n : 0x50n;
  const entryVa = (i: number): bigint => moduleList + 0x20n + BigInt(i) * entrySize;
  const nameVa = (i: number): bigint => moduleList + 0x1000n + BigInt(i) * 0x80n;
  writeVa(moduleList, p(drivers.length ? entryVa(0) : moduleList)); // head.Flink
  drivers.forEach((d, i) => {
    const e = entryVa(i);
    const next = i + 1 < drivers.length ? entryVa(i + 1) : moduleList;
    const full = `\\SystemRoot\\system32\\drivers\\${d.name}`.slice(0, 63);
    const n = nameVa(i);
    const nameBytes = new Uint8Array(full.length * 2);
    for (let k = 0; k < full.length; k++) nameBytes.set(le(BigInt(full.charCodeAt(k)), 2), k * 2);
    writeVa(n, nameBytes);
    const base = n + BigInt((full.length - d.name.length) * 2);
    writeVa(e, p(next));
    if (is64) {
      writeVa(e + 0x30n, le(d.base, 8));
      writeVa(e + 0x40n, le(BigInt(d.size), 4));
      writeVa(e + 0x48n, new Uint8Array([...le(BigInt(full.length * 2), 2), ...le(BigInt(full.length * 2), 2)]));
      writeVa(e + 0x50n, le(n, 8));
      writeVa(e + 0x58n, new Uint8Array([...le(BigInt(d.name.length * 2), 2), ...le(BigInt(d.name.length * 2), 2)]));
      writeVa(e + 0x60n, le(base, 8));
      writeVa(e + 0x78n, le(BigInt(d.checksum), 4));
      writeVa(e + 0x80n, le(BigInt(d.timestamp), 4));
    } else {
      writeVa(e + 0x18n, le(d.base, 4));
      writeVa(e + 0x20n, le(BigInt(d.size), 4));
      writeVa(e + 0x24n, new Uint8Array([...le(BigInt(full.length * 2), 2), ...le(BigInt(full.length * 2), 2), ...le(n, 4)]));
      writeVa(e + 0x2cn, new Uint8Array([...le(BigInt(d.name.length * 2), 2), ...le(BigInt(d.name.length * 2), 2), ...le(base, 4)]));
      writeVa(e + 0x40n, le(BigInt(d.checksum), 4));
      writeVa(e + 0x44n, le(BigInt(d.timestamp), 4));
    }
  });

  const expected = new Map<bigint, Uint8Array>();
  const pages = spec.pages ?? [kernBase + 0x5000n, kernBase + 0x6000n, is64 ? 0x7ffe7350d000n : 0x7ff0d000n];
  for (const va of pages) {
    const data = patternFor(va, is64);
    pt.map4k(va).set(data);
    expected.set(va, data);
  }
  const large = new Map<bigint, Uint8Array>();
  for (const va of spec.largePages ?? []) {
    const pfn = pt.mapLarge(va);
    // Fill the first, a middle and the last 4 KiB of the large page.
    for (const k of [0, pt.largePageSize / PAGE / 2, pt.largePageSize / PAGE - 1]) {
      const pva = va + BigInt(k * PAGE);
      const data = patternFor(pva, is64);
      phys.page(pfn + BigInt(k)).set(data);
      large.set(pva, data);
    }
  }
  for (const va of spec.transitionPages ?? []) pt.mapTransition(va).set(patternFor(va, is64));
  // Windows' self-map entry: the walker must not loop on it.
  if (mode === 'x64') pt.selfMap(0xfffff6fb7dbed000n);
  const top = stackTop(is64);
  // Two processors: processor 0 runs an unrelated thread; processor 1's thread owns the stack
  // the bug-check context points into (KTHREAD.InitialStack just above it), so the reader must pick it.
  const ascii = (t: string): Uint8Array => new Uint8Array(Array.from(t, (c) => c.charCodeAt(0)));
  const build = spec.build ?? (is64 ? 19041 : 7601);
  const [prcb0, prcb1, thread0, thread1, process0, process1] = [0x100n, 0x300n, 0x400n, 0x1000n, 0x2000n, 0x2800n].map((o) => blockVa + o) as [bigint, bigint, bigint, bigint, bigint, bigint];
  writeVa(blockVa, p(prcb0));
  writeVa(blockVa + BigInt(is64 ? 8 : 4), p(prcb1));
  writeVa(prcb0 + 8n, p(thread0));
  writeVa(prcb1 + 8n, p(thread1));
  writeVa(thread0 + (is64 ? 0x28n : 0x18n), p(0x10000n)); // InitialStack nowhere near the context's sp
  writeVa(thread1 + (is64 ? 0x28n : 0x18n), p((top & ~0xfffn) + 0x1000n));
  writeVa(thread0 + (is64 ? 0xb8n : 0x50n), p(process0));
  writeVa(thread1 + (is64 ? 0xb8n : 0x50n), p(process1));
  if (is64) writeVa(thread1 + 0x478n, new Uint8Array([...le(0x1234n, 8), ...le(0x5678n, 8)])); // Cid (public 19041+ offset)
  writeVa(process0 + BigInt(synthImageFileNameOffset(is64, build)), ascii('System'));
  writeVa(process1 + BigInt(synthImageFileNameOffset(is64, build)), ascii((spec.processName ?? 'acmeapp.exe').slice(0, 14)));
  // MmUnloadedDrivers: variable at +0x3000 → array at +0x3100 of UNLOADED_DRIVERS
  // {UNICODE_STRING Name; Start; End; CurrentTime} (x64 0x28 bytes, x86 0x18), names from +0x3a00.
  const unloaded = spec.unloaded ?? [{ name: 'dump_storport.sys', start: kernBase + 0x3000000n, end: kernBase + 0x3010000n }];
  const arrayVa = blockVa + 0x3100n;
  writeVa(blockVa + 0x3000n, p(arrayVa));
  writeVa(blockVa + 0x3008n, le(BigInt(unloaded.length), 4));
  unloaded.forEach((u, i) => {
    const e = arrayVa + BigInt(i * (is64 ? 0x28 : 0x18));
    const nameVa = blockVa + 0x3a00n + BigInt(i * 0x40); // past the 50-entry array
    const name = u.name.slice(0, 31);
    writeVa(nameVa, new Uint8Array(Array.from(name).flatMap((c) => [c.charCodeAt(0), 0])));
    const len = le(BigInt(name.length * 2), 2);
    writeVa(e, new Uint8Array([...len, ...len]));
    writeVa(e + (is64 ? 8n : 4n), p(nameVa));
    writeVa(e + (is64 ? 0x10n : 8n), p(u.start));
    writeVa(e + (is64 ? 0x18n : 0xcn), p(u.end));
    writeVa(e + (is64 ? 0x20n : 0x10n), le(0x01dc1abed41fd543n, 8));
  });
  const stackPage = pt.map4k(top & ~0xfffn);
  stackPage.set(le(drivers[drivers.length - 1]?.base ?? 0n, is64 ? 8 : 4), Number(top & 0xfffn) + (is64 ? 8 : 4));
  // The test's own structures, last: into pages already mapped above, or new ones.
  const known = new Map<bigint, Uint8Array>([...mapped, [kdbgVa, kdbgPage], [top & ~0xfffn, stackPage]]);
  const pageFor = (va: bigint): Uint8Array => {
    const at = va & ~0xfffn;
    if (expected.has(at)) throw new Error(`synthetic memory at 0x${va.toString(16)}: give structures pages of their own (not spec.pages)`);
    let page = known.get(at);
    if (!page) {
      page = pt.map4k(at);
      known.set(at, page);
    }
    return page;
  };
  for (const { va, bytes } of spec.memory ?? []) {
    for (let done = 0; done < bytes.length;) {
      const at = va + BigInt(done);
      const room = 0x1000 - Number(at & 0xfffn);
      const n = Math.min(room, bytes.length - done);
      pageFor(at).set(bytes.subarray(done, done + n), Number(at & 0xfffn));
      done += n;
    }
  }

  const pfns = [...phys.frames.keys()].sort((a, b) => (a < b ? -1 : 1));
  const w = new ByteWriter();
  w.alloc(hdr, 1);
  const chunks: { offset: number; bytes: Uint8Array }[] = [];
  let size: number;
  let runs: { base: bigint; count: bigint }[] | undefined;
  let dumpType: number;
  if (spec.type === 'rdmp-kernel' || spec.type === 'rdmp-complete') {
    // Debugger-written dump (kdmp-parser's RDMP_HEADER64): Marker 0x40, 'RDMP', 'DUMP', reserved,
    // MetadataSize, FirstPageOffset, two variant u64, then {PageFileNumber, NumberOfPages} ranges
    // ended by a zero PFN; the pages follow from FirstPageOffset.
    if (!is64) throw new Error('RDMP dumps are 64-bit');
    dumpType = spec.type === 'rdmp-complete' ? 10 : 8;
    const ranges = pageRuns(pfns);
    const at = hdr;
    const first = Math.ceil((at + 0x30 + 16 * (ranges.length + 1)) / PAGE) * PAGE;
    w.alloc(first - hdr, 1);
    w.u32(at, 0x40);
    w.u32(at + 4, ascii4('RDMP'));
    w.u32(at + 8, ascii4('DUMP'));
    w.u64(at + 0x10, BigInt(first - 0x2040 + 0x20)); // MetadataSize − 0x20 == FirstPageOffset − 0x2040 (facts §3.2)
    w.u64(at + 0x18, BigInt(first));
    if (spec.type === 'rdmp-complete') {
      w.u32(at + 0x20, ranges.length);
      w.u64(at + 0x28, BigInt(pfns.length));
    }
    ranges.forEach((r, i) => {
      w.u64(at + 0x30 + i * 16, r.base);
      w.u64(at + 0x38 + i * 16, r.count);
    });
    pfns.forEach((pfn, i) => chunks.push({ offset: first + i * PAGE, bytes: phys.page(pfn) }));
    size = first + pfns.length * PAGE;
  } else if (spec.type === 'full') {
    dumpType = 1;
    runs = spec.singleRunPages !== undefined ? [{ base: 0n, count: spec.singleRunPages }] : pageRuns(pfns);
    let offset = hdr;
    for (const r of runs) {
      for (const [pfn, page] of phys.frames) {
        if (pfn >= r.base && pfn < r.base + r.count) chunks.push({ offset: offset + Number(pfn - r.base) * PAGE, bytes: page });
      }
      offset += Number(r.count) * PAGE;
    }
    size = offset;
  } else {
    dumpType = spec.type === 'bitmap-full' ? 5 : spec.type === 'summary-legacy' ? 2 : 6;
    const legacy = spec.type === 'summary-legacy';
    // Forced size: every page of [0, singleRunPages) present (sparse multi-GB dumps).
    const all = spec.singleRunPages;
    const bits = all ?? pfns[pfns.length - 1]! + 1n + 0x40n; // a few absent pages past the end
    const bmp = hdr;
    const bitmapBytes = Number((bits + 7n) / 8n);
    // Win8+ layout: bits at +0x38. Windows 2000/XP SUMMARY_DUMP: bits after RTL_BITMAP, +0x20 (x86) / +0x28 (x64).
    const bitsAt = legacy ? (is64 ? 0x28 : 0x20) : 0x38;
    w.alloc(bitsAt + bitmapBytes, 1);
    w.u32(bmp, ascii4(spec.type === 'bitmap-full' ? 'FDMP' : 'SDMP'));
    w.u32(bmp + 4, ascii4('DUMP'));
    const first = Math.ceil((bmp + bitsAt + bitmapBytes) / PAGE) * PAGE;
    if (legacy) {
      w.u32(bmp + 0xc, first); // HeaderSize
      w.u32(bmp + 0x10, Number(bits)); // BitmapSize
      w.u32(bmp + 0x14, pfns.length); // Pages
      w.u32(bmp + 0x18, Number(bits)); // RTL_BITMAP.SizeOfBitMap
    } else {
      w.u64(bmp + 0x20, BigInt(first));
      w.u64(bmp + 0x28, all ?? BigInt(pfns.length));
      w.u64(bmp + 0x30, bits);
    }
    const bitmap = new Uint8Array(bitmapBytes);
    if (all !== undefined) bitmap.fill(0xff);
    else for (const pfn of pfns) bitmap[Number(pfn >> 3n)]! |= 1 << Number(pfn & 7n);
    w.bytes(bmp + bitsAt, bitmap);
    pfns.forEach((pfn, i) => chunks.push({ offset: first + (all !== undefined ? Number(pfn) : i) * PAGE, bytes: phys.page(pfn) }));
    size = first + (all !== undefined ? Number(all) : pfns.length) * PAGE;
  }
  writeHeader(w, spec, {
    dumpType,
    dtb: pt.dtb,
    kdbg: kdbgVa,
    psLoadedModuleList: moduleList,
    runs,
    topOfStack: top,
    ip: kernBase + 0x40d6f0n,
    fields: 0,
  });
  chunks.unshift({ offset: 0, bytes: w.toBytes() });
  return {
    size,
    chunks,
    expected: {
      pages: expected,
      largePages: large,
      transitionPages: spec.transitionPages ?? [],
      kdbgAddress: kdbgVa,
      dtb: pt.dtb,
      kernBase,
      psLoadedModuleList: moduleList,
      drivers,
      topOfStack: top,
      stackBytes: 0x1000 - Number(top & 0xfffn),
    },
  };
}
