import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SessionProgress } from '../../../../shared/api';
import { EngineCore } from '../../../../electron/engine/engineCore';
import { corpusPath } from '../../../helpers/corpus';
import { testEngineDeps } from './testEngineDeps';
import { MEMORY_BASE, writeSparseMinidump } from './sparseMinidump';

const dir = mkdtempSync(join(tmpdir(), 'dd-engine-core-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('EngineCore', () => {
  const dump = writeSparseMinidump(join(dir, 'small.dmp'), 1024 * 1024);

  it('opens a dump as a session and describes it', async () => {
    const progress: SessionProgress[] = [];
    const core = new EngineCore(testEngineDeps(), (p) => progress.push(p));
    const info = await core.open('s1', dump.path);
    expect(info).toMatchObject({
      sessionId: 's1',
      file: { path: dump.path, name: 'small.dmp', size: 1024 * 1024 },
      format: 'minidump',
      kind: 'user-minidump',
      is64: true,
      system: { cpuArch: 'amd64', cpuCount: 8, build: 19041 },
      time: '2020-07-04T04:05:20.000Z',
    });
    expect(progress.map((p) => [p.phase, p.fraction])).toEqual([['open', 0], ['open', 1]]);
    expect(core.list().map((s) => s.sessionId)).toEqual(['s1']);
    core.closeAll();
  });

  it('reads memory as hex and answers null outside the dump', async () => {
    const core = new EngineCore(testEngineDeps());
    await core.open('s1', dump.path);
    expect(core.readMemory('s1', '0x' + MEMORY_BASE.toString(16), 4)).toEqual({ address: '0x10000000000', hex: 'deadbeef' });
    expect(core.readMemory('s1', '0x10', 4)).toEqual({ address: '0x10', hex: null });
    core.close('s1');
  });

  it('runs commands through the session\'s own debugger, with clickable follow-ups', async () => {
    const core = new EngineCore(testEngineDeps());
    await core.open('a', corpusPath('user', 'null_read_av.dmp'));
    const lm = core.runCommand('a', 'lm');
    expect(lm.line).toBe('lm');
    expect(lm.text).toMatch(/^start\s+end\s+module name/m);
    expect(lm.text).toContain('ntdll');
    const ntdll = lm.spans.find((s) => s.command === 'lmv m ntdll');
    expect(ntdll && lm.text.slice(ntdll.start, ntdll.start + ntdll.length)).toBe('ntdll');
    expect(core.runCommand('a', '.cls')).toMatchObject({ clear: true });
    expect(() => core.analyze('a')).toThrow(expect.objectContaining({ code: 'NotAvailable' }));
    core.close('a');
  });

  it('refuses unknown and closed sessions with UnknownSession', async () => {
    const core = new EngineCore(testEngineDeps());
    await core.open('s1', dump.path);
    core.close('s1');
    expect(() => core.runCommand('s1', 'k')).toThrow(expect.objectContaining({ code: 'UnknownSession' }));
    expect(() => core.close('nope')).toThrow(expect.objectContaining({ code: 'UnknownSession' }));
  });

  it('reports a missing file with the reader\'s NotFound error and keeps no session', async () => {
    const core = new EngineCore(testEngineDeps());
    await expect(core.open('s1', join(dir, 'missing.dmp'))).rejects.toMatchObject({ code: 'NotFound' });
    expect(core.list()).toEqual([]);
  });

  it('refuses a session id that is already open', async () => {
    const core = new EngineCore(testEngineDeps());
    await core.open('s1', dump.path);
    await expect(core.open('s1', dump.path)).rejects.toMatchObject({ code: 'Invalid' });
    core.closeAll();
  });
});
