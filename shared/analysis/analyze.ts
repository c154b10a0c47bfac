/**
 * analyze(): one dump in, the "dumpdesk.analysis/1" document out
 * (report.ts, documented in SCHEMA.md). User-mode minidumps are analysed
 * here; kernel dumps go through kernelHook.ts.
 *
 * Hard problems (no thread list, a corrupt header) throw DumpFormatError;
 * a stream that cannot be read is a diagnostic and the rest still counts.
 */
import type { Dump, DumpException, DumpModule, DumpThread, MemoryReader } from '../dump/types';
import { DumpFormatError } from '../errors';
import { hex } from '../hex';
import { noSymbols } from '../symbols/types';
import type { AnalyzeOptions } from './analyzeOptions';
import { bucketId } from './bucket';
import { findCulprit } from './culprit';
import { type DecodedException, decodeException } from './exception';
import { toReportFrames } from './frames';
import { analyzeKernelDump } from './kernelHook';
import { ANALYSIS_SCHEMA, type AnalysisReport, type ReportCrash, type ReportThread } from './report';
import { isoTime, noCrash, reportDumpDiagnostics, reportModule, reportSystem, softReader } from './reportParts';
import { archRegs } from './stackwalk/archRegs';
import { ModuleMap } from './stackwalk/moduleMap';
import { MAX_FRAMES, walkStack } from './stackwalk/walkStack';
import { ANALYZER_VERSION } from './version';

export type { AnalyzeOptions } from './analyzeOptions';

type Diag = AnalysisReport['diagnostics'][number];

const NO_MEMORY: MemoryReader = { read: () => undefined, regions: () => [] };

/** Frames over all threads of one dump; the corpus needs at most 750 (UE4Minidump.dmp, 59 threads). */
export const FRAME_BUDGET = 16_384;

export function analyze(dump: Dump, options: AnalyzeOptions = {}): AnalysisReport {
  if (dump.format === 'kernel') return analyzeKernelDump(dump, options);
  const diagnostics: Diag[] = [];
  // One corrupt memory list fails every thread's walk the same way: say it once.
  const soft = softReader(diagnostics, true);

  const system = dump.system();
  const threads = dump.threads();
  // MiniDumpWriteDump always writes a thread list; Breakpad refuses dumps without one too.
  if (threads.length === 0) throw new DumpFormatError('NotFound', 'minidump has no thread list: nothing to analyse');
  // Without the exception the report would claim "no crash": a corrupt Exception stream is fatal.
  const exception = dump.exception();
  const crashIndex = dump.crashingThreadIndex();
  // Without modules frames lose their names but stay true: a corrupt ModuleList is a diagnostic.
  const modules = soft('module list', () => dump.modules(), [] as readonly DumpModule[]);
  const process = soft('process information', () => dump.process(), undefined);
  const is64 = dump.is64;

  const moduleMap = new ModuleMap(modules);
  const regs = archRegs(system.cpuArch);
  const symbols = options.symbols ?? noSymbols;
  // A hostile dump can hold thousands of threads sharing one large stack: the frames of all
  // threads together are capped, the crashing thread walked first so it never goes short.
  let budget = options.frameBudget ?? FRAME_BUDGET;
  const walkThread = (t: DumpThread, i: number): ReportThread => {
    // The crashing thread resumes from the exception's context, not from inside the exception dispatcher.
    const context = i === crashIndex ? (exception?.context ?? t.context) : t.context;
    const maxFrames = Math.max(1, Math.min(options.maxFrames ?? MAX_FRAMES, budget));
    const walk = (memory: MemoryReader) => walkStack(context!, { memory, modules: moduleMap, unwinders: options.unwinders, maxFrames });
    // Unreadable memory lists still leave the registers: keep the context frame.
    const walked = context ? soft(`stack of thread ${t.id}`, () => walk(dump.memory), undefined) ?? walk(NO_MEMORY) : [];
    budget -= walked.length;
    return { id: t.id, index: i, name: t.name ?? null, frames: toReportFrames(walked, symbols, regs) };
  };
  const order = threads.map((_, i) => i).sort((a, b) => Number(b === crashIndex) - Number(a === crashIndex));
  const reportThreads: ReportThread[] = [];
  for (const i of order) {
    const t = threads[i]!;
    reportThreads[i] = options.allThreads === false && i !== crashIndex ? { id: t.id, index: i, name: t.name ?? null, frames: [] } : walkThread(t, i);
  }
  if (budget <= 0) {
    diagnostics.push({ level: 'info', code: 'FrameBudget', message: `stack walking stopped at ${options.frameBudget ?? FRAME_BUDGET} frames over all threads; later threads keep their context frame only` });
  }

  const decoded = exception ? decodeException(exception, is64) : undefined;
  const crashFrames = crashIndex !== undefined ? (reportThreads[crashIndex]?.frames ?? []) : [];
  const culprit = decoded ? findCulprit(crashFrames) : null;
  const main = modules.find((m) => m.main) ?? modules[0];
  const bucket = decoded
    ? bucketId(decoded.failureClass, decoded.code, culprit, crashFrames)
    : `NO_EXCEPTION_${main?.name ?? 'Unknown'}`;

  const crash: ReportCrash = exception && decoded
    ? crashOf(exception, decoded, crashIndex, threads)
    : noCrash();

  return {
    schema: ANALYSIS_SCHEMA,
    format: dump.format,
    kind: dump.kind,
    file: { path: options.path ?? null, size: dump.fileSize },
    time: isoTime(soft('dump header', () => dump.timestamp(), undefined)),
    system: reportSystem(system),
    crash,
    process: process || main
      ? { name: process?.name ?? main?.name ?? null, id: process?.id ?? null, uptimeSeconds: process?.uptimeSeconds ?? null }
      : null,
    modules: modules.map((m) => reportModule(m, m === main)),
    threads: reportThreads,
    culprit,
    bucket,
    diagnostics: [...reportDumpDiagnostics(dump), ...diagnostics],
    analyzerVersion: ANALYZER_VERSION,
  };
}

function crashOf(ex: DumpException, d: DecodedException, index: number | undefined, threads: readonly DumpThread[]): ReportCrash {
  return {
    type: 'exception',
    code: hex(d.code),
    name: d.name,
    address: hex(d.address),
    parameters: ex.parameters.map((p) => hex(p)),
    threadId: ex.threadId ?? (index !== undefined ? (threads[index]?.id ?? null) : null),
    threadIndex: index ?? null,
    description: d.description,
  };
}
