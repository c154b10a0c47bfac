/**
 * Picks the registry backend: a .reg file when one is named, the Windows
 * registry on Windows, and otherwise the stand-in file in the user-data
 * folder (created on first use), so every flow can be tried on any machine.
 */
import { defaultRegistryFile } from '../paths';
import type { RegistryBackend } from './backend';
import { loadRegedit, type RegeditApi } from './regeditApi';
import { RegFileBackend } from './regFileBackend';
import { WindowsBackend } from './windowsBackend';

export interface OpenRegistryOptions {
  /** Use this .reg file as the registry (the CLI's --registry). */
  registryFile?: string;
  platform?: NodeJS.Platform;
  /** regedit's scripts outside the asar archive, for the packaged app (see unpackedVbsDir). */
  vbsDir?: string;
  /** How to load the regedit package; tests pass a fake. */
  loadApi?: () => Promise<RegeditApi>;
}

export async function openRegistryBackend(options: OpenRegistryOptions = {}): Promise<RegistryBackend> {
  if (options.registryFile) return new RegFileBackend(options.registryFile);
  if ((options.platform ?? process.platform) === 'win32') {
    return new WindowsBackend(await (options.loadApi ?? loadRegedit)(), { vbsDir: options.vbsDir });
  }
  const backend = new RegFileBackend(defaultRegistryFile());
  await backend.ensureExists();
  return backend;
}
