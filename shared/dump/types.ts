/**
 * One `Dump` interface over every dump format (user-mode minidump, kernel
 * PAGEDUMP/PAGEDU64 of any type). Analysis, the command engine, the history
 * indexer and the UI see only this; format readers implement it.
 *
 * Everything is lazy: construction reads headers only, each accessor decodes
 * on first use and caches. Soft problems (a stream we could not decode, a
 * duplicate entry) go into `diagnostics` instead of throwing, so one bad
 * stream never hides the rest of a dump.
 */

export type CpuArch = 'x86' | 'amd64' | 'arm64' | 'arm' | 'unknown';

export type DumpKind =
  | 'user-minidump' // MDMP written by MiniDumpWriteDump / WER / Breakpad / Crashpad
  | 'kernel-small' // PAGEDUMP/PAGEDU64 DumpType 4: triage, %SystemRoot%\Minidump
  | 'kernel-kernel' // kernel memory dump (runs or bitmap with kernel pages only)
  | 'kernel-complete' // complete memory dump
  | 'kernel-bitmap' // bitmap dump whose summary does not say kernel vs complete
  | 'kernel-active' // active memory dump
  | 'kernel-live'; // live kernel dump (no bugcheck; LiveKernelEvent)

export interface SystemInfo {
  /** "Windows NT", "Windows 10" … as the dump lets us say it. */
  os: string;
  /** "5.1.2600 Service Pack 2", "10.0.19041" */
  osVersion: string;
  majorVersion?: number;
  minorVersion?: number;
  buildNumber?: number;
  /** Service pack / CSD string, when present. */
  csdVersion?: string;
  /** VER_NT_WORKSTATION = 1, DOMAIN_CONTROLLER = 2, SERVER = 3 */
  productType?: number;
  cpuArch: CpuArch;
  cpuCount: number;
  /** "GenuineIntel family 6 model 15 stepping 6" style. */
  cpuInfo?: string;
}

/**
 * A thread's registers. Names are lowercase as WinDbg prints them (`rip`,
 * `eax`, `x29`, `pc`, `efl`); `ip`/`sp`/`fp` are the architecture's own.
 */
export interface RegisterContext {
  arch: CpuArch;
  regs: Record<string, bigint>;
  /** Register names in WinDbg's `r` order, for display. */
  order: readonly string[];
  ip: bigint;
  sp: bigint;
  /** ebp / rbp / x29 */
  fp?: bigint;
}

export interface DumpThread {
  /** OS thread id (user dumps) or ETHREAD-derived id (kernel). */
  id: number;
  name?: string;
  context?: RegisterContext;
  /** Captured stack memory (start of range, bytes). */
  stack?: { start: bigint; size: number };
  /** TEB (user) or KTHREAD/ETHREAD (kernel) address. */
  teb?: bigint;
  priority?: number;
  suspendCount?: number;
  /** Times, when the dump records them (ThreadInfoList / kernel thread blob). */
  createTime?: Date;
  kernelTimeMs?: number;
  userTimeMs?: number;
}

export interface DumpModule {
  /** File name only, as `lm` shows it: "ntdll.dll", "nvlddmkm.sys". */
  name: string;
  /** Full path as recorded in the dump. */
  path: string;
  base: bigint;
  size: number;
  /** PE TimeDateStamp (seconds since 1970, UTC). */
  timestamp: number;
  checksum?: number;
  /** "10.0.19041.1" from VS_FIXEDFILEINFO; undefined when absent. */
  version?: string;
  productVersion?: string;
  /** CodeView debug file name ("ntdll.pdb") and id (GUID+age, uppercase, no dashes). */
  debugFile?: string;
  debugId?: string;
  /** Symbol-server code id: TIMESTAMP (8 hex digits) + SizeOfImage (hex, no padding). */
  codeId?: string;
  /** From the version resource when present. */
  company?: string;
  /** True for the process's main executable. */
  main?: boolean;
}

export interface UnloadedModule {
  name: string;
  base: bigint;
  size: number;
  timestamp: number;
}

export interface MemoryRegion {
  start: bigint;
  size: number;
}

/** Virtual memory the dump carries. */
export interface MemoryReader {
  /** Exactly `size` bytes at `address`, or undefined if any byte is missing. */
  read(address: bigint, size: number): Uint8Array | undefined;
  /** Regions the dump holds, sorted by start (may be empty for huge kernel dumps). */
  regions(): readonly MemoryRegion[];
}

export interface DumpException {
  code: number;
  flags: number;
  address: bigint;
  parameters: bigint[];
  /** Thread the exception happened on. */
  threadId?: number;
  /** Context at the time of the exception (MINIDUMP_EXCEPTION_STREAM.ThreadContext). */
  context?: RegisterContext;
}

export interface Bugcheck {
  code: number;
  /** Always four parameters, as in the dump header. */
  parameters: [bigint, bigint, bigint, bigint];
}

export interface Diagnostic {
  level: 'warning' | 'info';
  /** Stable code from the reader ("DuplicateStream", "StreamUnreadable"…). */
  code: string;
  message: string;
}

export interface Dump {
  readonly format: 'minidump' | 'kernel';
  readonly kind: DumpKind;
  /** Pointer size is 8 bytes. */
  readonly is64: boolean;
  /** File size in bytes. */
  readonly fileSize: number;
  system(): SystemInfo;
  /** When the dump was written (crash time), if recorded. */
  timestamp(): Date | undefined;
  threads(): readonly DumpThread[];
  modules(): readonly DumpModule[];
  unloadedModules(): readonly UnloadedModule[];
  readonly memory: MemoryReader;
  /** User-mode exception, if any. */
  exception(): DumpException | undefined;
  /** Kernel bugcheck, if any. */
  bugcheck(): Bugcheck | undefined;
  /** Index into threads() of the thread that crashed, if known. */
  crashingThreadIndex(): number | undefined;
  /** The crashing process (user dumps) or the process current at the bugcheck (kernel). */
  process(): { name?: string; id?: number; createTime?: Date; uptimeSeconds?: number } | undefined;
  /** Soft problems found while reading. */
  readonly diagnostics: Diagnostic[];
}
