/**
 * Virtual Memory: the page files Windows creates at boot.
 * HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Memory Management,
 * value PagingFiles (reference §1.2). Takes effect after a restart.
 */
import type { RegChange, RegEntry } from '../registry/types';
import { checkChanges } from './checkChanges';
import type { KeySpec } from './keySpec';
import type { SettingProblem } from './problem';
import { decodeFields, encodeFields, getValue, valuesOfKey, type FieldMap } from './registryValues';
import { dwordSwitch, multiString, type AnyValueDef } from './valueDef';

export const MEMORY_MANAGEMENT_KEY = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Memory Management';

/** Windows creates at most 16 page files. */
export const MAX_PAGING_FILES = 16;
/** Largest page file on x64: 16 TB. */
export const MAX_PAGING_FILE_MB = 16 * 1024 * 1024;

/**
 * One PagingFiles line: `C:\pagefile.sys 1024 4096`. Without `sizes`, or with
 * 0 0, Windows manages the size; a path starting with `?:` lets Windows pick
 * the drive too ("automatically manage paging file size for all drives").
 */
export interface PagingFile {
  path: string;
  sizes?: { initialMB: number; maximumMB: number };
}

export interface PagefileModel {
  /** Absent: no PagingFiles value (Windows then runs without a page file). Empty list: no page file. */
  pagingFiles?: PagingFile[];
  clearPageFileAtShutdown?: boolean;
}

/** True when Windows chooses the size (no numbers, or `0 0`). */
export function isSystemManaged(pf: PagingFile): boolean {
  return !pf.sizes || (pf.sizes.initialMB === 0 && pf.sizes.maximumMB === 0);
}

/** True for `?:\pagefile.sys`: Windows picks the drive and the size. */
export function isAutomaticForAllDrives(pf: PagingFile): boolean {
  return pf.path.startsWith('?:');
}

/** The drive letter (upper case) a page file lives on, or '?' when Windows picks. */
export function pagingFileDrive(pf: PagingFile): string {
  return pf.path[0]!.toUpperCase();
}

/** Reads one PagingFiles line; the path may contain spaces, the two sizes end the line. */
export function parsePagingFileLine(line: string): PagingFile {
  const m = /^(.*?)\s+(\d+)\s+(\d+)\s*$/.exec(line.trim());
  if (!m) return { path: line.trim() };
  return { path: m[1]!, sizes: { initialMB: Number(m[2]), maximumMB: Number(m[3]) } };
}

export function formatPagingFileLine(pf: PagingFile): string {
  return pf.sizes ? `${pf.path} ${pf.sizes.initialMB} ${pf.sizes.maximumMB}` : pf.path;
}

/** Why one PagingFiles line is wrong, or undefined. */
export function pagingFileLineProblem(line: string): string | undefined {
  const pf = parsePagingFileLine(line);
  if (/\s\d+\s*$/.test(line.trim()) && !pf.sizes) return 'must give both sizes (initial and maximum, in MB) or neither';
  if (!/^([A-Za-z]|\?):\\/.test(pf.path)) {
    if (/^\\\\/.test(pf.path)) return 'is on a network share; page files must be on a local drive';
    if (/%/.test(pf.path)) return 'uses an environment variable; Windows does not expand PagingFiles';
    return 'is not a full path on a drive (write C:\\pagefile.sys, or ?:\\pagefile.sys to let Windows choose)';
  }
  if (/[<>"|?*]/.test(pf.path.slice(2))) return 'contains a character Windows does not allow in a path';
  if (!/\.sys$/i.test(pf.path)) return 'does not end in .sys; Windows names page files pagefile.sys';
  if (pf.sizes) {
    const { initialMB, maximumMB } = pf.sizes;
    if ((initialMB === 0) !== (maximumMB === 0)) return 'uses 0 for only one size; write 0 0 for a system-managed size';
    if (initialMB > maximumMB) return `has an initial size (${initialMB} MB) larger than its maximum (${maximumMB} MB)`;
    if (maximumMB > MAX_PAGING_FILE_MB) return `has a maximum of ${maximumMB} MB; a page file can be at most 16 TB (${MAX_PAGING_FILE_MB} MB)`;
  }
  return undefined;
}

const PAGING_FILES: AnyValueDef = multiString({
  name: 'PagingFiles',
  label: 'Page files',
  help: 'One line per page file: path, initial size and maximum size in MB. "0 0" lets Windows size it; "?:\\pagefile.sys" lets Windows choose drive and size. Up to 16 page files.',
  whenAbsent: 'no page file',
  checkItem: pagingFileLineProblem,
});

const PAGEFILE_FIELDS: FieldMap<{ clearPageFileAtShutdown?: boolean }> = {
  clearPageFileAtShutdown: dwordSwitch({
    name: 'ClearPageFileAtShutdown',
    label: 'Clear the page file at shutdown',
    help: 'Overwrite the page file with zeros at every shutdown so that no data survives on disk. Makes shutdown slower.',
    on: 'zero the page file at shutdown',
    off: 'keep the page file as it is',
    whenAbsent: '0',
  }),
};

/** Whole-list checks: count and duplicate paths. */
function pagingFilesListProblems(lines: readonly string[]): string[] {
  const problems: string[] = [];
  if (lines.length > MAX_PAGING_FILES) problems.push(`lists ${lines.length} page files; Windows uses at most ${MAX_PAGING_FILES}`);
  const seen = new Set<string>();
  for (const line of lines) {
    const path = parsePagingFileLine(line).path.toLowerCase();
    if (seen.has(path)) problems.push(`lists ${parsePagingFileLine(line).path} twice`);
    seen.add(path);
  }
  return problems;
}

/** The Memory Management values DumpDesk knows. Driver Verifier adds its two (verifier.ts). */
export function memoryManagementSpec(extra: readonly AnyValueDef[] = []): KeySpec {
  return {
    key: MEMORY_MANAGEMENT_KEY,
    title: 'Virtual memory (page files)',
    values: [PAGING_FILES, ...Object.values(PAGEFILE_FIELDS), ...extra],
    crossCheck: (values) => {
      const v = getValue(values, 'PagingFiles');
      if (v?.type !== 'REG_MULTI_SZ') return [];
      return pagingFilesListProblems(v.data).map((reason) => ['PagingFiles', `PagingFiles ${reason}`]);
    },
  };
}

export function pagefileFromRegistry(entries: readonly RegEntry[]): PagefileModel {
  const values = valuesOfKey(entries, MEMORY_MANAGEMENT_KEY);
  const model: PagefileModel = decodeFields(values, PAGEFILE_FIELDS);
  const lines = getValue(values, 'PagingFiles');
  // regedit shows an empty trailing line in some exports; it is not a page file.
  if (lines?.type === 'REG_MULTI_SZ') model.pagingFiles = lines.data.filter((l) => l.trim() !== '').map(parsePagingFileLine);
  return model;
}

export function pagefileToRegistry(model: PagefileModel): RegChange[] {
  const key = MEMORY_MANAGEMENT_KEY;
  const changes = encodeFields({ clearPageFileAtShutdown: model.clearPageFileAtShutdown }, PAGEFILE_FIELDS, key);
  if (model.pagingFiles === undefined) changes.unshift({ op: 'delete-value', key, name: 'PagingFiles' });
  else changes.unshift({ op: 'set', key, name: 'PagingFiles', value: { type: 'REG_MULTI_SZ', data: model.pagingFiles.map(formatPagingFileLine) } });
  return changes;
}

export function validatePagefile(model: PagefileModel): SettingProblem[] {
  return checkChanges(pagefileToRegistry(model), [memoryManagementSpec()]);
}
