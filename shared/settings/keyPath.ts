/**
 * Registry key paths as DumpDesk compares them. Settings models write the long
 * form regedit exports use ("HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\…"),
 * but people and tools also write "HKLM\…", and exports taken from another
 * boot show "ControlSet001" where the running system says "CurrentControlSet".
 */
import { HIVE_SHORT_NAMES } from '../formats/regfile/hives';

/**
 * The form used for comparisons only: long hive name, "CurrentControlSet"
 * for any numbered control set (ControlSet001 is what CurrentControlSet links
 * to on almost every machine), no trailing backslash, lower case (the
 * registry is case-insensitive).
 */
export function canonicalKey(key: string): string {
  const parts = key.trim().replace(/\\+$/, '').split('\\');
  const hive = parts[0]!.toUpperCase();
  parts[0] = HIVE_SHORT_NAMES[hive] ?? hive;
  if (parts[0] === 'HKEY_LOCAL_MACHINE' && parts[1]?.toUpperCase() === 'SYSTEM' && /^ControlSet\d{3}$/i.test(parts[2] ?? '')) {
    parts[2] = 'CurrentControlSet';
  }
  return parts.join('\\').toLowerCase();
}

/** True when both paths name the same key. */
export function sameKey(a: string, b: string): boolean {
  return canonicalKey(a) === canonicalKey(b);
}

/**
 * Matches a key against a pattern in which a segment `*` stands for any one
 * subkey name ("…\LocalDumps\*" matches "…\LocalDumps\app.exe").
 * Returns the names the wildcards matched (in their original case), or
 * undefined when the key does not match.
 */
export function matchKey(pattern: string, key: string): string[] | undefined {
  const p = canonicalKey(pattern).split('\\');
  const original = key.trim().replace(/\\+$/, '').split('\\');
  const k = canonicalKey(key).split('\\');
  if (p.length !== k.length) return undefined;
  const captured: string[] = [];
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '*') captured.push(original[i]!);
    else if (p[i] !== k[i]) return undefined;
  }
  return captured;
}
