/**
 * This machine's own dump folders (Minidump, MEMORY.DMP, WER LocalDumps and
 * report stores on Windows; none elsewhere), found by
 * electron/services/discovery, as history sources. Unreadable ones are kept:
 * the sources panel says why they cannot be read (administrator rights).
 */
import { discoverDumpSources, type RegistryReader } from '../../services/discovery/dumpSources';

export function machineDumpSources(openRegistry: () => Promise<RegistryReader>, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): () => Promise<{ path: string; kind: string }[]> {
  return async () => {
    const registry = platform === 'win32' ? await openRegistry() : undefined;
    const sources = await discoverDumpSources({ platform, env, userFolders: [], ...(registry ? { registry } : {}) });
    return sources.filter((s) => s.kind !== 'user' && s.exists).map((s) => ({ path: s.path, kind: s.kind }));
  };
}
