/**
 * Starts the engine in an Electron utility process: the launcher for the
 * desktop app (a crash or an out-of-memory in the engine cannot take the
 * window down). `utilityProcess` is passed in by electron/main, so this
 * module never imports 'electron' and is tested with a fake.
 */
import { createEngineClient, type EngineClient } from './engineClient';
import type { FromEngine, ToEngine } from './protocol';

/** The part of Electron's UtilityProcess the launcher uses. */
export interface UtilityProcessLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface UtilityProcessFactory {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore' }): UtilityProcessLike;
}

export interface EngineProcess {
  client: EngineClient;
  terminate(): void;
}

/** `workerPath` is the bundled engineWorker.cjs (next to main.cjs in dist/electron). */
export function launchEngineProcess(utilityProcess: UtilityProcessFactory, workerPath: string): EngineProcess {
  const child = utilityProcess.fork(workerPath, [], { serviceName: 'DumpDesk engine', stdio: 'inherit' });
  const client = createEngineClient({
    post: (m: ToEngine) => child.postMessage(m),
    onMessage: (l) => child.on('message', (m: unknown) => l(m as FromEngine)),
  });
  child.on('exit', (code: number) => client.fail(`the engine process exited (code ${code})`));
  return { client, terminate: () => void child.kill() };
}
