/**
 * Report.wer text decoding. Windows writes the file as UTF-16LE, usually with a
 * BOM (some Windows 7 reports have none), and people paste reports as UTF-8.
 * `shared/` has no TextDecoder type (lib ES2022 only), so both decoders are
 * written out here; they never throw: bad sequences become U+FFFD.
 */

export type WerEncoding = 'utf-16le-bom' | 'utf-16le' | 'utf-16be-bom' | 'utf-8-bom' | 'utf-8';

const REPLACEMENT = 0xfffd;

/** Guesses the encoding from the BOM, else from NUL bytes in odd positions (ASCII in UTF-16LE). */
export function sniffEncoding(bytes: Uint8Array): WerEncoding {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le-bom';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be-bom';
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  // Without a BOM: a report starts with ASCII keys ("Version=1"), so in UTF-16LE
  // most odd bytes of the first line are zero, which never happens in UTF-8 text.
  const n = Math.min(bytes.length - (bytes.length % 2), 64);
  let oddZeros = 0;
  for (let i = 1; i < n; i += 2) if (bytes[i] === 0) oddZeros++;
  return n >= 2 && oddZeros * 2 >= n / 2 ? 'utf-16le' : 'utf-8';
}

function decodeUtf16(bytes: Uint8Array, start: number, littleEndian: boolean): string {
  const units: number[] = [];
  let out = '';
  for (let i = start; i + 1 < bytes.length; i += 2) {
    const lo = bytes[i]!;
    const hi = bytes[i + 1]!;
    units.push(littleEndian ? lo | (hi << 8) : (lo << 8) | hi);
    // Flush in chunks: String.fromCharCode(...units) has an argument-count limit.
    if (units.length === 4096) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  // An odd trailing byte (a truncated file) is dropped: it cannot be half a character.
  return out + String.fromCharCode(...units);
}

function decodeUtf8(bytes: Uint8Array, start: number): string {
  const cps: number[] = [];
  let out = '';
  let i = start;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    let cp = 0;
    if (b < 0x80) cp = b;
    else if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0x0f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 0x07; }
    else cp = REPLACEMENT;
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) { ok = false; break; }
      cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok) { cps.push(REPLACEMENT); i += 1; continue; }
    // Overlong forms and surrogates are not valid UTF-8.
    if ((need === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (need === 3 && (cp < 0x10000 || cp > 0x10ffff))) cp = REPLACEMENT;
    cps.push(cp);
    i += need + 1;
    if (cps.length >= 4096) {
      out += String.fromCodePoint(...cps);
      cps.length = 0;
    }
  }
  return out + String.fromCodePoint(...cps);
}

/** Decodes a Report.wer (or a pasted copy of one) to text; never throws. */
export function decodeWerText(bytes: Uint8Array): { text: string; encoding: WerEncoding } {
  const encoding = sniffEncoding(bytes);
  switch (encoding) {
    case 'utf-16le-bom': return { text: decodeUtf16(bytes, 2, true), encoding };
    case 'utf-16le': return { text: decodeUtf16(bytes, 0, true), encoding };
    case 'utf-16be-bom': return { text: decodeUtf16(bytes, 2, false), encoding };
    case 'utf-8-bom': return { text: decodeUtf8(bytes, 3), encoding };
    case 'utf-8': return { text: decodeUtf8(bytes, 0), encoding };
  }
}
