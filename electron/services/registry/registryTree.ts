/**
 * A registry held in memory: keys and values, case-insensitive like the real
 * one, keeping the case and order they were first written in. Shared by the
 * memory backend and the .reg file backend (which loads a file into a tree,
 * applies changes and writes it back).
 *
 * Only keys that were created are stored; their ancestors exist implicitly,
 * so a .reg file with just [A\B\C] is written back with just [A\B\C].
 */
import { checkKeyPath } from '../../../shared/formats/regfile/hives';
import { defaultLayout, type RegFile } from '../../../shared/formats/regfile/index';
import type { RegOp } from '../../../shared/formats/regfile/index';
import type { RegKeyValues, RegValue } from '../../../shared/registry/types';

interface StoredKey {
  path: string;
  values: Map<string, { name: string; value: RegValue }>; // by lower-case name
}

const lower = (s: string) => s.toLowerCase();

export class RegistryTree {
  private readonly keys = new Map<string, StoredKey>(); // by lower-case path

  static fromRegFile(file: RegFile): RegistryTree {
    const tree = new RegistryTree();
    for (const block of file.keys) {
      if (block.deleted) tree.deleteKey(block.path);
      else tree.createKey(block.path);
      for (const v of block.values) {
        if ('deleted' in v) tree.apply({ op: 'delete-value', key: block.path, name: v.name });
        else tree.apply({ op: 'set', key: block.path, name: v.name, value: v.value });
      }
    }
    return tree;
  }

  exists(key: string): boolean {
    const k = lower(key);
    if (!k.includes('\\') || this.keys.has(k)) return true; // a hive always exists
    for (const stored of this.keys.keys()) if (stored.startsWith(k + '\\')) return true;
    return false;
  }

  read(key: string): RegKeyValues | undefined {
    if (!this.exists(key)) return undefined;
    const stored = this.keys.get(lower(key));
    return new Map([...(stored?.values.values() ?? [])].map((v) => [v.name, v.value]));
  }

  subkeys(key: string): string[] {
    const prefix = lower(key) + '\\';
    const names = new Map<string, string>();
    for (const { path } of this.keys.values()) {
      if (!lower(path).startsWith(prefix)) continue;
      const name = path.slice(prefix.length).split('\\')[0]!;
      if (!names.has(lower(name))) names.set(lower(name), name);
    }
    return [...names.values()];
  }

  createKey(key: string): StoredKey {
    checkKeyPath(key);
    const k = lower(key);
    let stored = this.keys.get(k);
    if (!stored) {
      stored = { path: key, values: new Map() };
      this.keys.set(k, stored);
    }
    return stored;
  }

  deleteKey(key: string): void {
    const k = lower(key);
    for (const stored of [...this.keys.keys()]) if (stored === k || stored.startsWith(k + '\\')) this.keys.delete(stored);
  }

  apply(change: RegOp): void {
    switch (change.op) {
      case 'set': {
        const values = this.createKey(change.key).values;
        const existing = values.get(lower(change.name));
        values.set(lower(change.name), { name: existing?.name ?? change.name, value: change.value });
        return;
      }
      case 'delete-value':
        this.keys.get(lower(change.key))?.values.delete(lower(change.name));
        return;
      case 'delete-key':
        this.deleteKey(change.key);
        return;
      case 'create-key':
        this.createKey(change.key);
        return;
    }
  }

  /** The whole tree as a .reg document, parents before children. */
  toRegFile(): RegFile {
    const sorted = [...this.keys.values()].sort((a, b) => comparePaths(a.path, b.path));
    return {
      version: '5.00',
      keys: sorted.map((k) => ({ path: k.path, deleted: false, values: [...k.values.values()].map((v) => ({ ...v })) })),
      layout: defaultLayout('5.00'),
    };
  }
}

/** Orders by path segments, case-insensitively, so a key comes right before its subkeys. */
function comparePaths(a: string, b: string): number {
  const x = lower(a).split('\\');
  const y = lower(b).split('\\');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}
