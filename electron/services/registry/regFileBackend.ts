/**
 * A .reg file used as the registry: on machines that are not Windows, and by
 * the CLI's `--registry FILE.reg`. Every call re-reads the file (someone may
 * have edited it); every apply writes the whole file atomically (temp file +
 * rename), so the file is either fully old or fully new, never half-written.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { defaultLayout, parseRegFile, writeRegFile, type RegFile } from '../../../shared/formats/regfile/index';
import type { RegOp } from '../../../shared/formats/regfile/index';
import type { RegKeyValues } from '../../../shared/registry/types';
import type { RegistryBackend } from './backend';
import { exportRegistryKeys } from './exportKeys';
import { RegistryTree } from './registryTree';

export class RegFileBackend implements RegistryBackend {
  readonly description: string;
  constructor(readonly file: string) {
    this.description = `registry file ${file}`;
  }

  /** Creates an empty registry file (just the header) when there is none yet. */
  async ensureExists(): Promise<void> {
    if (existsSync(this.file)) return;
    await this.save({ version: '5.00', keys: [], layout: defaultLayout('5.00') });
  }

  async readKey(key: string): Promise<RegKeyValues | undefined> {
    return (await this.load()).read(key);
  }

  async listSubkeys(key: string): Promise<string[]> {
    return (await this.load()).subkeys(key);
  }

  async apply(changes: readonly RegOp[]): Promise<void> {
    const tree = await this.load();
    for (const c of changes) tree.apply(c);
    await this.save(tree.toRegFile());
  }

  exportKeys(keys: readonly string[]): Promise<RegFile> {
    return exportRegistryKeys(this, keys);
  }

  private async load(): Promise<RegistryTree> {
    if (!existsSync(this.file)) return new RegistryTree();
    return RegistryTree.fromRegFile(parseRegFile(new Uint8Array(await readFile(this.file))));
  }

  private async save(file: RegFile): Promise<void> {
    const bytes = writeRegFile(file);
    await mkdir(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await writeFile(temp, bytes);
      await rename(temp, this.file);
    } finally {
      await rm(temp, { force: true });
    }
  }
}
