/**
 * The one place where user-mode analysis hands kernel dumps over: to
 * ./kernel/analyzeKernel.ts (engineer H3).
 */
import type { Dump } from '../dump/types';
import type { AnalyzeOptions } from './analyzeOptions';
import { analyzeKernel } from './kernel/analyzeKernel';
import type { AnalysisReport } from './report';

export function analyzeKernelDump(dump: Dump, options: AnalyzeOptions): AnalysisReport {
  return analyzeKernel(dump, options);
}
