/** dump.*: a thin pass-through to the engine worker (parsing never runs on the main thread). */
import type { ApiServices } from '../../../shared/api';
import type { EngineClient } from '../../engine/engineClient';

export function dumpService(engine: EngineClient): ApiServices['dump'] {
  return {
    open: (path) => engine.open(path),
    close: (sessionId) => engine.close(sessionId),
    analyze: (sessionId) => engine.analyze(sessionId),
    privacy: (sessionId) => engine.privacy(sessionId),
    runCommand: (sessionId, line) => engine.runCommand(sessionId, line),
    completeSymbols: (sessionId, module, prefix, limit) => engine.completeSymbols(sessionId, module, prefix, limit),
    readMemory: (sessionId, address, length) => engine.readMemory(sessionId, address, length),
    cancel: (sessionId) => engine.cancel(sessionId),
    list: () => engine.list(),
  };
}
