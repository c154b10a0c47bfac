import type { RegChange } from '../registry/types';
import { KNOWN_KEYS } from './catalog';
import { checkChanges } from './checkChanges';
import type { SettingProblem } from './problem';

/**
 * Every problem in a set of registry changes, judged against all the values
 * DumpDesk knows (wrong type, out-of-range DWORD, relative path, unquoted
 * command line…). Empty when the changes are valid. Keys may use HKLM\ and
 * ControlSet00N aliases. Each message names the value and says why.
 */
export function validateChanges(changes: readonly RegChange[]): SettingProblem[] {
  return checkChanges(changes, KNOWN_KEYS);
}

export type { SettingProblem } from './problem';
