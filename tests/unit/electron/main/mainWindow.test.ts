/**
 * The window factory with `electron` mocked: the BrowserWindow options carry
 * every security flag, the session gets the CSP and refuses permissions, and
 * navigation, window.open and <webview> are blocked.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;

const h = vi.hoisted(() => {
  const created: { options: Record<string, unknown>; win: Record<string, unknown> }[] = [];
  const contentsHandlers = new Map<string, Handler>();
  const session = {
    headersListener: undefined as Handler | undefined,
    permissionHandler: undefined as Handler | undefined,
    permissionCheck: undefined as Handler | undefined,
    webRequest: { onHeadersReceived: (l: Handler) => void (session.headersListener = l) },
    setPermissionRequestHandler: (l: Handler) => void (session.permissionHandler = l),
    setPermissionCheckHandler: (l: Handler) => void (session.permissionCheck = l),
  };
  const openHandler: { fn?: Handler } = {};
  const openExternal = vi.fn(async () => {});
  class FakeBrowserWindow {
    webContents = {
      session,
      setWindowOpenHandler: (fn: Handler) => void (openHandler.fn = fn),
      on: (event: string, fn: Handler) => void contentsHandlers.set(event, fn),
    };
    loadURL = vi.fn(async () => {});
    maximize = vi.fn();
    once = vi.fn();
    on = vi.fn();
    constructor(options: Record<string, unknown>) {
      created.push({ options, win: this as unknown as Record<string, unknown> });
    }
  }
  return { created, contentsHandlers, session, openHandler, openExternal, FakeBrowserWindow };
});

vi.mock('electron', () => ({ BrowserWindow: h.FakeBrowserWindow, shell: { openExternal: h.openExternal } }));

const { createMainWindow, mainWindowOptions } = await import('../../../../electron/main/mainWindow');
const { CONTENT_SECURITY_POLICY } = await import('../../../../electron/main/contentSecurityPolicy');

const RENDERER = 'file:///opt/DumpDesk/dist/renderer/index.html';

describe('createMainWindow', () => {
  beforeEach(() => {
    h.created.length = 0;
    h.contentsHandlers.clear();
    h.openExternal.mockClear();
  });

  it('creates the window with an isolated, sandboxed renderer without Node', () => {
    createMainWindow({ preloadPath: '/opt/DumpDesk/dist/electron/preload.cjs', rendererUrl: RENDERER, state: { width: 1000, height: 700, maximized: false } });
    const { options, win } = h.created[0]!;
    expect(options.webPreferences).toEqual({
      preload: '/opt/DumpDesk/dist/electron/preload.cjs',
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
    });
    expect(options).toMatchObject({ width: 1000, height: 700, show: false });
    expect((win.loadURL as ReturnType<typeof vi.fn>).mock.calls).toEqual([[RENDERER]]);
  });

  it('sets the strict CSP on every response and refuses all permissions', () => {
    createMainWindow({ preloadPath: '/p.cjs', rendererUrl: RENDERER, state: { width: 800, height: 600, maximized: false } });
    let answer: unknown;
    h.session.headersListener!({ responseHeaders: { 'X-Other': ['1'] } }, (r: unknown) => (answer = r));
    expect(answer).toEqual({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    const granted: boolean[] = [];
    h.session.permissionHandler!({}, 'media', (ok: boolean) => granted.push(ok));
    expect(granted).toEqual([false]);
    expect(h.session.permissionCheck!()).toBe(false);
  });

  it('denies window.open (web links go to the browser) and blocks navigation and webviews', () => {
    createMainWindow({ preloadPath: '/p.cjs', rendererUrl: RENDERER, state: { width: 800, height: 600, maximized: false } });
    expect(h.openHandler.fn!({ url: 'https://learn.microsoft.com/x' })).toEqual({ action: 'deny' });
    expect(h.openHandler.fn!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(h.openExternal.mock.calls).toEqual([['https://learn.microsoft.com/x']]);
    for (const url of ['https://evil.example/', 'file:///tmp/trap.html', 'file:///opt/DumpDesk/dist/renderer/other.html']) {
      const event = { preventDefault: vi.fn() };
      h.contentsHandlers.get('will-navigate')!(event, url);
      expect(event.preventDefault).toHaveBeenCalledOnce();
    }
    const reload = { preventDefault: vi.fn() };
    h.contentsHandlers.get('will-navigate')!(reload, RENDERER);
    expect(reload.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    h.contentsHandlers.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalledOnce();
  });

  it('places the window where it was, or lets the OS choose', () => {
    expect(mainWindowOptions({ preloadPath: '/p', state: { x: 10, y: 20, width: 900, height: 650, maximized: false } })).toMatchObject({ x: 10, y: 20, width: 900, height: 650 });
    expect(mainWindowOptions({ preloadPath: '/p', state: { width: 900, height: 650, maximized: true } })).not.toHaveProperty('x');
  });
});

describe('the renderer\'s own CSP meta tag', () => {
  it('matches the header policy (a meta tag cannot carry frame-ancestors)', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { repoRoot } = await import('../../../helpers/corpus');
    const html = readFileSync(join(repoRoot, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    const directives = (p: string) => new Set(p.split(';').map((d) => d.trim().replace(/\s+/g, ' ')).filter((d) => d && !d.startsWith('frame-ancestors')));
    expect(meta).toBeDefined();
    expect(directives(meta!)).toEqual(directives(CONTENT_SECURITY_POLICY));
  });
});
