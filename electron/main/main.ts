/**
 * The desktop app's entry point (bundled to dist/electron/main.cjs): one
 * instance, one main window, the engine in a utility process, the services
 * bound to IPC, native menus, dumps from the command line / file association
 * / second instance, and a notification when a new crash is indexed.
 * Logic lives in the plain modules next to this file; this one wires Electron.
 */
import { machineFacts } from '../services/machineFacts';
import { sampleDumps } from '../services/samples';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, screen, shell, utilityProcess } from 'electron';
import type { ApiEventSink, AppView, CrashRow, OpenRequest } from '../../shared/api';
import { launchEngineProcess } from '../engine/launchUtilityProcess';
import { backupsDir, userDataDir } from '../services/paths';
import { openRegistryBackend } from '../services/registry/openRegistry';
import { unpackedVbsDir } from '../services/registry/regeditApi';
import { defaultHistoryDb } from '../services/history/defaultDbPath';
import { dumpPathsFromArgv } from './argv';
import { createServices } from './backend/createServices';
import { engineSummarizer, startHistoryBackend, type HistoryBackend } from './backend/historyBackend';
import { machineDumpSources } from './backend/machineSources';
import { defaultSymbolsOptions } from './backend/symbolsService';
import { bindIpc } from './bindIpc';
import { createIpcEventSink } from './eventSink';
import { createMainWindow } from './mainWindow';
import { buildMenuTemplate } from './menu';
import { readPackageInfo } from './packageInfo';
import { RecentFiles } from './recentFiles';
import { isTrustedFrameUrl } from './trustedSender';
import { loadWindowState, saveWindowState } from './windowState';

// One folder for everything DumpDesk keeps (shared with the CLI): history, window state, backups.
app.setPath('userData', userDataDir());
const here = __dirname;
const rendererUrl = process.env.DUMPDESK_RENDERER_URL ?? pathToFileURL(join(here, '..', 'renderer', 'index.html')).href;
const stateFile = join(app.getPath('userData'), 'window-state.json');
const recent = new RecentFiles(join(app.getPath('userData'), 'recent-dumps.json'));

let mainWindow: BrowserWindow | undefined;
/** Dumps asked for before the renderer was ready to hear about them. */
const pendingOpens: OpenRequest[] = [];
let rendererReady = false;

const emit: ApiEventSink = createIpcEventSink(() => BrowserWindow.getAllWindows().map((w) => w.webContents));

function requestOpen(path: string, reason: OpenRequest['reason']): void {
  recent.add(path);
  refreshMenu();
  if (rendererReady) emit('openRequested', { path, reason });
  else pendingOpens.push({ path, reason });
  mainWindow?.show();
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
}

function show(view: AppView): void {
  mainWindow?.show();
  emit('navigate', { view });
}

async function chooseDump(): Promise<void> {
  const r = await dialog.showOpenDialog(mainWindow!, {
    title: 'Open Dump',
    properties: ['openFile'],
    filters: [{ name: 'Crash dumps', extensions: ['dmp', 'mdmp', 'hdmp'] }, { name: 'All files', extensions: ['*'] }],
  });
  const path = r.filePaths[0];
  if (!r.canceled && path) requestOpen(path, 'menu');
}

let history: HistoryBackend | { unavailable: string } = { unavailable: 'starting' };

async function chooseFolder(): Promise<void> {
  const r = await dialog.showOpenDialog(mainWindow!, { title: 'Add Dump Folder', properties: ['openDirectory'] });
  const path = r.filePaths[0];
  if (r.canceled || !path || 'unavailable' in history) return;
  history.store.ensureSource(path, 'user');
  await history.folderAdded(path);
  emit('navigate', { view: 'history' });
}

function refreshMenu(): void {
  const template = buildMenuTemplate(
    {
      openDump: () => void chooseDump(),
      openRecent: (p) => requestOpen(p, 'menu'),
      clearRecent: () => (recent.clear(), refreshMenu()),
      addDumpFolder: () => void chooseFolder(),
      show,
      quit: () => app.quit(),
    },
    recent.list(),
    process.platform,
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as Electron.MenuItemConstructorOptions[]));
}

