import type { AnalysisReport } from '../report';

/**
 * The report-only export for dumps that cannot be redacted into a valid file
 * (kernel dumps: their memory is page-table-linked, so zeroing parts of it
 * silently breaks what remains). The analysis document minus what names a
 * person or a machine: file path, full module paths, thread names, process
 * id, and diagnostics (which quote paths).
 */
export function reportWithoutPersonalData(report: AnalysisReport): AnalysisReport {
  const strip = <T extends { path: string; name: string }>(m: T): T => ({ ...m, path: m.name });
  return {
    ...report,
    file: { path: null, size: report.file.size },
    process: report.process ? { ...report.process, id: null } : null,
    modules: report.modules.map(strip),
    ...(report.drivers ? { drivers: report.drivers.map(strip) } : {}),
    threads: report.threads.map((t) => ({ ...t, name: null })),
    diagnostics: [],
  };
}
