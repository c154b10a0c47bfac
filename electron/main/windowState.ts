/**
 * The main window's size, position and maximised state, remembered between
 * runs in a small JSON file in the user-data folder. A saved position that
 * is no longer on any screen (a monitor was unplugged) is dropped, so the
 * window never opens out of sight.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
const MIN_WIDTH = 640;
const MIN_HEIGHT = 480;

function visibleOn(state: WindowState, workAreas: readonly Rect[]): boolean {
  if (state.x === undefined || state.y === undefined) return true;
  const { x, y } = state;
  // At least a 100×50 strip of the title bar must be on some screen.
  return workAreas.some((a) => x + state.width > a.x + 100 && x < a.x + a.width - 100 && y >= a.y - 10 && y < a.y + a.height - 50);
}

/** Reads the saved state; anything missing, corrupt or off-screen falls back to defaults. */
export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  const r = raw as Partial<Record<keyof WindowState, unknown>>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : undefined);
  const width = num(r.width);
  const height = num(r.height);
  if (width === undefined || height === undefined) return { ...DEFAULT_WINDOW_STATE };
  const state: WindowState = { width: Math.max(MIN_WIDTH, width), height: Math.max(MIN_HEIGHT, height), maximized: r.maximized === true };
  const x = num(r.x);
  const y = num(r.y);
  if (x !== undefined && y !== undefined) Object.assign(state, { x, y });
  if (!visibleOn(state, workAreas)) {
    delete state.x;
    delete state.y;
  }
  return state;
}

/** Writes atomically (temp file + rename) so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2));
  renameSync(tmp, file);
}
