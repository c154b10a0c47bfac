/**
 * A .reg file ⇄ the changes the registry backends apply. The file's order is
 * kept: regedit applies a file top to bottom, and so do we.
 *
 * A `[KEY]` line creates the key even when no value follows, and for some
 * settings that is the whole point (an empty WER LocalDumps key turns local
 * dumps on). RegChange (shared/registry/types.ts) has no "create key", so
 * RegOp adds it; regFileToChanges keeps to plain RegChange for callers that
 * only care about values.
 */
import type { RegChange } from '../../registry/types';
import { defaultLayout, type RegFile, type RegFileKey, type RegFileVersion } from './model';

/** A RegChange, or creating a key (with its parents) that may stay empty. */
export type RegOp = RegChange | { op: 'create-key'; key: string };

/** Every operation the file performs, in order: each [KEY] block creates its key, then sets/deletes its values. */
export function regFileToOps(file: RegFile): RegOp[] {
  const ops: RegOp[] = [];
  for (const key of file.keys) {
    if (key.deleted) {
      ops.push({ op: 'delete-key', key: key.path });
      continue;
    }
    ops.push({ op: 'create-key', key: key.path });
    for (const v of key.values) {
      if ('deleted' in v) ops.push({ op: 'delete-value', key: key.path, name: v.name });
      else ops.push({ op: 'set', key: key.path, name: v.name, value: v.value });
    }
  }
  return ops;
}

/** The value changes of the file (key creation left out). */
export function regFileToChanges(file: RegFile): RegChange[] {
  return regFileToOps(file).filter((op): op is RegChange => op.op !== 'create-key');
}

/** Groups consecutive operations on the same key into one [KEY] block, in order. */
export function changesToRegFile(ops: readonly RegOp[], version: RegFileVersion = '5.00'): RegFile {
  const keys: RegFileKey[] = [];
  for (const c of ops) {
    if (c.op === 'delete-key') {
      keys.push({ path: c.key, deleted: true, values: [] });
      continue;
    }
    let block = keys[keys.length - 1];
    if (!block || block.deleted || block.path.toLowerCase() !== c.key.toLowerCase()) {
      block = { path: c.key, deleted: false, values: [] };
      keys.push(block);
    }
    if (c.op === 'set') block.values.push({ name: c.name, value: c.value });
    else if (c.op === 'delete-value') block.values.push({ name: c.name, deleted: true });
  }
  return { version, keys, layout: defaultLayout(version) };
}
