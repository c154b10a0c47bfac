import type { Reader } from '../../bytes/reader';
import { DumpFormatError } from '../../errors';
import { PROCSYM32, PUBSYM32, SYM_HEADER } from './structs';

/** One CodeView symbol record: kind, and where its body (after the 4-byte header) lies. */
export interface SymRecord {
  kind: number;
  offset: number;
  /** Offset of the next record. */
  next: number;
}

/** Reads the record header at `offset`, checking that the record fits in `limit`. */
export function readSymRecord(r: Reader, offset: number, limit: number): SymRecord {
  const h = SYM_HEADER.read(r, offset);
  const next = offset + 2 + h.reclen;
  if (h.reclen < 2 || next > limit) {
    throw new DumpFormatError('BadValue', `PDB symbol record at 0x${offset.toString(16)}: length ${h.reclen} runs past its stream (0x${limit.toString(16)})`, { offset });
  }
  return { kind: h.rectyp, offset, next };
}

export interface PublicRecord {
  flags: number;
  section: number;
  offset: number;
  name: string;
}

export function decodePublic(r: Reader, rec: SymRecord): PublicRecord {
  const p = PUBSYM32.read(r, rec.offset + SYM_HEADER.size);
  const nameAt = rec.offset + SYM_HEADER.size + PUBSYM32.size;
  return { flags: p.pubsymflags, section: p.seg, offset: p.off, name: r.cstring(nameAt, rec.next - nameAt) };
}

export interface ProcRecord {
  section: number;
  offset: number;
  length: number;
  typeIndex: number;
  /** Offset of the matching S_END, for skipping nested records. */
  end: number;
  name: string;
}

export function decodeProc(r: Reader, rec: SymRecord): ProcRecord {
  const p = PROCSYM32.read(r, rec.offset + SYM_HEADER.size);
  const nameAt = rec.offset + SYM_HEADER.size + PROCSYM32.size;
  return { section: p.seg, offset: p.off, length: p.len, typeIndex: p.typind, end: p.pEnd, name: r.cstring(nameAt, rec.next - nameAt) };
}
