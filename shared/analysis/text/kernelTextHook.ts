/**
 * The one place where the text report hands kernel reports over. Engineer
 * H3 replaces this body with a call to formatKernelText (./kernel…); the
 * dispatcher in analyzeText.ts does not change.
 */
import { DumpDeskError } from '../../errors';
import type { AnalysisReport } from '../report';

export function formatKernelReportText(_report: AnalysisReport): string {
  throw new DumpDeskError('Unsupported', 'kernel reports have no text form yet (kernel analysis is not wired in)');
}
