// The host bench/ui.bench.ts talks to: the real web host (HTTP, token,
// contract dispatcher) in front of an in-memory history of generated rows.
// Filtering here is a plain scan, so its time is printed apart from the
// page's; the SQLite store's own query times are in bench/history.bench.ts.
import { performance } from 'node:perf_hooks';
import { api, type ApiServices, type BucketSummary, type CrashRow, type HistoryQuery, type TimelinePoint } from '../../shared/api';
import { unavailableService } from '../../electron/main/backend/unavailable';
import { startWebHost, type WebHost } from '../../electron/web/webHost';

const CODES = [
  ['0xd1', 'DRIVER_IRQL_NOT_LESS_OR_EQUAL'], ['0x50', 'PAGE_FAULT_IN_NONPAGED_AREA'], ['0x3b', 'SYSTEM_SERVICE_EXCEPTION'],
  ['0x7e', 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED'], ['0x133', 'DPC_WATCHDOG_VIOLATION'], ['0xc0000005', 'EXCEPTION_ACCESS_VIOLATION'],
] as const;

/** `count` rows, newest first, spread over 400 days, 240 buckets (culprit × code). */
export function generateRows(count: number): CrashRow[] {
  const rows: CrashRow[] = [];
  const start = Date.UTC(2026, 10, 1);
  for (let i = 0; i < count; i++) {
    const [code, codeName] = CODES[i % CODES.length]!;
    const culprit = `drv${(i * 7) % 40}.sys`;
    rows.push({
      id: String(i + 1), path: `C:\\Windows\\Minidump\\${String(110000 + i)}-01.dmp`, fileName: `${String(110000 + i)}-01.dmp`,
      fileSize: 262_144 + (i % 5000), missing: false, state: 'ok', error: null, kind: 'kernel-small',
      crashTime: new Date(start - Math.floor((i * 400 * 86_400_000) / count)).toISOString(), codeType: 'bugcheck', code, codeName,
      parameters: ['0x0', '0x2', '0x0', `0xfffff807${(0x10000000 + i).toString(16)}`], culprit, culpritVersion: `1.0.${i % 30}.0`,
      culpritCompany: 'Example Corp', crashAddress: `0xfffff807${(0x10000000 + i).toString(16)}`, processor: 'x64', osBuild: 19045,
      osVersion: '10.0.19045', machineName: 'BENCH-PC', processName: 'System', uptimeSeconds: 3600, bucket: `${code}_${culprit}`,
      source: 'C:\\Windows\\Minidump', wer: null,
    });
  }
  return rows;
}

function bucketsOf(rows: readonly CrashRow[]): BucketSummary[] {
  const m = new Map<string, BucketSummary>();
  for (const r of rows) {
    const b = m.get(r.bucket!) ?? { bucket: r.bucket!, count: 0, firstSeen: r.crashTime, lastSeen: r.crashTime, culprit: r.culprit, code: r.code, codeName: r.codeName };
    b.count++;
    b.firstSeen = r.crashTime; // rows are newest first
    m.set(r.bucket!, b);
  }
  return [...m.values()];
}

function timelineOf(rows: readonly CrashRow[]): TimelinePoint[] {
  const m = new Map<string, TimelinePoint>();
  for (const r of rows) {
    const period = r.crashTime!.slice(0, 10);
    const k = `${period}|${r.bucket}`;
    const p = m.get(k) ?? { period, key: r.bucket!, count: 0 };
    p.count++;
    m.set(k, p);
  }
  return [...m.values()];
}

export interface BenchHost {
  host: WebHost;
  /** Server-side time of each history.list call, ms. */
  listTimes: number[];
  close(): Promise<void>;
}

export async function startBenchHost(rows: CrashRow[], staticDir: string): Promise<BenchHost> {
  // One lowercase haystack per row, built once, as the store's text index would be.
  const hay = rows.map((r) => `${r.path} ${r.processName} ${r.culprit} ${r.bucket} ${r.codeName}`.toLowerCase());
  const buckets = bucketsOf(rows);
  const timeline = timelineOf(rows);
  const listTimes: number[] = [];
  const list = (q: HistoryQuery & { offset: number; limit: number }) => {
    const t0 = performance.now();
    const text = q.text?.toLowerCase();
    const hit: CrashRow[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (q.bucket && rows[i]!.bucket !== q.bucket) continue;
      if (text && !hay[i]!.includes(text)) continue;
      hit.push(rows[i]!);
    }
    const page = { rows: hit.slice(q.offset, q.offset + q.limit), total: hit.length };
    listTimes.push(performance.now() - t0);
    return page;
  };
  const none = (service: keyof typeof api) => unavailableService(service, api[service], 'not part of the UI benchmark');
  const services = {
    app: { info: () => ({ name: 'dumpdesk', version: 'bench', host: 'web' as const, platform: process.platform, versions: { node: process.versions.node, electron: null, chrome: null }, settingsAllowed: false, servedFolders: [] }) },
    dump: none('dump'),
    history: { ...none('history'), list, buckets: () => buckets, timeline: () => timeline },
    sources: { ...none('sources'), list: () => [{ id: '1', path: 'C:\\Windows\\Minidump', origin: 'default' as const, label: 'Kernel minidumps', reachable: true, reason: null, dumpCount: rows.length, lastScan: null }] },
    settings: none('settings'),
    verifier: none('verifier'),
    symbols: none('symbols'),
  } as unknown as ApiServices;
  const host = await startWebHost({ services, port: 0, staticDir, servedFolders: [], allowSettings: false });
  return { host, listTimes, close: () => host.close() };
}
