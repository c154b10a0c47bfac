/**
 * Parts of the "dumpdesk.analysis/1" document that user-mode (analyze.ts) and
 * kernel (kernel/analyzeKernel.ts) analysis fill the same way.
 */
import type { Dump, DumpModule, SystemInfo } from '../dump/types';
import { isDumpDeskError } from '../errors';
import { hex } from '../hex';
import type { AnalysisReport, ReportCrash, ReportModule } from './report';

/** `crash` when the dump records no exception / bug check (a fresh object: reports may be edited, e.g. redacted). */
export function noCrash(): ReportCrash {
  return { type: 'none', code: null, name: null, address: null, parameters: [], threadId: null, threadIndex: null, description: null };
}

/** ISO-8601 UTC, or null for an absent or invalid date. */
export function isoTime(d: Date | undefined): string | null {
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}

export function reportSystem(system: SystemInfo): AnalysisReport['system'] {
  return {
    os: system.os || null,
    osVersion: system.osVersion || null,
    build: system.buildNumber ?? null,
    cpuArch: system.cpuArch,
    cpuCount: system.cpuCount,
    cpuInfo: system.cpuInfo ?? null,
  };
}

/**
 * A reader of one part of the dump for which a DumpDesk format error becomes a
 * warning in `diagnostics` and `fallback`; other errors propagate. With
 * `sayOnce`, an error already reported (same code and message) is not repeated.
 */
export function softReader(diagnostics: AnalysisReport['diagnostics'], sayOnce: boolean) {
  return <T>(what: string, read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (e) {
      if (!isDumpDeskError(e)) throw e;
      if (!sayOnce || !diagnostics.some((d) => d.code === e.code && d.message.endsWith(e.message))) {
        diagnostics.push({ level: 'warning', code: e.code, message: `${what}: ${e.message}` });
      }
      return fallback;
    }
  };
}

/** The dump reader's own diagnostics, in report form. */
export function reportDumpDiagnostics(dump: Dump): AnalysisReport['diagnostics'] {
  return dump.diagnostics.map((d) => ({ level: d.level, code: d.code, message: d.message }));
}

export function reportModule(m: DumpModule, main: boolean): ReportModule {
  return {
    name: m.name,
    path: m.path,
    base: hex(m.base),
    size: m.size,
    end: hex(m.base + BigInt(m.size)),
    version: m.version ?? null,
    timestamp: m.timestamp ? isoTime(new Date(m.timestamp * 1000)) : null,
    codeId: m.codeId ?? null,
    debugFile: m.debugFile ?? null,
    debugId: m.debugId ?? null,
    main,
  };
}
