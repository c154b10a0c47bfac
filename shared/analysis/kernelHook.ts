/**
 * The one place where user-mode analysis hands kernel dumps over.
 * Engineer H3 replaces this body with a call into ./kernel/analyzeKernel.ts
 * (and formatKernelText in text/kernelTextHook.ts); nothing else changes.
 */
import type { Dump } from '../dump/types';
import { DumpDeskError } from '../errors';
import type { AnalyzeOptions } from './analyzeOptions';
import type { AnalysisReport } from './report';

export function analyzeKernelDump(_dump: Dump, _options: AnalyzeOptions): AnalysisReport {
  throw new DumpDeskError('Unsupported', 'kernel dumps cannot be analysed yet (kernel analysis is not wired in)');
}
