/**
 * A 64-bit minidump of a WOW64 process (a 32-bit program on 64-bit Windows,
 * dumped by WER or a 64-bit debugger): the thread lists its 64-bit TEB; the
 * 32-bit TEB is two pages on, the process has wow64.dll and wow64cpu.dll,
 * and both PEBs carry process parameters; the 32-bit one a loader list.
 *
 * Every offset is written out here by hand from the public layouts (never
 * imported from shared/): 64-bit _TEB and _LDR_DATA_TABLE_ENTRY from
 * ntdiff/headers Win10_1809_RS5/x64/System32/ntdll.dll/Standalone; the 32-bit
 * TEB as `dt _TEB` shows it under WOW64 (LastStatusValue +0xbf4,
 * HardErrorMode +0xf28, WowTebOffset +0xfdc = -0x2000); PEB,
 * PEB_LDR_DATA and RTL_USER_PROCESS_PARAMETERS from winternl.h.
 */
import { MinidumpBuilder } from './builder';

/** A region of process memory with little-endian writers at offsets. */
class Region {
  readonly bytes: Uint8Array;
  private readonly dv: DataView;
  constructor(readonly base: bigint, size: number) {
    this.bytes = new Uint8Array(size);
    this.dv = new DataView(this.bytes.buffer);
  }
  u8(off: number, v: number): this {
    this.bytes[off] = v;
    return this;
  }
  u16(off: number, v: number): this {
    this.dv.setUint16(off, v, true);
    return this;
  }
  u32(off: number, v: number): this {
    this.dv.setUint32(off, v >>> 0, true);
    return this;
  }
  u64(off: number, v: bigint): this {
    this.dv.setBigUint64(off, v, true);
    return this;
  }
  /** UTF-16 text at `off` (no terminator). */
  text(off: number, s: string): this {
    for (let i = 0; i < s.length; i++) this.dv.setUint16(off + 2 * i, s.charCodeAt(i), true);
    return this;
  }
  /** A UNICODE_STRING at `off` whose text is at region offset `textOff`. */
  ustr(off: number, s: string, textOff: number, bits: 32 | 64): this {
    this.text(textOff, s);
    this.u16(off, s.length * 2).u16(off + 2, s.length * 2 + 2);
    return bits === 64 ? this.u64(off + 8, this.base + BigInt(textOff)) : this.u32(off + 4, Number(this.base) + textOff);
  }
}

/** Where the synthetic WOW64 process keeps its structures. */
export const WOW64 = {
  teb64: 0x00dc0000n,
  teb32: 0x00dc2000n,
  peb64: 0x00dbe000n,
  peb32: 0x00dbf000n,
  params64: 0x01000000n,
  params32: 0x01300000n,
  ldr32: 0x77cd5d80n,
  entries32: 0x01321000n,
  environment32: 0x01302000n,
  threadId: 0x3f9c,
  processId: 0xebc,
} as const;

/**
 * `omit` leaves fields zero to exercise the other ways to the 32-bit TEB: WowTebOffset (Windows
 * 10+ only), ExceptionList, or the 32-bit TEB's own Self (then it is not found at all).
 */
