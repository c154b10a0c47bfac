// `dumpdesk settings` end to end on .reg-file registries in temp folders
// (DUMPDESK_HOME points the user-data folder, and so the backups, there too).
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRegFile, regFileToChanges } from '../../../../shared/formats/regfile/index';
import { runCli } from '../../../helpers/cli';
import { corpusPath } from '../../../helpers/corpus';

const CRASH = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl';

let home: string;
let registry: string;
const saved = process.env.DUMPDESK_HOME;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'dumpdesk-cli-'));
  process.env.DUMPDESK_HOME = home;
  registry = join(home, 'machine.reg');
  copyFileSync(corpusPath('reg', 'lowleveldesign_debug-recipes_aedebug-md_CrashControl-export.utf8.reg.txt'), registry);
});
afterEach(() => {
  if (saved === undefined) delete process.env.DUMPDESK_HOME;
  else process.env.DUMPDESK_HOME = saved;
});

const cli = (...args: string[]) => runCli(['settings', ...args]);

function regFile(name: string, lines: string[]): string {
  const file = join(home, name);
  writeFileSync(file, ['Windows Registry Editor Version 5.00', '', ...lines, ''].join('\r\n'));
  return file;
}

const toSmallDump = () => regFile('small.reg', [`[${CRASH}]`, '"CrashDumpEnabled"=dword:00000003', '"AutoReboot"=dword:00000001']);

function valuesIn(file: string) {
  return regFileToChanges(parseRegFile(new Uint8Array(readFileSync(file))));
}

describe('dumpdesk settings show', () => {
  it('prints each crash setting decoded, and says which keys are absent', async () => {
    const r = await cli('show', '--registry', registry);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Source: registry file ${registry}`);
    expect(r.out).toContain(`[${CRASH}]\n`);
    expect(r.out).toContain('  CrashDumpEnabled = 7 (automatic memory dump)\n');
    expect(r.out).toContain('  DumpFile = "%SystemRoot%\\MEMORY.DMP"\n');
    expect(r.out).toMatch(/\[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\AeDebug\]\n {2}\(not present\)/);
  });

  it('without --registry (not on Windows) uses and creates dumpdesk-registry.reg in the user-data folder', async () => {
    if (process.platform === 'win32') return; // there it reads the real registry, which this test must not touch
    const r = await cli('show');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Source: registry file ${join(home, 'dumpdesk-registry.reg')}`);
    expect(existsSync(join(home, 'dumpdesk-registry.reg'))).toBe(true);
  });
});

