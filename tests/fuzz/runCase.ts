// One fuzz or truncation case: open, analyze, format as text and JSON. The
// only acceptable failure is a DumpFormatError; anything else is a finding.
import { analyze } from '../../shared/analysis/analyze';
import { formatReportText } from '../../shared/analysis/text/analyzeText';
import { openDump } from '../../shared/dump/openDump';
import { DumpFormatError } from '../../shared/errors';
import { CheckedByteSource } from './checkedSource';

export type CaseOutcome =
  | { kind: 'ok'; ms: number; diagnostics: number }
  | { kind: 'format-error'; ms: number; code: string; message: string }
  | { kind: 'finding'; ms: number; error: unknown };

export function runCase(bytes: Uint8Array): CaseOutcome {
  const t0 = performance.now();
  try {
    const report = analyze(openDump(new CheckedByteSource(bytes)));
    formatReportText(report);
    JSON.stringify(report);
    return { kind: 'ok', ms: performance.now() - t0, diagnostics: report.diagnostics.length };
  } catch (e) {
    const ms = performance.now() - t0;
    if (e instanceof DumpFormatError) return { kind: 'format-error', ms, code: e.code, message: e.message };
    return { kind: 'finding', ms, error: e };
  }
}
