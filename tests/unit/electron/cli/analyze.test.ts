// `dumpdesk analyze` through the CLI's main(), with captured output; one test spawns the real
// bin/dumpdesk.js to prove it runs under plain Node.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli';
import { corpusPath, listCorpus, repoRoot } from '../../../helpers/corpus';

const run = (...args: string[]) => runCli(['analyze', ...args]);

const user = (f: string): string => corpusPath('user', f);

// Symbol paths from the environment would change (or download) what these tests see.
const SYMBOL_ENV = ['DUMPDESK_SYMBOL_PATH', '_NT_SYMBOL_PATH'];
const savedEnv = SYMBOL_ENV.map((k) => process.env[k]);
beforeAll(() => SYMBOL_ENV.forEach((k) => delete process.env[k]));
afterAll(() => SYMBOL_ENV.forEach((k, i) => {
  if (savedEnv[i] !== undefined) process.env[k] = savedEnv[i];
}));

describe('dumpdesk analyze', () => {
  it('prints the WinDbg-style report for one dump', async () => {
    const r = await run(user('test.dmp'));
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('ExceptionCode: c0000005 (Access violation)');
    expect(r.out).toContain('Attempt to write to address 00000045');
    expect(r.out).toContain('PROCESS_NAME:  test_app.exe');
    expect(r.out).toMatch(/STACK_TEXT: *\nChildEBP RetAddr {2}Call Site\n0012fe88 00404200 test_app\+0x429e\n/);
    expect(r.out).toContain('MODULE_NAME: test_app\n');
    expect(r.out).toContain('ERROR_CODE: (NTSTATUS) 0xc0000005 - The instruction at 0x%p referenced memory at 0x%p. The memory could not be %s.');
    expect(r.out).toContain('IMAGE_NAME:  test_app.exe');
    expect(r.out).toContain('SYMBOL_NAME:  test_app+429e');
    expect(r.out).toContain('FAILURE_BUCKET_ID:  NULL_CLASS_PTR_WRITE_c0000005_test_app.exe!Unknown');
    expect(r.out).toContain('7c900000 7c9b0000   ntdll        ntdll.dll  5.1.2600.2180');
  });

  it('prints x64 stacks in the Child-SP layout', async () => {
    const r = await run(user('tiny-exe-fastfail.dmp'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Child-SP {10}RetAddr {15}Call Site\n000000d2`de4ff720 00007ffb`0b1815a0 {5}tiny\+0x1af42\n/);
    expect(r.out).toContain('FAST_FAIL_FATAL_APP_EXIT');
  });

  it('prints one JSON document with --json', async () => {
    const r = await run('--json', user('test.dmp'));
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ schema: 'dumpdesk.analysis/1', crash: { name: 'EXCEPTION_ACCESS_VIOLATION_WRITE', address: '0x45' } });
  });

  it('prints JSON Lines for several dumps', async () => {
    const r = await run('--json', user('test.dmp'), user('null_read_av.dmp'));
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.crash.name)).toEqual(['EXCEPTION_ACCESS_VIOLATION_WRITE', 'EXCEPTION_ACCESS_VIOLATION_READ']);
  });

  it('walks a folder, turns unreadable dumps into error lines and goes on (exit 2)', async () => {
    const r = await run('--json', corpusPath('user'));
    expect(r.code).toBe(2);
    const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(listCorpus('user', '.dmp').length);
    const errors = lines.filter((l) => l.error);
    expect(errors.map((e) => e.file.split(/[\\/]/).pop())).toEqual(['invalid-range.dmp', 'invalid-record-count.dmp']);
    expect(errors[0].error).toMatchObject({ code: 'OutOfBounds' });
    expect(errors[0].error.message).toContain('invalid-range.dmp');
    expect(r.err.trimEnd().split('\n')).toHaveLength(2);
  });

  it('separates several text reports with the file name', async () => {
    const r = await run(user('test.dmp'), user('null_read_av.dmp'));
    expect(r.code).toBe(0);
    expect(r.out.match(/^==> .* <==$/gm)).toHaveLength(2);
  });

  it('says which file is missing, on one line, with exit 2', async () => {
    const r = await run(user('no-such.dmp'));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^dumpdesk analyze: .*no-such\.dmp: cannot open: no such file\n$/);
  });

  it('says what is wrong with a malformed dump, with exit 2', async () => {
    const r = await run(user('invalid-record-count.dmp'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/invalid-record-count\.dmp: minidump: stream directory entry 0 .* past the end of the 235-byte file\n$/);
  });

  it('reports a folder without dumps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dumpdesk-empty-'));
    try {
      const r = await run(dir);
      expect(r.code).toBe(2);
      expect(r.err).toContain('no *.dmp, *.mdmp or *.hdmp files');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('rejects bad usage with exit 1', async () => {
    expect((await run()).code).toBe(1);
    const r = await run('--frobnicate', user('test.dmp'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('unknown option --frobnicate');
    expect((await run('--symbols')).code).toBe(1);
  });

  it('symbolicates with --symbols (a folder in symstore layout holding Breakpad .sym files)', async () => {
    const r = await run('--symbols', corpusPath('symbols'), user('test.dmp'));
    expect(r.code).toBe(0);
    expect(r.out).toContain("0012fe88 00404200 test_app!`anonymous namespace'::CrashFunction+0xe\n");
    expect(r.out).toContain('0012fff0 00000000 kernel32!BaseProcessStart+0x23\n');
    expect(r.out).toContain("FAILURE_BUCKET_ID:  NULL_CLASS_PTR_WRITE_c0000005_test_app.exe!`anonymous namespace'::CrashFunction");
  });

  it('runs as a plain Node process through bin/dumpdesk.js', () => {
    const p = spawnSync(process.execPath, [join(repoRoot, 'bin/dumpdesk.js'), 'analyze', '--json', user('test.dmp')], { encoding: 'utf8', env: { ...process.env, DUMPDESK_SYMBOL_PATH: '', _NT_SYMBOL_PATH: '' } });
    expect(p.status).toBe(0);
    expect(JSON.parse(p.stdout).bucket).toBe('NULL_CLASS_PTR_WRITE_c0000005_test_app.exe!Unknown');
  });
});
