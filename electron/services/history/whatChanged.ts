/**
 * "What changed before this bucket started?" For a bucket's first crash, the
 * modules (drivers, DLLs) whose version or timestamp first appears in dumps
 * from the same machine within `windowDays` before that crash, compared with
 * the machine's earlier dumps (the baseline).
 *
 * "Same machine" is the recorded machine name when the dumps have one; most
 * minidumps do not, so otherwise it is "the same source folder" (a folder is
 * almost always one machine's). Without earlier dumps there is nothing to
 * compare with: the answer says so (baselineDumps = 0) instead of calling every
 * module new.
 */
// The answer's shape is the contract's: the store returns it as is.
import type { WhatChanged } from '../../../shared/api/history';
import type { HistoryStore } from './historyStore';

interface Triple { name: string; version: string | null; timestamp: number | null; first: number }

export function whatChanged(store: HistoryStore, bucket: string, windowDays = 7): WhatChanged {
  const db = store.db;
  const first = db
    .prepare(
      `SELECT id, crash_time_ms AS t, machine_name AS machine, source_id AS sourceId FROM crashes
       WHERE bucket = ? AND state = 'ok' AND crash_time_ms IS NOT NULL ORDER BY crash_time_ms, id LIMIT 1`,
    )
    .get(bucket) as { id: number; t: number; machine: string | null; sourceId: number | null } | undefined;
  if (!first) return { bucket, firstCrash: null, machine: '', baselineDumps: 0, windowDumps: 0, changes: [] };

  const sameMachine = first.machine !== null ? 'machine_name = @machine' : 'machine_name IS NULL AND source_id IS @sourceId';
  const machineCrashes = `SELECT id, crash_time_ms FROM crashes WHERE state = 'ok' AND crash_time_ms IS NOT NULL AND ${sameMachine}`;
  const p = { machine: first.machine, sourceId: first.sourceId, start: first.t - windowDays * 86_400_000, end: first.t };

  const count = (range: string) =>
    (db.prepare(`SELECT COUNT(*) AS n FROM (${machineCrashes}) WHERE ${range}`).get(p) as { n: number }).n;
  const baselineDumps = count('crash_time_ms < @start');
  const windowDumps = count('crash_time_ms BETWEEN @start AND @end');
  const answer: WhatChanged = {
    bucket, firstCrash: { id: first.id, time: new Date(first.t).toISOString() },
    machine: first.machine ?? `source #${first.sourceId ?? '?'}`, baselineDumps, windowDumps, changes: [],
  };
  if (baselineDumps === 0) return answer;

  // Module versions seen in the window that no baseline dump had (module ids are shared per version, see 0003).
  const fresh = db
    .prepare(
      `SELECT v.name, nullif(v.version, '') AS version, nullif(v.timestamp, 0) AS timestamp, MIN(c.crash_time_ms) AS first
       FROM crash_modules m JOIN (${machineCrashes}) c ON c.id = m.crash_id JOIN modules v ON v.id = m.module_id
       WHERE c.crash_time_ms BETWEEN @start AND @end
         AND NOT EXISTS (
           SELECT 1 FROM crash_modules b JOIN (${machineCrashes}) bc ON bc.id = b.crash_id JOIN modules bv ON bv.id = b.module_id
           WHERE bc.crash_time_ms < @start AND bv.name = v.name AND bv.version = v.version AND bv.timestamp = v.timestamp)
       GROUP BY v.name, v.version, v.timestamp ORDER BY first DESC, v.name`,
    )
    .all(p) as Triple[];
  const previous = db.prepare(
    `SELECT nullif(bv.version, '') AS version, nullif(bv.timestamp, 0) AS timestamp
     FROM modules bv JOIN crash_modules b ON b.module_id = bv.id JOIN (${machineCrashes}) bc ON bc.id = b.crash_id
     WHERE bc.crash_time_ms < @start AND bv.name = @name ORDER BY bc.crash_time_ms DESC LIMIT 1`,
  );
  answer.changes = fresh.map((t) => {
    const prev = previous.get({ ...p, name: t.name }) as { version: string | null; timestamp: number | null } | undefined;
    return {
      module: t.name, change: prev ? 'updated' : 'new', version: t.version, timestamp: t.timestamp,
      previousVersion: prev?.version ?? null, previousTimestamp: prev?.timestamp ?? null, firstSeen: new Date(t.first).toISOString(),
    };
  });
  return answer;
}
