// A .reg file as the registry: read, list, apply atomically, export; and the
// write protocol on top of it.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRegFile, writeRegFile } from '../../../../../shared/formats/regfile/index';
import { RegFileBackend } from '../../../../../electron/services/registry/regFileBackend';
import { applyChanges } from '../../../../../electron/services/registry/writeProtocol';
import { CHANGES, CRASH, expectedAfter, seedRegistry, stateOf, stateThrough } from './fixtures';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'dumpdesk-rfb-'));
  const file = join(dir, 'registry.reg');
  writeFileSync(file, writeRegFile(seedRegistry()));
  return { dir, file, backend: new RegFileBackend(file) };
}

describe('RegFileBackend', () => {
  it('reads values and subkeys of the file', async () => {
    const { backend } = setup();
    expect((await backend.readKey(CRASH))?.get('CrashDumpEnabled')).toEqual({ type: 'REG_DWORD', data: 7 });
    expect((await backend.readKey(CRASH.toUpperCase()))?.get('DumpFile')).toEqual({ type: 'REG_EXPAND_SZ', data: '%SystemRoot%\\MEMORY.DMP' });
    expect(await backend.listSubkeys(CRASH)).toEqual(['StorageTelemetry']);
    expect(await backend.readKey(`${CRASH}\\Nope`)).toBeUndefined();
    expect(await backend.listSubkeys('HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control')).toEqual(['CrashControl']);
  });

  it('applies changes through the write protocol and leaves a valid UTF-16 .reg file with no temp files', async () => {
    const { dir, file, backend } = setup();
    const result = await applyChanges(backend, CHANGES, { backupDir: join(dir, 'backups') });
    expect(existsSync(result.backupFile!)).toBe(true);
    const bytes = new Uint8Array(readFileSync(file));
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    expect(stateOf(parseRegFile(bytes))).toEqual(expectedAfter(seedRegistry(), CHANGES));
    expect(readdirSync(dir).sort()).toEqual(['backups', 'registry.reg']);
  });

  it('exports a key with its subkeys', async () => {
    const { backend } = setup();
    const exported = await backend.exportKeys([CRASH]);
    expect(exported.keys.map((k) => k.path)).toEqual([CRASH, `${CRASH}\\StorageTelemetry`, `${CRASH}\\StorageTelemetry\\Empty`]);
    expect(await stateThrough(backend, [CRASH])).toEqual(stateOf(exported));
  });

  it('a missing file is an empty registry; ensureExists creates it with just the header', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dumpdesk-rfb-'));
    const backend = new RegFileBackend(join(dir, 'sub', 'new.reg'));
    expect(await backend.readKey(CRASH)).toBeUndefined();
    await backend.ensureExists();
    expect(Buffer.from(readFileSync(join(dir, 'sub', 'new.reg'))).toString('utf16le')).toBe('\ufeffWindows Registry Editor Version 5.00\r\n\r\n');
  });

  it('a change the file format cannot hold is refused whole: the file keeps every old byte', async () => {
    const { file, backend } = setup();
    const before = readFileSync(file);
    const changes = [
      { op: 'set' as const, key: CRASH, name: 'CrashDumpEnabled', value: { type: 'REG_DWORD' as const, data: 3 } },
      { op: 'set' as const, key: CRASH, name: 'DumpFilters', value: { type: 'REG_MULTI_SZ' as const, data: ['a', ''] } },
    ];
    await expect(backend.apply(changes)).rejects.toThrow(/"DumpFilters": REG_MULTI_SZ cannot hold an empty string/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a corrupt registry file is reported with its line, and left untouched', async () => {
    const { file, backend } = setup();
    writeFileSync(file, 'REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\X]\n"a"=dword:xyz\n');
    await expect(backend.apply([{ op: 'delete-key', key: 'HKEY_LOCAL_MACHINE\\X' }])).rejects.toThrow(/line 4: value "a": dword:xyz/);
    expect(readFileSync(file, 'latin1')).toContain('dword:xyz');
  });
});
