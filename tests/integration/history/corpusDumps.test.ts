// Every corpus dump (user and kernel), copied into one temp folder and indexed:
// each gets exactly one complete row, ok or error, never a half one. Kernel
// rows are checked against WinDbg's !analyze -v for the same dump
// (corpus/expected/083125-14875-01.windbg.analyze-v.txt).
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dumpSummarizer } from '../../../electron/services/history/dumpSummarizer';
import { indexFolders } from '../../../electron/services/history/indexer';
import { listCrashes } from '../../../electron/services/history/historyQueries';
import { listCorpus, readExpected } from '../../helpers/corpus';
import { copyCorpusDump, tempHistory, type TempHistory } from './tempHistory';

let t: TempHistory;
beforeEach(() => { t = tempHistory(); });
afterEach(() => t.cleanup());

const windbg = (field: string) => new RegExp(`^${field}:\\s+(\\S+)`, 'm').exec(readExpected('083125-14875-01.windbg.analyze-v.txt'))?.[1];

describe('indexing the whole corpus', () => {
  it('gives every dump one complete row', async () => {
    const user = listCorpus('user', '.dmp');
    const kernel = listCorpus('kernel', '.dmp');
    for (const f of user) copyCorpusDump(f, join(t.dumps, 'user', f));
    for (const f of kernel) copyCorpusDump(f, join(t.dumps, 'kernel', f), 'kernel');
    const r = await indexFolders(t.store, [t.dumps], { summarizer: dumpSummarizer, retryBaseMs: 1 });
    const { rows, total } = listCrashes(t.store, { limit: 1000 });
    expect(total).toBe(user.length + kernel.length);
    expect(r.added + r.failed.length).toBe(total);
    // The two deliberately corrupt minidumps are the only error rows.
    expect(rows.filter((x) => x.state === 'error').map((x) => x.path.split('/').pop()).sort()).toEqual(['invalid-range.dmp', 'invalid-record-count.dmp']);
    for (const x of rows) {
      if (x.state === 'ok') {
        expect(x.kind, x.path).toMatch(/^(user-minidump|kernel-)/);
        expect(x.crashTime, x.path).not.toBeNull();
        expect(x.bucket, x.path).toBeTruthy();
        expect(x.error).toBeNull();
      } else {
        expect(x.error, x.path).toBeTruthy();
        expect([x.kind, x.crashTime, x.code, x.bucket, x.culprit]).toEqual([null, null, null, null, null]);
      }
    }
    const modules = t.store.db.prepare("SELECT COUNT(*) AS n FROM crash_modules m JOIN crashes c ON c.id = m.crash_id WHERE c.state = 'error'").get();
    expect(modules).toEqual({ n: 0 });
  });

  it('kernel minidump rows agree with WinDbg on code, process and image', async () => {
    copyCorpusDump('083125-14875-01.dmp', join(t.dumps, '083125-14875-01.dmp'), 'kernel');
    await indexFolders(t.store, [t.dumps], { summarizer: dumpSummarizer });
    const [row] = listCrashes(t.store).rows;
    expect(row).toMatchObject({
      kind: 'kernel-small', codeType: 'bugcheck', code: '0x0000004a', codeName: 'IRQL_GT_ZERO_AT_SYSTEM_SERVICE',
      processName: windbg('PROCESS_NAME'), culprit: windbg('IMAGE_NAME'), crashTime: '2025-08-31T21:33:01.923Z',
    });
    expect(Number.parseInt(windbg('BUGCHECK_CODE')!, 16)).toBe(0x4a);
    // WinDbg's bucket adds the symbol (…_nt!KiSystemServiceExitPico); without symbols we stop at the module.
    expect(windbg('FAILURE_BUCKET_ID')!.startsWith(row!.bucket!)).toBe(true);
    // Driver list kept for "what changed": the kernel and win32k drivers are there with their timestamps.
    const drivers = t.store.modulesOf(row!.id);
    expect(drivers.length).toBeGreaterThan(100);
    expect(drivers.find((d) => d.name === 'win32kbase.sys')?.timestamp).toBe(0xb8ac42dd);
  });
});
