// Migrations are found by listing the folder; each applies once, in order, and
// is recorded in schema_version. Tested on real SQLite files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, listMigrations, migrate } from '../../../../../electron/services/history/migrate';
import { openTempStore } from './fakeHistory';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migrate', () => {
  it('the shipped migrations are numbered from 1 without gaps and build the schema', () => {
    const shipped = listMigrations();
    expect(shipped.map((m) => m.version)).toEqual(shipped.map((_, i) => i + 1));
    expect(shipped.map((m) => m.name).slice(0, 2)).toEqual(['initial', 'list_speed']);
    const t = openTempStore();
    dir = t.dir;
    expect(currentVersion(t.store.db)).toBe(shipped.length);
    const tables = (t.store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['crashes', 'crash_modules', 'notes', 'crash_tags', 'sources', 'wer_reports', 'bucket_stats', 'schema_version', 'crashes_fts']));
    expect(t.store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    t.done();
  });

  it('applies only new files from a folder, in number order, once', () => {
    dir = mkdtempSync(join(tmpdir(), 'dumpdesk-migrate-'));
    const migrations = join(dir, 'migrations');
    const dbFile = join(dir, 'x.sqlite');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '0002_add_b.sql'), 'ALTER TABLE t ADD COLUMN b TEXT;');
    writeFileSync(join(migrations, '0001_create.sql'), 'CREATE TABLE t (a INTEGER);');
    writeFileSync(join(migrations, 'README.md'), 'not a migration');
    const db = new Database(dbFile);
    expect(migrate(db, migrations)).toEqual([1, 2]);
    expect(migrate(db, migrations)).toEqual([]);
    writeFileSync(join(migrations, '0003_add_c.sql'), 'ALTER TABLE t ADD COLUMN c TEXT;');
    expect(migrate(db, migrations)).toEqual([3]);
    expect((db.prepare('PRAGMA table_info(t)').all() as { name: string }[]).map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(db.prepare('SELECT version, name FROM schema_version ORDER BY version').all()).toEqual([
      { version: 1, name: 'create' }, { version: 2, name: 'add_b' }, { version: 3, name: 'add_c' },
    ]);
    db.close();
  });

  it('a second connection that opens the same file migrates nothing twice', () => {
    dir = mkdtempSync(join(tmpdir(), 'dumpdesk-migrate-'));
    const file = join(dir, 'shared.sqlite');
    const a = new Database(file);
    const b = new Database(file);
    expect(migrate(a).length).toBeGreaterThan(0);
    expect(migrate(b)).toEqual([]);
    a.close();
    b.close();
  });

  it('a failing migration leaves the database at the last good version', () => {
    dir = mkdtempSync(join(tmpdir(), 'dumpdesk-migrate-'));
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '0001_create.sql'), 'CREATE TABLE t (a INTEGER);');
    writeFileSync(join(migrations, '0002_broken.sql'), 'CREATE TABLE u (x); THIS IS NOT SQL;');
    const db = new Database(join(dir, 'x.sqlite'));
    expect(() => migrate(db, migrations)).toThrow();
    expect(currentVersion(db)).toBe(1);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'u'").get()).toEqual({ n: 0 });
    db.close();
  });
});
