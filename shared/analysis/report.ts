/**
 * The analysis document `analyze()` returns and `dumpdesk analyze --json`
 * prints: schema "dumpdesk.analysis/1", documented in shared/analysis/SCHEMA.md.
 * Addresses are "0x…" hex strings (64-bit safe); absent facts are null, never
 * guessed. Enums are open: readers must accept values they do not know.
 */

export const ANALYSIS_SCHEMA = 'dumpdesk.analysis/1';

export type Hex = string;

/** How a stack frame was found, weakest last (rust-minidump's FrameTrust). */
export type FrameTrust = 'context' | 'cfi' | 'frame-pointer' | 'scan' | 'inline';

export interface ReportFrame {
  index: number;
  ip: Hex;
  /** Stack pointer at the frame, when known. */
  sp: Hex | null;
  /** Frame pointer (ebp / rbp / x29) at the frame, when known: WinDbg's ChildEBP on x86. */
  fp?: Hex | null;
  module: string | null;
  moduleOffset: Hex | null;
  function: string | null;
  functionOffset: Hex | null;
  file: string | null;
  line: number | null;
  trust: FrameTrust;
}

export interface ReportThread {
  id: number;
  index: number;
  name: string | null;
  frames: ReportFrame[];
}

export interface ReportModule {
  name: string;
  path: string;
  base: Hex;
  size: number;
  /** base + size, exclusive, as WinDbg's `lm` prints it. */
  end: Hex;
  version: string | null;
  /** PE TimeDateStamp as ISO-8601 UTC, null when 0. */
  timestamp: string | null;
  codeId: string | null;
  debugFile: string | null;
  debugId: string | null;
  main: boolean;
  company?: string | null;
  /** Kernel reports: whether the module is Microsoft's (by name/company heuristics, see culprit.ts). */
  microsoft?: boolean;
}

export interface ReportCrash {
  type: 'exception' | 'bugcheck' | 'none';
  code: Hex | null;
  name: string | null;
  address: Hex | null;
  parameters: Hex[];
  threadId: number | null;
  threadIndex: number | null;
  /** Human explanation: "Attempt to write to address 0x45". */
  description?: string | null;
}

export interface ReportCulprit {
  module: string | null;
  image: string | null;
  symbol: string | null;
  /** Why this module was blamed, in words. */
  reason: string;
  /** Index of the blamed frame in the crashing thread's stack, when a frame was blamed. */
  frame?: number | null;
}

export interface BugcheckParameter {
  value: Hex;
  meaning: string | null;
}

export interface AnalysisReport {
  schema: typeof ANALYSIS_SCHEMA;
  /** "minidump" | "kernel" */
  format: string;
  /** DumpKind: "user-minidump", "kernel-small", … */
  kind: string;
  file: { path: string | null; size: number };
  /** Crash time (ISO-8601 UTC) if the dump records it. */
  time: string | null;
  system: {
    os: string | null;
    osVersion: string | null;
    build: number | null;
    cpuArch: string;
    cpuCount: number | null;
    cpuInfo: string | null;
  };
  crash: ReportCrash;
  process: { name: string | null; id: number | null; uptimeSeconds?: number | null } | null;
  modules: ReportModule[];
  threads: ReportThread[];
  culprit: ReportCulprit | null;
  /** Stable grouping key: "CODE_NAME_culprit!symbol" in WinDbg's FAILURE_BUCKET_ID style. */
  bucket: string;
  /** Kernel dumps only. */
  bugcheck?: { code: Hex; name: string; parameters: BugcheckParameter[]; description?: string | null } | null;
  drivers?: ReportModule[];
  unloadedDrivers?: { name: string; base: Hex; end: Hex; timestamp: string | null }[];
  /** Drivers whose address ranges appear on the faulting thread's stack (BlueScreenView's "found in stack"). */
  stackDrivers?: string[];
  /** Soft problems found while reading the dump. */
  diagnostics: { level: string; code: string; message: string }[];
  /** Version of the analyzer that produced this document (for re-analysis). */
  analyzerVersion: number;
}
