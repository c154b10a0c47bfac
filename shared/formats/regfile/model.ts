/**
 * A .reg file as an ordered document: keys in file order, values in key
 * order, names and key paths with the case they were written in, so a file
 * parsed and written again comes out the same.
 */
import type { RegValue } from '../../registry/types';
import type { RegTextEncoding } from './textCodecs';

/** "5.00" = "Windows Registry Editor Version 5.00" (Unicode); "4" = "REGEDIT4" (ANSI, Windows 9x/NT4). */
export type RegFileVersion = '5.00' | '4';

/** One `name=data` line: a value to set, or `"name"=-` to delete it. The default value has the name "" (`@`). */
export type RegFileValue = { name: string; value: RegValue } | { name: string; deleted: true };

/** One `[KEY]` block (or `[-KEY]`, which deletes the key and everything under it and carries no values). */
export interface RegFileKey {
  path: string;
  deleted: boolean;
  values: RegFileValue[];
}

/**
 * How the file's bytes were laid out, kept so regedit's own exports are
 * written back byte for byte. Comments and irregular blank lines are not kept.
 */
export interface RegFileLayout {
  encoding: RegTextEncoding;
  newline: '\r\n' | '\n';
  /** regedit ends its exports with an empty line; hand-edited files often do not. */
  ending: 'blank-line' | 'newline' | 'none';
}

export interface RegFile {
  version: RegFileVersion;
  keys: RegFileKey[];
  layout: RegFileLayout;
}

/** What regedit itself writes for each version. */
export function defaultLayout(version: RegFileVersion): RegFileLayout {
  return version === '5.00'
    ? { encoding: 'utf16le-bom', newline: '\r\n', ending: 'blank-line' }
    : { encoding: 'ansi', newline: '\r\n', ending: 'blank-line' };
}

export const HEADER_V5 = 'Windows Registry Editor Version 5.00';
export const HEADER_V4 = 'REGEDIT4';
