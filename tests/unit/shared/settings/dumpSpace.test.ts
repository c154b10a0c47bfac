import { describe, expect, it } from 'vitest';
import { checkDumpSpace, dumpSpaceInputFrom, dumpSpaceProblems } from '../../../../shared/settings/dumpSpace';
import { parsePagingFileLine } from '../../../../shared/settings/pagefile';

const MB = 1024 * 1024;
const GB = 1024 * MB;
const pf = (...lines: string[]) => lines.map(parsePagingFileLine);

describe('checkDumpSpace', () => {
  it('says a complete dump needs RAM + 257 MB and names the fix when the page file is smaller', () => {
    const r = checkDumpSpace({ ramBytes: 16 * GB, dumpType: 'complete', pagefiles: pf('C:\\pagefile.sys 4096 8192'), bootVolumeFreeBytes: 100 * GB });
    expect(r.verdict).toBe('too-small');
    expect(r.requiredBytes).toBe(16 * GB + 257 * MB);
    expect(r.availableBytes).toBe(4096 * MB);
    expect(r.writtenTo).toBe('page file');
    expect(r.summary).toBe('A complete dump needs 16,641 MB; the page file starts at only 4,096 MB: the next crash will not be saved.');
    expect(r.fix).toBe('Set the initial size of the page file on C: to at least 16641 MB (or let Windows manage it), or set a dedicated dump file.');
  });

  it('accepts a fixed page file of RAM + 257 MB for an active dump', () => {
    const r = checkDumpSpace({ ramBytes: 8 * GB, dumpType: 'active', pagefiles: pf('C:\\pagefile.sys 8449 8449'), bootVolumeFreeBytes: 50 * GB });
    expect(r.verdict).toBe('ok');
    expect(r.notes).toHaveLength(1);
  });

  it('calls a kernel dump into a third-of-RAM page file risky, not impossible', () => {
    const r = checkDumpSpace({ ramBytes: 12 * GB, dumpType: 'kernel', pagefiles: pf('C:\\pagefile.sys 6000 6000'), bootVolumeFreeBytes: 100 * GB });
    expect(r.verdict).toBe('risky');
    expect(r.summary).toMatch(/typically about 4,096 MB \(a third of RAM\) but can reach 12,545 MB/);
  });

  it('measures a system-managed page file by the free space it can grow into', () => {
    const r = checkDumpSpace({ ramBytes: 32 * GB, dumpType: 'complete', pagefiles: pf('?:\\pagefile.sys'), bootVolumeFreeBytes: 20 * GB });
    expect(r.verdict).toBe('too-small');
    expect(r.availableBytes).toBe(19 * GB);
    expect(r.fix).toBe('Free at least 13,569 MB on C:, or set a dedicated dump file on another volume.');
    expect(r.notes[0]).toMatch(/less than 25 GB: .* AlwaysKeepMemoryDump = 1/);
  });

  it('refuses when the boot volume has no page file and there is no dedicated file', () => {
    const r = checkDumpSpace({ ramBytes: 4 * GB, dumpType: 'small', pagefiles: pf('D:\\pagefile.sys 0 0'), bootVolumeFreeBytes: 30 * GB });
    expect(r.verdict).toBe('too-small');
    expect(r.writtenTo).toBe('nowhere');
    expect(r.fix).toBe('Add a page file on C: of at least 2 MB, or set DedicatedDumpFile (with DumpFileSize ≥ 2).');
  });

  it('uses the dedicated dump file size instead of the page file', () => {
    const input = { ramBytes: 64 * GB, dumpType: 'complete' as const, pagefiles: [], dedicatedDumpFile: { path: 'D:\\dd.sys', sizeMB: 32768 }, bootVolumeFreeBytes: 200 * GB };
    expect(checkDumpSpace(input).verdict).toBe('too-small');
    expect(dumpSpaceProblems(input)).toEqual([
      {
        key: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl',
        name: 'DumpFileSize',
        message:
          'DumpFileSize: too small for a complete dump. A complete dump needs 65,793 MB; the dedicated dump file holds only 32,768 MB: the next crash will not be saved. Set DumpFileSize to at least 65793 (MB), or remove it and let Windows size the dedicated dump file.',
      },
    ]);
    expect(checkDumpSpace({ ...input, dedicatedDumpFile: { path: 'D:\\dd.sys' } }).verdict).toBe('ok');
  });

  it('reports a page file too small for a complete dump as a PagingFiles problem', () => {
    const [p] = dumpSpaceProblems({ ramBytes: 16 * GB, dumpType: 'complete', pagefiles: pf('C:\\pagefile.sys 1024 2048'), bootVolumeFreeBytes: 100 * GB });
    expect(p!.name).toBe('PagingFiles');
    expect(p!.message).toMatch(/^PagingFiles: too small for a complete dump\. A complete dump needs 16,641 MB; the page file starts at only 1,024 MB/);
    expect(checkDumpSpace({ ramBytes: 16 * GB, dumpType: 'none', pagefiles: [], bootVolumeFreeBytes: 0 }).verdict).toBe('ok');
  });

  it('takes its input from the CrashControl and pagefile models', () => {
    const input = dumpSpaceInputFrom(
      { dumpType: 'complete', dedicatedDumpFile: 'D:\\dd.sys', dumpFileSize: 20000, alwaysKeepMemoryDump: true },
      { pagingFiles: pf('C:\\pagefile.sys 1024 2048') },
      { ramBytes: 16 * GB, bootVolumeFreeBytes: 10 * GB },
    );
    expect(input).toEqual({
      ramBytes: 16 * GB, bootVolumeFreeBytes: 10 * GB, dumpType: 'complete', pagefiles: pf('C:\\pagefile.sys 1024 2048'),
      dedicatedDumpFile: { path: 'D:\\dd.sys', sizeMB: 20000 }, alwaysKeepMemoryDump: true,
    });
    expect(checkDumpSpace(input)).toMatchObject({ verdict: 'ok', writtenTo: 'dedicated dump file', availableBytes: 20000 * MB });
    expect(dumpSpaceInputFrom({}, {}, { ramBytes: GB, bootVolumeFreeBytes: GB }).dumpType).toBe('none');
  });
});
