import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { SymbolFileRequest } from '../../../shared/symbols/symstoreLayout';

/**
 * A symbol store on disk: a symstore tree (name.pdb/GUIDAGE/name.pdb, with
 * `file.ptr` redirections) or a flat folder of symbol files. Folder names
 * are matched case-insensitively, as on the Windows file systems and HTTP
 * servers the layout comes from.
 */
export class LocalSymbolStore {
  /** Directory listings, lower-cased name → real name. */
  private readonly listings = new Map<string, Map<string, string> | null>();

  constructor(readonly root: string) {}

  /** Path of the requested file, or undefined. */
  find(req: SymbolFileRequest): string | undefined {
    const folder = this.resolve(req.folder.split('/'));
    if (folder) {
      const file = this.child(folder, req.file);
      if (file && isFile(file)) return file;
      const ptr = this.child(folder, 'file.ptr');
      if (ptr && isFile(ptr)) {
        const target = readFilePtr(ptr, folder);
        if (target) return target;
      }
    }
    // Flat folder: the file right in the root (plain sympath folders work this way).
    const flat = this.child(this.root, req.file);
    return flat && isFile(flat) ? flat : undefined;
  }

  /** Where a download for `req` should be written in this store. */
  destination(req: SymbolFileRequest): string {
    return join(this.root, ...req.path.split('/'));
  }

  /** Forget cached listings (after writing into the store). */
  invalidate(): void {
    this.listings.clear();
  }

  private resolve(parts: string[]): string | undefined {
    let dir = this.root;
    for (const p of parts) {
      const next = this.child(dir, p);
      if (!next) return undefined;
      dir = next;
    }
    return dir;
  }

  private child(dir: string, name: string): string | undefined {
    let listing = this.listings.get(dir);
    if (listing === undefined) {
      listing = null;
      try {
        listing = new Map(readdirSync(dir).map((n) => [n.toLowerCase(), n]));
      } catch {
        // missing or unreadable folder: nothing here
      }
      this.listings.set(dir, listing);
    }
    const real = listing?.get(name.toLowerCase());
    return real === undefined ? undefined : join(dir, real);
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * file.ptr: "PATH:<path>" points at the real file (often on a share);
 * "MSG:<text>" says why there is none. A relative path is taken from the folder.
 */
export function readFilePtr(ptrPath: string, folder: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(ptrPath, 'utf8').trim();
  } catch {
    return undefined;
  }
  const m = /^PATH:(.+)$/im.exec(text);
  if (!m) return undefined;
  const target = m[1]!.trim();
  const full = isAbsolute(target) ? target : join(folder, target);
  return existsSync(full) && isFile(full) ? full : undefined;
}
