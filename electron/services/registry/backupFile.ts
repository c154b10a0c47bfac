/** Backup .reg files: one per settings change, named by time, never overwritten. */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { changesToRegFile, writeRegFile } from '../../../shared/formats/regfile/index';
import type { RegOp } from '../../../shared/formats/regfile/index';

const PREFIX = 'settings-backup-';

/** Writes the undo changes as a Version 5.00 .reg file (what regedit can import too); returns its path. */
export async function writeBackup(dir: string, undo: readonly RegOp[], now: Date = new Date()): Promise<string> {
  const bytes = writeRegFile(changesToRegFile(undo));
  await mkdir(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-'); // 2026-11-26T15-55-03-123Z: sorts by time, legal on Windows
  for (let n = 0; ; n++) {
    const file = join(dir, `${PREFIX}${stamp}${n ? `-${n}` : ''}.reg`);
    try {
      await writeFile(file, bytes, { flag: 'wx' }); // wx: never replace an older backup
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || n > 100) throw e;
    }
  }
}

/** The newest backup in `dir`, or undefined when there is none. */
export async function latestBackup(dir: string): Promise<string | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  const backups = names.filter((n) => n.startsWith(PREFIX) && n.endsWith('.reg')).sort(compareBackupNames);
  const last = backups[backups.length - 1];
  return last ? join(dir, last) : undefined;
}

/** By timestamp, then by the -N suffix taken when two backups share a millisecond. */
function compareBackupNames(a: string, b: string): number {
  const key = (n: string) => {
    const m = n.match(/^(.*Z)(?:-(\d+))?\.reg$/);
    return [m?.[1] ?? n, Number(m?.[2] ?? 0)] as const;
  };
  const [ta, na] = key(a);
  const [tb, nb] = key(b);
  return ta < tb ? -1 : ta > tb ? 1 : na - nb;
}
