import type { CpuArch } from '../../dump/types';

/**
 * EPROCESS.ImageFileName (UCHAR[15]) offsets by architecture and first build
 * they apply to, from public EPROCESS layouts (Vergilius Project / ReactOS
 * notes). The small dump copies EPROCESS verbatim, so PROCESS_NAME is read
 * at this offset. Builds between rows take the row at or below them.
 */
const IMAGE_FILE_NAME: Record<string, readonly (readonly [number, number])[]> = {
  amd64: [
    [3790, 0x268], // XP x64 / Server 2003 x64
    [6000, 0x238],
    [7600, 0x2e0],
    [9200, 0x438],
    [10240, 0x448],
    [10586, 0x450],
    [19041, 0x5a8],
    [26100, 0x338],
  ],
  x86: [
    [2600, 0x174],
    [3790, 0x164],
    [6000, 0x14c],
    [7600, 0x16c],
    [9200, 0x170],
    [10240, 0x174],
  ],
  arm64: [],
};

export function imageFileNameOffset(arch: CpuArch, build: number): number | undefined {
  const rows = IMAGE_FILE_NAME[arch] ?? [];
  let found: number | undefined;
  for (const [from, off] of rows) if (build >= from) found = off;
  return found;
}

/** A NUL-padded 15-byte ImageFileName that could be real: 1–15 printable characters, then only NULs. */
export function plausibleImageName(bytes: Uint8Array, at: number): string | undefined {
  if (at < 0 || at + 15 > bytes.length) return undefined;
  let s = '';
  let ended = false;
  for (let i = 0; i < 15; i++) {
    const c = bytes[at + i]!;
    if (ended) {
      if (c !== 0) return undefined;
    } else if (c === 0) {
      ended = true;
    } else if (c >= 0x20 && c < 0x7f && c !== 0x2f && c !== 0x5c) {
      s += String.fromCharCode(c);
    } else return undefined;
  }
  return s.length >= 1 && /^[A-Za-z0-9]/.test(s) ? s : undefined;
}

/** Names that are real process names yet carry no extension. */
const BARE_NAMES = new Set(['System', 'Idle', 'Registry', 'MemCompression', 'Secure System', 'vmmem']);

/**
 * PROCESS_NAME from a copy of EPROCESS: the per-build offset when the table
 * knows the build and the bytes there look like a name; otherwise a scan of
 * 4-byte-aligned positions for a NUL-padded 15-byte field that is either a
 * file name with an extension (1–4 letters, possibly cut at 15 characters as
 * Windows does: "notmyfault64.e") or a known extension-less system process.
 * The first such field after 0x100 wins (ImageFileName sits well past the
 * KPROCESS header in every known layout).
 */
export function findImageFileName(eprocess: Uint8Array, arch: CpuArch, build: number): { name: string; offset: number; how: 'table' | 'scan' } | undefined {
  const off = imageFileNameOffset(arch, build);
  if (off !== undefined) {
    const name = plausibleImageName(eprocess, off);
    if (name) return { name, offset: off, how: 'table' };
  }
  for (let at = 0x100; at + 15 <= eprocess.length; at += 4) {
    const name = plausibleImageName(eprocess, at);
    if (!name) continue;
    if (BARE_NAMES.has(name) || /^[\w .-]+\.[A-Za-z0-9]{1,4}$/.test(name)) {
      return { name, offset: at, how: 'scan' };
    }
  }
  return undefined;
}
