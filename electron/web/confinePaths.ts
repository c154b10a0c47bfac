/**
 * File arguments on the web host must name something inside the folders it
 * was started with (`--dir`): a browser tab must not read or write arbitrary
 * files. Paths are resolved and, where they exist, followed through symlinks
 * before the check, so `..` segments and links cannot climb out.
 */
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** The real path of `p`, or of its nearest existing parent plus the rest (for files about to be written). */
function realish(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    if (parent === abs) return abs;
    return resolve(realish(parent), abs.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
  }
}

function inside(child: string, root: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export class PathConfinement {
  /** Read at every check: the allowed folders can grow (a folder found by discovery after start). */
  constructor(private readonly rootsNow: () => readonly string[]) {}

  get folders(): string[] {
    return this.rootsNow().map(realish);
  }

  /** True when `p` is absolute and lies inside one of the roots after resolving links. */
  allows(p: string): boolean {
    if (!isAbsolute(p) || p.includes('\0')) return false;
    const real = realish(p);
    return this.folders.some((root) => inside(real, root));
  }
}
