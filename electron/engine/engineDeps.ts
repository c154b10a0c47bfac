/**
 * The real implementations the engine worker binds: the dump readers,
 * analyze(), and the command engine with the providers the CLI uses
 * (iced-x86 disassembly, stacks and !analyze from shared/analysis).
 * Symbols are not wired yet: frames show module+offset until the symbol
 * service (electron/services/symbols) is bound here.
 */
import { analyze } from '../../shared/analysis/analyze';
import { DebuggerEngine } from '../../shared/debugger/engine';
import { DebugSession } from '../../shared/debugger/session';
import { cliSessionOptions } from '../cli/commands/run';
import { summaryFromReport } from '../services/history/dumpSummarizer';
import { openDumpFile } from '../services/openDumpFile';
import { toCommandOutput } from './debuggerOutput';
import type { EngineDeps } from './engineCore';

export const engineDeps: EngineDeps = {
  openFile: (path) => openDumpFile(path),
  analyze: (dump, path) => analyze(dump, { path }),
  summarize: (path) => {
    const opened = openDumpFile(path);
    try {
      // Same facts as the history's own summarizer (crashing thread only).
      return summaryFromReport(analyze(opened.dump, { path, allThreads: false }));
    } finally {
      opened.close();
    }
  },
  createDebugger: (dump, path) => {
    const engine = new DebuggerEngine(new DebugSession(dump, cliSessionOptions(path)));
    return { run: (line) => toCommandOutput(line, engine.execute(line)) };
  },
};