function notifyCrash(row: CrashRow): void {
  if (!Notification.isSupported() || mainWindow?.isFocused()) return;
  const n = new Notification({ title: 'New crash recorded', body: `${row.fileName}: ${row.codeName ?? row.code ?? 'unknown'}${row.culprit ? ` in ${row.culprit}` : ''}` });
  n.on('click', () => show('history'));
  n.show();
}

async function start(): Promise<void> {
  const pkg = readPackageInfo(here);
  const engine = launchEngineProcess(utilityProcess, join(here, 'engineWorker.cjs'));
  const notifyingEmit: ApiEventSink = (name, payload) => {
    emit(name, payload);
    if (name === 'crashIndexed') notifyCrash(payload as CrashRow);
  };
  engine.client.onProgress((p) => emit('sessionProgress', p));
  try {
    history = startHistoryBackend({
      dbFile: defaultHistoryDb(),
      folders: [],
      discover: machineDumpSources(() => openRegistryBackend({})),
      summarizer: engineSummarizer(engine.client),
      emit: notifyingEmit,
    });
  } catch (e) {
    history = { unavailable: `the history database could not be opened (${(e as Error).message})` };
  }
  const services = createServices({
    engine: engine.client,
    history,
    emit: notifyingEmit,
    // Deleting a dump: the user confirms in a native dialog, and the file goes to the recycle bin, never away for good.
    trash: {
      confirm: async (message) => (await dialog.showMessageBox(mainWindow!, { type: 'question', message, buttons: ['Move to Recycle Bin', 'Cancel'], defaultId: 1, cancelId: 1 })).response === 0,
      trash: (path) => shell.trashItem(path),
    },
    symbols: defaultSymbolsOptions(),
    settings: {
      // Packaged: regedit's scripts are unpacked from the asar (build/electron-builder.config.cjs asarUnpack).
      openBackend: () => openRegistryBackend(app.isPackaged ? { vbsDir: unpackedVbsDir(join(here, '..', '..', 'node_modules', 'regedit', 'vbs')) } : {}),
      backupDir: backupsDir(),
      writable: true,
      readOnlyReason: null,
      machine: () => machineFacts(),
    },
    app: {
      name: pkg.name,
      version: app.getVersion(),
      host: 'electron',
      platform: process.platform,
      versions: { node: process.versions.node, electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
      settingsAllowed: true,
      servedFolders: null,
      samples: sampleDumps(),
    },
  });
  bindIpc(ipcMain, services, { isTrustedSender: (url) => isTrustedFrameUrl(url, rendererUrl) });

  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  mainWindow = createMainWindow({
    preloadPath: join(here, 'preload.cjs'),
    rendererUrl,
    state: loadWindowState(stateFile, workAreas),
    iconPath: join(here, '..', '..', 'resources', 'icons', 'dumpdesk.png'),
    onStateChange: (s) => saveWindowState(stateFile, s),
  });
  mainWindow.webContents.on('did-finish-load', () => {
    rendererReady = true;
    for (const r of pendingOpens.splice(0)) emit('openRequested', r);
  });
  mainWindow.on('closed', () => (mainWindow = undefined));
  refreshMenu();
  for (const p of dumpPathsFromArgv(process.argv.slice(1), process.cwd())) requestOpen(p, 'argv');

  app.on('before-quit', () => {
    engine.terminate();
    if (!('unavailable' in history)) void history.close();
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another DumpDesk runs: it receives our argv through 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, cwd) => {
    for (const p of dumpPathsFromArgv(argv.slice(1), cwd)) requestOpen(p, 'second-instance');
    mainWindow?.show();
  });
  // macOS file association: a dump double-clicked in Finder.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    requestOpen(path, 'file-association');
  });
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (e: unknown) => {
    dialog.showErrorBox('DumpDesk could not start', String(e));
    app.exit(1);
  });
}
