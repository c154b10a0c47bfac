/**
 * Everything `dumpdesk serve` (and `npm start` without Electron) runs: the
 * engine worker, the crash history with its watcher, the services, and the
 * web host in front of them. One call to start, one to stop.
 */
import { machineFacts } from '../services/machineFacts';
import { sampleDumps, samplesDir } from '../services/samples';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ApiEventSink } from '../../shared/api';
import { launchEngineThread } from '../engine/launchWorkerThread';
import { createServices } from '../main/backend/createServices';
import { engineSummarizer, startHistoryBackend, type HistoryBackend } from '../main/backend/historyBackend';
import { defaultSymbolsOptions } from '../main/backend/symbolsService';
import { backupsDir } from '../services/paths';
import { openRegistryBackend } from '../services/registry/openRegistry';
import { machineDumpSources } from '../main/backend/machineSources';
import { readPackageInfo } from '../main/packageInfo';
import { defaultHistoryDb } from '../services/history/defaultDbPath';
import { startWebHost, type WebHost } from './webHost';

export interface ServeOptions {
  port: number;
  /** Dump folders to watch and to allow as file arguments. */
  dirs: string[];
  /** History database; default: history.sqlite in the user-data folder. */
  db?: string;
  allowSettings: boolean;
  /** Built renderer; default: dist/renderer of this install. */
  staticDir?: string;
  onError?: (e: Error) => void;
}

export interface ServeApp {
  host: WebHost;
  /** Resolves when the first scan of the dump folders is over. */
  historyReady: Promise<void>;
  close(): Promise<void>;
}

/** dist/renderer of the repository or the installed app, if built. */
export function defaultRendererDir(): string | undefined {
  const root = readPackageInfo().root;
  const dir = join(root, 'dist', 'renderer');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

export async function startServe(o: ServeOptions): Promise<ServeApp> {
  const dirs = o.dirs.map((d) => resolve(d));
  const engine = launchEngineThread();
  // Services need the event sink before the host that delivers events exists.
  let deliver: ApiEventSink = () => {};
  const emit: ApiEventSink = (name, payload) => deliver(name, payload);
  engine.client.onProgress((p) => emit('sessionProgress', p));

  const dbFile = o.db ? resolve(o.db) : defaultHistoryDb();
  let history: HistoryBackend | { unavailable: string };
  try {
    history = startHistoryBackend({
      dbFile,
      folders: dirs,
      discover: machineDumpSources(() => openRegistryBackend({})),
      summarizer: engineSummarizer(engine.client),
      emit,
      onError: o.onError,
    });
  } catch (e) {
    history = { unavailable: `the history database ${dbFile} could not be opened (${(e as Error).message})` };
  }
  const pkg = readPackageInfo();
  const services = createServices({
    engine: engine.client,
    history,
    emit,
    symbols: defaultSymbolsOptions(),
    settings: {
      // On Windows the live registry; elsewhere the .reg file that stands in for it (user data).
      openBackend: () => openRegistryBackend({}),
      backupDir: backupsDir(),
      writable: o.allowSettings,
      readOnlyReason: o.allowSettings ? null : 'the web host was started without --allow-settings: settings can be read and previewed, not changed',
      machine: () => machineFacts(),
    },
    app: {
      name: pkg.name,
      version: pkg.version,
      host: 'web',
      platform: process.platform,
      versions: { node: process.versions.node, electron: null, chrome: null },
      settingsAllowed: o.allowSettings,
      servedFolders: dirs,
      samples: sampleDumps(),
    },
  });
  // File arguments may name the --dir folders and every folder the history already watches (the
  // user's own choices and this machine's dump folders), and the shipped samples; nothing else.
  const store = 'unavailable' in history ? undefined : history.store;
  const allowed = () => [...dirs, samplesDir(), ...(store?.listSources().map((s) => s.path) ?? [])];
  let host: WebHost;
  try {
    host = await startWebHost({ services, port: o.port, staticDir: o.staticDir ?? defaultRendererDir(), servedFolders: allowed, allowSettings: o.allowSettings });
  } catch (e) {
    if (!('unavailable' in history)) await history.close();
    await engine.terminate();
    throw e;
  }
  deliver = host.emit;
  return {
    host,
    historyReady: 'unavailable' in history ? Promise.resolve() : history.ready,
    async close() {
      await host.close();
      if (!('unavailable' in history)) await history.close();
      await engine.terminate();
    },
  };
}
