/** The platform's TextDecoder (browsers, Node, workers), reached without DOM typings. */
const NativeDecoder = (globalThis as { TextDecoder?: new (label: string) => { decode(b: Uint8Array): string } }).TextDecoder;
const native = NativeDecoder ? new NativeDecoder('utf-8') : undefined;

/**
 * UTF-8 to string. shared/ compiles against ES2022 only, so TextDecoder is
 * looked up at run time; the hand decoder below is the fallback. Invalid
 * sequences become U+FFFD, never an exception.
 */
export function decodeUtf8(b: Uint8Array): string {
  return native ? native.decode(b) : decodeUtf8Portable(b);
}

/** The fallback decoder (exported so tests exercise it where TextDecoder exists). */
export function decodeUtf8Portable(b: Uint8Array): string {
  const parts: string[] = [];
  let chunk: number[] = [];
  const push = (cp: number) => {
    if (cp > 0xffff) {
      cp -= 0x10000;
      chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else chunk.push(cp);
    if (chunk.length > 8192) {
      parts.push(String.fromCharCode(...chunk));
      chunk = [];
    }
  };
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    let need: number;
    let cp: number;
    // Allowed range of the second byte excludes overlong forms, surrogates and > U+10FFFF (WHATWG Encoding).
    let lo = 0x80;
    let hi = 0xbf;
    if (c < 0x80) { push(c); i++; continue; }
    else if (c >= 0xc2 && c <= 0xdf) { need = 1; cp = c & 0x1f; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; cp = c & 0x0f; if (c === 0xe0) lo = 0xa0; if (c === 0xed) hi = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; cp = c & 0x07; if (c === 0xf0) lo = 0x90; if (c === 0xf4) hi = 0x8f; }
    else { push(0xfffd); i++; continue; }
    let k = 1;
    for (; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || d < lo || d > hi) break;
      cp = (cp << 6) | (d & 0x3f);
      lo = 0x80;
      hi = 0xbf;
    }
    if (k <= need) {
      // One replacement for the lead byte and the valid continuation bytes seen so far.
      push(0xfffd);
      i += k;
      continue;
    }
    push(cp);
    i += need + 1;
  }
  parts.push(String.fromCharCode(...chunk));
  return parts.join('');
}
