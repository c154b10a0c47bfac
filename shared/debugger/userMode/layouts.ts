import type { DebugSession } from '../session';

/**
 * Field offsets of the user-mode structures `!teb` and `!peb` read, as
 * [32-bit, 64-bit]. A WOW64 process has both: its 32-bit TEB/PEB are read
 * with the 32-bit column from a 64-bit dump. Sources: ntdiff/headers
 * Win10_1809_RS5/x64/System32/ntdll.dll/Standalone/_TEB.h and
 * _LDR_DATA_TABLE_ENTRY.h (64-bit); the 32-bit TEB as `dt _TEB` prints it
 * under WOW64 (LastStatusValue +0xbf4, HardErrorMode +0xf28, WowTebOffset
 * +0xfdc); PEB and RTL_USER_PROCESS_PARAMETERS from winternl.h / Wine's
 * winternl.h ("NtGlobalFlag2 478/7c4").
 */
export type Bits = 32 | 64;
export type Pair = readonly [number, number];

/** _TEB (NT_TIB first). */
export const TEB = {
  ExceptionList: [0x0, 0x0], StackBase: [0x4, 0x8], StackLimit: [0x8, 0x10], SubSystemTib: [0xc, 0x18],
  FiberData: [0x10, 0x20], ArbitraryUserPointer: [0x14, 0x28], Self: [0x18, 0x30], EnvironmentPointer: [0x1c, 0x38],
  UniqueProcess: [0x20, 0x40], UniqueThread: [0x24, 0x48], ActiveRpcHandle: [0x28, 0x50], ThreadLocalStoragePointer: [0x2c, 0x58],
  ProcessEnvironmentBlock: [0x30, 0x60], LastErrorValue: [0x34, 0x68], CountOfOwnedCriticalSections: [0x38, 0x6c],
  LastStatusValue: [0xbf4, 0x1250], HardErrorMode: [0xf28, 0x16b0],
  // Windows 10+: the distance from this TEB to the other one of a WOW64 thread (+0x2000 in the
  // 64-bit TEB, -0x2000 in the 32-bit one).
  WowTebOffset: [0xfdc, 0x180c],
} as const satisfies Record<string, Pair>;

/** _PEB. */
export const PEB = {
  InheritedAddressSpace: [0x0, 0x0], ReadImageFileExecOptions: [0x1, 0x1], BeingDebugged: [0x2, 0x2],
  ImageBaseAddress: [0x8, 0x10], Ldr: [0xc, 0x18], ProcessParameters: [0x10, 0x20], SubSystemData: [0x14, 0x28],
  ProcessHeap: [0x18, 0x30], NtGlobalFlag: [0x68, 0xbc], NtGlobalFlag2: [0x478, 0x7c4],
} as const satisfies Record<string, Pair>;

/** _PEB_LDR_DATA: the three module lists are LIST_ENTRY heads. */
export const LDR = {
  Initialized: [0x4, 0x4], InLoadOrderModuleList: [0xc, 0x10], InMemoryOrderModuleList: [0x14, 0x20], InInitializationOrderModuleList: [0x1c, 0x30],
} as const satisfies Record<string, Pair>;

/** _LDR_DATA_TABLE_ENTRY, reached through InLoadOrderLinks (its first field). */
export const LDR_ENTRY = {
  DllBase: [0x18, 0x30], FullDllName: [0x24, 0x48], TimeDateStamp: [0x44, 0x80],
} as const satisfies Record<string, Pair>;

/** _RTL_USER_PROCESS_PARAMETERS (CurrentDirectory is a CURDIR whose first field is the path). */
export const PARAMS = {
  CurrentDirectory: [0x24, 0x38], DllPath: [0x30, 0x50], ImagePathName: [0x38, 0x60], CommandLine: [0x40, 0x70],
  Environment: [0x48, 0x80], WindowTitle: [0x70, 0xb0],
} as const satisfies Record<string, Pair>;

/** The Windows build that added PEB.NtGlobalFlag2 (1809, RS5); WinDbg shows 0 before it. */
export const NT_GLOBAL_FLAG2_BUILD = 17763;

export function at(base: bigint, field: Pair, bits: Bits): bigint {
  return base + BigInt(bits === 64 ? field[1] : field[0]);
}

export function readU8(s: DebugSession, a: bigint): number | undefined {
  return s.read(a, 1)?.[0];
}

export function readU16(s: DebugSession, a: bigint): number | undefined {
  const b = s.read(a, 2);
  return b && b.length === 2 ? b[0]! | (b[1]! << 8) : undefined;
}

export function readU32(s: DebugSession, a: bigint): number | undefined {
  const b = s.read(a, 4);
  return b && b.length === 4 ? new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true) : undefined;
}

/** A pointer of the structure's width, whatever the dump's. */
export function readPtr(s: DebugSession, a: bigint, bits: Bits): bigint | undefined {
  if (bits === 32) {
    const v = readU32(s, a);
    return v === undefined ? undefined : BigInt(v);
  }
  const b = s.read(a, 8);
  return b && b.length === 8 ? new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true) : undefined;
}

/** UNICODE_STRING {Length, MaximumLength, Buffer}; undefined when it or its text is not in the dump, or it is empty. */
export function readUnicodeString(s: DebugSession, a: bigint, bits: Bits): string | undefined {
  const len = readU16(s, a);
  const buf = readPtr(s, a + (bits === 64 ? 8n : 4n), bits);
  if (!len || buf === undefined) return undefined;
  const b = s.read(buf, Math.min(len & ~1, 0xfffe));
  if (!b) return undefined;
  let out = '';
  for (let i = 0; i + 1 < b.length; i += 2) out += String.fromCharCode(b[i]! | (b[i + 1]! << 8));
  return out;
}

/** A pointer as `%p` prints it in WinDbg's extensions: the debugger's width, no backtick. */
export function pointerText(v: bigint, is64: boolean): string {
  return BigInt.asUintN(is64 ? 64 : 32, v).toString(16).padStart(is64 ? 16 : 8, '0');
}
