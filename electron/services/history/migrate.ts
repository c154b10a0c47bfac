/**
 * Versioned schema migrations. Each change is one file `migrations/NNNN_name.sql`
 * found by listing the folder (no hand-kept import list to forget); the number
 * is the version. Applied versions are recorded in `schema_version`, each
 * migration in its own transaction so a crash mid-way leaves the last good version.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations in `dir`, ordered by version; throws on two files with one number. */
export function listMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const found = readdirSync(dir)
    .map((f) => ({ f, m: FILE_NAME.exec(f) }))
    .filter((x): x is { f: string; m: RegExpExecArray } => x.m !== null)
    .map(({ f, m }) => ({ version: Number(m[1]), name: m[2]!, sql: readFileSync(join(dir, f), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  for (let i = 1; i < found.length; i++) {
    if (found[i]!.version === found[i - 1]!.version) throw new Error(`two migrations numbered ${found[i]!.version} in ${dir}`);
  }
  return found;
}

export function currentVersion(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/** Applies every migration newer than the database; returns the versions applied. */
export function migrate(db: Database.Database, dir: string = MIGRATIONS_DIR): number[] {
  currentVersion(db);
  const applied: number[] = [];
  for (const m of listMigrations(dir)) {
    // The version is read again inside a write-locked (IMMEDIATE) transaction: when the app and
    // the CLI open the same database at once, the second waits and then skips what the first applied.
    const done = db.transaction(() => {
      if (currentVersion(db) >= m.version) return false;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      return true;
    }).immediate();
    if (done) applied.push(m.version);
  }
  return applied;
}
