/**
 * SMBIOS structures (DMTF DSP0134): each a header {BYTE Type; BYTE Length; WORD Handle}, its
 * formatted area (Length bytes from the header), then its string set: NUL-terminated strings
 * ending with an extra NUL (two NULs when there are none). A string field holds a 1-based index
 * into that set; 0 means "no string". The table ends at type 127 or at its end.
 */
export interface SmbiosStructure {
  type: number;
  length: number;
  handle: number;
  /** The formatted area, header included. */
  formatted: Uint8Array;
  strings: string[];
}

/** Structures we read at most (a real table holds well under a thousand). */
const MAX_STRUCTURES = 4096;
const END_OF_TABLE = 127;

function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

/** Walks the table; a structure whose header or strings run past the end stops the walk. */
export function parseSmbiosTable(table: Uint8Array): SmbiosStructure[] {
  const out: SmbiosStructure[] = [];
  let at = 0;
  while (out.length < MAX_STRUCTURES && at + 4 <= table.length) {
    const type = table[at]!;
    const length = table[at + 1]!;
    if (length < 4 || at + length > table.length) break;
    const handle = table[at + 2]! | (table[at + 3]! << 8);
    const strings: string[] = [];
    let s = at + length;
    // String set: up to the double NUL.
    if (s + 1 < table.length && table[s] === 0 && table[s + 1] === 0) {
      s += 2;
    } else {
      for (;;) {
        const end = table.indexOf(0, s);
        if (end < 0) return out;
        strings.push(latin1(table.subarray(s, end)));
        s = end + 1;
        if (s >= table.length) break;
        if (table[s] === 0) {
          s += 1;
          break;
        }
      }
    }
    out.push({ type, length, handle, formatted: table.subarray(at, at + length), strings });
    if (type === END_OF_TABLE) break;
    at = s;
  }
  return out;
}

/** Whether `size` bytes at `offset` lie inside the structure's formatted area (its Length, never past the bytes we hold). */
function inFormatted(s: SmbiosStructure, offset: number, size: number): boolean {
  return Number.isInteger(offset) && offset >= 0 && offset + size <= Math.min(s.length, s.formatted.length);
}

/** BYTE at `offset` of the formatted area, when the structure is long enough. */
export function smbiosByte(s: SmbiosStructure, offset: number): number | undefined {
  return inFormatted(s, offset, 1) ? s.formatted[offset] : undefined;
}

/** Little-endian WORD at `offset`, when the structure is long enough. */
export function smbiosWord(s: SmbiosStructure, offset: number): number | undefined {
  if (!inFormatted(s, offset, 2)) return undefined;
  return s.formatted[offset]! | (s.formatted[offset + 1]! << 8);
}

/** Little-endian DWORD at `offset` (unsigned), when the structure is long enough. */
export function smbiosDword(s: SmbiosStructure, offset: number): number | undefined {
  if (!inFormatted(s, offset, 4)) return undefined;
  const f = s.formatted;
  return (f[offset]! | (f[offset + 1]! << 8) | (f[offset + 2]! << 16) | (f[offset + 3]! << 24)) >>> 0;
}

/** Little-endian QWORD at `offset`, when the structure is long enough. */
export function smbiosQword(s: SmbiosStructure, offset: number): bigint | undefined {
  const lo = smbiosDword(s, offset);
  const hi = smbiosDword(s, offset + 4);
  return lo === undefined || hi === undefined ? undefined : (BigInt(hi) << 32n) | BigInt(lo);
}

/** `size` raw bytes at `offset`, when the structure is long enough. */
export function smbiosBytes(s: SmbiosStructure, offset: number, size: number): Uint8Array | undefined {
  return inFormatted(s, offset, size) ? s.formatted.subarray(offset, offset + size) : undefined;
}

/** The string a field at `offset` points to; undefined for index 0, a short structure or a missing string. */
export function smbiosString(s: SmbiosStructure, offset: number): string | undefined {
  const i = smbiosByte(s, offset);
  return i ? s.strings[i - 1] : undefined;
}
