/**
 * symbols.*: the symbol path DumpDesk uses, kept in `symbol-path.json` in
 * the user-data folder. Until the user sets one, DUMPDESK_SYMBOL_PATH or
 * _NT_SYMBOL_PATH applies (as for the CLI). Parsed with shared/symbols, so
 * the app and the CLI read a path the same way.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ApiServices, SymbolPathInfo } from '../../../shared/api';
import { ApiError } from '../../../shared/api/errors';
import { parseSymbolPath } from '../../../shared/symbols/symbolPath';
import { userDataDir } from '../../services/paths';
import { symbolPathFrom } from '../../services/symbols/nodeSymbolSupplier';

export interface SymbolsServiceOptions {
  /** Where the chosen path is kept. */
  file: string;
  /** Where `srv*URL` without a cache item downloads to. */
  defaultCacheDir: string;
  env?: NodeJS.ProcessEnv;
}

/** The user's settings file and download cache, in the user-data folder (the CLI's cache too). */
export function defaultSymbolsOptions(): SymbolsServiceOptions {
  return { file: join(userDataDir(), 'symbol-path.json'), defaultCacheDir: join(userDataDir(), 'symbols') };
}

/** The path in use: the saved one, else the environment's, else none. */
export function currentSymbolPath(o: SymbolsServiceOptions): string {
  try {
    const saved = JSON.parse(readFileSync(o.file, 'utf8')) as { path?: unknown };
    if (typeof saved.path === 'string') return saved.path;
  } catch {
    // Not set yet (or unreadable): fall back to the environment.
  }
  return symbolPathFrom([], o.env).join(';');
}

export function describeSymbolPath(path: string, defaultCacheDir: string): SymbolPathInfo {
  const parsed = parseSymbolPath(path);
  return {
    path,
    elements: parsed.stores.map((s) =>
      s.kind === 'folder' ? { kind: 'folder', folder: s.path, url: null } : { kind: 'server', folder: s.caches[0] ?? defaultCacheDir, url: s.upstream },
    ),
    cacheDir: defaultCacheDir,
  };
}

export function symbolsService(o: SymbolsServiceOptions): ApiServices['symbols'] {
  return {
    getPath: () => describeSymbolPath(currentSymbolPath(o), o.defaultCacheDir),
    setPath: (path) => {
      const trimmed = path.trim();
      const { ignored } = parseSymbolPath(trimmed);
      if (ignored.length) throw new ApiError('Invalid', `symbol path not changed: ${ignored.join('; ')}`);
      mkdirSync(dirname(o.file), { recursive: true });
      writeFileSync(o.file, JSON.stringify({ path: trimmed }, null, 2));
      return describeSymbolPath(trimmed, o.defaultCacheDir);
    },
  };
}
