// history.trash: only with a confirmation and a recycle bin (the desktop app gives both);
// the row stays, marked missing. Without them (the web host) it says so and deletes nothing.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyService } from '../../../../electron/main/backend/historyService';
import { addCrash, openTempStore } from '../services/history/fakeHistory';

let t: ReturnType<typeof openTempStore> | undefined;
afterEach(() => t?.done());

describe('history.trash', () => {
  it('moves the file only after confirmation, keeping the row marked missing', async () => {
    t = openTempStore();
    const source = t.store.ensureSource(t.dir);
    const path = join(t.dir, 'a.dmp');
    writeFileSync(path, 'MDMP');
    const id = String(addCrash(t.store, source, {}, path));
    const asked: string[] = [];
    const trashed: string[] = [];
    let answer = false;
    const s = historyService(t.store, { confirm: async (m) => (asked.push(m), answer), trash: async (p) => void trashed.push(p) });
    expect(await s.trash(id)).toBe('cancelled');
    expect(trashed).toEqual([]);
    answer = true;
    expect(await s.trash(id)).toBe('trashed');
    expect(trashed).toEqual([path]);
    expect(asked[0]).toMatch(/^Move .*a\.dmp to the recycle bin\? The crash stays in the history, marked as missing\.$/);
    const row = (await s.list({ text: 'a.dmp', sort: 'crashTime', descending: true, offset: 0, limit: 10 })).rows[0]!;
    expect(row.missing).toBe(true);
    expect(existsSync(path)).toBe(true); // the fake trash moved nothing: only the injected function touches files
  });

  it('refuses without a recycle bin and says what to do instead', async () => {
    t = openTempStore();
    const source = t.store.ensureSource(t.dir);
    const id = String(addCrash(t.store, source));
    expect(() => historyService(t!.store).trash(id)).toThrow(/needs the DumpDesk desktop app/);
  });
});
