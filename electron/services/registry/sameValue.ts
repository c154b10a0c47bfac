/** Deep equality of two registry values (type and data), for diffs and read-back checks. */
import type { RegValue } from '../../../shared/registry/types';

export function sameValue(a: RegValue, b: RegValue): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'REG_RAW' && b.type === 'REG_RAW' && a.typeId !== b.typeId) return false;
  const x = a.data;
  const y = b.data;
  if (x instanceof Uint8Array && y instanceof Uint8Array) return x.length === y.length && x.every((v, i) => v === y[i]);
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
  return x === y;
}
