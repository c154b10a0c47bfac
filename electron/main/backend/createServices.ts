/**
 * The composition root shared by the desktop app and the web host: every
 * service of the contract, bound to what exists in this build. Services
 * whose implementation has not landed answer NotAvailable (see
 * unavailable.ts) — swap in the real one here when it lands.
 */
import type { TrashDeps } from '../../services/history/trashDump';
import { api, type ApiEventSink, type ApiServices, type AppInfo } from '../../../shared/api';
import type { EngineClient } from '../../engine/engineClient';
import type { HistoryBackend } from './historyBackend';
import { appService } from './appService';
import { dumpService } from './dumpService';
import { historyService } from './historyService';
import { sourcesService } from './sourcesService';
import { unavailableService } from './unavailable';
import { verifierService } from './verifierService';
import { createVerifierService } from '../../services/verifier';
import { settingsService, type SettingsServiceOptions } from './settingsService';
import { symbolsService, type SymbolsServiceOptions } from './symbolsService';

export interface BackendOptions {
  engine: EngineClient;
  /** The crash history; absent when no database could be opened (the reason is given). */
  history: HistoryBackend | { unavailable: string };
  app: AppInfo;
  emit: ApiEventSink;
  symbols: SymbolsServiceOptions;
  settings: SettingsServiceOptions;
  /** The confirmation dialog and recycle bin (desktop app only): lets history.trash delete dumps. */
  trash?: TrashDeps;
}

export function createServices(o: BackendOptions): ApiServices {
  const backend = 'unavailable' in o.history ? undefined : o.history;
  const store = backend?.store;
  const noHistory = 'unavailable' in o.history ? o.history.unavailable : '';
  return {
    app: appService(o.app),
    dump: dumpService(o.engine),
    history: store ? historyService(store, o.trash) : unavailableService('history', api.history, noHistory),
    sources: backend
      ? sourcesService(backend.store, { folderAdded: (p) => backend.folderAdded(p), changed: (all) => o.emit('sourcesChanged', all) })
      : unavailableService('sources', api.sources, noHistory),
    settings: settingsService(o.settings),
    verifier: verifierService(createVerifierService()),
    symbols: symbolsService(o.symbols),
  };
}
