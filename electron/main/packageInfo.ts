/**
 * DumpDesk's name and version from its package.json, found by walking up
 * from this module: the same code works from the source tree, from
 * dist/electron/*.cjs and from inside the packaged app's asar.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  name: string;
  version: string;
  /** The folder holding package.json: the repository, or the app inside the installer. */
  root: string;
}

/** This module's folder (CommonJS bundle: __dirname; ESM source: import.meta.url). */
export function moduleDir(metaUrl: string | undefined): string {
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(metaUrl!));
}

export function readPackageInfo(from = moduleDir(import.meta.url)): PackageInfo {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'dumpdesk') return { name: 'DumpDesk', version: pkg.version ?? '0.0.0', root: dir };
    }
    if (dirname(dir) === dir) return { name: 'DumpDesk', version: '0.0.0', root: from };
  }
}