describe('dumpdesk settings apply', () => {
  it('--dry-run prints each value that would change, decoded, and writes nothing', async () => {
    const before = readFileSync(registry);
    const r = await cli('apply', toSmallDump(), '--dry-run', '--registry', registry);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'CrashControl\\CrashDumpEnabled: 7 (automatic memory dump) -> 3 (small memory dump)\n' +
        'dry run: nothing was written (1 value(s) would change)\n',
    );
    expect(readFileSync(registry).equals(before)).toBe(true);
    expect(existsSync(join(home, 'backups'))).toBe(false);
  });

  it('applies, leaves a backup in <DUMPDESK_HOME>/backups, and undo brings the old value back', async () => {
    const r = await cli('apply', toSmallDump(), '--registry', registry);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^CrashControl\\CrashDumpEnabled: 7 \(automatic memory dump\) -> 3 \(small memory dump\)\n1 value\(s\) changed; backup: /);
    expect(valuesIn(registry)).toContainEqual({ op: 'set', key: CRASH, name: 'CrashDumpEnabled', value: { type: 'REG_DWORD', data: 3 } });
    const backups = readdirSync(join(home, 'backups'));
    expect(backups).toHaveLength(1);
    expect(valuesIn(join(home, 'backups', backups[0]!))).toEqual([
      { op: 'set', key: CRASH, name: 'CrashDumpEnabled', value: { type: 'REG_DWORD', data: 7 } },
    ]);

    const u = await cli('undo', '--registry', registry);
    expect(u.code).toBe(0);
    expect(u.out).toContain('CrashControl\\CrashDumpEnabled: 3 (small memory dump) -> 7 (automatic memory dump)');
    expect(valuesIn(registry)).toContainEqual({ op: 'set', key: CRASH, name: 'CrashDumpEnabled', value: { type: 'REG_DWORD', data: 7 } });

    // An explicit backup file: undo the undo.
    const again = await cli('undo', join(home, 'backups', backups[0]!), '--registry', registry);
    expect(again.code).toBe(0);
    expect(again.out).toContain('nothing to change'); // that backup sets 7, which is what the registry holds now
  });

  it('an invalid value exits 2 naming the value and why, and writes nothing', async () => {
    const bad = regFile('bad.reg', [`[${CRASH}]`, '"CrashDumpEnabled"=dword:00000005']);
    const before = readFileSync(registry);
    const r = await cli('apply', bad, '--registry', registry);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/invalid: \[.*CrashControl\] CrashDumpEnabled: .*5/);
    expect(r.err).toContain('nothing was written');
    expect(readFileSync(registry).equals(before)).toBe(true);
    const dry = await cli('apply', bad, '--dry-run', '--registry', registry);
    expect(dry.code).toBe(2);
  });

  it('an empty [LocalDumps] block creates the key (turning local dumps on), and undo removes it again', async () => {
    const ld = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting\\LocalDumps';
    const on = regFile('localdumps-on.reg', [`[${ld}]`]);
    const dry = await cli('apply', on, '--dry-run', '--registry', registry);
    expect(dry.out).toBe(`[${ld}]: key created\ndry run: nothing was written (0 value(s) would change)\n`);
    const r = await cli('apply', on, '--registry', registry);
    expect(r.code).toBe(0);
    expect((await cli('show', '--registry', registry)).out).toContain(`[${ld}]\n  (no values)\n`);
    expect((await cli('undo', '--registry', registry)).code).toBe(0);
    expect((await cli('show', '--registry', registry)).out).toContain(`[${ld}]\n  (not present)\n`);
  });

  it('a broken .reg file exits 2 with the line and the reason', async () => {
    const broken = regFile('broken.reg', [`[${CRASH}]`, '"AutoReboot"=dword:1ffffffff']);
    const r = await cli('apply', broken, '--registry', registry);
    expect(r.code).toBe(2);
    expect(r.err).toContain('line 4: value "AutoReboot": dword:1ffffffff is out of range');
  });

  it('a missing file exits 2', async () => {
    const r = await cli('apply', join(home, 'nope.reg'), '--registry', registry);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ENOENT|no such file/);
  });
});

describe('dumpdesk settings export', () => {
  it('writes a UTF-16LE .reg that applies cleanly to an empty registry and reproduces the settings', async () => {
    copyFileSync(corpusPath('reg', 'lowleveldesign_debug-recipes_aedebug-procdump.reg'), join(home, 'aedebug.reg'));
    await cli('apply', join(home, 'aedebug.reg'), '--registry', registry);
    const out = join(home, 'export.reg');
    const r = await cli('export', out, '--registry', registry);
    expect(r.code).toBe(0);
    // CrashControl, AeDebug, AeDebug\AutoExclusionList; CrashControl\StorageTelemetry is written by Windows, not a setting.
    expect(r.out).toBe(`wrote 3 key(s) to ${out}\n`);
    const bytes = readFileSync(out);
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);

    const fresh = join(home, 'fresh.reg');
    expect((await cli('apply', out, '--registry', fresh)).code).toBe(0);
    const a = await cli('show', '--registry', registry);
    const b = await cli('show', '--registry', fresh);
    expect(b.out.replace(fresh, registry)).toBe(a.out);
  });
});

describe('usage', () => {
  it.each([[[]], [['frobnicate']], [['apply']], [['show', '--bogus']], [['export']]])('%o exits 1', async (args) => {
    expect((await cli(...args)).code).toBe(1);
  });

  it('undo without any backup exits 2', async () => {
    const r = await cli('undo', '--registry', registry);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`no backup in ${join(home, 'backups')}`);
  });
});
