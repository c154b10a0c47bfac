/**
 * What a list of registry changes would really do: read the current values of
 * every key they touch, simulate the changes, and list each value that would
 * differ (old → new), the changes worth writing, and the changes that undo
 * them. Used by the write protocol and by `--dry-run`.
 */
import type { RegOp } from '../../../shared/formats/regfile/index';
import type { RegValue } from '../../../shared/registry/types';
import { getValue } from '../../../shared/settings/registryValues';
import type { RegistryBackend } from './backend';
import { RegistryTree } from './registryTree';
import { sameValue } from './sameValue';

/** One value that changes; `old`/`new` undefined = absent before/after. */
export interface ValueDiff {
  key: string;
  name: string;
  old?: RegValue;
  new?: RegValue;
}

export interface ChangePlan {
  diff: ValueDiff[];
  /** Keys that exist only after (created) or only before (deleted); an empty key changes no value but still counts. */
  keysCreated: string[];
  keysDeleted: string[];
  /** The input changes minus those that change nothing. */
  writes: RegOp[];
  /** Applied after `writes`, these bring back every old value (the backup file). */
  undo: RegOp[];
  /** Expected state of each touched key after the writes (undefined = key absent). */
  expectAfter: Map<string, Map<string, RegValue> | undefined>;
  expectBefore: Map<string, Map<string, RegValue> | undefined>;
}

const MAX_DEPTH = 64;
const lower = (s: string) => s.toLowerCase();
const parentOf = (key: string) => key.slice(0, key.lastIndexOf('\\'));

export async function planChanges(backend: RegistryBackend, changes: readonly RegOp[]): Promise<ChangePlan> {
  // 1. Read every touched key (and the whole subtree of a key to delete) into a "before" tree.
  const before = new RegistryTree();
  const existed = new Map<string, { path: string; exists: boolean }>();
  const readInto = async (key: string, depth: number, subtree: boolean) => {
    if (existed.has(lower(key)) && !subtree) return; // read already; a subtree read goes on to the subkeys
    const values = await backend.readKey(key);
    existed.set(lower(key), { path: key, exists: values !== undefined });
    if (!values) return;
    before.createKey(key);
    for (const [name, value] of values) before.apply({ op: 'set', key, name, value });
    if (subtree && depth < MAX_DEPTH) {
      for (const sub of await backend.listSubkeys(key)) await readInto(`${key}\\${sub}`, depth + 1, true);
    }
  };
  for (const c of changes) await readInto(c.key, 0, c.op === 'delete-key');

  // 2. Simulate.
  const after = RegistryTree.fromRegFile(before.toRegFile());
  for (const c of changes) after.apply(c);

  // 3. Compare every touched key, value by value, in the order the changes name them.
  const diff: ValueDiff[] = [];
  const changed = new Set<string>();
  const expectAfter = new Map<string, Map<string, RegValue> | undefined>();
  const expectBefore = new Map<string, Map<string, RegValue> | undefined>();
  const keysCreated: string[] = [];
  const keysDeleted: string[] = [];
  for (const { path, exists } of existed.values()) {
    const was = exists ? (before.read(path) ?? new Map()) : undefined;
    const will = after.read(path);
    expectBefore.set(path, was);
    expectAfter.set(path, will);
    if (!was && will) keysCreated.push(path);
    if (was && !will) keysDeleted.push(path);
    const names = new Map<string, string>();
    for (const n of [...(was?.keys() ?? []), ...(will?.keys() ?? [])]) if (!names.has(lower(n))) names.set(lower(n), n);
    for (const name of names.values()) {
      const o = find(was, name);
      const n = find(will, name);
      if (o && n && sameValue(o, n)) continue;
      diff.push({ key: path, name, old: o, new: n });
      changed.add(`${lower(path)}\0${lower(name)}`);
    }
  }

  // 4. Keep only the changes that do something.
  const isCreated = (key: string) => keysCreated.some((k) => lower(k) === lower(key));
  const isDeleted = (key: string) => keysDeleted.some((k) => lower(k) === lower(key));
  const writes = changes.filter((c) => {
    if (c.op === 'delete-key') return isDeleted(c.key);
    if (c.op === 'create-key') return isCreated(c.key);
    return changed.has(`${lower(c.key)}\0${lower(c.name)}`) || isCreated(c.key);
  });

  // 5. Undo: deleted keys back (parents first, so empty ones come back too), then old values;
  //    keys that did not exist are deleted from their highest missing ancestor.
  const undo: RegOp[] = keysDeleted.map((key) => ({ op: 'create-key', key }));
  const created = new Set(keysCreated.map(lower));
  for (const d of diff) {
    if (created.has(lower(d.key))) continue;
    undo.push(d.old ? { op: 'set', key: d.key, name: d.name, value: d.old } : { op: 'delete-value', key: d.key, name: d.name });
  }
  const removeRoots = new Map<string, string>();
  for (const key of keysCreated) {
    let top = key;
    while (parentOf(top).includes('\\') && (await backend.readKey(parentOf(top))) === undefined) top = parentOf(top);
    removeRoots.set(lower(top), top);
  }
  for (const top of removeRoots.values()) undo.push({ op: 'delete-key', key: top });

  return { diff, keysCreated, keysDeleted, writes, undo, expectAfter, expectBefore };
}

function find(values: Map<string, RegValue> | undefined, name: string): RegValue | undefined {
  return values && getValue(values, name);
}

/** Compares a key as read now with the expected state; returns why it differs, or undefined when it matches. */
export function keyMismatch(
  key: string,
  expected: Map<string, RegValue> | undefined,
  actual: Map<string, RegValue> | undefined,
  names: readonly string[],
): { name?: string; why: string } | undefined {
  // No name: the key itself.
  if (!expected && actual) return { why: `key [${key}] still exists` };
  if (expected && !actual) return { why: `key [${key}] is missing` };
  for (const name of names) {
    const e = find(expected, name);
    const a = find(actual, name);
    if (!e && !a) continue;
    if (!e) return { name, why: 'is still present' };
    if (!a) return { name, why: 'is missing' };
    if (!sameValue(e, a)) return { name, why: 'reads back different from what was written' };
  }
  return undefined;
}
