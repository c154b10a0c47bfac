// Builds minimal, valid AnalysisReport documents for tests of code that
// consumes reports (blame, knowledge base, history, UI stores).
import { ANALYSIS_SCHEMA, type AnalysisReport, type ReportModule } from '../../shared/analysis/report';

export function module(name: string, extra: Partial<ReportModule> = {}): ReportModule {
  return {
    name, path: name, base: '0x1000', size: 0x1000, end: '0x2000', version: null, timestamp: null,
    codeId: null, debugFile: null, debugId: null, main: false, ...extra,
  };
}

export function kernelReport(code: number, culprit: string | null, drivers: ReportModule[] = [], params: string[] = ['0x0', '0x0', '0x0', '0x0']): AnalysisReport {
  const hexCode = '0x' + code.toString(16);
  return {
    schema: ANALYSIS_SCHEMA, format: 'kernel', kind: 'kernel-small', file: { path: null, size: 0 }, time: null,
    system: { os: 'Windows', osVersion: '10.0.19041', build: 19041, cpuArch: 'amd64', cpuCount: 4, cpuInfo: null },
    crash: { type: 'bugcheck', code: hexCode, name: null, address: null, parameters: params, threadId: null, threadIndex: null },
    process: null, modules: [], threads: [],
    culprit: culprit ? { module: culprit.replace(/\.[^.]+$/, ''), image: culprit, symbol: null, reason: `${culprit} is on the faulting stack` } : null,
    bucket: `0x${code.toString(16).toUpperCase()}_${culprit ?? 'UNKNOWN'}`,
    bugcheck: { code: hexCode, name: 'X', parameters: params.map((value) => ({ value, meaning: null })) },
    drivers, diagnostics: [], analyzerVersion: 1,
  };
}

export function userReport(code: number | null, culprit: string | null, processName = 'app.exe'): AnalysisReport {
  return {
    schema: ANALYSIS_SCHEMA, format: 'minidump', kind: 'user-minidump', file: { path: null, size: 0 }, time: null,
    system: { os: 'Windows NT', osVersion: '10.0.19041', build: 19041, cpuArch: 'amd64', cpuCount: 4, cpuInfo: null },
    crash: code === null
      ? { type: 'none', code: null, name: null, address: null, parameters: [], threadId: null, threadIndex: null }
      : { type: 'exception', code: '0x' + code.toString(16), name: null, address: '0x0', parameters: [], threadId: 1, threadIndex: 0 },
    process: { name: processName, id: 1 }, modules: culprit ? [module(culprit)] : [], threads: [],
    culprit: culprit ? { module: culprit, image: culprit, symbol: null, reason: 'first frame' } : null,
    bucket: 'X', diagnostics: [], analyzerVersion: 1,
  };
}
