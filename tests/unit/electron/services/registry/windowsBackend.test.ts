// The Windows backend against a recorded fake of the `regedit` package
// (fakeRegedit.ts), loaded through vi.mock('regedit') exactly as the real
// package would be.
//
// WHAT ONLY A WINDOWS MACHINE CAN PROVE (not covered here):
// - that cscript/WSH runs and WMI StdRegProv accepts these exact calls;
// - which error code a non-elevated write to HKLM really produces (we map 5 and
//   WMI's 0x80041003 to "access denied", as regedit's errors.js lists them);
// - REG_DWORD values above 0x7fffffff through VBScript's CDbl, and REG_QWORD
//   through SetQWORDValue;
// - deleteValue of the default value with a "KEY\" path;
// - Wow6432Node: we use regedit's architecture-agnostic mode and name
//   Wow6432Node keys explicitly; a 32-bit node.exe may still be redirected;
// - that the packaged app finds regedit's scripts in app.asar.unpacked;
// - that `fltmc` fails for a non-elevated process (our elevation check).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { formatRegText } from '../../../../../shared/formats/regfile/index';
import { loadRegedit, unpackedVbsDir } from '../../../../../electron/services/registry/regeditApi';
import { openRegistryBackend } from '../../../../../electron/services/registry/openRegistry';
import { RegFileBackend } from '../../../../../electron/services/registry/regFileBackend';
import { RegistryError } from '../../../../../electron/services/registry/registryError';
import { SettingsError } from '../../../../../electron/services/registry/settingsError';
import { WindowsBackend } from '../../../../../electron/services/registry/windowsBackend';
import { applyChanges } from '../../../../../electron/services/registry/writeProtocol';
import { FakeRegedit } from './fakeRegedit';

const holder = vi.hoisted(() => ({ fake: undefined as unknown }));
vi.mock('regedit', () => ({ default: new Proxy({}, { get: (_t, p) => (holder.fake as Record<string | symbol, unknown>)[p] }) }));

const CRASH = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl';
const SHORT = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\CrashControl';

let fake: FakeRegedit;
let backend: WindowsBackend;

beforeEach(async () => {
  fake = new FakeRegedit({
    [SHORT]: {
      CrashDumpEnabled: { type: 'REG_DWORD', value: 7 },
      DumpFile: { type: 'REG_EXPAND_SZ', value: '%SystemRoot%\\MEMORY.DMP' },
      DumpFilters: { type: 'REG_MULTI_SZ', value: ['dumpfve.sys'] },
    },
    [`${SHORT}\\StorageTelemetry`]: { DeviceDumpEnabled: { type: 'REG_DWORD', value: 1 } },
    [`${SHORT}\\StorageTelemetry\\Deeper`]: { x: { type: 'REG_BINARY', value: [1, 2] } },
  });
  holder.fake = fake;
  backend = new WindowsBackend(await loadRegedit(), { isElevated: async () => true });
});

describe('reading', () => {
  it('asks regedit with short hive names and returns typed values', async () => {
    const values = await backend.readKey(CRASH);
    expect(fake.calls[0]).toEqual(['list', [SHORT]]);
    expect(values?.get('CrashDumpEnabled')).toEqual({ type: 'REG_DWORD', data: 7 });
    expect(values?.get('DumpFilters')).toEqual({ type: 'REG_MULTI_SZ', data: ['dumpfve.sys'] });
    expect(await backend.listSubkeys(CRASH)).toEqual(['StorageTelemetry']);
    expect(await backend.readKey(`${CRASH}\\Missing`)).toBeUndefined();
  });

  it('re-reads REG_EXPAND_SZ unexpanded (list() would give the SYSTEM account expansion)', async () => {
    const values = await backend.readKey(CRASH);
    expect(values?.get('DumpFile')).toEqual({ type: 'REG_EXPAND_SZ', data: '%SystemRoot%\\MEMORY.DMP' });
    expect(fake.calls).toContainEqual(['listUnexpandedValues', [`${SHORT}\\DumpFile`]]);
  });

  it('a REG_QWORD beyond 2^53 (a FILETIME) is refused rather than read wrong', async () => {
    fake = new FakeRegedit({ 'HKLM\\X': { Small: { type: 'REG_QWORD', value: 42 }, Big: { type: 'REG_QWORD', value: 1.3e17 + 1 } } });
    const b = new WindowsBackend(fake, { isElevated: async () => true });
    await expect(b.readKey('HKEY_LOCAL_MACHINE\\X')).rejects.toThrow(/"Big": regedit reports this REG_QWORD as .* not exact/);
    fake = new FakeRegedit({ 'HKLM\\X': { Small: { type: 'REG_QWORD', value: 42 } } });
    expect((await new WindowsBackend(fake).readKey('HKEY_LOCAL_MACHINE\\X'))?.get('Small')).toEqual({ type: 'REG_QWORD', data: 42n });
  });

  it('exports a key and its subtree as .reg text', async () => {
    const text = formatRegText(await backend.exportKeys([CRASH]));
    expect(text).toContain(`[${CRASH}]\r\n"CrashDumpEnabled"=dword:00000007\r\n"DumpFile"=hex(2):25,00,53,00`);
    expect(text).toContain(`[${CRASH}\\StorageTelemetry\\Deeper]\r\n"x"=hex:01,02\r\n`);
  });
});

