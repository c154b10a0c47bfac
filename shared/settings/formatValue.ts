import { hex as hexString } from '../hex';
import type { RegValue } from '../registry/types';

/**
 * A registry value as one line of text for people: numbers in decimal (or hex
 * for bit masks), strings in double quotes as typed (backslashes not doubled),
 * multi-strings as a quoted list, binary as hex bytes.
 */
export function formatRegValue(value: RegValue | undefined, opts: { hex?: boolean } = {}): string {
  if (!value) return '(not set)';
  switch (value.type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return `"${value.data}"`;
    case 'REG_MULTI_SZ':
      return value.data.length ? value.data.map((s) => `"${s}"`).join(', ') : '(empty list)';
    case 'REG_DWORD':
      return opts.hex ? hex(value.data) : String(value.data);
    case 'REG_QWORD':
      return opts.hex ? hexString(value.data) : value.data.toString();
    case 'REG_BINARY':
      return `hex:${hexBytes(value.data)}`;
    case 'REG_RAW':
      return `hex(${value.typeId.toString(16)}):${hexBytes(value.data)}`;
  }
}

/** 0x121 — DWORD bit masks are read in hex. */
export function hex(n: number): string {
  return hexString(n >>> 0);
}

function hexBytes(data: Uint8Array): string {
  return Array.from(data, (b) => b.toString(16).padStart(2, '0')).join(',');
}
