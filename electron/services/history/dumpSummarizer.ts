/**
 * The real Summarizer: opens the dump from disk, runs analyze() on the
 * crashing thread only (the history needs the culprit and bucket, not every
 * stack) and keeps the facts a history row holds.
 */
import { analyze } from '../../../shared/analysis/analyze';
import { classifyCrash } from '../../../shared/analysis/blame/classify';
import { culpritName, findReportModule } from '../../../shared/analysis/reportModule';
import type { AnalysisReport, ReportModule } from '../../../shared/analysis/report';
import { ANALYZER_VERSION } from '../../../shared/analysis/version';
import { openDumpFile } from '../openDumpFile';
import type { CrashSummary, ModuleSummary, Summarizer } from './crashSummary';

const hexToNumber = (h: string | null | undefined): number | null => {
  if (!h) return null;
  const n = Number.parseInt(h.replace(/^0x/i, ''), 16);
  return Number.isFinite(n) && n <= 0xffffffff ? n : null;
};

function moduleSummary(m: ReportModule): ModuleSummary {
  const t = m.timestamp ? Date.parse(m.timestamp) : NaN;
  return { name: m.name, version: m.version, timestamp: Number.isNaN(t) ? null : Math.round(t / 1000), size: m.size };
}

/** The row facts of an analysis document. */
export function summaryFromReport(r: AnalysisReport): CrashSummary {
  const bugcheck = r.bugcheck ?? null;
  const codeType = bugcheck ? 'bugcheck' : r.crash.type;
  const time = r.time ? new Date(r.time) : null;
  const blame = classifyCrash(r);
  const culprit = culpritName(r);
  const culpritModule = culprit ? findReportModule(r, culprit) : undefined;
  return {
    kind: r.kind,
    crashTime: time && !Number.isNaN(time.getTime()) ? time : null,
    osBuild: r.system.build,
    osVersion: r.system.osVersion,
    machineName: null,
    codeType,
    code: hexToNumber(bugcheck?.code ?? r.crash.code),
    codeName: bugcheck?.name ?? r.crash.name,
    parameters: bugcheck ? bugcheck.parameters.map((p) => p.value) : r.crash.parameters,
    culprit,
    culpritVersion: culpritModule?.version ?? null,
    culpritCompany: culpritModule?.company ?? null,
    crashAddress: r.crash.address,
    processor: r.system.cpuArch,
    bucket: r.bucket || null,
    processName: r.process?.name ?? null,
    uptimeSeconds: r.process?.uptimeSeconds ?? null,
    blameClass: blame.class,
    blameReason: blame.reason,
    // Kernel dumps list drivers; user dumps list the process's modules.
    modules: (r.drivers && r.drivers.length > 0 ? r.drivers : r.modules).map(moduleSummary),
  };
}

export const dumpSummarizer: Summarizer = {
  analyzerVersion: ANALYZER_VERSION,
  async summarize(path: string): Promise<CrashSummary> {
    const opened = openDumpFile(path);
    try {
      return summaryFromReport(analyze(opened.dump, { path, allThreads: false }));
    } finally {
      opened.close();
    }
  },
};
