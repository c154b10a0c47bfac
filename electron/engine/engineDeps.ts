/**
 * The real implementations the engine worker binds. Each one that has not
 * landed yet answers a typed NotAvailable error (never a made-up result);
 * replace the stub with the import when it lands.
 */
import { analyze } from '../../shared/analysis/analyze';
import { notAvailable } from '../../shared/api/errors';
import { summaryFromReport } from '../services/history/dumpSummarizer';
import { openDumpFile } from '../services/openDumpFile';
import type { EngineDeps } from './engineCore';

export const engineDeps: EngineDeps = {
  openFile: (path) => openDumpFile(path),
  // Symbols are not wired yet: frames are module+offset until the symbol service is bound here.
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
  runCommand: () => {
    throw notAvailable('the debugger console', 'the command engine (shared/debugger) has not landed yet');
  },
};
