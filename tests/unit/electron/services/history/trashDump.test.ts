// Deleting from the app: nothing happens without confirmation; with it, the
// file goes to a (test) trash folder and the row stays, marked missing.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trashCrashDump } from '../../../../../electron/services/history/trashDump';
import { addCrash, openTempStore } from './fakeHistory';

let t: ReturnType<typeof openTempStore>;
beforeEach(() => { t = openTempStore(); });
afterEach(() => t.done());

describe('trashCrashDump', () => {
  it('asks first, moves to the trash, keeps the row marked missing with its note', async () => {
    const file = join(t.dir, 'a.dmp');
    writeFileSync(file, 'dump');
    const bin = join(t.dir, 'trash');
    mkdirSync(bin);
    const id = addCrash(t.store, t.store.ensureSource(t.dir), {}, file);
    t.store.addNote(id, 'keep me');
    const asked: string[] = [];
    const deps = (answer: boolean) => ({
      confirm: async (m: string) => { asked.push(m); return answer; },
      trash: async (p: string) => renameSync(p, join(bin, basename(p))),
    });

    expect(await trashCrashDump(t.store, id, deps(false))).toBe('cancelled');
    expect(existsSync(file)).toBe(true);
    expect(t.store.crashByPath(file)!.missing).toBe(false);

    expect(await trashCrashDump(t.store, id, deps(true))).toBe('trashed');
    expect(asked).toHaveLength(2);
    expect(asked[1]).toContain(file);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(join(bin, 'a.dmp'))).toBe(true);
    expect(t.store.crashByPath(file)).toMatchObject({ missing: true, state: 'ok' });
    expect(t.store.notes(id).map((n) => n.text)).toEqual(['keep me']);

    expect(await trashCrashDump(t.store, id, deps(true))).toBe('already-gone');
    expect(asked).toHaveLength(2);
    expect(await trashCrashDump(t.store, 9999, deps(true))).toBe('unknown-crash');
  });
});
