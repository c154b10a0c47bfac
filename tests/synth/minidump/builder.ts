/**
 * Builds small, valid minidumps for tests (rust-minidump's minidump-synth).
 * It writes every offset itself from the SDK header (minidumpapiset.h,
 * winnt.h) and never imports shared/formats/minidump/structs.ts, so a wrong
 * layout there cannot confirm itself here.
 *
 *   const bytes = new MinidumpBuilder('amd64')
 *     .systemInfo({ major: 10, minor: 0, build: 19041 })
 *     .module({ name: 'C:\\app\\app.exe', base: 0x140000000n, size: 0x5000, pdb: { file: 'app.pdb', guid: '…', age: 1 } })
 *     .thread({ id: 0x10, regs: { rip: 0x140001000n, rsp: 0x1000n }, stack: { start: 0x1000n, bytes } })
 *     .exception({ threadId: 0x10, code: 0xc0000005, address: 0x140001000n, parameters: [1n, 0x45n] })
 *     .build();
 */

export type SynthArch = 'x86' | 'amd64' | 'arm64';

/** Little-endian growable byte buffer with patchable fields. */
class Writer {
  private buf = new Uint8Array(4096);
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.length));
    this.buf = b;
  }
  bytes(b: Uint8Array): number {
    this.ensure(b.length);
    const at = this.length;
    this.buf.set(b, at);
    this.length += b.length;
    return at;
  }
  zeros(n: number): number {
    return this.bytes(new Uint8Array(n));
  }
  u8(v: number): number { return this.bytes(Uint8Array.of(v & 0xff)); }
  u16(v: number): number { return this.bytes(le(v, 2)); }
  u32(v: number): number { return this.bytes(le(v, 4)); }
  u64(v: bigint): number { return this.bytes(le64(v)); }
  align(n: number): void {
    while (this.length % n) this.u8(0);
  }
  patch32(at: number, v: number): void {
    this.buf.set(le(v, 4), at);
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function le(v: number, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(v / 2 ** (8 * i)) & 0xff;
  return b;
}
function le64(v: bigint): Uint8Array {
  const b = new Uint8Array(8);
  let x = BigInt.asUintN(64, v);
  for (let i = 0; i < 8; i++) {
    b[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return b;
}
function utf16(s: string): Uint8Array {
  const b = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    b[i * 2] = s.charCodeAt(i) & 0xff;
    b[i * 2 + 1] = s.charCodeAt(i) >> 8;
  }
  return b;
}

/** Register name → [offset, width] inside the CONTEXT record (winnt.h). */
const CONTEXT_LAYOUT: Record<SynthArch, { size: number; flags: [number, number]; regs: Record<string, [number, number]> }> = {
  x86: {
    size: 716, // 0x2cc, with ExtendedRegisters
    flags: [0, 0x1003f], // CONTEXT_i386 | CONTROL | INTEGER | SEGMENTS | FLOATING_POINT | DEBUG_REGISTERS | EXTENDED_REGISTERS
    regs: {
      gs: [0x8c, 4], fs: [0x90, 4], es: [0x94, 4], ds: [0x98, 4], edi: [0x9c, 4], esi: [0xa0, 4], ebx: [0xa4, 4],
      edx: [0xa8, 4], ecx: [0xac, 4], eax: [0xb0, 4], ebp: [0xb4, 4], eip: [0xb8, 4], cs: [0xbc, 4], efl: [0xc0, 4],
      esp: [0xc4, 4], ss: [0xc8, 4],
    },
  },
  amd64: {
    size: 1232, // 0x4d0
    flags: [0x30, 0x10001f], // CONTEXT_AMD64 | CONTROL | INTEGER | SEGMENTS | FLOATING_POINT | DEBUG_REGISTERS
    regs: {
      mxcsr: [0x34, 4], cs: [0x38, 2], ds: [0x3a, 2], es: [0x3c, 2], fs: [0x3e, 2], gs: [0x40, 2], ss: [0x42, 2], efl: [0x44, 4],
      rax: [0x78, 8], rcx: [0x80, 8], rdx: [0x88, 8], rbx: [0x90, 8], rsp: [0x98, 8], rbp: [0xa0, 8], rsi: [0xa8, 8], rdi: [0xb0, 8],
      r8: [0xb8, 8], r9: [0xc0, 8], r10: [0xc8, 8], r11: [0xd0, 8], r12: [0xd8, 8], r13: [0xe0, 8], r14: [0xe8, 8], r15: [0xf0, 8],
      rip: [0xf8, 8],
    },
  },
  arm64: {
    size: 912, // 0x390
    flags: [0, 0x400007], // CONTEXT_ARM64 | CONTROL | INTEGER | FLOATING_POINT
    regs: {
      cpsr: [0x4, 4],
      ...Object.fromEntries(Array.from({ length: 29 }, (_, i) => [`x${i}`, [8 + i * 8, 8] as [number, number]])),
      fp: [0xf0, 8], lr: [0xf8, 8], sp: [0x100, 8], pc: [0x108, 8],
    },
  },
};

const PROCESSOR_ARCHITECTURE: Record<SynthArch, number> = { x86: 0, amd64: 9, arm64: 12 };

/** A CONTEXT record with the given registers (others zero). */
export function contextBytes(arch: SynthArch, regs: Record<string, bigint | number>): Uint8Array {
  const layout = CONTEXT_LAYOUT[arch];
  const b = new Uint8Array(layout.size);
  b.set(le(layout.flags[1], 4), layout.flags[0]);
  for (const [name, value] of Object.entries(regs)) {
    const slot = layout.regs[name];
    if (!slot) throw new Error(`synth: no register ${name} on ${arch}`);
    b.set(slot[1] === 8 ? le64(BigInt(value)) : le(Number(BigInt.asUintN(slot[1] * 8, BigInt(value))), slot[1]), slot[0]);
  }
  return b;
}

export interface SynthModule {
  /** Full path; the reader shows the file name part. */
  name: string;
  base: bigint;
  size: number;
  timestamp?: number;
  checksum?: number;
  /** File version a.b.c.d, written into VS_FIXEDFILEINFO. */
  version?: [number, number, number, number];
  /** RSDS CodeView record. `guid` as 32 hex digits in symbol-server order. */
  pdb?: { file: string; guid: string; age: number };
  /** NB10 CodeView record instead of RSDS. */
  nb10?: { file: string; signature: number; age: number };
}

export interface SynthThread {
  id: number;
  regs?: Record<string, bigint | number>;
  stack?: { start: bigint; bytes: Uint8Array };
  teb?: bigint;
  suspendCount?: number;
  priority?: number;
}

interface Stream {
  type: number;
  /** Writes the stream's body (and anything it points to) and returns [rva, size]. */
  write(w: Writer): [number, number];
}

/** Stream type numbers (minidumpapiset.h), written out here on purpose. */
const T = {
  ThreadList: 3, ModuleList: 4, MemoryList: 5, Exception: 6, SystemInfo: 7, Memory64List: 9, CommentA: 10,
  CommentW: 11, HandleData: 12, UnloadedModuleList: 14, MiscInfo: 15, MemoryInfoList: 16, ThreadInfoList: 17,
  ThreadNames: 24, BreakpadInfo: 0x47670001,
};

export class MinidumpBuilder {
  private readonly streams: Stream[] = [];
  private readonly threadList: SynthThread[] = [];
  private readonly moduleList: SynthModule[] = [];
  private readonly memoryList: { start: bigint; bytes: Uint8Array }[] = [];
  private timeDateStamp = 0x5f000000;
  /** Extra raw directory entries (for malformed-input tests). */
  private readonly rawEntries: [number, number, number][] = [];

  constructor(readonly arch: SynthArch = 'amd64') {}

  time(seconds: number): this {
    this.timeDateStamp = seconds;
    return this;
  }

  systemInfo(o: { major?: number; minor?: number; build?: number; csd?: string; cpus?: number; level?: number; revision?: number; vendor?: string; platformId?: number; productType?: number } = {}): this {
    this.streams.push({
      type: T.SystemInfo,
      write: (w) => {
        const csdRva = o.csd !== undefined ? this.writeString(w, o.csd) : 0;
        w.align(4);
        const at = w.u16(PROCESSOR_ARCHITECTURE[this.arch]);
        w.u16(o.level ?? 6);
        w.u16(o.revision ?? 0x0d08);
        w.u8(o.cpus ?? 4);
        w.u8(o.productType ?? 1);
        w.u32(o.major ?? 10);
        w.u32(o.minor ?? 0);
        w.u32(o.build ?? 19041);
        w.u32(o.platformId ?? 2);
        w.u32(csdRva);
        w.u16(0x100); // SuiteMask
        w.u16(0);
        const vendor = new Uint8Array(12);
        for (let i = 0; i < 12; i++) vendor[i] = (o.vendor ?? 'GenuineIntel').charCodeAt(i) || 0;
        w.bytes(vendor);
        w.zeros(12);
        return [at, 56];
      },
    });
    return this;
  }

  thread(t: SynthThread): this {
    if (this.threadList.length === 0) this.streams.push({ type: T.ThreadList, write: (w) => this.writeThreads(w) });
    this.threadList.push(t);
    return this;
  }

  module(m: SynthModule): this {
    if (this.moduleList.length === 0) this.streams.push({ type: T.ModuleList, write: (w) => this.writeModules(w) });
    this.moduleList.push(m);
    return this;
  }

  /** Process memory, in the MemoryList stream. */
  memory(start: bigint, bytes: Uint8Array): this {
    if (this.memoryList.length === 0) this.streams.push({ type: T.MemoryList, write: (w) => this.writeMemoryList(w) });
    this.memoryList.push({ start, bytes });
    return this;
  }

  /** Process memory in a Memory64List stream (full-memory dumps): data back to back. */
  memory64(ranges: { start: bigint; bytes: Uint8Array }[]): this {
    this.streams.push({
      type: T.Memory64List,
      write: (w) => {
        w.align(8);
        const at = w.u64(BigInt(ranges.length));
        const baseRvaAt = w.u64(0n);
        for (const r of ranges) {
          w.u64(r.start);
          w.u64(BigInt(r.bytes.length));
        }
        const size = w.length - at;
        w.patch32(baseRvaAt, w.length);
        for (const r of ranges) w.bytes(r.bytes);
        return [at, size];
      },
    });
    return this;
  }

  exception(e: { threadId: number; code: number; flags?: number; address: bigint; parameters?: bigint[]; regs?: Record<string, bigint | number> }): this {
    this.streams.push({
      type: T.Exception,
      write: (w) => {
        const ctx = e.regs ? this.writeContext(w, e.regs) : [0, 0];
        w.align(4);
        const at = w.u32(e.threadId);
        w.u32(0);
        w.u32(e.code);
        w.u32(e.flags ?? 0);
        w.u64(0n); // ExceptionRecord
        w.u64(e.address);
        const params = e.parameters ?? [];
        w.u32(params.length);
        w.u32(0);
        for (let i = 0; i < 15; i++) w.u64(params[i] ?? 0n);
        w.u32(ctx[1]!);
        w.u32(ctx[0]!);
        return [at, 168];
      },
    });
    return this;
  }

  /** MINIDUMP_MISC_INFO (version 1, or 2 with processor MHz). */
  miscInfo(o: { processId?: number; createTime?: number; userTime?: number; kernelTime?: number; maxMhz?: number }): this {
    this.streams.push({
      type: T.MiscInfo,
      write: (w) => {
        w.align(4);
        const v2 = o.maxMhz !== undefined;
        let flags = 0;
        if (o.processId !== undefined) flags |= 1;
        if (o.createTime !== undefined) flags |= 2;
        if (v2) flags |= 4;
        const at = w.u32(v2 ? 44 : 24);
        w.u32(flags);
        w.u32(o.processId ?? 0);
        w.u32(o.createTime ?? 0);
        w.u32(o.userTime ?? 0);
        w.u32(o.kernelTime ?? 0);
        if (v2) {
          w.u32(o.maxMhz!);
          w.u32(o.maxMhz!);
          w.zeros(12);
        }
        return [at, v2 ? 44 : 24];
      },
    });
    return this;
  }

  threadNames(names: [number, string][]): this {
    this.streams.push({
      type: T.ThreadNames,
      write: (w) => {
        const rvas = names.map(([, n]) => this.writeString(w, n));
        w.align(4);
        const at = w.u32(names.length);
        names.forEach(([id], i) => {
          w.u32(id);
          w.u64(BigInt(rvas[i]!));
        });
        return [at, 4 + names.length * 12];
      },
    });
    return this;
  }

  threadInfo(infos: { id: number; createTime?: bigint; kernelTime?: bigint; userTime?: bigint; startAddress?: bigint }[], entrySize = 64): this {
    this.streams.push({
      type: T.ThreadInfoList,
      write: (w) => {
        w.align(4);
        const at = w.u32(12);
        w.u32(entrySize);
        w.u32(infos.length);
        for (const i of infos) {
          const e = w.u32(i.id);
          w.u32(0); w.u32(0); w.u32(0);
          w.u64(i.createTime ?? 0n); w.u64(0n); w.u64(i.kernelTime ?? 0n); w.u64(i.userTime ?? 0n); w.u64(i.startAddress ?? 0n); w.u64(1n);
          w.zeros(entrySize - (w.length - e));
        }
        return [at, w.length - at];
      },
    });
    return this;
  }

  handles(list: { handle: bigint; type?: string; name?: string; access?: number; handleCount?: number; pointerCount?: number }[], descriptorSize: 32 | 40 = 40): this {
    this.streams.push({
      type: T.HandleData,
      write: (w) => {
        const names = list.map((h) => [h.type !== undefined ? this.writeString(w, h.type) : 0, h.name !== undefined ? this.writeString(w, h.name) : 0]);
        w.align(4);
        const at = w.u32(16);
        w.u32(descriptorSize);
        w.u32(list.length);
        w.u32(0);
        list.forEach((h, i) => {
          w.u64(h.handle);
          w.u32(names[i]![0]!);
          w.u32(names[i]![1]!);
          w.u32(0);
          w.u32(h.access ?? 0x1f0003);
          w.u32(h.handleCount ?? 1);
          w.u32(h.pointerCount ?? 1);
          if (descriptorSize === 40) w.zeros(8);
        });
        return [at, w.length - at];
      },
    });
    return this;
  }

  memoryInfo(list: { base: bigint; allocationBase?: bigint; allocationProtect?: number; size: bigint; state: number; protect: number; type: number }[]): this {
    this.streams.push({
      type: T.MemoryInfoList,
      write: (w) => {
        w.align(8);
        const at = w.u32(16);
        w.u32(48);
        w.u64(BigInt(list.length));
        for (const m of list) {
          w.u64(m.base); w.u64(m.allocationBase ?? m.base); w.u32(m.allocationProtect ?? m.protect); w.u32(0);
          w.u64(m.size); w.u32(m.state); w.u32(m.protect); w.u32(m.type); w.u32(0);
        }
        return [at, w.length - at];
      },
    });
    return this;
  }

  unloadedModules(list: { name: string; base: bigint; size: number; timestamp?: number }[]): this {
    this.streams.push({
      type: T.UnloadedModuleList,
      write: (w) => {
        const names = list.map((m) => this.writeString(w, m.name));
        w.align(4);
        const at = w.u32(12);
        w.u32(24);
        w.u32(list.length);
        list.forEach((m, i) => {
          w.u64(m.base); w.u32(m.size); w.u32(0); w.u32(m.timestamp ?? 0); w.u32(names[i]!);
        });
        return [at, w.length - at];
      },
    });
    return this;
  }

  comment(text: string, wide = false): this {
    this.streams.push({
      type: wide ? T.CommentW : T.CommentA,
      write: (w) => {
        const b = wide ? utf16(text + '\0') : Uint8Array.from([...text].map((c) => c.charCodeAt(0) & 0xff).concat(0));
        return [w.bytes(b), b.length];
      },
    });
    return this;
  }

  breakpadInfo(dumpThreadId: number, requestingThreadId: number): this {
    this.streams.push({
      type: T.BreakpadInfo,
      write: (w) => {
        w.align(4);
        const at = w.u32(3);
        w.u32(dumpThreadId);
        w.u32(requestingThreadId);
        return [at, 12];
      },
    });
    return this;
  }

  /** A raw directory entry, for malformed-input tests. */
  rawDirectoryEntry(type: number, dataSize: number, rva: number): this {
    this.rawEntries.push([type, dataSize, rva]);
    return this;
  }

  build(): Uint8Array {
    const w = new Writer();
    const n = this.streams.length + this.rawEntries.length;
    // MINIDUMP_HEADER (32 bytes)
    w.u32(0x504d444d); // 'MDMP'
    w.u32(0xa793);
    w.u32(n);
    w.u32(32); // StreamDirectoryRva
    w.u32(0);
    w.u32(this.timeDateStamp);
    w.u64(0n);
    const dir = w.zeros(12 * n);
    this.streams.forEach((s, i) => {
      const [rva, size] = s.write(w);
      w.patch32(dir + i * 12, s.type);
      w.patch32(dir + i * 12 + 4, size);
      w.patch32(dir + i * 12 + 8, rva);
    });
    this.rawEntries.forEach(([type, size, rva], j) => {
      const i = this.streams.length + j;
      w.patch32(dir + i * 12, type);
      w.patch32(dir + i * 12 + 4, size);
      w.patch32(dir + i * 12 + 8, rva);
    });
    return w.result();
  }

  // --- stream bodies -----------------------------------------------------

  /** MINIDUMP_STRING: u32 byte length (no NUL), UTF-16LE, NUL. */
  private writeString(w: Writer, s: string): number {
    w.align(4);
    const at = w.u32(s.length * 2);
    w.bytes(utf16(s));
    w.u16(0);
    return at;
  }

  private writeContext(w: Writer, regs: Record<string, bigint | number>): [number, number] {
    w.align(16);
    const b = contextBytes(this.arch, regs);
    return [w.bytes(b), b.length];
  }

  private writeThreads(w: Writer): [number, number] {
    const parts = this.threadList.map((t) => {
      const ctx = this.writeContext(w, t.regs ?? {});
      const stack = t.stack ? [w.bytes(t.stack.bytes), t.stack.bytes.length] : [0, 0];
      return { ctx, stack };
    });
    w.align(4);
    const at = w.u32(this.threadList.length);
    this.threadList.forEach((t, i) => {
      const p = parts[i]!;
      w.u32(t.id);
      w.u32(t.suspendCount ?? 0);
      w.u32(0x20); // PriorityClass NORMAL
      w.u32(t.priority ?? 0);
      w.u64(t.teb ?? 0n);
      w.u64(t.stack?.start ?? 0n);
      w.u32(p.stack[1]!);
      w.u32(p.stack[0]!);
      w.u32(p.ctx[1]);
      w.u32(p.ctx[0]);
    });
    return [at, 4 + 48 * this.threadList.length];
  }

  private writeModules(w: Writer): [number, number] {
    const parts = this.moduleList.map((m) => {
      const name = this.writeString(w, m.name);
      let cv: [number, number] = [0, 0];
      if (m.pdb) {
        const g = m.pdb.guid.replace(/-/g, '');
        const guid = new Uint8Array(16);
        // GUID: Data1 u32 LE, Data2 u16 LE, Data3 u16 LE, Data4[8] as is.
        guid.set(le(parseInt(g.slice(0, 8), 16), 4), 0);
        guid.set(le(parseInt(g.slice(8, 12), 16), 2), 4);
        guid.set(le(parseInt(g.slice(12, 16), 16), 2), 6);
        for (let i = 0; i < 8; i++) guid[8 + i] = parseInt(g.slice(16 + i * 2, 18 + i * 2), 16);
        const file = Uint8Array.from([...m.pdb.file].map((c) => c.charCodeAt(0)).concat(0));
        w.align(4);
        const at = w.u32(0x53445352); // 'RSDS'
        w.bytes(guid);
        w.u32(m.pdb.age);
        w.bytes(file);
        cv = [at, w.length - at];
      } else if (m.nb10) {
        const file = Uint8Array.from([...m.nb10.file].map((c) => c.charCodeAt(0)).concat(0));
        w.align(4);
        const at = w.u32(0x3031424e); // 'NB10'
        w.u32(0);
        w.u32(m.nb10.signature);
        w.u32(m.nb10.age);
        w.bytes(file);
        cv = [at, w.length - at];
      }
      return { name, cv };
    });
    w.align(4);
    const at = w.u32(this.moduleList.length);
    this.moduleList.forEach((m, i) => {
      const p = parts[i]!;
      w.u64(m.base);
      w.u32(m.size);
      w.u32(m.checksum ?? 0);
      w.u32(m.timestamp ?? 0x5f000000);
      w.u32(p.name);
      // VS_FIXEDFILEINFO (52 bytes)
      if (m.version) {
        const [a, b, c, d] = m.version;
        w.u32(0xfeef04bd); w.u32(0x10000);
        w.u32(a * 0x10000 + b); w.u32(c * 0x10000 + d);
        w.u32(a * 0x10000 + b); w.u32(c * 0x10000 + d);
        w.zeros(52 - 24);
      } else {
        w.zeros(52);
      }
      w.u32(p.cv[1]);
      w.u32(p.cv[0]);
      w.u32(0);
      w.u32(0);
      w.u64(0n);
      w.u64(0n);
    });
    return [at, 4 + 108 * this.moduleList.length];
  }

  private writeMemoryList(w: Writer): [number, number] {
    const rvas = this.memoryList.map((m) => w.bytes(m.bytes));
    w.align(4);
    const at = w.u32(this.memoryList.length);
    this.memoryList.forEach((m, i) => {
      w.u64(m.start);
      w.u32(m.bytes.length);
      w.u32(rvas[i]!);
    });
    return [at, 4 + 16 * this.memoryList.length];
  }
}

/** A ready-made crash: amd64 or x86 process with a main module (CodeView), ntdll, one faulting thread with stack. */
export function sampleCrashDump(arch: 'x86' | 'amd64' = 'amd64'): Uint8Array {
  const is64 = arch === 'amd64';
  const exeBase = is64 ? 0x7ff700000000n : 0x400000n;
  const ntdllBase = is64 ? 0x7ffb00000000n : 0x77000000n;
  const stackStart = is64 ? 0xd0000n : 0x12f000n;
  const ip = exeBase + 0x1234n;
  const stack = new Uint8Array(0x100);
  const ptr = is64 ? 8 : 4;
  // A return address into ntdll at the second stack slot.
  stack.set(is64 ? le64(ntdllBase + 0x5678n) : le(Number(ntdllBase) + 0x5678, 4), ptr);
  const regs: Record<string, bigint> = is64
    ? { rip: ip, rsp: stackStart, rbp: stackStart + 0x80n, rax: 0x45n }
    : { eip: ip, esp: stackStart, ebp: stackStart + 0x80n, eax: 0x45n };
  return new MinidumpBuilder(arch)
    .systemInfo({ major: 10, minor: 0, build: 19041, cpus: 8 })
    .module({ name: 'C:\\app\\crash.exe', base: exeBase, size: 0x5000, version: [1, 2, 3, 4], pdb: { file: 'C:\\build\\crash.pdb', guid: '0123456789ABCDEF0123456789ABCDEF', age: 2 } })
    .module({ name: 'C:\\Windows\\System32\\ntdll.dll', base: ntdllBase, size: 0x1f0000, version: [10, 0, 19041, 1], pdb: { file: 'ntdll.pdb', guid: 'FEDCBA9876543210FEDCBA9876543210', age: 1 } })
    .thread({ id: 0x1a4, regs, stack: { start: stackStart, bytes: stack }, teb: is64 ? 0x1000n : 0x7ffdf000n })
    .thread({ id: 0x1b0, regs: is64 ? { rip: ntdllBase + 0x100n, rsp: 0x2000n } : { eip: ntdllBase + 0x100n, esp: 0x2000n } })
    .exception({ threadId: 0x1a4, code: 0xc0000005, address: ip, parameters: [1n, 0x45n], regs })
    .miscInfo({ processId: 4242, createTime: 0x5effff00 })
    .time(0x5f000000)
    .build();
}
