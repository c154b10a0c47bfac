/**
 * UTF-8 to string without TextDecoder (shared/ compiles against ES2022 only).
 * Invalid sequences become U+FFFD, never an exception.
 */
export function decodeUtf8(b: Uint8Array): string {
  const parts: string[] = [];
  let chunk: number[] = [];
  const flush = () => {
    parts.push(String.fromCharCode(...chunk));
    chunk = [];
  };
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    let cp: number;
    let n: number;
    if (c < 0x80) { cp = c; n = 1; }
    else if (c >= 0xc2 && c < 0xe0) { cp = c & 0x1f; n = 2; }
    else if (c >= 0xe0 && c < 0xf0) { cp = c & 0x0f; n = 3; }
    else if (c >= 0xf0 && c < 0xf5) { cp = c & 0x07; n = 4; }
    else { cp = 0xfffd; n = 1; }
    let ok = n > 1 ? i + n <= b.length : true;
    for (let k = 1; ok && k < n; k++) {
      const d = b[i + k]!;
      if ((d & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (d & 0x3f);
    }
    if (!ok) { cp = 0xfffd; n = 1; }
    i += n;
    if (cp > 0xffff) {
      cp -= 0x10000;
      chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else chunk.push(cp);
    if (chunk.length > 8192) flush();
  }
  flush();
  return parts.join('');
}
