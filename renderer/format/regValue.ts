/**
 * A registry value from the bridge, in words for the settings diff:
 * `7 (automatic memory dump)` rather than `7`. The meanings come from the
 * shared settings models (describeValue); this only undoes the wire encoding
 * (QWORDs as "0x…", binary data as hex digits).
 */
import type { WireRegValue } from '../../shared/api';
import type { RegValue } from '../../shared/registry/types';
import { describeValue } from '../../shared/settings/describe';

function bytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export function fromWire(v: WireRegValue): RegValue {
  switch (v.type) {
    case 'REG_QWORD': return { type: 'REG_QWORD', data: BigInt(v.data) };
    case 'REG_BINARY': return { type: 'REG_BINARY', data: bytes(v.data) };
    case 'REG_RAW': return { type: 'REG_RAW', typeId: v.typeId, data: bytes(v.data) };
    default: return v;
  }
}

export function describeWireValue(key: string, name: string, value: WireRegValue | null): string {
  return describeValue(key, name, value ? fromWire(value) : undefined);
}
