/** The plain modules behind the Electron shell: window state, argv, recent files, the menu template. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { dumpPathsFromArgv } from '../../../../electron/main/argv';
import { buildMenuTemplate, type MenuItemTemplate } from '../../../../electron/main/menu';
import { MAX_RECENT, RecentFiles } from '../../../../electron/main/recentFiles';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../../../electron/main/windowState';

const dir = mkdtempSync(join(tmpdir(), 'dd-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

describe('window state', () => {
  it('round-trips through the JSON file', () => {
    const file = join(dir, 'state', 'window-state.json');
    saveWindowState(file, { x: 100, y: 80, width: 1400, height: 900, maximized: true });
    expect(loadWindowState(file, screen)).toEqual({ x: 100, y: 80, width: 1400, height: 900, maximized: true });
  });

  it('falls back to defaults for a missing or corrupt file, and keeps a minimum size', () => {
    expect(loadWindowState(join(dir, 'none.json'), screen)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(join(dir, 'bad.json'), '{"width": "wide"');
    expect(loadWindowState(join(dir, 'bad.json'), screen)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(join(dir, 'tiny.json'), '{"width": 10, "height": 10}');
    expect(loadWindowState(join(dir, 'tiny.json'), screen)).toEqual({ width: 640, height: 480, maximized: false });
  });

  it('drops a position that is on no screen any more (unplugged monitor)', () => {
    const file = join(dir, 'off.json');
    saveWindowState(file, { x: 3000, y: 100, width: 1200, height: 800, maximized: false });
    expect(loadWindowState(file, screen)).toEqual({ width: 1200, height: 800, maximized: false });
    expect(loadWindowState(file, [...screen, { x: 1920, y: 0, width: 2560, height: 1400 }])).toMatchObject({ x: 3000, y: 100 });
  });
});

describe('dumpPathsFromArgv', () => {
  it('takes .dmp/.mdmp/.hdmp arguments, resolved against the working directory', () => {
    expect(dumpPathsFromArgv(['C:\\Program Files\\DumpDesk\\DumpDesk.exe', '--allow-file-access', 'crash.DMP', '/var/dumps/a.mdmp', 'notes.txt'], '/home/me')).toEqual([
      '/home/me/crash.DMP',
      '/var/dumps/a.mdmp',
    ]);
    expect(dumpPathsFromArgv(['/usr/bin/dumpdesk-app', '.'], '/x')).toEqual([]);
  });
});

describe('RecentFiles', () => {
  it('keeps the newest first, without duplicates, at most MAX_RECENT, across restarts', () => {
    const file = join(dir, 'recent.json');
    const r = new RecentFiles(file);
    for (let i = 0; i < 12; i++) r.add(`/d/${i}.dmp`);
    r.add('/d/5.dmp');
    expect(r.list()).toHaveLength(MAX_RECENT);
    expect(r.list().slice(0, 3)).toEqual(['/d/5.dmp', '/d/11.dmp', '/d/10.dmp']);
    expect(new RecentFiles(file).list()).toEqual(r.list());
    r.clear();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([]);
  });
});

describe('buildMenuTemplate', () => {
  const actions = { openDump: vi.fn(), openRecent: vi.fn(), clearRecent: vi.fn(), addDumpFolder: vi.fn(), show: vi.fn(), quit: vi.fn() };
  const find = (items: MenuItemTemplate[], label: string): MenuItemTemplate | undefined => {
    for (const i of items) {
      if (i.label?.replace(/&/g, '') === label) return i;
      const inner = i.submenu && find(i.submenu, label);
      if (inner) return inner;
    }
    return undefined;
  };

  it('has File ▸ Open Dump…, Recent, Add Dump Folder…; View pages; Help ▸ About', () => {
    const t = buildMenuTemplate(actions, ['/d/a.dmp'], 'win32');
    expect(t.map((m) => m.label?.replace(/&/g, ''))).toEqual(['File', 'Edit', 'View', 'Help']);
    find(t, 'Open Dump…')!.click!();
    find(t, 'Add Dump Folder…')!.click!();
    find(t, '1 a.dmp — /d/a.dmp')!.click!();
    find(t, 'Driver Verifier')!.click!();
    find(t, 'About DumpDesk')!.click!();
    expect(actions.openDump).toHaveBeenCalledOnce();
    expect(actions.addDumpFolder).toHaveBeenCalledOnce();
    expect(actions.openRecent).toHaveBeenCalledWith('/d/a.dmp');
    expect(actions.show.mock.calls).toEqual([['verifier'], ['about']]);
    expect(find(t, 'Open Dump…')!.accelerator).toBe('CmdOrCtrl+O');
  });

  it('says so when there are no recent dumps', () => {
    expect(find(buildMenuTemplate(actions, [], 'linux'), 'No recent dumps')).toMatchObject({ enabled: false });
  });
});
