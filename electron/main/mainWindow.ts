/**
 * The main window factory and its security settings (Electron's security
 * checklist): isolated, sandboxed renderer without Node; a strict CSP on
 * every response; no navigation away from the renderer, no new windows, no
 * <webview>, no permission prompts. Links to the web open in the browser.
 */
import { BrowserWindow, shell, type BrowserWindowConstructorOptions, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';
import type { WindowState } from './windowState';

export interface MainWindowOptions {
  preloadPath: string;
  /** index.html of the built renderer (file://…) or the dev server. */
  rendererUrl: string;
  state: WindowState;
  iconPath?: string;
  onStateChange?: (state: WindowState) => void;
}

/** The BrowserWindow options; split out so a test can assert every security flag. */
export function mainWindowOptions(o: Pick<MainWindowOptions, 'preloadPath' | 'state' | 'iconPath'>): BrowserWindowConstructorOptions {
  const { x, y, width, height } = o.state;
  return {
    ...(x !== undefined && y !== undefined ? { x, y } : {}),
    width,
    height,
    minWidth: 640,
    minHeight: 480,
    title: 'DumpDesk',
    show: false,
    backgroundColor: '#1e1e1e',
    ...(o.iconPath ? { icon: o.iconPath } : {}),
    webPreferences: {
      preload: o.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/**
 * Installs the CSP header and refuses every permission request, once per session.
 * file:// pages get no response headers, so renderer/index.html carries the same
 * policy in a meta tag as well (a test keeps the two in step).
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

function openExternally(url: string): void {
  // Only web links leave the app, and only to the user's browser.
  if (/^https:\/\//i.test(url)) void shell.openExternal(url);
}

export function createMainWindow(o: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(o));
  const contents = win.webContents;
  hardenSession(contents.session);
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    // The renderer routes in-page (no navigation); anything else, even a file: URL, is refused.
    if (url !== o.rendererUrl) {
      event.preventDefault();
      openExternally(url);
    }
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());

  if (o.state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  const remember = () => {
    if (win.isDestroyed() || win.isMinimized()) return;
    const maximized = win.isMaximized();
    const b = maximized ? win.getNormalBounds() : win.getBounds();
    o.onStateChange?.({ x: b.x, y: b.y, width: b.width, height: b.height, maximized });
  };
  win.on('close', remember);
  void win.loadURL(o.rendererUrl);
  return win;
}
