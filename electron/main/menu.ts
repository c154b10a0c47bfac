/**
 * The native menu as a plain template (Electron's MenuItemConstructorOptions
 * shape), built from actions so it is tested without Electron: File ▸ Open
 * Dump…, Recent, Add Dump Folder…; View (pages, zoom, dev tools); Help ▸ About.
 */
import type { AppView } from '../../shared/api';

export interface MenuActions {
  openDump(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  addDumpFolder(): void;
  show(view: AppView): void;
  quit(): void;
}

/** The subset of Electron's MenuItemConstructorOptions the template uses. */
export interface MenuItemTemplate {
  label?: string;
  role?: string;
  type?: 'separator' | 'submenu' | 'normal';
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

const basename = (p: string) => p.split(/[\\/]/).pop() ?? p;

export function buildMenuTemplate(actions: MenuActions, recent: readonly string[], platform: string): MenuItemTemplate[] {
  const recentItems: MenuItemTemplate[] =
    recent.length === 0
      ? [{ label: 'No recent dumps', enabled: false }]
      : [
          ...recent.map((p, i) => ({ label: `${i < 9 ? `&${i + 1} ` : ''}${basename(p)} — ${p}`, click: () => actions.openRecent(p) })),
          { type: 'separator' as const },
          { label: 'Clear Recent', click: actions.clearRecent },
        ];
  const template: MenuItemTemplate[] = [
    {
      label: '&File',
      submenu: [
        { label: '&Open Dump…', accelerator: 'CmdOrCtrl+O', click: actions.openDump },
        { label: 'Open &Recent', submenu: recentItems },
        { type: 'separator' },
        { label: '&Add Dump Folder…', click: actions.addDumpFolder },
        { type: 'separator' },
        { label: platform === 'darwin' ? 'Quit DumpDesk' : 'E&xit', accelerator: platform === 'darwin' ? 'Cmd+Q' : 'Alt+F4', click: actions.quit },
      ],
    },
    { label: '&Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    {
      label: '&View',
      submenu: [
        { label: 'Crash &History', accelerator: 'CmdOrCtrl+1', click: () => actions.show('history') },
        { label: 'Crash &Settings', accelerator: 'CmdOrCtrl+2', click: () => actions.show('settings') },
        { label: 'Driver &Verifier', accelerator: 'CmdOrCtrl+3', click: () => actions.show('verifier') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { role: 'toggleDevTools' },
      ],
    },
    { label: '&Help', submenu: [{ label: '&About DumpDesk', click: () => actions.show('about') }] },
  ];
  return template;
}
