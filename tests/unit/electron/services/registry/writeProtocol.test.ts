// The write protocol against the in-memory registry failing at every step:
// each write, each read, a silent wrong write, the backup itself, and the
// restore. The registry must end fully old or fully new, and a backup must
// exist whenever anything was written.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRegFile, regFileToChanges, regFileToOps } from '../../../../../shared/formats/regfile/index';
import { DumpDeskError } from '../../../../../shared/errors';
import { validateChanges } from '../../../../../shared/settings/validate';
import { MemoryBackend, type MemoryFaults } from '../../../../../electron/services/registry/memoryBackend';
import { SettingsError } from '../../../../../electron/services/registry/settingsError';
import { applyChanges } from '../../../../../electron/services/registry/writeProtocol';
import { planChanges } from '../../../../../electron/services/registry/changePlan';
import { CHANGES, CRASH, LOCALDUMPS, expectedAfter, seedRegistry, stateOf } from './fixtures';

const seed = seedRegistry();
const OLD = stateOf(new MemoryBackend(seed).snapshot());
const NEW = expectedAfter(seed, CHANGES);

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'dumpdesk-wp-'));
}

async function run(faults: MemoryFaults) {
  const backend = new MemoryBackend(seed, faults);
  const backupDir = tempDir();
  let error: unknown;
  try {
    await applyChanges(backend, CHANGES, { backupDir });
  } catch (e) {
    error = e;
  }
  return { backend, backupDir, error, backups: readdirSync(backupDir) };
}

// How many writes and reads a fault-free run makes, so every index gets a fault below.
const clean = await run({});
const WRITES = clean.backend.writes;
const READS = clean.backend.reads;

