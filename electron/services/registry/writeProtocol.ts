/**
 * Applies registry changes so the registry never stays half-written:
 *
 *   read current values → diff → validate → write a backup .reg of exactly
 *   the values about to change → write → read back and compare → on any
 *   failure, apply the backup and report which value failed and why.
 *
 * Undo is applying a backup file through this same protocol (which takes a
 * backup of its own, so an undo can be undone).
 */
import { isDumpDeskError } from '../../../shared/errors';
import type { RegOp } from '../../../shared/formats/regfile/index';
import type { RegChange } from '../../../shared/registry/types';
import type { RegistryBackend } from './backend';
import { writeBackup } from './backupFile';
import { keyMismatch, planChanges, type ChangePlan, type ValueDiff } from './changePlan';
import { describeTarget } from './registryError';
import { SettingsError, type ValueProblem } from './settingsError';

export interface ApplyOptions {
  /** Folder for backup .reg files (`<userData>/backups`). */
  backupDir: string;
  /** Rejects invalid values before anything is written (shared/settings validateChanges). */
  validate?: (changes: readonly RegChange[]) => ValueProblem[];
  now?: () => Date;
}

export interface ApplyResult {
  diff: ValueDiff[];
  keysCreated: string[];
  keysDeleted: string[];
  /** Undoes this change; undefined when nothing needed writing. */
  backupFile?: string;
}

export async function applyChanges(
  backend: RegistryBackend,
  changes: readonly RegOp[],
  options: ApplyOptions,
): Promise<ApplyResult> {
  const plan = await planChanges(backend, changes);
  const problems = options.validate?.(changes.filter((c): c is RegChange => c.op !== 'create-key')) ?? [];
  if (problems.length > 0) {
    const lines = problems.map((p) => `  [${p.key}] ${p.name === '' ? '@' : `"${p.name}"`}: ${p.message}`);
    throw new SettingsError(`nothing was written; ${problems.length} invalid value(s):\n${lines.join('\n')}`, { problems });
  }
  if (plan.writes.length === 0) return { diff: [], keysCreated: [], keysDeleted: [] };

  // Without a backup nothing is written: a failed backup leaves the registry untouched.
  let backupFile: string;
  try {
    backupFile = await writeBackup(options.backupDir, plan.undo, options.now?.());
  } catch (e) {
    throw new SettingsError(`nothing was written: could not write the backup to ${options.backupDir}: ${messageOf(e)}`);
  }

  const failure = await writeAndVerify(backend, plan.writes, plan, 'after');
  if (!failure) return { diff: plan.diff, keysCreated: plan.keysCreated, keysDeleted: plan.keysDeleted, backupFile };

  // Something went wrong. If nothing was changed (say, access denied on the first value), say so;
  // otherwise put every old value back, then check that it worked.
  if ((await verify(backend, plan, 'before')) === undefined) {
    throw new SettingsError(`${failure.why}. Nothing was changed (backup kept: ${backupFile}).`, {
      failedChange: failure.change,
      backupFile,
      restored: true,
    });
  }
  const restoreFailure = await writeAndVerify(backend, plan.undo, plan, 'before');
  const restored = restoreFailure === undefined;
  const tail = restored
    ? `The old values were restored from ${backupFile}.`
    : `Restoring the old values ALSO failed (${restoreFailure.why}); the registry may be half-written. ` +
      `Apply the backup by hand: dumpdesk settings undo "${backupFile}" (or import it with regedit).`;
  throw new SettingsError(`${failure.why}. ${tail}`, { failedChange: failure.change, backupFile, restored });
}

interface Failure {
  why: string;
  change?: RegOp;
}

/** Writes, then reads back every touched key and compares with `plan.expect…`; returns the first problem. */
async function writeAndVerify(
  backend: RegistryBackend,
  writes: readonly RegOp[],
  plan: ChangePlan,
  expect: 'before' | 'after',
): Promise<Failure | undefined> {
  try {
    await backend.apply(writes);
  } catch (e) {
    const change = isDumpDeskError(e) && 'change' in e ? (e.change as RegOp | undefined) : undefined;
    return { why: `writing ${change ? describeTarget(change) : 'the registry'} failed: ${messageOf(e)}`, change };
  }
  return verify(backend, plan, expect, writes);
}

/** Reads back every touched key and compares the changed values with the plan's expected state. */
async function verify(
  backend: RegistryBackend,
  plan: ChangePlan,
  expect: 'before' | 'after',
  writes: readonly RegOp[] = [],
): Promise<Failure | undefined> {
  const expected = expect === 'after' ? plan.expectAfter : plan.expectBefore;
  for (const [key, values] of expected) {
    const names = plan.diff.filter((d) => d.key.toLowerCase() === key.toLowerCase()).map((d) => d.name);
    let actual;
    try {
      actual = await backend.readKey(key);
    } catch (e) {
      return { why: `reading back [${key}] failed: ${messageOf(e)}` };
    }
    const bad = keyMismatch(key, values, actual, names);
    if (bad) {
      const lower = (x: string) => x.toLowerCase();
      const change = writes.find(
        (c) => lower(c.key) === lower(key) && ('name' in c ? bad.name !== undefined && lower(c.name) === lower(bad.name) : bad.name === undefined),
      );
      const target = bad.name === undefined ? '' : `[${key}] ${describeName(bad.name)} `;
      return { why: `${target}${bad.why}`, change };
    }
  }
  return undefined;
}

function describeName(name: string): string {
  return name === '' ? '@ (default value)' : `"${name}"`;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
