import type { Reader } from './reader';

/**
 * Declarative wire-structure tables (kdmp-parser style): a struct is a list of
 * fields in wire order; offsets and the total size are derived, never typed by
 * hand, and tests assert known offsets against the SDK (our `static_assert`).
 *
 *   const MINIDUMP_HEADER = defineStruct('MINIDUMP_HEADER', [
 *     ['Signature', 'u32'], ['Version', 'u32'], ...
 *   ] as const);
 *   MINIDUMP_HEADER.offsetOf('StreamDirectoryRva') // 12
 *   MINIDUMP_HEADER.read(reader, 0).NumberOfStreams
 */
export type FieldType = 'u8' | 'u16' | 'u32' | 'i32' | 'u64' | { bytes: number };

type FieldValue<T extends FieldType> = T extends 'u64' ? bigint : T extends { bytes: number } ? Uint8Array : number;

export type FieldList = readonly (readonly [string, FieldType])[];

export type StructValue<F extends FieldList> = {
  [K in F[number] as K[0]]: FieldValue<K[1]>;
};

const SIZES: Record<string, number> = { u8: 1, u16: 2, u32: 4, i32: 4, u64: 8 };

function fieldSize(t: FieldType): number {
  return typeof t === 'string' ? SIZES[t]! : t.bytes;
}

export interface StructDef<F extends FieldList> {
  readonly name: string;
  readonly size: number;
  readonly fields: F;
  offsetOf(field: F[number][0]): number;
  /** Reads the whole struct at `offset`; throws OutOfBounds if it does not fit. */
  read(r: Reader, offset: number): StructValue<F>;
}

export function defineStruct<const F extends FieldList>(name: string, fields: F): StructDef<F> {
  const offsets = new Map<string, number>();
  let size = 0;
  for (const [fname, t] of fields) {
    offsets.set(fname, size);
    size += fieldSize(t);
  }
  return {
    name,
    size,
    fields,
    offsetOf(field) {
      const o = offsets.get(field);
      if (o === undefined) throw new Error(`${name} has no field ${field}`);
      return o;
    },
    read(r, offset) {
      const v = r.view(offset, size, name);
      const out: Record<string, unknown> = {};
      let o = 0;
      for (const [fname, t] of fields) {
        switch (t) {
          case 'u8': out[fname] = v.getUint8(o); break;
          case 'u16': out[fname] = v.getUint16(o, true); break;
          case 'u32': out[fname] = v.getUint32(o, true); break;
          case 'i32': out[fname] = v.getInt32(o, true); break;
          case 'u64': out[fname] = v.getBigUint64(o, true); break;
          default: out[fname] = new Uint8Array(v.buffer, v.byteOffset + o, t.bytes);
        }
        o += fieldSize(t);
      }
      return out as StructValue<F>;
    },
  };
}
