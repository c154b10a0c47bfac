import type { KernelTarget } from './target';

/** Longest name we read (UNICODE_STRING.Length is a USHORT, so 64 KiB at most anyway). */
const MAX_BYTES = 0x2000;

/**
 * A UNICODE_STRING {USHORT Length; USHORT MaximumLength; PWSTR Buffer} at `va`.
 * Undefined when the header or the buffer is not in the dump; "" for an empty string.
 */
export function readUnicodeString(t: KernelTarget, va: bigint): string | undefined {
  const ptr = t.is64 ? 8 : 4;
  const head = t.view(va, ptr * 2, 'UNICODE_STRING');
  const len = head?.u16(0);
  const buf = head?.ptr(ptr);
  if (len === undefined || buf === undefined) return undefined;
  if (len === 0) return '';
  if (buf === 0n) return undefined;
  const n = Math.min(len & ~1, MAX_BYTES);
  const bytes = t.session.read(buf, n);
  if (!bytes) return undefined;
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8));
  return s;
}
