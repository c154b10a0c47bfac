import { analyze } from '../analysis/analyze';
import { findUserTrapFrame } from '../analysis/stackwalk/kernelTrapFrame';
import { ModuleMap } from '../analysis/stackwalk/moduleMap';
import type { FrameUnwinder } from '../analysis/stackwalk/unwinder';
import { walkStack } from '../analysis/stackwalk/walkStack';
import { formatReportText } from '../analysis/text/analyzeText';
import type { Dump } from '../dump/types';
import type { SymbolResolver } from '../symbols/types';
import type { AnalysisProvider, StackProvider } from './session';

/**
 * The analysis layer (shared/analysis) behind the debugger's seams: `k`
 * walks stacks with the same walker as `dumpdesk analyze` (context frame,
 * unwind data, frame pointers, scanning), and `!analyze -v` prints the same
 * report text.
 */
export function analysisProviders(options: { symbols?: SymbolResolver; unwinders?: readonly FrameUnwinder[] } = {}): { stacks: StackProvider; analysis: AnalysisProvider } {
  const maps = new WeakMap<Dump, ModuleMap>();
  const moduleMap = (dump: Dump): ModuleMap => {
    let m = maps.get(dump);
    if (!m) maps.set(dump, (m = new ModuleMap(dump.modules())));
    return m;
  };
  return {
    stacks: {
      walk(dump, context) {
        // x64 kernel dumps: the walk follows the thread's trap frame into user mode, as WinDbg's does.
        const trapFrame = findUserTrapFrame(dump);
        return walkStack(context, { memory: dump.memory, modules: moduleMap(dump), unwinders: options.unwinders, trapFrame }).map((f) => ({
          ip: f.ip,
          sp: f.sp,
          fp: f.regs.ebp ?? f.regs.rbp ?? f.regs.x29 ?? f.regs.fp,
          trust: f.trust,
        }));
      },
    },
    analysis: {
      analyzeText(dump, { verbose, path }) {
        const report = analyze(dump, { symbols: options.symbols, unwinders: options.unwinders, path });
        const text = formatReportText(report);
        if (verbose) return text;
        // Without -v WinDbg prints a short verdict; ours is the report's key lines.
        const keep = /^(EXCEPTION_CODE|BUGCHECK_CODE|PROCESS_NAME|MODULE_NAME|IMAGE_NAME|SYMBOL_NAME|FAILURE_BUCKET_ID)/;
        const short = text.split('\n').filter((l) => keep.test(l));
        const culprit = report.culprit ? `Probably caused by : ${report.culprit.image ?? report.culprit.module ?? 'unknown'}${report.culprit.symbol ? ` ( ${report.culprit.symbol} )` : ''}` : undefined;
        return [...short, '', ...(culprit ? [culprit, ''] : []), 'Use !analyze -v for the full report.'].join('\n');
      },
    },
  };
}
