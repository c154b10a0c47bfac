/**
 * Readable strings in raw bytes, ASCII and UTF-16LE, like Sysinternals'
 * `strings`: the raw material of the privacy scan. Runs of printable
 * characters at least `minLength` long; offsets are relative to the buffer.
 */
export interface FoundString {
  offset: number;
  encoding: 'ascii' | 'utf16';
  text: string;
}

function printable(c: number): boolean {
  return (c >= 0x20 && c < 0x7f) || c === 0x09;
}

export function findStrings(bytes: Uint8Array, minLength = 6, limit = 100_000): FoundString[] {
  const out: FoundString[] = [];
  // ASCII runs.
  let start = -1;
  for (let i = 0; i <= bytes.length && out.length < limit; i++) {
    const ok = i < bytes.length && printable(bytes[i]!);
    if (ok && start < 0) start = i;
    if (!ok && start >= 0) {
      if (i - start >= minLength) out.push({ offset: start, encoding: 'ascii', text: latin1(bytes, start, i) });
      start = -1;
    }
  }
  // UTF-16LE runs (printable ASCII plane only: enough for paths, names, URLs), at both alignments.
  for (const align of [0, 1]) {
    start = -1;
    for (let i = align; i + 1 <= bytes.length && out.length < limit; i += 2) {
      const ok = i + 1 < bytes.length && printable(bytes[i]!) && bytes[i + 1] === 0;
      if (ok && start < 0) start = i;
      if (!ok && start >= 0) {
        if ((i - start) / 2 >= minLength) out.push({ offset: start, encoding: 'utf16', text: utf16(bytes, start, i) });
        start = -1;
      }
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

function latin1(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
  return s;
}

function utf16(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i + 1 < to; i += 2) s += String.fromCharCode(b[i]!);
  return s;
}
