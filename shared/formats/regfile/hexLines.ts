/**
 * regedit's line breaking of hex data, derived from its real exports (see
 * tests/corpus/regfile-roundtrip.test.ts): a running column count starts at
 * the length of `"name"=hex(n):`, each byte written with its comma adds 3, and
 * once the count reaches 77 the line ends with `\` and the next starts with
 * two spaces (count = 2). The last byte has no comma and never breaks.
 * So the first line is at most 80 characters and continuation lines 78.
 */
const BREAK_AT = 77;

/** Physical lines of `prefix` + the bytes as `xx,xx,…`, wrapped as regedit wraps them. */
export function wrapHexLines(prefix: string, bytes: Uint8Array): string[] {
  const lines: string[] = [];
  let line = prefix;
  let column = prefix.length;
  bytes.forEach((b, i) => {
    line += b.toString(16).padStart(2, '0');
    if (i === bytes.length - 1) return;
    line += ',';
    column += 3;
    if (column >= BREAK_AT) {
      lines.push(line + '\\');
      line = '  ';
      column = 2;
    }
  });
  lines.push(line);
  return lines;
}
