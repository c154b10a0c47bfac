/**
 * The one interface every registry backend implements: the Windows registry
 * (via the `regedit` package), a .reg file standing in for it, and an
 * in-memory registry for tests. The write protocol (writeProtocol.ts) is
 * written against this interface only.
 */
import type { RegFile } from '../../../shared/formats/regfile/index';
import type { RegOp } from '../../../shared/formats/regfile/index';
import type { RegKeyValues } from '../../../shared/registry/types';

export interface RegistryBackend {
  /** For messages: "Windows registry", "registry file C:\…\x.reg", "memory". */
  readonly description: string;
  /** The values of a key (name "" = default value); undefined when the key does not exist. */
  readKey(key: string): Promise<RegKeyValues | undefined>;
  /** Names (not paths) of the direct subkeys; [] when the key does not exist. */
  listSubkeys(key: string): Promise<string[]>;
  /**
   * Applies the changes in order. On failure throws RegistryError naming the
   * change; earlier changes may already be written (the write protocol
   * restores them from its backup).
   */
  apply(changes: readonly RegOp[]): Promise<void>;
  /** The keys (and everything under them) as a .reg document; missing keys are left out. */
  exportKeys(keys: readonly string[]): Promise<RegFile>;
}
