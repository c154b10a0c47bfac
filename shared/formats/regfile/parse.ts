/**
 * Parses .reg files: "Windows Registry Editor Version 5.00" and "REGEDIT4",
 * `[KEY]` / `[-KEY]`, `"name"=data` / `@=data` / `"name"=-`, with data
 * "string", dword:XXXXXXXX, hex:…, hex(n):… (continued over lines ending in
 * `\`), `;` comments, CRLF or LF. Every problem throws a RegFileError that
 * names the line and says why.
 */
import type { RegValue } from '../../registry/types';
import { checkKeyPath } from './hives';
import { HEADER_V4, HEADER_V5, type RegFile, type RegFileKey, type RegFileLayout, type RegFileVersion } from './model';
import { RegFileError } from './regFileError';
import { decodeAnsi, decodeRegText } from './textCodecs';
import { decodeHexData } from './valueData';

/** Parses the bytes of a .reg file in any encoding regedit or an editor may have used. */
export function parseRegFile(bytes: Uint8Array): RegFile {
  const decoded = decodeRegText(bytes);
  // regedit reads a REGEDIT4 file without BOM as ANSI, even when its bytes happen to be valid UTF-8.
  if (decoded.encoding === 'utf8' && decoded.text.trimStart().startsWith(HEADER_V4)) {
    return parseRegText(decodeAnsi(bytes), 'ansi');
  }
  return parseRegText(decoded.text, decoded.encoding);
}

/** Parses already decoded text; `encoding` is only recorded in the layout. */
export function parseRegText(text: string, encoding: RegFileLayout['encoding'] = 'utf8'): RegFile {
  // The first line break decides; a file without any (or with a lone CR) gets regedit's CRLF.
  const newline = text.match(/\r\n|\n|\r/)?.[0] === '\n' ? '\n' : '\r\n';
  const lines = text.split(/\r\n|\n|\r/);
  const ending = text.endsWith(newline + newline) ? 'blank-line' : text.endsWith(newline) ? 'newline' : 'none';

  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const header = (lines[i] ?? '').trim();
  let version: RegFileVersion;
  if (header === HEADER_V5) version = '5.00';
  else if (header === HEADER_V4) version = '4';
  else {
    throw new RegFileError(
      'BadSignature',
      `not a .reg file: the first line must be "${HEADER_V5}" or "${HEADER_V4}", found "${header.slice(0, 60)}"`,
      i + 1,
    );
  }

  const keys: RegFileKey[] = [];
  let current: RegFileKey | undefined;
  for (i++; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.trimStart();
    if (line.trim() === '' || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      current = parseKeyLine(line, lineNo);
      keys.push(current);
      continue;
    }
    if (line.startsWith('"') || line.startsWith('@')) {
      if (!current) throw new RegFileError('BadValue', 'a value line before any [KEY] line', lineNo);
      if (current.deleted) {
        throw new RegFileError('BadValue', `a value under [-${current.path}], which deletes the key; values need a [KEY] line`, lineNo);
      }
      // Gather the lines of hex data that end in a backslash.
      let logical = line;
      const first = i;
      const prefix = hexPrefixLength(line);
      while (prefix > 0) {
        const data = stripComment(logical.slice(prefix)).trimEnd();
        if (!data.endsWith('\\')) break;
        if (i + 1 >= lines.length) throw new RegFileError('Truncated', 'hex data continues with "\\" but the file ends', first + 1);
        i++;
        logical = logical.slice(0, prefix) + data.slice(0, -1) + lines[i]!.trim();
      }
      current.values.push(parseValueLine(logical, version, first + 1, i + 1));
      continue;
    }
    throw new RegFileError('BadValue', `expected [KEY], "name"=data, @=data or a ;comment, found "${line.slice(0, 40)}"`, lineNo);
  }
  return { version, keys, layout: { encoding, newline, ending } };
}

function parseKeyLine(line: string, lineNo: number): RegFileKey {
  const close = line.lastIndexOf(']');
  if (close < 0) throw new RegFileError('BadValue', 'key line has no closing "]"', lineNo);
  const rest = line.slice(close + 1).trim();
  if (rest !== '' && !rest.startsWith(';')) {
    throw new RegFileError('BadValue', `unexpected text "${rest.slice(0, 40)}" after the key's "]"`, lineNo);
  }
  let path = line.slice(1, close);
  const deleted = path.startsWith('-');
  if (deleted) path = path.slice(1);
  if (path === '') throw new RegFileError('BadValue', 'empty key name in []', lineNo);
  checkKeyPath(path, lineNo);
  return { path, deleted, values: [] };
}

