/** Root keys a .reg file may name. regedit accepts only the long names. */
import { RegFileError } from './regFileError';

export const HIVES = [
  'HKEY_LOCAL_MACHINE',
  'HKEY_CURRENT_USER',
  'HKEY_CLASSES_ROOT',
  'HKEY_USERS',
  'HKEY_CURRENT_CONFIG',
  'HKEY_DYN_DATA', // Windows 9x, still legal in REGEDIT4 files
] as const;

/** The short hive names people and tools write ("HKLM\…"), with their long forms. */
export const HIVE_SHORT_NAMES: Readonly<Record<string, string>> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKU: 'HKEY_USERS',
  HKCC: 'HKEY_CURRENT_CONFIG',
};

/** Throws when `path` does not start with a known hive or has an empty part (`a\\b`). */
export function checkKeyPath(path: string, line?: number): void {
  const parts = path.split('\\');
  const hive = parts[0]!.toUpperCase();
  if (!(HIVES as readonly string[]).includes(hive)) {
    const long = HIVE_SHORT_NAMES[hive];
    const hint = long ? `; .reg files need the long name ${long}` : `; expected one of ${HIVES.join(', ')}`;
    throw new RegFileError('BadValue', `unknown hive '${parts[0]}' in key [${path}]${hint}`, line);
  }
  if (parts.some((p) => p === '')) {
    throw new RegFileError('BadValue', `key [${path}] has an empty part (two backslashes in a row, or one at the end)`, line);
  }
}
