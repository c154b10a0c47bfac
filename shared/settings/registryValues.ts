import type { RegChange, RegEntry, RegKeyValues, RegValue } from '../registry/types';
import { canonicalKey, sameKey } from './keyPath';
import type { ValueDef } from './valueDef';

/** The values of one key among entries from anywhere (aliases and case ignored). */
export function valuesOfKey(entries: readonly RegEntry[], key: string): RegKeyValues {
  const values: RegKeyValues = new Map();
  for (const e of entries) if (sameKey(e.key, key)) values.set(e.name, e.value);
  return values;
}

/** A value by name, ignoring case as the registry does. */
export function getValue(values: RegKeyValues, name: string): RegValue | undefined {
  const direct = values.get(name);
  if (direct) return direct;
  const lower = name.toLowerCase();
  for (const [n, v] of values) if (n.toLowerCase() === lower) return v;
  return undefined;
}

/** Maps each model field to the value that stores it. */
export type FieldMap<M> = { [K in keyof M]-?: ValueDef<NonNullable<M[K]>> };

/** Model fields from the values of one key; absent or unreadable values stay undefined. */
export function decodeFields<M>(values: RegKeyValues, fields: FieldMap<M>): M {
  const model: Partial<Record<keyof M, unknown>> = {};
  for (const field of Object.keys(fields) as (keyof M)[]) {
    const def = fields[field];
    const value = getValue(values, def.name);
    const decoded = value && def.types.includes(value.type) ? def.decode(value) : undefined;
    if (decoded !== undefined) model[field] = decoded;
  }
  return model as M;
}

/**
 * Changes that make one key hold exactly the model: a `set` for each field
 * that has a value, a `delete-value` for each that does not (absent means
 * "Windows default", so writing a model removes what it leaves out).
 */
export function encodeFields<M>(model: M, fields: FieldMap<M>, key: string): RegChange[] {
  const changes: RegChange[] = [];
  for (const field of Object.keys(fields) as (keyof M)[]) {
    const def = fields[field];
    const v = model[field];
    if (v === undefined || v === null) changes.push({ op: 'delete-value', key, name: def.name });
    else changes.push({ op: 'set', key, name: def.name, value: def.encode(v as NonNullable<M[typeof field]>) });
  }
  return changes;
}

/**
 * Applies changes to a list of entries, as a backend would: the result is
 * what the registry holds afterwards. Used to preview a write and in tests.
 */
export function applyChanges(entries: readonly RegEntry[], changes: readonly RegChange[]): RegEntry[] {
  let result = [...entries];
  for (const c of changes) {
    const key = canonicalKey(c.key);
    if (c.op === 'delete-key') {
      result = result.filter((e) => { const k = canonicalKey(e.key); return k !== key && !k.startsWith(key + '\\'); });
      continue;
    }
    const i = result.findIndex((e) => canonicalKey(e.key) === key && e.name.toLowerCase() === c.name.toLowerCase());
    if (c.op === 'delete-value') {
      if (i >= 0) result.splice(i, 1);
    } else if (i >= 0) {
      result[i] = { key: result[i]!.key, name: result[i]!.name, value: c.value };
    } else {
      result.push({ key: c.key, name: c.name, value: c.value });
    }
  }
  return result;
}
