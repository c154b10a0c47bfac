import type { Reader } from '../../bytes/reader';
import { DumpFormatError } from '../../errors';
import { STRING_TABLE_HEADER, STRING_TABLE_SIGNATURE } from './structs';

/** The "/names" stream: source file names referenced by offset from line and checksum data. */
export class PdbStringTable {
  private readonly base: number;
  private readonly byteSize: number;
  private readonly cache = new Map<number, string>();

  constructor(private readonly r: Reader) {
    const h = STRING_TABLE_HEADER.read(r, 0);
    if (h.Signature !== STRING_TABLE_SIGNATURE) {
      throw new DumpFormatError('BadSignature', `PDB /names: signature 0x${h.Signature.toString(16)} (expected 0xeffeeffe)`);
    }
    this.base = STRING_TABLE_HEADER.size;
    r.check(this.base, h.ByteSize, '/names string buffer');
    this.byteSize = h.ByteSize;
  }

  get(offset: number): string | undefined {
    if (offset >= this.byteSize) return undefined;
    let s = this.cache.get(offset);
    if (s === undefined) {
      s = this.r.cstring(this.base + offset, this.byteSize - offset);
      this.cache.set(offset, s);
    }
    return s;
  }
}
