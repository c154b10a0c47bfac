/**
 * What the history needs from one dump: the few facts of its analysis that go
 * into a row. The indexer gets them from a `Summarizer` so it can be tested
 * with a fake and so the real one (openDumpFile + analyze) can move into a
 * worker later without touching the indexer.
 */

export interface ModuleSummary {
  name: string;
  version: string | null;
  /** PE TimeDateStamp, seconds since 1970. */
  timestamp: number | null;
  size: number | null;
}

export interface CrashSummary {
  /** DumpKind: "user-minidump", "kernel-small", … */
  kind: string;
  crashTime: Date | null;
  osBuild: number | null;
  osVersion: string | null;
  /** Only some dumps record it (kernel dumps via the registry hive, WER metadata). */
  machineName: string | null;
  codeType: 'exception' | 'bugcheck' | 'none';
  code: number | null;
  codeName: string | null;
  /** Exception or bugcheck parameters as "0x…" strings. */
  parameters: string[];
  culprit: string | null;
  /** Version and company of the culprit module, when the dump records them. */
  culpritVersion: string | null;
  culpritCompany: string | null;
  /** Crash address ("0x…"), and the processor architecture ("amd64"…). */
  crashAddress: string | null;
  processor: string | null;
  bucket: string | null;
  processName: string | null;
  uptimeSeconds: number | null;
  /** Who is to blame (shared/analysis/blame): the class and why. */
  blameClass: string | null;
  blameReason: string | null;
  modules: ModuleSummary[];
}

export interface Summarizer {
  /** Bumped whenever the analysis would give different rows; older rows are re-analysed. */
  readonly analyzerVersion: number;
  /** Reads one dump. Throws when the file is unreadable or not a dump. */
  summarize(path: string): Promise<CrashSummary>;
}