/** A quoted string at `start` (which holds `"`), with regedit's two escapes `\\` and `\"`. */
function readQuoted(line: string, start: number, lineNo: number, what: string): { text: string; end: number } {
  let text = '';
  for (let j = start + 1; j < line.length; j++) {
    const c = line[j]!;
    if (c === '"') return { text, end: j + 1 };
    if (c === '\\') {
      const n = line[j + 1];
      if (n === '\\' || n === '"') {
        text += n;
        j++;
        continue;
      }
      throw new RegFileError(
        'BadValue',
        n === undefined
          ? `${what}: unterminated string (a backslash ends the line; write a backslash as \\\\)`
          : `${what}: "\\${n}" is not an escape in a .reg string; write a backslash as \\\\ and a quote as \\"`,
        lineNo,
      );
    }
    text += c;
  }
  throw new RegFileError('BadValue', `${what}: unterminated string (no closing quote)`, lineNo);
}

function stripComment(s: string): string {
  const k = s.indexOf(';');
  return k < 0 ? s : s.slice(0, k);
}

/** Length of `"name"=hex(n):` at the start of a line, or 0 when the line holds no hex data. */
function hexPrefixLength(line: string): number {
  const m = line.match(/^(?:@|"(?:[^"\\]|\\.)*")\s*=\s*hex(?:\([0-9a-fA-F]+\))?:/i);
  return m ? m[0].length : 0;
}

function expectEnd(rest: string, lineNo: number, what: string): void {
  const r = rest.trim();
  if (r !== '' && !r.startsWith(';')) {
    throw new RegFileError('BadValue', `${what}: unexpected text "${r.slice(0, 40)}" after the data`, lineNo);
  }
}

function parseValueLine(line: string, version: RegFileVersion, lineNo: number, lastLine: number) {
  let name: string;
  let pos: number;
  if (line.startsWith('@')) {
    name = '';
    pos = 1;
  } else {
    const q = readQuoted(line, 0, lineNo, 'value name');
    name = q.text;
    pos = q.end;
  }
  const what = name === '' ? 'default value (@)' : `value "${name}"`;
  const afterName = line.slice(pos).trimStart();
  if (!afterName.startsWith('=')) throw new RegFileError('BadValue', `${what}: expected "=" after the name`, lineNo);
  const data = afterName.slice(1).trimStart();

  if (data.startsWith('-')) {
    expectEnd(data.slice(1), lineNo, what);
    return { name, deleted: true as const };
  }
  if (data.startsWith('"')) {
    const q = readQuoted(data, 0, lineNo, what);
    expectEnd(data.slice(q.end), lineNo, what);
    return { name, value: { type: 'REG_SZ', data: q.text } as RegValue };
  }
  const dword = data.match(/^dword:(\S*)/i);
  if (dword) {
    expectEnd(data.slice(dword[0].length), lineNo, what);
    const digits = dword[1]!;
    if (!/^[0-9a-fA-F]{1,8}$/.test(digits)) {
      const why = /^[0-9a-fA-F]+$/.test(digits)
        ? `dword:${digits} is out of range: a DWORD has at most 8 hex digits (0..ffffffff)`
        : `dword:${digits} is not a hexadecimal number`;
      throw new RegFileError('BadValue', `${what}: ${why}`, lineNo);
    }
    return { name, value: { type: 'REG_DWORD', data: parseInt(digits, 16) } as RegValue };
  }
  const hex = data.match(/^hex(?:\(([0-9a-fA-F]{1,8})\))?:/i);
  if (hex) {
    const typeId = hex[1] === undefined ? undefined : parseInt(hex[1], 16);
    const bytes = parseHexBytes(stripComment(data.slice(hex[0].length)), lineNo, lastLine, what);
    return { name, value: decodeHexData(typeId, bytes, version) };
  }
  throw new RegFileError(
    'BadValue',
    `${what}: unknown data "${data.slice(0, 20)}"; expected "string", dword:, hex:, hex(n): or -`,
    lineNo,
  );
}

function parseHexBytes(text: string, lineNo: number, lastLine: number, what: string): Uint8Array {
  const body = text.trim();
  if (body === '') return new Uint8Array(0);
  const parts = body.split(',').map((p) => p.trim());
  const where = lastLine > lineNo ? ` (data on lines ${lineNo}-${lastLine})` : '';
  const out = new Uint8Array(parts.length);
  parts.forEach((p, k) => {
    if (!/^[0-9a-fA-F]{1,2}$/.test(p)) {
      const shown = p === '' ? 'an empty byte (two commas in a row or a trailing comma)' : `"${p.slice(0, 10)}"`;
      throw new RegFileError('BadValue', `${what}: bad hex byte #${k + 1}: ${shown}; expected two hex digits${where}`, lineNo);
    }
    out[k] = parseInt(p, 16);
  });
  return out;
}
