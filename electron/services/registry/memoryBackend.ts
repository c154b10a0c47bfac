/**
 * An in-memory registry for tests, with fault injection at every step so the
 * write protocol can be proven to leave the registry fully old or fully new.
 * Reads and writes are counted over the backend's lifetime (restores count
 * too), so a test can fail "the 3rd value written" or "the 2nd read".
 */
import type { RegFile } from '../../../shared/formats/regfile/index';
import type { RegOp } from '../../../shared/formats/regfile/index';
import type { RegKeyValues, RegValue } from '../../../shared/registry/types';
import type { RegistryBackend } from './backend';
import { exportRegistryKeys } from './exportKeys';
import { RegistryError, describeTarget } from './registryError';
import { RegistryTree } from './registryTree';

export interface MemoryFaults {
  /** Throw when writing the n-th single change (0-based); nothing of that change is stored. */
  failWriteAt?: number;
  /** Store a different value than asked at the n-th write, without an error: only a read-back can notice. */
  corruptWriteAt?: number;
  /** Throw on the n-th read (readKey or listSubkeys, 0-based). */
  failReadAt?: number;
  /** Fail every write as access denied, as a non-elevated process writing HKLM would. */
  denyWrites?: boolean;
}

export class MemoryBackend implements RegistryBackend {
  readonly description = 'in-memory registry';
  faults: MemoryFaults;
  writes = 0;
  reads = 0;
  private tree: RegistryTree;

  constructor(initial?: RegFile, faults: MemoryFaults = {}) {
    this.tree = initial ? RegistryTree.fromRegFile(initial) : new RegistryTree();
    this.faults = faults;
  }

  async readKey(key: string): Promise<RegKeyValues | undefined> {
    this.countRead(key);
    return this.tree.read(key);
  }

  async listSubkeys(key: string): Promise<string[]> {
    this.countRead(key);
    return this.tree.subkeys(key);
  }

  async apply(changes: readonly RegOp[]): Promise<void> {
    for (const [index, change] of changes.entries()) {
      const n = this.writes++;
      if (this.faults.denyWrites) {
        throw new RegistryError('access-denied', `${describeTarget(change)}: access is denied (injected)`, { change, index });
      }
      if (n === this.faults.failWriteAt) {
        throw new RegistryError('write-failed', `${describeTarget(change)}: write #${n} failed (injected)`, { change, index });
      }
      this.tree.apply(n === this.faults.corruptWriteAt && change.op === 'set' ? { ...change, value: corrupt(change.value) } : change);
    }
  }

  exportKeys(keys: readonly string[]): Promise<RegFile> {
    return exportRegistryKeys(this, keys);
  }

  /** Everything stored, as a .reg document (no faults, not counted): what tests compare. */
  snapshot(): RegFile {
    return this.tree.toRegFile();
  }

  private countRead(key: string): void {
    const n = this.reads++;
    if (n === this.faults.failReadAt) throw new RegistryError('read-failed', `[${key}]: read #${n} failed (injected)`);
  }
}

/** A value of the same type that differs from `v`. */
function corrupt(v: RegValue): RegValue {
  switch (v.type) {
    case 'REG_DWORD':
      return { type: 'REG_DWORD', data: (v.data + 1) >>> 0 };
    case 'REG_QWORD':
      return { type: 'REG_QWORD', data: v.data ^ 1n };
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return { type: v.type, data: v.data + '~' };
    case 'REG_MULTI_SZ':
      return { type: 'REG_MULTI_SZ', data: [...v.data, 'x'] };
    case 'REG_BINARY':
      return { type: 'REG_BINARY', data: Uint8Array.of(...v.data, 0) };
    case 'REG_RAW':
      return { type: 'REG_RAW', typeId: v.typeId, data: Uint8Array.of(...v.data, 0) };
  }
}
