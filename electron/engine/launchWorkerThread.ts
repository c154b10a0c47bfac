/**
 * Starts the engine in a worker_threads Worker: the launcher for the web
 * host, the CLI and tests. From a build (dist/electron/*.cjs) it runs the
 * bundled `engineWorker.cjs` next to it; from source it registers tsx in
 * the worker first so the TypeScript entry runs as is.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createEngineClient, type EngineClient } from './engineClient';
import type { FromEngine, ToEngine } from './protocol';

export interface EngineWorker {
  client: EngineClient;
  /** Stops the worker; pending calls are rejected. */
  terminate(): Promise<void>;
}

/** Where this module runs from: the bundle (CommonJS, __dirname) or the source tree (ESM). */
function hereDir(): string {
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
}

function startWorker(): Worker {
  const bundled = join(hereDir(), 'engineWorker.cjs');
  if (existsSync(bundled)) return new Worker(bundled);
  const entry = pathToFileURL(join(hereDir(), 'engineWorker.ts')).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true });
}

export function launchEngineThread(): EngineWorker {
  const worker = startWorker();
  const client = createEngineClient({
    post: (m: ToEngine) => worker.postMessage(m),
    onMessage: (l) => worker.on('message', (m: FromEngine) => l(m)),
  });
  worker.on('error', (e) => client.fail(`the engine worker failed: ${e.message}`));
  worker.on('exit', (code) => client.fail(`the engine worker exited (code ${code})`));
  // Not unref'd: a call waiting for the worker must keep the process alive. Owners call terminate().
  return {
    client,
    terminate: async () => {
      await worker.terminate();
    },
  };
}
