/**
 * The one place where the text report hands kernel reports over: to
 * ../kernel/formatKernelText.ts (engineer H3). The dispatcher in
 * analyzeText.ts does not change.
 */
import { formatKernelText } from '../kernel/formatKernelText';
import type { AnalysisReport } from '../report';

export function formatKernelReportText(report: AnalysisReport): string {
  return formatKernelText(report);
}
