/**
 * Entry point of the engine worker. The same file runs as a worker_threads
 * Worker (web host, CLI, tests) and as an Electron utility process (the
 * app); it finds its parent port and serves the engine over it.
 */
import { parentPort } from 'node:worker_threads';
import { EngineCore } from './engineCore';
import { engineDeps } from './engineDeps';
import { serveEngine } from './engineHost';
import type { EnginePort, FromEngine, ToEngine } from './protocol';

/** Electron's utility-process parent port: messages arrive wrapped as `{ data }`. */
interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

function findPort(): EnginePort<FromEngine, ToEngine> {
  if (parentPort) {
    const p = parentPort;
    return { post: (m) => p.postMessage(m), onMessage: (l) => p.on('message', (m: ToEngine) => l(m)) };
  }
  const utility = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (utility) {
    return { post: (m) => utility.postMessage(m), onMessage: (l) => utility.on('message', (e) => l(e.data as ToEngine)) };
  }
  throw new Error('engineWorker must run as a worker thread or an Electron utility process');
}

const port = findPort();
const core = new EngineCore(engineDeps, (progress) => port.post({ kind: 'progress', progress }));
serveEngine(core, port);
