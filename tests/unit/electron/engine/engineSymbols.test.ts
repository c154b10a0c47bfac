/**
 * Symbols in the engine: with a symbol path saved by symbols.setPath (in the
 * user-data folder), opening a dump fetches its modules' symbols first, and
 * `k` in the session shows function names — the same as
 * `dumpdesk run --symbols`. Runs the real worker with DUMPDESK_HOME pointed
 * at a temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SessionProgress } from '../../../../shared/api';
import { symbolsService } from '../../../../electron/main/backend/symbolsService';
import { launchEngineThread } from '../../../../electron/engine/launchWorkerThread';
import { corpusPath } from '../../../helpers/corpus';

const home = mkdtempSync(join(tmpdir(), 'dd-engine-symbols-'));
const previousHome = process.env.DUMPDESK_HOME;
process.env.DUMPDESK_HOME = home; // the worker inherits this environment
const engine = launchEngineThread();
afterAll(async () => {
  await engine.terminate();
  if (previousHome === undefined) delete process.env.DUMPDESK_HOME;
  else process.env.DUMPDESK_HOME = previousHome;
  rmSync(home, { recursive: true, force: true });
});

describe('engine with a symbol path', () => {
  it('loads symbols when a dump opens and names functions in k', async () => {
    await symbolsService({ file: join(home, 'symbol-path.json'), defaultCacheDir: join(home, 'symbols') }).setPath(corpusPath('symbols'));
    const progress: SessionProgress[] = [];
    const off = engine.client.onProgress((p) => progress.push(p));
    const info = await engine.client.open(corpusPath('user', 'test.dmp'));
    off();
    expect(progress.map((p) => p.phase)).toEqual(['open', 'symbols', 'open']);
    const k = await engine.client.runCommand(info.sessionId, 'k');
    expect(k.text).toContain('kernel32!WaitForSingleObject+0x12');
    expect(k.text).toContain('test_app!google_breakpad::ExceptionHandler::WriteMinidumpOnHandlerThread');
    const report = await engine.client.analyze(info.sessionId);
    expect(report.threads[0]!.frames.slice(0, 2).map((f) => f.function)).toEqual(["`anonymous namespace'::CrashFunction", 'main']);
    await engine.client.close(info.sessionId);
  });

  it('completes `test_app!ma` from the PDB through the worker, and answers [] for a module that lists nothing', async () => {
    await symbolsService({ file: join(home, 'symbol-path.json'), defaultCacheDir: join(home, 'symbols') }).setPath(corpusPath('symbols'));
    const info = await engine.client.open(corpusPath('user', 'test.dmp'));
    expect(await engine.client.completeSymbols(info.sessionId, 'test_app', 'MA', 200)).toEqual(['main', 'mainCRTStartup', 'malloc']);
    expect(await engine.client.completeSymbols(info.sessionId, 'psapi', '', 200)).toEqual([]);
    await engine.client.close(info.sessionId);
  });
});
