// `dumpdesk index` and `dumpdesk history` run in-process through the CLI's
// main() with captured output, on corpus copies in a temp folder and a real
// database file given with --db.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatWatchLine } from '../../../electron/cli/commands/index-cmd';
import { main } from '../../../electron/cli/main';
import { HistoryStore } from '../../../electron/services/history/historyStore';
import type { CliIO } from '../../../electron/cli/command';
import { corpusPath } from '../../helpers/corpus';
import { copyCorpusDump, tempHistory, type TempHistory } from './tempHistory';

let t: TempHistory;
beforeEach(() => { t = tempHistory(); t.store.close(); });
afterEach(() => t.cleanup());

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return runWith(false, ...argv);
}

async function runWith(isTTY: boolean, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (s) => { out += s; }, err: (s) => { err += s; }, isTTY };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('dumpdesk index / history', () => {
  it('indexes, summarises, and lists as JSON with missing files kept and marked', async () => {
    const a = copyCorpusDump('ascii_read_av.dmp', join(t.dumps, 'a.dmp'));
    const calc = copyCorpusDump('rizinorg_calc.dmp', join(t.dumps, 'calc.dmp'));
    copyCorpusDump('invalid-record-count.dmp', join(t.dumps, 'broken.dmp'));
    const report = join(t.dumps, 'AppCrash_x');
    mkdirSync(report);
    copyFileSync(corpusPath('wer', 'poly-satoshi_btc_appcrash_mtga.Report.wer'), join(report, 'Report.wer'));

    const first = await run('index', t.dumps, '--db', t.dbFile);
    expect(first.code).toBe(0);
    expect(first.out).toContain('new        2\n');
    expect(first.out).toContain('failed     1\n');
    expect(first.out).toMatch(/broken\.dmp: minidump: stream directory entry 0 .* past the end of the 235-byte file/);
    expect(first.out).toContain('Report.wer 1 read, 0 linked to dumps');

    rmSync(calc);
    const second = await run('index', t.dumps, '--db', t.dbFile);
    expect(second.out).toContain('missing    1\n');
    expect(second.out).toContain('unchanged  2\n');

    const json = await run('history', '--db', t.dbFile, '--json');
    expect(json.code).toBe(0);
    const list = JSON.parse(json.out) as Record<string, unknown>[];
    expect(list.map((x) => [x.path, x.missing, x.state])).toEqual([
      [calc, true, 'ok'],
      [a, false, 'ok'],
      [join(t.dumps, 'broken.dmp'), false, 'error'],
    ]);
    expect(list[0]).toEqual({
      path: calc, crashTime: '2016-10-29T12:43:47.000Z', kind: 'user-minidump', code: '0x80000003', name: 'EXCEPTION_BREAKPOINT',
      culprit: 'ntdll.dll', bucket: 'BREAKPOINT_80000003_ntdll.dll!Unknown', process: 'calc.exe', missing: true, state: 'ok', error: null,
    });

    const bucket = await run('history', '--db', t.dbFile, '--json', '--bucket', 'INVALID_POINTER_READ_c0000005_crashme.exe!Unknown');
    expect((JSON.parse(bucket.out) as { path: string }[]).map((x) => x.path)).toEqual([a]);

    const text = await run('history', '--db', t.dbFile);
    expect(text.out).toContain(`${calc}  [missing]`);
    expect(text.out).toContain('3 of 3 crash(es)');

    const buckets = await run('history', '--db', t.dbFile, '--buckets', '--json');
    expect((JSON.parse(buckets.out) as { bucket: string; count: number }[]).map((b) => [b.bucket, b.count])).toEqual([
      ['BREAKPOINT_80000003_ntdll.dll!Unknown', 1], ['INVALID_POINTER_READ_c0000005_crashme.exe!Unknown', 1],
    ]);
  });

  it('re-analyses rows written by an older analyzer version', async () => {
    copyCorpusDump('ascii_read_av.dmp', join(t.dumps, 'a.dmp'));
    copyCorpusDump('rizinorg_calc.dmp', join(t.dumps, 'b.dmp'));
    await run('index', t.dumps, '--db', t.dbFile);
    const old = HistoryStore.open(t.dbFile);
    old.db.prepare("UPDATE crashes SET analyzer_version = 0, bucket = 'OLD_BUCKET'").run();
    old.close();
    const r = await run('index', t.dumps, '--db', t.dbFile);
    expect(r.out).toContain('unchanged  2\n');
    expect(r.out).toContain('re-analysed 2 crash(es) from an older analyzer (0 failed, 0 missing)\n');
    const buckets = JSON.parse((await run('history', '--db', t.dbFile, '--json')).out) as { bucket: string }[];
    expect(buckets.map((b) => b.bucket).sort()).toEqual(['BREAKPOINT_80000003_ntdll.dll!Unknown', 'INVALID_POINTER_READ_c0000005_crashme.exe!Unknown']);
    expect((await run('index', t.dumps, '--db', t.dbFile)).out).not.toContain('re-analysed');
  });

  it('draws a progress bar on a terminal', async () => {
    for (let i = 0; i < 3; i++) copyCorpusDump('ascii_read_av.dmp', join(t.dumps, `${i}.dmp`));
    const r = await runWith(true, 'index', t.dumps, '--db', t.dbFile);
    expect(r.out).toContain('\r[##############################] 3/3\n');
    expect(r.out).toContain('new        3\n');
  });

  it('--help prints each command\'s usage, and the command list names both', async () => {
    const index = await run('index', '--help');
    expect(index.code).toBe(0);
    expect(index.out.split('\n')[0]).toBe('usage: dumpdesk index DIR... [--db FILE] [--watch] [--retry-errors] [--batch N] [--settle MS]');
    const history = await run('history', '--help');
    expect(history.out).toContain('--json        a JSON array, one object per crash');
    const all = await run('--help');
    expect(all.out).toMatch(/\n {2}index +add the dumps of folders to the crash history/);
    expect(all.out).toMatch(/\n {2}history +list the crashes in the history/);
  });

  it('without --db uses history.sqlite in the user-data folder ($DUMPDESK_HOME)', async () => {
    copyCorpusDump('ascii_read_av.dmp', join(t.dumps, 'a.dmp'));
    const before = process.env.DUMPDESK_HOME;
    process.env.DUMPDESK_HOME = join(t.root, 'home');
    try {
      expect((await run('index', t.dumps)).code).toBe(0);
      expect(existsSync(join(t.root, 'home', 'history.sqlite'))).toBe(true);
      expect((JSON.parse((await run('history', '--json')).out) as unknown[]).length).toBe(1);
    } finally {
      if (before === undefined) delete process.env.DUMPDESK_HOME;
      else process.env.DUMPDESK_HOME = before;
    }
  });

  it('answers usage errors with exit code 1 and a missing database with 2', async () => {
    expect((await run('index')).code).toBe(1);
    expect((await run('index', t.dumps, '--batch', 'zero')).code).toBe(1);
    expect((await run('history', '--code', 'xyz')).code).toBe(1);
    const r = await run('history', '--db', join(t.root, 'nope.sqlite'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('no history database');
  });
});

describe('formatWatchLine', () => {
  it('prints only what happened, with failures under it', () => {
    const r = { added: 1, updated: 0, renamed: 2, restored: 0, unchanged: 9, missing: 0, failed: [{ path: '/d/x.dmp', reason: 'still being written' }], werReports: 0, linked: 0 };
    expect(formatWatchLine(r, new Date('2024-01-01T12:34:56Z'))).toBe('12:34:56  new 1, renamed 2, failed 1\n  /d/x.dmp: still being written\n');
    expect(formatWatchLine({ ...r, added: 0, renamed: 0, failed: [] })).toBe('');
  });
});