export function wow64Minidump(omit: { wowTebOffset?: boolean; exceptionList?: boolean; teb32Self?: boolean } = {}): Uint8Array {
  const w = WOW64;
  // 64-bit TEB (_TEB, Win10 1809 x64).
  const teb64 = new Region(w.teb64, 0x2000)
    .u64(0x0, w.teb32) // NtTib.ExceptionList: WOW64 points it at the 32-bit TEB
    .u64(0x8, 0x00e40000n) // NtTib.StackBase
    .u64(0x10, 0x00e38000n) // NtTib.StackLimit
    .u64(0x20, 0x1e00n) // NtTib.FiberData
    .u64(0x30, w.teb64) // NtTib.Self
    .u64(0x40, BigInt(w.processId)) // ClientId.UniqueProcess
    .u64(0x48, BigInt(w.threadId)) // ClientId.UniqueThread
    .u64(0x60, w.peb64) // ProcessEnvironmentBlock
    .u32(0x1250, 0xc0000022) // LastStatusValue
    .u32(0x180c, omit.wowTebOffset ? 0 : 0x2000); // WowTebOffset
  if (omit.exceptionList) teb64.u64(0x0, 0n);
  // 32-bit TEB.
  const teb32 = new Region(w.teb32, 0x1000)
    .u32(0x0, 0x00f3f8ec) // NtTib.ExceptionList
    .u32(0x4, 0x00f40000) // NtTib.StackBase
    .u32(0x8, 0x00f3d000) // NtTib.StackLimit
    .u32(0x10, 0x1e00) // NtTib.FiberData
    .u32(0x18, Number(w.teb32)) // NtTib.Self
    .u32(0x20, w.processId) // ClientId.UniqueProcess
    .u32(0x24, w.threadId) // ClientId.UniqueThread
    .u32(0x2c, Number(w.teb32) + 0x2c) // ThreadLocalStoragePointer
    .u32(0x30, Number(w.peb32)) // ProcessEnvironmentBlock
    .u32(0x34, 2) // LastErrorValue
    .u32(0xbf4, 0xc0000034) // LastStatusValue
    .u32(0xf28, 0) // HardErrorMode
    .u32(0xfdc, -0x2000); // WowTebOffset
  if (omit.teb32Self) teb32.u32(0x18, 0);
  // 64-bit PEB: its Ldr (in 64-bit ntdll's data) is not in the dump.
  const peb64 = new Region(w.peb64, 0x1000)
    .u8(0x2, 1) // BeingDebugged
    .u64(0x10, 0x400000n) // ImageBaseAddress
    .u64(0x18, 0x7ffb1f7f28e0n) // Ldr
    .u64(0x20, w.params64) // ProcessParameters
    .u64(0x30, 0x01200000n) // ProcessHeap
    .u32(0xbc, 0); // NtGlobalFlag
  // 32-bit PEB.
  const peb32 = new Region(w.peb32, 0x1000)
    .u8(0x2, 1) // BeingDebugged
    .u32(0x8, 0x400000) // ImageBaseAddress
    .u32(0xc, Number(w.ldr32)) // Ldr
    .u32(0x10, Number(w.params32)) // ProcessParameters
    .u32(0x18, 0x01310000) // ProcessHeap
    .u32(0x68, 0x70) // NtGlobalFlag
    .u32(0x478, 0x4); // NtGlobalFlag2
  // 64-bit RTL_USER_PROCESS_PARAMETERS: no environment pointer.
  const params64 = new Region(w.params64, 0x1000)
    .ustr(0x38, 'C:\\work\\', 0x400, 64) // CurrentDirectory.DosPath
    .ustr(0x60, 'C:\\app\\app32.exe', 0x500, 64) // ImagePathName
    .ustr(0x70, 'app32.exe -x', 0x600, 64) // CommandLine
    .ustr(0xb0, 'App 32', 0x700, 64); // WindowTitle
  // 32-bit RTL_USER_PROCESS_PARAMETERS; DllPath left empty (Length 0).
  const params32 = new Region(w.params32, 0x3000)
    .ustr(0x24, 'C:\\work\\', 0x800, 32) // CurrentDirectory.DosPath
    .ustr(0x38, 'C:\\app\\app32.exe', 0x900, 32) // ImagePathName
    .ustr(0x40, '"C:\\app\\app32.exe" -x', 0xa00, 32) // CommandLine
    .u32(0x48, Number(w.environment32)) // Environment
    .ustr(0x70, 'App 32', 0xb00, 32) // WindowTitle
    .text(0x2000, 'A=1\0PATH=C:\\app\0\0'); // the environment block at environment32
  // 32-bit PEB_LDR_DATA with two modules in load order.
  const e1 = w.entries32;
  const e2 = w.entries32 + 0x100n;
  const head = w.ldr32 + 0xcn; // &InLoadOrderModuleList
  const ldr32 = new Region(w.ldr32, 0x40)
    .u8(0x4, 1) // Initialized
    .u32(0xc, Number(e1)).u32(0x10, Number(e2)) // InLoadOrderModuleList
    .u32(0x14, Number(e1) + 8).u32(0x18, Number(e2) + 8) // InMemoryOrderModuleList
    .u32(0x1c, Number(e2) + 0x10).u32(0x20, Number(e2) + 0x10); // InInitializationOrderModuleList
  const entries = new Region(w.entries32, 0x1000)
    // _LDR_DATA_TABLE_ENTRY (32-bit): InLoadOrderLinks +0, DllBase +0x18, FullDllName +0x24, TimeDateStamp +0x44.
    .u32(0x0, Number(e2)).u32(0x4, Number(head))
    .u32(0x18, 0x400000)
    .ustr(0x24, 'C:\\app\\app32.exe', 0x800, 32)
    .u32(0x44, 0x5f000000)
    .u32(0x100, Number(head)).u32(0x104, Number(e1))
    .u32(0x118, 0x77bc0000)
    .ustr(0x124, 'C:\\Windows\\SysWOW64\\ntdll.dll', 0x900, 32)
    .u32(0x144, 0x61fc30c0);
  const b = new MinidumpBuilder('amd64')
    .systemInfo({ major: 10, minor: 0, build: 19041, cpus: 8 })
    .module({ name: 'C:\\app\\app32.exe', base: 0x400000n, size: 0x20000 })
    .module({ name: 'C:\\Windows\\System32\\ntdll.dll', base: 0x7ffb1f620000n, size: 0x1f0000 })
    .module({ name: 'C:\\Windows\\System32\\wow64.dll', base: 0x7ffb1e000000n, size: 0x59000 })
    .module({ name: 'C:\\Windows\\System32\\wow64cpu.dll', base: 0x77bb0000n, size: 0xa000 })
    .module({ name: 'C:\\Windows\\SysWOW64\\ntdll.dll', base: 0x77bc0000n, size: 0x1a4000 })
    .thread({ id: w.threadId, regs: { rip: 0x77bb1742n, rsp: 0x00e3fd20n }, teb: w.teb64 });
  for (const r of [teb64, teb32, peb64, peb32, params64, params32, ldr32, entries]) b.memory(r.base, r.bytes);
  return b.build();
}
