/**
 * Number formatting shared by reports, the JSON document and the console.
 * 64-bit values are `bigint` inside `shared/`; at the JSON boundary they become
 * hex strings so nothing loses precision.
 */

/** "0x" + lowercase hex, no padding: the JSON document's address form. */
export function hex(v: bigint | number): string {
  return '0x' + BigInt(v).toString(16);
}

/** Zero-padded lowercase hex without prefix, `digits` wide. */
export function padHex(v: bigint | number, digits: number): string {
  return BigInt.asUintN(64, BigInt(v)).toString(16).padStart(digits, '0');
}

/** WinDbg's 64-bit pointer form: `fffff800`12345678`. */
export function windbgPtr64(v: bigint): string {
  const s = padHex(v, 16);
  return `${s.slice(0, 8)}\`${s.slice(8)}`;
}

/** A pointer as WinDbg prints it for the dump's word size. */
export function windbgPtr(v: bigint, is64: boolean): string {
  return is64 ? windbgPtr64(v) : padHex(BigInt.asUintN(32, v), 8);
}

/** Parses "0x…" (or bare hex) into a bigint; undefined when it is not hex. */
export function parseHex(s: string): bigint | undefined {
  const t = s.trim().replace(/^0x/i, '').replace(/`/g, '');
  return /^[0-9a-f]+$/i.test(t) ? BigInt('0x' + t) : undefined;
}
