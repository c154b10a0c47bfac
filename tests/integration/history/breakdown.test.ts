// Who is to blame, over a history of real corpus dumps: `dumpdesk history --breakdown`.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../electron/cli/command';
import { main } from '../../../electron/cli/main';
import { corpusPath } from '../../helpers/corpus';
import { copyCorpusDump, tempHistory, type TempHistory } from './tempHistory';

let t: TempHistory;
beforeEach(() => { t = tempHistory(); t.store.close(); });
afterEach(() => t.cleanup());

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const io: CliIO = { out: (s) => { out += s; }, err: () => {}, isTTY: false };
  return { code: await main(argv, io), out };
}

describe('dumpdesk history --breakdown', () => {
  it('classifies every indexed crash and prints the OCA-shaped table', async () => {
    for (const f of ['ascii_read_av.dmp', 'stack_exhaustion.dmp', 'tiny-exe-with-cet-xsave.dmp']) copyCorpusDump(f, join(t.dumps, f));
    copyFileSync(corpusPath('kernel', '083125-14875-01.dmp'), join(t.dumps, 'k1.dmp'));
    copyFileSync(corpusPath('kernel', 'rizinorg_triage_arm64.dmp'), join(t.dumps, 'k2.dmp'));
    copyCorpusDump('invalid-record-count.dmp', join(t.dumps, 'broken.dmp')); // unreadable: not counted
    expect((await run('index', t.dumps, '--db', t.dbFile)).code).toBe(0);

    const json = await run('history', '--db', t.dbFile, '--breakdown', '--json');
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.out) as { class: string; count: number; percent: number }[];
    const byClass = Object.fromEntries(rows.map((r) => [r.class, r.count]));
    // Two application crashes, the on-request tiny.exe dump and the power-button hold are deliberate,
    // and WinDbg blames nt for the 0x4A (expected/083125-14875-01.windbg.analyze-v.txt).
    expect(byClass).toEqual({ 'third-party-driver': 0, unknown: 0, hardware: 0, microsoft: 1, 'memory-corruption': 0, application: 2, manual: 2 });
    expect(rows.find((r) => r.class === 'application')!.percent).toBe(40);

    const text = await run('history', '--db', t.dbFile, '--breakdown');
    expect(text.out.split('\n')[0]).toMatch(/^Third-party drivers\s+0\s+0\.0 %$/);
    expect(text.out).toMatch(/Applications \(user mode\)\s+2\s+40\.0 %/);
  });
});
