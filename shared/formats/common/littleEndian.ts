/** The unsigned little-endian integer held in the first `size` bytes of `b` (a pointer, a QWORD…). */
export function uintLE(b: Uint8Array, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  return v;
}