describe('writing', () => {
  it('creates the key, then puts each value in its own call with the types regedit expects', async () => {
    await backend.apply([
      { op: 'set', key: CRASH, name: 'CrashDumpEnabled', value: { type: 'REG_DWORD', data: 3 } },
      { op: 'set', key: CRASH, name: '', value: { type: 'REG_SZ', data: 'default' } },
      { op: 'set', key: `${CRASH}\\New`, name: 'Blob', value: { type: 'REG_BINARY', data: Uint8Array.of(0xde, 0xad) } },
      { op: 'set', key: `${CRASH}\\New`, name: 'Q', value: { type: 'REG_QWORD', data: 5n } },
      { op: 'delete-value', key: CRASH, name: 'DumpFilters' },
      { op: 'create-key', key: `${CRASH}\\Empty` },
    ]);
    expect(fake.calls).toEqual([
      ['createKey', [SHORT]],
      ['putValue', { [SHORT]: { CrashDumpEnabled: { type: 'REG_DWORD', value: 3 } } }],
      ['createKey', [SHORT]],
      ['putValue', { [SHORT]: { DumpDeskDefault: { type: 'REG_DEFAULT', value: 'default' } } }],
      ['createKey', [`${SHORT}\\New`]],
      ['putValue', { [`${SHORT}\\New`]: { Blob: { type: 'REG_BINARY', value: [0xde, 0xad] } } }],
      ['createKey', [`${SHORT}\\New`]],
      ['putValue', { [`${SHORT}\\New`]: { Q: { type: 'REG_QWORD', value: 5 } } }],
      ['deleteValue', [`${SHORT}\\DumpFilters`]],
      ['createKey', [`${SHORT}\\Empty`]],
    ]);
    const after = await backend.readKey(CRASH);
    expect(after?.get('')).toEqual({ type: 'REG_SZ', data: 'default' });
    expect(after?.has('DumpFilters')).toBe(false);
  });

  it('deletes a key tree deepest first (WMI DeleteKey is not recursive)', async () => {
    await backend.apply([{ op: 'delete-key', key: `${CRASH}\\StorageTelemetry` }]);
    const deletes = fake.calls.filter(([m]) => m === 'deleteKey');
    expect(deletes).toEqual([
      ['deleteKey', [`${SHORT}\\StorageTelemetry\\Deeper`]],
      ['deleteKey', [`${SHORT}\\StorageTelemetry`]],
    ]);
    expect(await backend.listSubkeys(CRASH)).toEqual([]);
  });

  it.each([
    [{ type: 'REG_MULTI_SZ', data: ['a,b'] }, /splits REG_MULTI_SZ strings at commas/],
    [{ type: 'REG_SZ', data: ' padded' }, /trims leading and trailing spaces/],
    [{ type: 'REG_EXPAND_SZ', data: '' }, /empty REG_EXPAND_SZ/],
    [{ type: 'REG_QWORD', data: 2n ** 60n }, /exact only up to 2\^53/],
    [{ type: 'REG_RAW', typeId: 6, data: new Uint8Array(2) }, /cannot write registry type 6/],
  ] as const)('refuses %o before writing anything', async (value, message) => {
    const changes = [
      { op: 'set' as const, key: CRASH, name: 'Fine', value: { type: 'REG_DWORD' as const, data: 1 } },
      { op: 'set' as const, key: CRASH, name: 'Bad', value: value as never },
    ];
    const error = await backend.apply(changes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).failure).toBe('unsupported');
    expect((error as RegistryError).index).toBe(1);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/"Bad".*nothing was written/);
    expect(fake.calls).toEqual([]);
  });

  it('not elevated: a write to HKLM is refused before anything is sent to regedit', async () => {
    const user = new WindowsBackend(fake, { isElevated: async () => false });
    const error = await user
      .apply([
        { op: 'set', key: 'HKEY_CURRENT_USER\\Software\\X', name: 'a', value: { type: 'REG_DWORD', data: 1 } },
        { op: 'set', key: CRASH, name: 'AutoReboot', value: { type: 'REG_DWORD', data: 0 } },
      ])
      .catch((e: unknown) => e);
    expect((error as RegistryError).failure).toBe('access-denied');
    expect((error as RegistryError).index).toBe(1);
    expect((error as Error).message).toMatch(/"AutoReboot": changing HKEY_LOCAL_MACHINE needs administrator rights.*Nothing was written/);
    expect(fake.calls).toEqual([]);
    // HKCU needs no elevation.
    await user.apply([{ op: 'set', key: 'HKEY_CURRENT_USER\\Software\\X', name: 'a', value: { type: 'REG_DWORD', data: 1 } }]);
    expect(fake.calls.map(([m]) => m)).toEqual(['createKey', 'putValue']);
  });

  it('access denied (regedit error 5) is reported as such, naming the value and the fix', async () => {
    fake.denyWrites = true;
    const error = await backend
      .apply([{ op: 'set', key: CRASH, name: 'AutoReboot', value: { type: 'REG_DWORD', data: 0 } }])
      .catch((e: unknown) => e);
    expect((error as RegistryError).failure).toBe('access-denied');
    expect((error as Error).message).toMatch(/"AutoReboot": access is denied.*run DumpDesk as administrator/);
  });

  it('through the write protocol, access denied leaves everything as it was and says nothing changed', async () => {
    fake.denyWrites = true;
    const dir = mkdtempSync(join(tmpdir(), 'dumpdesk-win-'));
    const error = await applyChanges(backend, [{ op: 'set', key: CRASH, name: 'CrashDumpEnabled', value: { type: 'REG_DWORD', data: 3 } }], {
      backupDir: dir,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as Error).message).toMatch(/access is denied.*Nothing was changed/s);
    expect((await backend.readKey(CRASH))?.get('CrashDumpEnabled')).toEqual({ type: 'REG_DWORD', data: 7 });
  });

  it('a regedit failure half-way through the protocol is rolled back', async () => {
    fake.failWrite = { at: 3, error: Object.assign(new Error('vbscript process reported unknown error code 87'), {}) };
    const dir = mkdtempSync(join(tmpdir(), 'dumpdesk-win-'));
    const error = await applyChanges(
      backend,
      [
        { op: 'set', key: CRASH, name: 'CrashDumpEnabled', value: { type: 'REG_DWORD', data: 3 } },
        { op: 'set', key: CRASH, name: 'AutoReboot', value: { type: 'REG_DWORD', data: 0 } },
      ],
      { backupDir: dir },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/"AutoReboot".*regedit failed.*error code 87.*old values were restored/s);
    const now = await backend.readKey(CRASH);
    expect(now?.get('CrashDumpEnabled')).toEqual({ type: 'REG_DWORD', data: 7 });
    expect(now?.has('AutoReboot')).toBe(false);
  });
});

