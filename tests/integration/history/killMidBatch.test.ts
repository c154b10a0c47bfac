// Killing `dumpdesk index` (a child process, SIGKILL) in the middle of its
// batches and running it again loses nothing and duplicates nothing: every
// batch is one transaction, so the killed run leaves whole batches only.
import { spawn } from 'node:child_process';
import { linkSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/corpus';
import { copyCorpusDump, tempHistory, type TempHistory } from './tempHistory';

let t: TempHistory;
beforeEach(() => { t = tempHistory(); });
afterEach(() => t.cleanup());

const SOURCES = ['ascii_read_av.dmp', 'null_write_av.dmp', 'rizinorg_calc.dmp', 'invalid-parameter.dmp', 'stack_exhaustion.dmp'];
const FILES = 2500;
const BATCH = 25;

function countRows(dbFile: string): number {
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM crashes').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet, or the schema is not there yet
  }
}

function runIndex(dbFile: string, dir: string) {
  return spawn(process.execPath, [join(repoRoot, 'bin/dumpdesk.js'), 'index', dir, '--db', dbFile, '--batch', String(BATCH)], {
    cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('dumpdesk index killed mid-batch', () => {
  it('a second run completes the history with exactly one row per file', async () => {
    // Copies of five corpus dumps, hard-linked so 2,500 files cost no disk.
    const firsts = SOURCES.map((name) => copyCorpusDump(name, join(t.root, 'originals', name)));
    for (let i = 0; i < FILES; i++) linkSync(firsts[i % firsts.length]!, join(t.dumps, `crash-${String(i).padStart(5, '0')}.dmp`));
    expect(readdirSync(t.dumps)).toHaveLength(FILES);
    t.store.close();

    const child = runIndex(t.dbFile, t.dumps);
    const exited = new Promise<number | null>((r) => child.on('exit', (code, signal) => r(signal ? -1 : code)));
    // Kill as soon as some batches are in (and well before the end).
    let before = 0;
    for (let i = 0; i < 3000 && before === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
      before = countRows(t.dbFile);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe(-1);
    const afterKill = countRows(t.dbFile);
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(FILES);
    // Only whole batches were committed.
    expect(afterKill % BATCH).toBe(0);

    const second = runIndex(t.dbFile, t.dumps);
    let out = '';
    second.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    const code = await new Promise<number | null>((r) => second.on('exit', r));
    expect(code).toBe(0);
    expect(out).toContain(`new        ${FILES - afterKill}\n`);
    expect(out).toContain(`unchanged  ${afterKill}\n`);

    const db = new Database(t.dbFile, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT path) AS paths FROM crashes').get()).toEqual({ n: FILES, paths: FILES });
      expect(db.prepare("SELECT COUNT(*) AS n FROM crashes WHERE state = 'ok' AND missing = 0 AND bucket IS NOT NULL").get()).toEqual({ n: FILES });
      // Every row has its modules exactly once (the module list is written in the row's transaction).
      const perCrash = db.prepare('SELECT c.id, COUNT(m.crash_id) AS n FROM crashes c LEFT JOIN crash_modules m ON m.crash_id = c.id GROUP BY c.id').all() as { n: number }[];
      expect(new Set(perCrash.map((p) => p.n))).toEqual(new Set([26, 28, 31]));
    } finally {
      db.close();
    }
  });
});
