// The history follows a real folder through its life: corpus dumps appear,
// are renamed, truncated, deleted and restored, and the database is re-opened.
// After every step the rows are exactly right: one per file, none broken.
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexFolders } from '../../../electron/services/history/indexer';
import { listCrashes } from '../../../electron/services/history/historyQueries';
import { corpusPath } from '../../helpers/corpus';
import { copyCorpusDump, countingSummarizer, rows, tempHistory, type TempHistory } from './tempHistory';

let t: TempHistory;
beforeEach(() => { t = tempHistory(); });
afterEach(() => t.cleanup());

const AV_READ = 'INVALID_POINTER_READ_c0000005_crashme.exe!Unknown';
const NULL_WRITE = 'NULL_POINTER_WRITE_c0000005_crashme.exe!Unknown';
const CALC = 'BREAKPOINT_80000003_ntdll.dll!Unknown';

describe('indexFolders on a real folder', () => {
  it('follows appear / rescan / rename / truncate / delete / restore / reopen exactly', async () => {
    const sum = countingSummarizer();
    const o = { summarizer: sum, retryBaseMs: 1 };
    const a = copyCorpusDump('ascii_read_av.dmp', join(t.dumps, 'a.dmp'));
    const b = copyCorpusDump('null_write_av.dmp', join(t.dumps, 'b.dmp'));
    const c = copyCorpusDump('rizinorg_calc.dmp', join(t.dumps, 'sub', 'c.dmp'));

    // 1. Three dumps appear.
    let r = await indexFolders(t.store, [t.dumps], o);
    expect(r).toMatchObject({ added: 3, updated: 0, renamed: 0, unchanged: 0, missing: 0, failed: [] });
    expect(rows(t.store)).toEqual([
      { path: a, state: 'ok', missing: 0, code: 0xc0000005, bucket: AV_READ, error: null },
      { path: b, state: 'ok', missing: 0, code: 0xc0000005, bucket: NULL_WRITE, error: null },
      { path: c, state: 'ok', missing: 0, code: 0x80000003, bucket: CALC, error: null },
    ]);
    const list = listCrashes(t.store);
    expect(list.total).toBe(3);
    const calc = list.rows.find((x) => x.path === c)!;
    expect(calc).toMatchObject({ kind: 'user-minidump', code: '0x80000003', codeName: 'EXCEPTION_BREAKPOINT', culprit: 'ntdll.dll', processName: 'calc.exe', crashTime: '2016-10-29T12:43:47.000Z', source: t.dumps, osBuild: 7601 });
    const modules = t.store.db.prepare('SELECT COUNT(*) AS n FROM crash_modules WHERE crash_id = ?').get(calc.id) as { n: number };
    expect(modules.n).toBe(28);

    // 2. Nothing changed: nothing is read.
    sum.calls.length = 0;
    r = await indexFolders(t.store, [t.dumps], o);
    expect(r).toMatchObject({ added: 0, unchanged: 3, missing: 0 });
    expect(sum.calls).toEqual([]);

    // 3. A rename keeps the row (and its note); nothing is analysed again.
    const idA = t.store.crashByPath(a)!.id;
    t.store.addNote(idA, 'seen after the driver update');
    const a2 = join(t.dumps, 'renamed-a.dmp');
    renameSync(a, a2);
    r = await indexFolders(t.store, [t.dumps], o);
    expect(r).toMatchObject({ added: 0, renamed: 1, missing: 0, unchanged: 2 });
    expect(sum.calls).toEqual([]);
    expect(t.store.crashByPath(a2)!.id).toBe(idA);
    expect(t.store.notes(idA).map((n) => n.text)).toEqual(['seen after the driver update']);
    expect(rows(t.store).map((x) => x.path)).toEqual([b, a2, c].sort());

    // 4. Truncated to 300 bytes: the dump no longer reads, so the row becomes an error row (no stale analysis).
    truncateSync(b, 300);
    r = await indexFolders(t.store, [t.dumps], o);
    expect(r.updated + r.added).toBe(0);
    expect(r.failed).toHaveLength(1);
    expect(r.failed[0]!.path).toBe(b);
    const broken = rows(t.store).find((x) => x.path === b)!;
    expect(broken).toMatchObject({ state: 'error', missing: 0, code: null, bucket: null });
    expect(broken.error).toMatch(/past the end|truncated|out of bounds/i);
    expect(t.store.db.prepare("SELECT COUNT(*) AS n FROM crash_modules m JOIN crashes c ON c.id = m.crash_id WHERE c.path = ?").get(b)).toEqual({ n: 0 });

    // 5. Deleted: the row stays, marked missing.
    rmSync(c);
    r = await indexFolders(t.store, [t.dumps], o);
    expect(r).toMatchObject({ missing: 1, added: 0 });
    expect(rows(t.store).find((x) => x.path === c)).toMatchObject({ missing: 1, state: 'ok', bucket: CALC });
    expect(listCrashes(t.store, { includeMissing: false }).total).toBe(2);
    expect(listCrashes(t.store).total).toBe(3);

    // 6. Restored (same content, same path, new mtime) and the truncated one repaired.
    sum.calls.length = 0;
    copyCorpusDump('rizinorg_calc.dmp', c);
    copyFileSync(corpusPath('user', 'null_write_av.dmp'), b);
    r = await indexFolders(t.store, [t.dumps], o);
    expect(r).toMatchObject({ restored: 1, updated: 1, added: 0, missing: 0, failed: [] });
    expect(sum.calls).toEqual([b]);
    expect(rows(t.store)).toEqual([
      { path: a2, state: 'ok', missing: 0, code: 0xc0000005, bucket: AV_READ, error: null },
      { path: b, state: 'ok', missing: 0, code: 0xc0000005, bucket: NULL_WRITE, error: null },
      { path: c, state: 'ok', missing: 0, code: 0x80000003, bucket: CALC, error: null },
    ].sort((x, y) => x.path.localeCompare(y.path)));

    // 7. A restart reconciles without reading unchanged dumps.
    t.reopen();
    sum.calls.length = 0;
    r = await indexFolders(t.store, [t.dumps], o);
    expect(r).toMatchObject({ unchanged: 3, added: 0, updated: 0, missing: 0 });
    expect(sum.calls).toEqual([]);
    expect(t.store.db.prepare('SELECT COUNT(*) AS n FROM crashes').get()).toEqual({ n: 3 });
  });

  it('gives unreadable files an error row with the reason, and never a half row', async () => {
    copyCorpusDump('invalid-range.dmp', join(t.dumps, 'invalid-range.dmp'));
    writeFileSync(join(t.dumps, 'not-a-dump.dmp'), 'hello, this is text');
    writeFileSync(join(t.dumps, 'empty.dmp'), '');
    const r = await indexFolders(t.store, [t.dumps], { summarizer: countingSummarizer(), retryBaseMs: 1 });
    expect(r.added).toBe(0);
    expect(r.failed.map((f) => f.path.split('/').pop()).sort()).toEqual(['empty.dmp', 'invalid-range.dmp', 'not-a-dump.dmp']);
    for (const row of rows(t.store)) {
      expect(row.state).toBe('error');
      expect(row.error).toBeTruthy();
      expect(row.bucket).toBeNull();
    }
    expect(rows(t.store)).toHaveLength(3);
    // Unchanged error rows are not retried on every scan.
    const again = await indexFolders(t.store, [t.dumps], { summarizer: countingSummarizer(), retryBaseMs: 1 });
    expect(again).toMatchObject({ unchanged: 3, failed: [] });
    // Unless asked (after an upgrade that reads more dumps): then they are read again, and stay error rows.
    const sum = countingSummarizer();
    const retried = await indexFolders(t.store, [t.dumps], { summarizer: sum, retryBaseMs: 1, retryErrors: true });
    expect(retried.failed).toHaveLength(3);
    expect(sum.calls).toHaveLength(3);
    expect(rows(t.store)).toHaveLength(3);
  });

  it('links a Report.wer to the dumps it attached, in its own folder', async () => {
    const report = join(t.dumps, 'ReportArchive', 'AppCrash_ReportingServic_1234');
    mkdirSync(report, { recursive: true });
    copyFileSync(corpusPath('wer', 'mayter_cve-2019-1315_appcrash_win7_zh-CN.Report.wer'), join(report, 'Report.wer'));
    const attached = copyCorpusDump('ascii_read_av.dmp', join(report, 'WER9DB7.tmp.mdmp'));
    const unrelated = copyCorpusDump('ascii_read_av.dmp', join(t.dumps, 'WER9DB7.tmp.mdmp'));
    const r = await indexFolders(t.store, [t.dumps], { summarizer: countingSummarizer() });
    expect(r).toMatchObject({ added: 2, werReports: 1, linked: 1 });
    const list = listCrashes(t.store).rows;
    expect(list.find((x) => x.path === attached)!.wer).toEqual({
      eventType: 'APPCRASH', appName: 'ReportingServicesService.exe', faultModule: 'unknown', exceptionCode: '0xc0000005', reportPath: join(report, 'Report.wer'),
    });
    expect(list.find((x) => x.path === unrelated)!.wer).toBeNull();
  });

  it('a file still growing during the scan gets no row until it is complete', async () => {
    const full = readFileSync(corpusPath('user', 'null_write_av.dmp'));
    const p = join(t.dumps, 'growing.dmp');
    writeFileSync(p, full.subarray(0, 4096));
    let grew = false;
    const summarizer = countingSummarizer();
    const inner = summarizer.summarize.bind(summarizer);
    summarizer.summarize = async (path) => {
      // The writer appends while we read.
      if (!grew) { appendFileSync(p, full.subarray(4096, 8192)); grew = true; }
      return inner(path);
    };
    const r = await indexFolders(t.store, [t.dumps], { summarizer, retryBaseMs: 1 });
    expect(r.failed).toEqual([{ path: p, reason: 'still being written' }]);
    expect(rows(t.store)).toEqual([]);
    appendFileSync(p, full.subarray(8192));
    const r2 = await indexFolders(t.store, [t.dumps], { summarizer: countingSummarizer() });
    expect(r2.added).toBe(1);
    expect(rows(t.store)).toEqual([{ path: p, state: 'ok', missing: 0, code: 0xc0000005, bucket: NULL_WRITE, error: null }]);
  });

  it('a source can be a single file (like C:\\Windows\\MEMORY.DMP)', async () => {
    const file = copyCorpusDump('rizinorg_calc.dmp', join(t.root, 'MEMORY.DMP'));
    const o = { summarizer: countingSummarizer() };
    expect(await indexFolders(t.store, [file], o)).toMatchObject({ added: 1 });
    expect(rows(t.store)).toEqual([{ path: file, state: 'ok', missing: 0, code: 0x80000003, bucket: CALC, error: null }]);
    rmSync(file);
    expect(await indexFolders(t.store, [file], o)).toMatchObject({ missing: 1 });
    expect(t.store.listSources().map((s) => s.path)).toEqual([file]);
  });

  it('retries a locked dump with back-off; still locked after the retries, it gets a "locked" error row that the next scan replaces', async () => {
    const p = copyCorpusDump('null_write_av.dmp', join(t.dumps, 'locked.dmp'));
    const busy = () => Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
    let lockedFor = 2;
    let attempts = 0;
    const sum = countingSummarizer();
    const inner = sum.summarize.bind(sum);
    sum.summarize = async (path) => {
      attempts++;
      if (lockedFor-- > 0) throw busy();
      return inner(path);
    };
    // Locked twice, then readable: the third attempt succeeds within one scan.
    let r = await indexFolders(t.store, [t.dumps], { summarizer: sum, retryBaseMs: 1, lockedRetries: 3 });
    expect(r).toMatchObject({ added: 1, failed: [] });
    expect(attempts).toBe(3);

    // Locked for longer than the retries: an error row that says so, no analysis fields.
    rmSync(p);
    const q = copyCorpusDump('rizinorg_calc.dmp', join(t.dumps, 'locked2.dmp'));
    lockedFor = 100;
    r = await indexFolders(t.store, [t.dumps], { summarizer: sum, retryBaseMs: 1, lockedRetries: 2 });
    expect(r.failed).toEqual([{ path: q, reason: 'locked: EBUSY: resource busy or locked' }]);
    expect(rows(t.store).find((x) => x.path === q)).toMatchObject({ state: 'error', bucket: null, code: null });

    // Unlocked: the next scan reads it although size and mtime did not change.
    lockedFor = 0;
    r = await indexFolders(t.store, [t.dumps], { summarizer: sum, retryBaseMs: 1 });
    expect(r).toMatchObject({ updated: 1, failed: [] });
    expect(rows(t.store).find((x) => x.path === q)).toEqual({ path: q, state: 'ok', missing: 0, code: 0x80000003, bucket: CALC, error: null });
  });

  it('links a BlueScreen-style Report.wer to the dump at its File[i].Original.Path in another source (report built here; none in the corpus)', async () => {
    const minidumps = join(t.root, 'Minidump');
    const dump = copyCorpusDump('083125-14875-01.dmp', join(minidumps, '083125-14875-01.dmp'), 'kernel');
    const report = join(t.dumps, 'Kernel_4a_abc');
    mkdirSync(report, { recursive: true });
    const text = [
      'Version=1', 'EventType=BlueScreen', 'EventTime=133998811819230000',
      'Sig[0].Name=BCCode', 'Sig[0].Value=4a', 'Sig[1].Name=BCP1', 'Sig[1].Value=00007ffd1234abcd',
      'File[0].CabName=083125-14875-01.dmp', 'File[0].Path=083125-14875-01.dmp', 'File[0].Type=2',
      `File[0].Original.Path=${dump}`,
    ].join('\r\n');
    writeFileSync(join(report, 'Report.wer'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const r = await indexFolders(t.store, [t.dumps, minidumps], { summarizer: countingSummarizer() });
    expect(r).toMatchObject({ added: 1, werReports: 1, linked: 1 });
    expect(listCrashes(t.store).rows[0]!.wer).toMatchObject({ eventType: 'BlueScreen', reportPath: join(report, 'Report.wer') });
    expect(t.store.db.prepare('SELECT bugcheck_code AS code FROM wer_reports').get()).toEqual({ code: 0x4a });
  });
});
