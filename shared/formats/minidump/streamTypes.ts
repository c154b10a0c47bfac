/**
 * MINIDUMP_STREAM_TYPE values (SDK minidumpapiset.h) and the vendor streams
 * Breakpad, Crashpad, Chromium and Mozilla write (rust-minidump format.rs,
 * Breakpad minidump_format.h). Names are the SDK's without the `Stream` suffix.
 */
export const StreamType = {
  Unused: 0,
  Reserved0: 1,
  Reserved1: 2,
  ThreadList: 3,
  ModuleList: 4,
  MemoryList: 5,
  Exception: 6,
  SystemInfo: 7,
  ThreadExList: 8,
  Memory64List: 9,
  CommentA: 10,
  CommentW: 11,
  HandleData: 12,
  FunctionTable: 13,
  UnloadedModuleList: 14,
  MiscInfo: 15,
  MemoryInfoList: 16,
  ThreadInfoList: 17,
  HandleOperationList: 18,
  Token: 19,
  JavaScriptData: 20,
  SystemMemoryInfo: 21,
  ProcessVmCounters: 22,
  IptTrace: 23,
  ThreadNames: 24,
  ceNull: 0x8000,
  ceSystemInfo: 0x8001,
  ceException: 0x8002,
  ceModuleList: 0x8003,
  ceProcessList: 0x8004,
  ceThreadList: 0x8005,
  ceThreadContextList: 0x8006,
  ceThreadCallStackList: 0x8007,
  ceMemoryVirtualList: 0x8008,
  ceMemoryPhysicalList: 0x8009,
  ceBucketParameters: 0x800a,
  ceProcessModuleMap: 0x800b,
  ceDiagnosisList: 0x800c,
  BreakpadInfo: 0x47670001,
  BreakpadAssertionInfo: 0x47670002,
  LinuxCpuInfo: 0x47670003,
  LinuxProcStatus: 0x47670004,
  LinuxLsbRelease: 0x47670005,
  LinuxCmdLine: 0x47670006,
  LinuxEnviron: 0x47670007,
  LinuxAuxv: 0x47670008,
  LinuxMaps: 0x47670009,
  LinuxDsoDebug: 0x4767000a,
  CrashpadInfo: 0x43500001,
  ChromiumStabilityReport: 0x4b6b0002,
  MozMacosCrashInfo: 0x4d7a0001,
  MozMacosBootargs: 0x4d7a0002,
  MozLinuxLimits: 0x4d7a0003,
  MozSoftErrors: 0x4d7a0004,
} as const;

export type StreamTypeName = keyof typeof StreamType;

const NAMES = new Map<number, string>(Object.entries(StreamType).map(([k, v]) => [v, k]));

/** "ThreadList", "BreakpadInfo"…, or "unknown (0x1234)" for types we have no name for. */
export function streamTypeName(type: number): string {
  return NAMES.get(type) ?? `unknown (0x${type.toString(16)})`;
}

/** True for a type the SDK reserves or a vendor we know; false for application-defined ones. */
export function isKnownStreamType(type: number): boolean {
  return NAMES.has(type);
}
