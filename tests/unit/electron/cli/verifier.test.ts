// `dumpdesk verifier` through the CLI entry point; the runner is the real
// service on this (non-Windows) machine, or a stub where a test needs Windows.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeVerifierCommand, EXIT_UNAVAILABLE } from '../../../../electron/cli/commands/verifier';
import { createVerifierService } from '../../../../electron/services/verifier';
import { runCli } from '../../../helpers/cli';
import { corpusPath } from '../../../helpers/corpus';

const cli = (...args: string[]) => runCli(['verifier', ...args]);

describe('dumpdesk verifier preset', () => {
  it('--dry-run prints the exact command line, and the boot-loop warning on stderr', async () => {
    const r = await cli('preset', 'standard', '--driver', 'foo.sys', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toBe('verifier.exe /standard /driver foo.sys\n');
    expect(r.err).toMatch(/boot loop/);
    expect(r.err).toMatch(/verifier \/reset/);
  });

  it('prints every preset as its verifier.exe command', async () => {
    expect((await cli('preset', 'classic', '--driver', 'a.sys', '--driver', 'b.sys', '--dry-run')).out).toBe('verifier.exe /flags 0x2026FBB /driver a.sys b.sys\n');
    expect((await cli('preset', 'unsigned', '--driver', 'old.sys', '--dry-run')).out).toBe('verifier.exe /standard /driver old.sys\n');
    expect((await cli('preset', 'custom', '--flags', '0x9', '--all', '--dry-run')).out).toBe('verifier.exe /flags 0x9 /all\n');
    expect((await cli('preset', 'custom', '--flags', '11', '--driver', 'x.sys', '--dry-run')).out).toBe('verifier.exe /flags 0xB /driver x.sys\n');
    const reset = await cli('preset', 'reset', '--dry-run');
    expect(reset.out).toBe('verifier.exe /reset\n');
    expect(reset.err).toBe('');
    expect((await cli('preset', 'standard', '--driver', 'f.sys', '--reset-on-boot-fail', '--dry-run')).out).toBe(
      'verifier.exe /standard /driver f.sys\nverifier.exe /bootmode resetonbootfail\n',
    );
  });

  it('rejects bad requests with exit code 2 and bad usage with exit code 1, naming the value', async () => {
    const noDriver = await cli('preset', 'classic', '--dry-run');
    expect([noDriver.code, noDriver.err]).toEqual([2, 'dumpdesk verifier: classic: name at least one driver (--driver foo.sys)\n']);
    const badFlags = await cli('preset', 'custom', '--driver', 'f.sys', '--flags', '0x100000', '--dry-run');
    expect([badFlags.code, badFlags.err]).toEqual([2, 'dumpdesk verifier: flags 0x100000: bit 0x100000 is reserved; verifier does not support setting it\n']);
    const notNumber = await cli('preset', 'custom', '--flags', 'lots');
    expect(notNumber.code).toBe(1);
    expect(notNumber.err).toMatch(/^dumpdesk verifier: --flags lots: not a 32-bit number/);
    const unknown = await cli('preset', 'everything');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/unknown preset 'everything' \(classic, standard, unsigned, custom, reset\)/);
  });

  it('--export writes a .cmd file for the Windows machine', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dumpdesk-verifier-')), 'v.cmd');
    const r = await cli('preset', 'classic', '--driver', 'foo.sys', '--export', file);
    expect(r.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\r\n')).toContain('verifier.exe /flags 0x2026FBB /driver foo.sys');
    expect(text).toMatch(/^@echo off\r\n/);
  });

  it('refuses to run on a machine that is not Windows, with exit code 5 and the export hint', async () => {
    const cmd = makeVerifierCommand(() => createVerifierService({ platform: 'linux' }));
    let err = '';
    const code = await cmd.run(['preset', 'standard', '--driver', 'foo.sys'], { out: () => {}, err: (t) => (err += t), isTTY: false });
    expect(code).toBe(EXIT_UNAVAILABLE);
    expect(err).toMatch(/Driver Verifier runs only on Windows \(this is linux\)/);
    expect(err).toMatch(/dumpdesk verifier preset standard --driver foo\.sys --export verifier\.cmd/);
  });
});

describe('dumpdesk verifier query', () => {
  it('summarises saved verifier /query output', async () => {
    const r = await cli('query', corpusPath('verifier', 'pastebin_S5bBVdj0_verifier-query_EXCERPT.txt'));
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('kind: statistics');
    expect(lines).toContain('flags: 0x2012b (Special pool, Force IRQL checking, Pool tracking, Deadlock detection, Security checks, DDI compliance checking)');
    expect(lines).toContain('drivers: atikmpag.sys atikmdag.sys dump_dumpata.sys dump_atapi.sys');
    expect(lines).toContain('  AcquireSpinLocks: 115235');
  });

  it('prints JSON with 64-bit numbers as hex strings', async () => {
    const r = await cli('query', corpusPath('verifier', 'msdocs_low-resources-simulation_bang-verifier-summary.txt'), '--json');
    const json = JSON.parse(r.out) as { kind: string; flags: number; counters: Record<string, string> };
    expect(json.kind).toBe('statistics');
    expect(json.flags).toBe(5);
    expect(json.counters.RaiseIrqls).toBe('0x2c671f');
  });

  it('names an unreadable file with exit code 2', async () => {
    const r = await cli('query', '/nonexistent/verifier.txt');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^dumpdesk verifier: cannot read \/nonexistent\/verifier\.txt/);
  });
});
