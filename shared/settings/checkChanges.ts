import type { RegChange, RegKeyValues } from '../registry/types';
import { canonicalKey, matchKey } from './keyPath';
import { findValueDef, type KeySpec } from './keySpec';
import type { SettingProblem } from './problem';
import { problemText, valueProblem } from './valueDef';

/** The spec whose key pattern matches `key`, if DumpDesk knows the key. */
export function findKeySpec(specs: readonly KeySpec[], key: string): KeySpec | undefined {
  return specs.find((s) => matchKey(s.key, key) !== undefined);
}

/**
 * Checks each `set` against the value defs of its key: type, range, paths.
 * Values in keys or names DumpDesk does not know pass unchecked; deletions
 * always pass (absent means "Windows default"). Then each key's cross-value
 * check runs over the values the changes set in it.
 */
export function checkChanges(changes: readonly RegChange[], specs: readonly KeySpec[]): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const setByKey = new Map<string, { key: string; spec: KeySpec; values: RegKeyValues }>();
  for (const c of changes) {
    if (c.op !== 'set') continue;
    const spec = findKeySpec(specs, c.key);
    if (!spec) continue;
    // HKLM\… and HKEY_LOCAL_MACHINE\… are the same key for the cross-value checks.
    const id = canonicalKey(c.key);
    const group = setByKey.get(id) ?? { key: c.key, spec, values: new Map() };
    group.values.set(c.name, c.value);
    setByKey.set(id, group);
    const def = findValueDef(spec, c.name);
    if (!def) continue;
    const reason = valueProblem(def, c.value);
    if (reason) problems.push({ key: c.key, name: c.name, message: problemText({ ...def, name: c.name }, c.value, reason) });
  }
  for (const { key, spec, values } of setByKey.values()) {
    for (const [name, message] of spec.crossCheck?.(values) ?? []) problems.push({ key, name, message });
  }
  return problems;
}
