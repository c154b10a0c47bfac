/**
 * Writes a RegFile the way regedit exports: header, then for each key a blank
 * line, `[KEY]` and its values; strings quoted with `\\` and `\"`, DWORDs as
 * 8 lowercase hex digits, everything else as hex data wrapped at regedit's
 * column rule. Values the chosen format cannot hold throw a RegFileError
 * naming the key and value rather than being written wrong.
 */
import type { RegValue } from '../../registry/types';
import { checkKeyPath } from './hives';
import { wrapHexLines } from './hexLines';
import { HEADER_V4, HEADER_V5, type RegFile, type RegFileVersion } from './model';
import { RegFileError } from './regFileError';
import { encodeAnsi, encodeRegText } from './textCodecs';
import { encodeHexData } from './valueData';

/** The file's bytes, in the encoding its layout names (regedit's UTF-16LE with BOM for new Version 5.00 files). */
export function writeRegFile(file: RegFile): Uint8Array {
  if (file.version === '4' && file.layout.encoding !== 'ansi') {
    throw new RegFileError('Unsupported', `a REGEDIT4 file is ANSI text; it cannot be written as ${file.layout.encoding}`);
  }
  return encodeRegText(formatRegText(file), file.layout.encoding);
}

/** The file's text, with the layout's newlines. */
export function formatRegText(file: RegFile): string {
  const lines: string[] = [file.version === '5.00' ? HEADER_V5 : HEADER_V4];
  for (const key of file.keys) {
    checkKeyPath(key.path);
    if (/[\r\n]/.test(key.path)) throw new RegFileError('BadValue', `key [${key.path}]: a line break cannot be written in a .reg key line`);
    lines.push('', `[${key.deleted ? '-' : ''}${key.path}]`);
    if (key.deleted && key.values.length > 0) {
      throw new RegFileError('Invalid', `[-${key.path}] deletes the key, so it cannot also carry values`);
    }
    for (const v of key.values) {
      const nameText = v.name === '' ? '@' : `"${escape(v.name)}"`;
      const what = `[${key.path}] ${v.name === '' ? '@' : `"${v.name}"`}`;
      if (/[\r\n]/.test(v.name)) throw new RegFileError('BadValue', `${what}: a line break cannot be written in a .reg value name`);
      if ('deleted' in v) lines.push(`${nameText}=-`);
      else lines.push(...formatValue(nameText, v.value, file.version, what));
    }
  }
  const nl = file.layout.newline;
  const body = lines.join(nl);
  switch (file.layout.ending) {
    case 'blank-line':
      return body + nl + nl;
    case 'newline':
      return body + nl;
    case 'none':
      return body;
  }
}

function escape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** A string can be written in quotes unless it holds a line break or NUL, which would break the line structure. */
function quotable(s: string): boolean {
  return !/[\r\n\0]/.test(s);
}

function formatValue(nameText: string, value: RegValue, version: RegFileVersion, what: string): string[] {
  if (value.type === 'REG_DWORD') {
    const d = value.data;
    if (!Number.isInteger(d) || d < 0 || d > 0xffffffff) {
      throw new RegFileError('BadValue', `${what}: REG_DWORD ${d} is outside 0..4294967295`);
    }
    return [`${nameText}=dword:${d.toString(16).padStart(8, '0')}`];
  }
  if (value.type === 'REG_SZ' && quotable(value.data)) {
    if (version === '4') encodeAnsi(value.data, what); // fails early, naming the value
    return [`${nameText}="${escape(value.data)}"`];
  }
  const { typeId, bytes } = encodeHexData(value, version, what);
  const tag = typeId === undefined ? 'hex:' : `hex(${typeId.toString(16)}):`;
  return wrapHexLines(`${nameText}=${tag}`, bytes);
}
