/**
 * The real implementations the engine worker binds: the dump readers,
 * symbols along the user's symbol path (fetched when a dump is opened),
 * analyze(), and the command engine with the providers the CLI uses
 * (iced-x86 disassembly, stacks and !analyze from shared/analysis).
 */
import { analyze } from '../../shared/analysis/analyze';
import { DebuggerEngine } from '../../shared/debugger/engine';
import { analysisProviders } from '../../shared/debugger/analysisProviders';
import { DebugSession } from '../../shared/debugger/session';
import { debuggerSymbolsFor } from '../../shared/symbols/debuggerSymbols';
import { cliSessionOptions } from '../cli/commands/run';
import { currentSymbolPath, defaultSymbolsOptions } from '../main/backend/symbolsService';
import { NodeSymbolSupplier } from '../services/symbols/nodeSymbolSupplier';
import { summaryFromReport } from '../services/history/dumpSummarizer';
import { openDumpFile } from '../services/openDumpFile';
import { toCommandOutput } from './debuggerOutput';
import { completeSymbols } from './symbolCompletion';
import type { EngineDeps, OpenedDumpHandle } from './engineCore';

/** Opens the dump and, when a symbol path is set, fetches symbols for its modules before the first stack. */
async function openWithSymbols(path: string, progress: (message: string) => void): Promise<OpenedDumpHandle> {
  const opened = openDumpFile(path);
  const symbolPath = currentSymbolPath(defaultSymbolsOptions());
  if (!symbolPath) return opened;
  const supplier = new NodeSymbolSupplier(symbolPath);
  progress(`Loading symbols for ${opened.dump.modules().length} modules`);
  try {
    await supplier.prepare(opened.dump.modules());
  } catch (e) {
    // Symbols make stacks better; without them the dump is still readable.
    opened.dump.diagnostics.push({ level: 'warning', code: 'SymbolsUnavailable', message: `symbols not loaded: ${(e as Error).message}` });
    supplier.close();
    return opened;
  }
  return {
    dump: opened.dump,
    symbols: { resolver: supplier.resolver, unwinders: supplier.unwinders, describe: () => symbolPath },
    close: () => {
      supplier.close();
      opened.close();
    },
  };
}

export const engineDeps: EngineDeps = {
  openFile: openWithSymbols,
  analyze: (h, path) => analyze(h.dump, { path, ...(h.symbols ? { symbols: h.symbols.resolver, unwinders: h.symbols.unwinders } : {}) }),
  summarize: (path) => {
    const opened = openDumpFile(path);
    try {
      // Same facts as the history's own summarizer (crashing thread only).
      return summaryFromReport(analyze(opened.dump, { path, allThreads: false }));
    } finally {
      opened.close();
    }
  },
  createDebugger: (h, path) => {
    const options = cliSessionOptions(path);
    if (h.symbols) {
      // The same wiring as `dumpdesk run --symbols`: stacks and !analyze with symbols, lookups, .sympath.
      const { resolver, unwinders, describe } = h.symbols;
      const providers = analysisProviders({ symbols: resolver, unwinders });
      // Names (`mod!name`, `x`, `ln`) from the same builder as the CLI: the resolver's per-module sources.
      Object.assign(options, { stacks: providers.stacks, analysis: providers.analysis, symbols: debuggerSymbolsFor(h.dump, resolver, describe) });
    }
    const session = new DebugSession(h.dump, options);
    const engine = new DebuggerEngine(session);
    return {
      run: (line) => toCommandOutput(line, engine.execute(line)),
      // `mod!prefix` completion over the same listing `x mod!*` prints (no symbols: nothing to list).
      completeSymbols: (module, prefix, limit) => completeSymbols(session, module, prefix, limit),
    };
  },
};
