/**
 * A bug check or exception code as BlueScreenView shows it: eight hex digits
 * ("0x0000004a", "0xc0000005"). Kernel codes arrive as 64-bit hex from some
 * dumps; their upper half is always zero, and sixteen digits do not fit the column.
 */
export function crashCode(hex: string | null): string {
  if (!hex || !/^0x[0-9a-f]{1,16}$/i.test(hex)) return hex ?? '';
  const value = BigInt(hex);
  return value > 0xffffffffn ? hex.toLowerCase() : '0x' + value.toString(16).padStart(8, '0');
}
