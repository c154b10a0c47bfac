/**
 * The text encodings .reg files come in, decoded and encoded by hand:
 * shared/ has no TextDecoder type (lib ES2022 only) and we need exact control
 * over BOMs and over characters ANSI cannot hold.
 */
import { RegFileError } from './regFileError';

/** How the bytes of a .reg file were (or are to be) encoded. */
export type RegTextEncoding =
  | 'utf16le-bom' // what regedit writes for "Windows Registry Editor Version 5.00"
  | 'utf16le' // UTF-16LE without a BOM (some tools strip it)
  | 'utf8-bom'
  | 'utf8' // also plain ASCII
  | 'ansi'; // Windows-1252, what regedit writes for REGEDIT4

// Windows-1252 bytes 0x80..0x9F; undefined slots are unassigned in the code page.
const CP1252_HIGH: (number | undefined)[] = [
  0x20ac, undefined, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, undefined,
  0x017d, undefined, undefined, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, undefined, 0x017e, 0x0178,
];

export function decodeAnsi(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    const cp = b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? b) : b;
    s += String.fromCharCode(cp);
  }
  return s;
}

/** Windows-1252 bytes of `text`; throws when a character has no ANSI form (it would be lost). */
export function encodeAnsi(text: string, what: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let b = -1;
    if (c <= 0x7f || (c >= 0xa0 && c <= 0xff)) b = c;
    else if (CP1252_HIGH.includes(c)) b = 0x80 + CP1252_HIGH.indexOf(c);
    else if (c >= 0x80 && c <= 0x9f && CP1252_HIGH[c - 0x80] === undefined) b = c; // unassigned slot: decoded as itself
    if (b < 0) {
      throw new RegFileError(
        'Unsupported',
        `${what}: character U+${c.toString(16).padStart(4, '0').toUpperCase()} cannot be written in a REGEDIT4 (ANSI) file; use the Version 5.00 format`,
      );
    }
    out[i] = b;
  }
  return out;
}

export function decodeUtf16le(bytes: Uint8Array, start = 0): string {
  const parts: string[] = [];
  const end = start + ((bytes.length - start) & ~1);
  for (let i = start; i < end; i += 4096) {
    const codes: number[] = [];
    for (let j = i; j < Math.min(end, i + 4096); j += 2) codes.push(bytes[j]! | (bytes[j + 1]! << 8));
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

export function encodeUtf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >> 8;
  }
  return out;
}

/** Strict UTF-8: returns undefined on any malformed sequence, so the caller can fall back to ANSI. */
export function decodeUtf8Strict(bytes: Uint8Array, start = 0): string | undefined {
  const codes: number[] = [];
  let s = '';
  for (let i = start; i < bytes.length; ) {
    const b = bytes[i]!;
    let cp: number;
    let n: number;
    if (b < 0x80) [cp, n] = [b, 0];
    else if (b >= 0xc2 && b <= 0xdf) [cp, n] = [b & 0x1f, 1];
    else if (b >= 0xe0 && b <= 0xef) [cp, n] = [b & 0x0f, 2];
    else if (b >= 0xf0 && b <= 0xf4) [cp, n] = [b & 0x07, 3];
    else return undefined;
    if (i + n >= bytes.length) return undefined; // sequence cut off by the end of the file
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (c & 0x3f);
    }
    if ((n === 2 && cp < 0x800) || (n === 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff)) {
      return undefined;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      codes.push(0xd800 | (cp >> 10), 0xdc00 | (cp & 0x3ff));
    } else codes.push(cp);
    i += n + 1;
    if (codes.length >= 4096) {
      s += String.fromCharCode(...codes);
      codes.length = 0;
    }
  }
  return s + String.fromCharCode(...codes);
}

export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    else if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate has no UTF-8 form
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}

/**
 * Decodes the bytes of a .reg file and says which encoding they were in:
 * BOM first, then UTF-16LE without BOM (every odd byte of the header is 0),
 * then strict UTF-8 (covers ASCII), else ANSI.
 */
export function decodeRegText(bytes: Uint8Array): { text: string; encoding: RegTextEncoding } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decodeUtf16le(bytes, 2), encoding: 'utf16le-bom' };
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decodeUtf8Strict(bytes, 3);
    if (text === undefined) throw new RegFileError('BadValue', 'the file starts with a UTF-8 BOM but is not valid UTF-8');
    return { text, encoding: 'utf8-bom' };
  }
  if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) {
    return { text: decodeUtf16le(bytes), encoding: 'utf16le' };
  }
  const utf8 = decodeUtf8Strict(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf8' };
  return { text: decodeAnsi(bytes), encoding: 'ansi' };
}

export function encodeRegText(text: string, encoding: RegTextEncoding): Uint8Array {
  switch (encoding) {
    case 'utf16le-bom':
      return concat(Uint8Array.of(0xff, 0xfe), encodeUtf16le(text));
    case 'utf16le':
      return encodeUtf16le(text);
    case 'utf8-bom':
      return concat(Uint8Array.of(0xef, 0xbb, 0xbf), encodeUtf8(text));
    case 'utf8':
      return encodeUtf8(text);
    case 'ansi':
      return encodeAnsi(text, 'file text');
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