describe('a successful change', () => {
  it('writes only what changes and leaves the registry fully new', async () => {
    expect(clean.error).toBeUndefined();
    expect(stateOf(clean.backend.snapshot())).toEqual(NEW);
    expect(NEW).not.toEqual(OLD);
    expect(WRITES).toBe(7); // MinidumpsCount was already 50
  });

  it('lists each changed value old → new', async () => {
    const plan = await planChanges(new MemoryBackend(seed), CHANGES);
    expect(plan.diff).toContainEqual({
      key: CRASH,
      name: 'CrashDumpEnabled',
      old: { type: 'REG_DWORD', data: 7 },
      new: { type: 'REG_DWORD', data: 3 },
    });
    expect(plan.diff).toContainEqual({ key: CRASH, name: 'Overwrite', old: { type: 'REG_DWORD', data: 1 }, new: undefined });
    expect(plan.diff).toContainEqual({
      key: `${CRASH}\\StorageTelemetry`,
      name: 'StorageTCCode_3',
      old: { type: 'REG_DWORD', data: 0x69696969 },
      new: undefined,
    });
    expect(plan.diff.some((d) => d.name === 'MinidumpsCount')).toBe(false);
    expect(plan.keysCreated).toEqual([LOCALDUMPS, `${LOCALDUMPS}\\MyApp.exe`]);
    expect(plan.keysDeleted).toEqual([`${CRASH}\\StorageTelemetry`, `${CRASH}\\StorageTelemetry\\Empty`]);
  });

  it('writes one backup holding exactly the old values, and applying it (undo) brings the old registry back', async () => {
    expect(clean.backups).toHaveLength(1);
    const backup = parseRegFile(new Uint8Array(readFileSync(join(clean.backupDir, clean.backups[0]!))));
    const undo = regFileToChanges(backup);
    expect(undo).toContainEqual({ op: 'set', key: CRASH, name: 'CrashDumpEnabled', value: { type: 'REG_DWORD', data: 7 } });
    expect(undo).toContainEqual({ op: 'set', key: CRASH, name: 'Overwrite', value: { type: 'REG_DWORD', data: 1 } });
    expect(undo).toContainEqual({ op: 'delete-value', key: CRASH, name: 'AlwaysKeepMemoryDump' });
    // In this seed even ...\Microsoft\Windows did not exist (only ...\Windows NT did), so the
    // highest missing key is the one the undo removes.
    expect(undo).toContainEqual({ op: 'delete-key', key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows' });
    expect(undo.some((c) => c.key.startsWith(LOCALDUMPS))).toBe(false);
    expect(undo.some((c) => c.op === 'set' && c.name === 'LogEvent')).toBe(false); // unchanged values are not in it
    expect(regFileToOps(backup)).toContainEqual({ op: 'create-key', key: `${CRASH}\\StorageTelemetry\\Empty` });
    const result = await applyChanges(clean.backend, regFileToOps(backup), { backupDir: clean.backupDir });
    expect(stateOf(clean.backend.snapshot())).toEqual(OLD);
    expect(result.backupFile).toBeDefined(); // the undo has its own backup: it can be undone too
  });

  it('a change that changes nothing writes nothing and takes no backup', async () => {
    const backend = new MemoryBackend(seed);
    const dir = tempDir();
    const result = await applyChanges(backend, [CHANGES[1]!], { backupDir: dir });
    expect(result).toEqual({ diff: [], keysCreated: [], keysDeleted: [] });
    expect(backend.writes).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('failing at every step', () => {
  it.each(Array.from({ length: WRITES }, (_, i) => i))('write #%i fails: fully old, backup exists, error names the value', async (k) => {
    const { backend, error, backups } = await run({ failWriteAt: k });
    expect(error).toBeInstanceOf(SettingsError);
    const e = error as SettingsError;
    expect(e.restored).toBe(true);
    // The first write failing leaves nothing to restore, and the message says so.
    expect(e.message).toMatch(k === 0 ? /failed.*injected.*Nothing was changed/s : /failed.*injected.*old values were restored/s);
    expect(e.failedChange).toBeDefined();
    expect(stateOf(backend.snapshot())).toEqual(OLD);
    expect(backups).toHaveLength(1);
  });

  it.each(Array.from({ length: WRITES }, (_, i) => i))('write #%i silently stores a wrong value: caught on read-back, fully old', async (k) => {
    const { backend, error, backups } = await run({ corruptWriteAt: k });
    const e = error as SettingsError;
    // Deletions have nothing to corrupt; then the change simply succeeds.
    if (e === undefined) {
      expect(stateOf(backend.snapshot())).toEqual(NEW);
    } else {
      expect(e).toBeInstanceOf(SettingsError);
      expect(e.message).toMatch(/reads back different from what was written/);
      expect(e.restored).toBe(true);
      expect(stateOf(backend.snapshot())).toEqual(OLD);
    }
    expect(backups).toHaveLength(1);
  });

  it.each(Array.from({ length: READS }, (_, i) => i))('read #%i fails: fully old or fully new, backup whenever written', async (r) => {
    const { backend, error, backups } = await run({ failReadAt: r });
    const state = stateOf(backend.snapshot());
    if (error) {
      expect(error).toBeInstanceOf(DumpDeskError); // RegistryError while planning, SettingsError after writing
      expect((error as Error).message).toMatch(/read #\d+ failed/);
      expect(state).toEqual(OLD);
    } else {
      expect(state).toEqual(NEW);
    }
    if (backend.writes > 0) expect(backups).toHaveLength(1);
    else expect(backups).toHaveLength(0);
  });

  it('the last read (a read-back) fails: the written values are rolled back', async () => {
    const { backend, error, backups } = await run({ failReadAt: READS - 1 });
    expect((error as SettingsError).message).toMatch(/reading back \[.*\] failed.*old values were restored/s);
    expect(backend.writes).toBeGreaterThan(WRITES); // the writes, then the restore
    expect(stateOf(backend.snapshot())).toEqual(OLD);
    expect(backups).toHaveLength(1);
  });

  it('the backup cannot be written: nothing is written at all', async () => {
    const backend = new MemoryBackend(seed);
    const notADir = join(tempDir(), 'file');
    writeFileSync(notADir, 'x');
    await expect(applyChanges(backend, CHANGES, { backupDir: notADir })).rejects.toThrow(/nothing was written: could not write the backup/);
    expect(backend.writes).toBe(0);
    expect(stateOf(backend.snapshot())).toEqual(OLD);
  });

  it('access denied on the first write: fully old, and the message says so', async () => {
    const { backend, error } = await run({ denyWrites: true });
    expect((error as Error).message).toMatch(/access is denied/);
    expect(stateOf(backend.snapshot())).toEqual(OLD);
  });

  it('the restore fails too: the error says so and names the backup to apply by hand, which works', async () => {
    const { backend, error, backupDir, backups } = await run({ corruptWriteAt: 0, failWriteAt: WRITES });
    const e = error as SettingsError;
    expect(e.restored).toBe(false);
    expect(e.message).toMatch(/Restoring the old values ALSO failed.*half-written.*dumpdesk settings undo/s);
    expect(e.backupFile).toBe(join(backupDir, backups[0]!));
    backend.faults = {};
    const undo = regFileToOps(parseRegFile(new Uint8Array(readFileSync(e.backupFile!))));
    await applyChanges(backend, undo, { backupDir });
    expect(stateOf(backend.snapshot())).toEqual(OLD);
  });
});

describe('validation', () => {
  it('invalid values (shared/settings validateChanges) are refused before anything is written', async () => {
    const backend = new MemoryBackend(seed);
    const dir = tempDir();
    const bad = [{ op: 'set' as const, key: CRASH, name: 'CrashDumpEnabled', value: { type: 'REG_DWORD' as const, data: 5 } }];
    const error = await applyChanges(backend, bad, { backupDir: dir, validate: validateChanges }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).problems[0]).toMatchObject({ key: CRASH, name: 'CrashDumpEnabled' });
    expect((error as Error).message).toMatch(/nothing was written.*"CrashDumpEnabled"/s);
    expect(backend.writes).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });
});
