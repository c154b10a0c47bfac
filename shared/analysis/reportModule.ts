import type { AnalysisReport, ReportModule } from './report';

/** The report's row for a module or driver file name, case-insensitive (kernel reports list drivers first). */
export function findReportModule(report: AnalysisReport, name: string): ReportModule | undefined {
  const lower = name.toLowerCase();
  return (report.drivers ?? []).find((m) => m.name.toLowerCase() === lower) ?? report.modules.find((m) => m.name.toLowerCase() === lower);
}

/** The blamed image's file name ("acme.sys"), falling back to the module name. */
export function culpritName(report: AnalysisReport): string | null {
  return report.culprit?.image ?? report.culprit?.module ?? null;
}
