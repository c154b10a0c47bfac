// A real SQLite history file in a temp folder, filled with summaries made up
// in the test (no dump reading), for query tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CrashSummary, ModuleSummary } from '../../../../../electron/services/history/crashSummary';
import { HistoryStore } from '../../../../../electron/services/history/historyStore';

export function openTempStore(): { store: HistoryStore; dir: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'dumpdesk-store-'));
  const store = HistoryStore.open(join(dir, 'history.sqlite'));
  return { store, dir, done: () => { store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export function summary(over: Partial<CrashSummary> = {}): CrashSummary {
  return {
    kind: 'kernel-small', crashTime: new Date('2024-03-01T10:00:00Z'), osBuild: 19045, osVersion: '10.0.19045', machineName: null,
    codeType: 'bugcheck', code: 0xd1, codeName: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL', parameters: ['0x28', '0x2', '0x0', '0xfffff80312345678'],
    culprit: 'nvlddmkm.sys', bucket: 'AV_nvlddmkm!Foo', processName: 'System', uptimeSeconds: 3600,
    blameClass: 'third-party-driver', blameReason: 'nvlddmkm.sys is not a Microsoft driver',
    culpritVersion: '31.0.15.3623', culpritCompany: 'NVIDIA Corporation', crashAddress: '0xfffff80312345678', processor: 'amd64',
    modules: [], ...over,
  };
}

export const mod = (name: string, version: string, timestamp = 0x60000000): ModuleSummary => ({ name, version, timestamp, size: 0x1000 });

let n = 0;
/** Saves a crash row at a fresh path and returns its id. */
export function addCrash(store: HistoryStore, sourceId: number, over: Partial<CrashSummary> = {}, path?: string): number {
  n++;
  return store.saveCrash({ path: path ?? `/dumps/${n}.dmp`, size: 1000 + n, mtimeMs: n, contentHash: `hash-${n}` }, sourceId, summary(over), 1);
}
