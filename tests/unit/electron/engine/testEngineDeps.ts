/**
 * EngineDeps for EngineCore tests: real dump opening and the real debugger,
 * analysis and summaries refused, so a test only pays for what it exercises.
 */
import { notAvailable } from '../../../../shared/api/errors';
import type { EngineDeps } from '../../../../electron/engine/engineCore';
import { engineDeps } from '../../../../electron/engine/engineDeps';
import { openDumpFile } from '../../../../electron/services/openDumpFile';

export function testEngineDeps(overrides: Partial<EngineDeps> = {}): EngineDeps {
  return {
    openFile: openDumpFile,
    analyze: () => {
      throw notAvailable('analysis', 'test');
    },
    createDebugger: engineDeps.createDebugger,
    summarize: () => {
      throw notAvailable('summaries', 'test');
    },
    ...overrides,
  };
}
