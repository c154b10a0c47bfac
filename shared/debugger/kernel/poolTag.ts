/** Bit 31 of a pool tag: PROTECTED_POOL on old builds (ExFreePoolWithTag must name it); not part of the text. */
export const PROTECTED_POOL = 0x80000000;

/**
 * A pool tag as WinDbg prints it: the four bytes of the little-endian ULONG
 * in memory order, the protected bit cleared, bytes outside printable ASCII as '.'.
 */
export function poolTagText(key: number): string {
  const v = (key & ~PROTECTED_POOL) >>> 0;
  let s = '';
  for (let i = 0; i < 4; i++) {
    const b = (v >>> (8 * i)) & 0xff;
    s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  return s;
}
