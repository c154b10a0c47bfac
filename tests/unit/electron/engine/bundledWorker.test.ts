/**
 * What `npm run build` makes of the Node side: the three bundles build, each
 * leaves out only what it must (Node built-ins, electron, the native and
 * script-carrying packages), and the bundled engine worker really runs —
 * opening and analysing a corpus dump from dist-style .cjs output.
 */
import { builtinModules } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metafile } from 'esbuild';
import { bundleElectron, EXTERNAL } from '../../../../build/bundle';
import { createEngineClient } from '../../../../electron/engine/engineClient';
import type { FromEngine, ToEngine } from '../../../../electron/engine/protocol';
import { corpusPath, repoRoot } from '../../../helpers/corpus';

// Inside the repository (dist/ is git-ignored), like the real dist/electron: the externals resolve from node_modules.
mkdirSync(join(repoRoot, 'dist'), { recursive: true });
const out = mkdtempSync(join(repoRoot, 'dist', 'test-bundle-'));
let metafiles: Record<string, Metafile>;
let worker: Worker | undefined;

beforeAll(async () => {
  metafiles = await bundleElectron(out);
});
afterAll(async () => {
  await worker?.terminate();
  rmSync(out, { recursive: true, force: true });
});

/** The modules an output loads at run time instead of bundling. */
function externals(name: string): string[] {
  const output = Object.values(metafiles[name]!.outputs).find((o) => o.entryPoint);
  return [...new Set(output!.imports.filter((i) => i.external).map((i) => i.path))].sort();
}
const isBuiltin = (p: string) => p.startsWith('node:') || builtinModules.includes(p);

describe('npm run build (Node side)', () => {
  it('keeps the sandboxed preload free of everything but electron', () => {
    expect(externals('preload.cjs')).toEqual(['electron']);
  });

  it('bundles main and the engine worker, leaving out only Node built-ins and the native/script packages', () => {
    for (const name of ['main.cjs', 'engineWorker.cjs']) {
      const left = externals(name).filter((p) => !isBuiltin(p));
      expect(left.every((p) => EXTERNAL.includes(p)), `${name} leaves out ${left.join(', ')}`).toBe(true);
    }
    expect(externals('main.cjs')).toContain('electron');
    expect(externals('engineWorker.cjs')).not.toContain('electron');
  });

  it('produces an engine worker that opens and analyses a dump', async () => {
    const w = new Worker(join(out, 'engineWorker.cjs'));
    worker = w;
    const client = createEngineClient({ post: (m: ToEngine) => w.postMessage(m), onMessage: (l) => w.on('message', (m: FromEngine) => l(m)) });
    w.on('error', (e) => client.fail(`bundled worker failed: ${e.message}`));
    const info = await client.open(corpusPath('user', 'null_write_av.dmp'));
    const report = await client.analyze(info.sessionId);
    expect(report.crash.code).toBe('0xc0000005');
    // The command engine with iced-x86 (an external package) loads from the bundle too.
    await client.runCommand(info.sessionId, '.ecxr');
    const u = await client.runCommand(info.sessionId, 'u @eip L1');
    expect(u.text).toContain('0103a6cd 8900            mov     dword ptr [eax],eax');
    await client.close(info.sessionId);
  });
});