describe('packaging', () => {
  it('points regedit at its scripts outside the asar archive, and fails clearly when they are missing', async () => {
    const inside = 'C:\\DumpDesk\\resources\\app.asar\\node_modules\\regedit\\vbs';
    const outside = unpackedVbsDir(inside);
    expect(outside).toBe('C:\\DumpDesk\\resources\\app.asar.unpacked\\node_modules\\regedit\\vbs');
    expect(() => new WindowsBackend(fake, { vbsDir: outside })).not.toThrow();
    expect(fake.calls).toContainEqual(['setExternalVBSLocation', outside]);
    expect(() => new WindowsBackend(fake, { vbsDir: inside })).toThrow(/scripts were not found.*unpack node_modules\/regedit\/vbs/);
  });

  it('rejects a hive regedit does not know', async () => {
    await expect(backend.readKey('HKEY_DYN_DATA\\X')).rejects.toThrow(/regedit supports only/);
  });
});

describe('openRegistryBackend', () => {
  it('on Windows opens the regedit backend; a named .reg file always wins', async () => {
    const win = await openRegistryBackend({ platform: 'win32', loadApi: async () => fake });
    expect(win).toBeInstanceOf(WindowsBackend);
    expect((await win.readKey(CRASH))?.get('CrashDumpEnabled')).toEqual({ type: 'REG_DWORD', data: 7 });
    const file = await openRegistryBackend({ platform: 'win32', registryFile: 'x.reg', loadApi: async () => fake });
    expect(file).toBeInstanceOf(RegFileBackend);
  });

  it('elsewhere opens (and creates) dumpdesk-registry.reg in DUMPDESK_HOME', async () => {
    const home = mkdtempSync(join(tmpdir(), 'dumpdesk-open-'));
    const saved = process.env.DUMPDESK_HOME;
    process.env.DUMPDESK_HOME = home;
    try {
      const backend = await openRegistryBackend({ platform: 'linux' });
      expect(backend.description).toBe(`registry file ${join(home, 'dumpdesk-registry.reg')}`);
      expect(existsSync(join(home, 'dumpdesk-registry.reg'))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.DUMPDESK_HOME;
      else process.env.DUMPDESK_HOME = saved;
    }
  });
});
