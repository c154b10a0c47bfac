/**
 * settings.*: crash-related Windows settings — read, preview a change as a
 * registry diff, apply it with a backup, undo, export/import `.reg`. The
 * models and their validation live in shared/settings; the contract carries
 * them as JSON and the settings service validates them with those models.
 */
import { z } from 'zod';
import { call, returns } from './define';
import { FilePathSchema, JsonValueSchema, type JsonValue } from './common';

export const SettingsAreaSchema = z.enum(['crashControl', 'pagefile', 'aeDebug', 'werLocalDumps', 'drWatson', 'crashOnCtrlScroll']);
export type SettingsArea = z.infer<typeof SettingsAreaSchema>;

/** A registry value at the bridge: QWORDs as "0x…" hex, binary data as hex digits. */
export type WireRegValue =
  | { type: 'REG_SZ' | 'REG_EXPAND_SZ'; data: string }
  | { type: 'REG_MULTI_SZ'; data: string[] }
  | { type: 'REG_DWORD'; data: number }
  | { type: 'REG_QWORD'; data: string }
  | { type: 'REG_BINARY'; data: string }
  | { type: 'REG_RAW'; typeId: number; data: string };

export type WireRegChange =
  | { op: 'set'; key: string; name: string; value: WireRegValue; before: WireRegValue | null }
  | { op: 'delete-value'; key: string; name: string; before: WireRegValue | null }
  | { op: 'delete-key'; key: string };

/** Whether the next crash can be written with the current dump type and page files (shared/settings/dumpSpace). */
export interface DumpSpaceCheck {
  verdict: 'ok' | 'risky' | 'too-small' | (string & {});
  /** One sentence with the numbers. */
  summary: string;
  fix: string | null;
  notes: string[];
}

export interface SettingsSnapshot {
  /** Where values come from: the live registry, a .reg file, or memory (tests, non-Windows). */
  backend: 'windows' | 'reg-file' | 'memory';
  /** False when this host may not change settings (web host without --allow-settings, not elevated…). */
  writable: boolean;
  /** Why not writable, in words. */
  readOnlyReason: string | null;
  /** Each area's model as shared/settings defines it. */
  areas: Partial<Record<SettingsArea, JsonValue>>;
  /** The page-file sizing check against this machine's RAM and boot-volume space; absent when the host cannot tell. */
  dumpSpace?: DumpSpaceCheck;
}

export interface SettingsPreview {
  /** Pass to `apply`; a preview expires when the registry changes under it. */
  previewId: string;
  changes: WireRegChange[];
  /** The same change as `.reg` text, for the diff view. */
  regText: string;
  /** Checks from the models ("pagefile too small for a kernel dump"), in words. */
  warnings: string[];
}

export interface ApplyResult {
  /** Id to pass to `undo`. */
  changeId: string;
  /** The `.reg` backup written before the change. */
  backupPath: string;
  /** Values read back after writing that differ from what was written (empty = verified). */
  mismatches: { key: string; name: string; expected: WireRegValue | null; actual: WireRegValue | null }[];
  rebootRequired: boolean;
}

export const settingsApi = {
  read: call({
    summary: 'Current values of every settings area.',
    args: z.tuple([]),
    result: returns<SettingsSnapshot>(),
    effect: 'read',
  }),
  preview: call({
    summary: 'Validate a changed model and show the registry diff it would make.',
    args: z.tuple([SettingsAreaSchema, JsonValueSchema]),
    result: returns<SettingsPreview>(),
    effect: 'read',
  }),
  apply: call({
    summary: 'Back up, write and read back a previewed change.',
    args: z.tuple([z.string().min(1).max(128)]),
    result: returns<ApplyResult>(),
    effect: 'system',
  }),
  undo: call({
    summary: 'Restore the values an applied change replaced.',
    args: z.tuple([z.string().min(1).max(128)]),
    result: returns<ApplyResult>(),
    effect: 'system',
  }),
  exportReg: call({
    summary: 'Write every crash setting to a `.reg` file.',
    args: z.tuple([FilePathSchema]),
    result: returns<{ path: string }>(),
    effect: 'local',
    paths: ([path]) => [path],
  }),
  importReg: call({
    summary: 'Read a `.reg` file and preview what applying it would change.',
    args: z.tuple([FilePathSchema]),
    result: returns<SettingsPreview>(),
    effect: 'read',
    paths: ([path]) => [path],
  }),
};
