/**
 * Which files in a source folder the history looks at, and a fast listing of
 * them with their size and mtime (the re-scan reads nothing else).
 */
import { statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Dumps by extension: .dmp (Windows, Breakpad, Crashpad), .mdmp / .hdmp (WER attachments). */
export const DUMP_FILE = /\.(dmp|mdmp|hdmp)$/i;
export const WER_REPORT_FILE = /^report\.wer$/i;
/** ReportArchive\<report>\files is depth 2; anything much deeper is not a dump folder. */
const MAX_DEPTH = 8;

export interface ListedFile {
  path: string;
  size: number;
  /** Whole milliseconds: the resolution every file system we meet can keep. */
  mtimeMs: number;
}

export interface FolderListing {
  dumps: ListedFile[];
  werReports: ListedFile[];
  /** Sub-folders or files we could not read, with the reason. */
  problems: { path: string; reason: string }[];
}

export function isDumpFile(path: string): boolean {
  return DUMP_FILE.test(path);
}

export function isWerReport(path: string): boolean {
  return WER_REPORT_FILE.test(path.split(/[\\/]/).pop() ?? '');
}

/** Size and mtime of a file, or undefined when it is gone, unreadable or not a regular file. */
export async function statFile(path: string): Promise<ListedFile | undefined> {
  try {
    // Synchronous inside: one stat is cheaper than a thread-pool round trip (see listFolder).
    const s = statSync(path, { throwIfNoEntry: false });
    return s?.isFile() ? { path, size: s.size, mtimeMs: Math.floor(s.mtimeMs) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every dump and Report.wer under `root`. A `root` that is a file (a source
 * such as C:\Windows\MEMORY.DMP) lists just itself. Throws only when `root`
 * itself cannot be read.
 */
export async function listFolder(root: string): Promise<FolderListing> {
  const out: FolderListing = { dumps: [], werReports: [], problems: [] };
  const self = await stat(root);
  if (self.isFile()) {
    if (DUMP_FILE.test(root)) out.dumps.push({ path: root, size: self.size, mtimeMs: Math.floor(self.mtimeMs) });
    return out;
  }
  const candidates: { path: string; wer: boolean }[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      if (depth === 0) throw e;
      out.problems.push({ path: dir, reason: (e as Error).message });
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      // Symbolic links and junctions are not followed: they can loop or leave the source.
      if (e.isDirectory() && depth < MAX_DEPTH) await walk(p, depth + 1);
      else if (e.isFile() && DUMP_FILE.test(e.name)) candidates.push({ path: p, wer: false });
      else if (e.isFile() && WER_REPORT_FILE.test(e.name)) candidates.push({ path: p, wer: true });
    }
  };
  await walk(root, 0);
  // Synchronous stat: a few µs each, against tens of µs for a thread-pool round trip; this loop is
  // the whole cost of re-scanning an unchanged folder (10,000 files in well under a second).
  for (const c of candidates) {
    try {
      const s = statSync(c.path, { throwIfNoEntry: false });
      // A file that vanished between readdir and stat is simply not there.
      if (s?.isFile()) (c.wer ? out.werReports : out.dumps).push({ path: c.path, size: s.size, mtimeMs: Math.floor(s.mtimeMs) });
    } catch (e) {
      out.problems.push({ path: c.path, reason: (e as Error).message });
    }
  }
  return out;
}
