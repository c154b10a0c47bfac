/**
 * A .reg file ⇄ the RegChange list the registry backends apply. The file's
 * order is kept: regedit applies a file top to bottom, and so do we.
 */
import type { RegChange } from '../../registry/types';
import { defaultLayout, type RegFile, type RegFileKey, type RegFileVersion } from './model';

export function regFileToChanges(file: RegFile): RegChange[] {
  const changes: RegChange[] = [];
  for (const key of file.keys) {
    if (key.deleted) {
      changes.push({ op: 'delete-key', key: key.path });
      continue;
    }
    for (const v of key.values) {
      if ('deleted' in v) changes.push({ op: 'delete-value', key: key.path, name: v.name });
      else changes.push({ op: 'set', key: key.path, name: v.name, value: v.value });
    }
  }
  return changes;
}

/** Groups consecutive changes to the same key into one [KEY] block, in order. */
export function changesToRegFile(changes: readonly RegChange[], version: RegFileVersion = '5.00'): RegFile {
  const keys: RegFileKey[] = [];
  for (const c of changes) {
    if (c.op === 'delete-key') {
      keys.push({ path: c.key, deleted: true, values: [] });
      continue;
    }
    let block = keys[keys.length - 1];
    if (!block || block.deleted || block.path.toLowerCase() !== c.key.toLowerCase()) {
      block = { path: c.key, deleted: false, values: [] };
      keys.push(block);
    }
    block.values.push(c.op === 'set' ? { name: c.name, value: c.value } : { name: c.name, deleted: true });
  }
  return { version, keys, layout: defaultLayout(version) };
}
