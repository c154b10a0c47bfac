import { Reader } from '../../bytes/reader';
import type { DbiStream } from './dbi';
import type { MsfFile } from './msf';
import { S_PUB32, PUBLICS_HEADER } from './structs';
import { decodePublic, readSymRecord, type PublicRecord } from './symbolRecords';

export interface PdbPublic extends PublicRecord {
  rva: number;
  /** The RVA in the original layout, which orders the address map (differs from rva only with OMAP). */
  sourceRva: number;
}

// GSIHashHdr: VerSignature, VerHdr, HrSize, NumBuckets.
const GSI_HASH_HEADER_SIZE = 16;

/**
 * Public symbols (S_PUB32) through the publics stream's address map: an array
 * of offsets into the symbol record stream, sorted by section:offset. Lookups
 * binary-search it and read only the records they touch.
 */
export class PdbPublics {
  readonly count: number;
  private readonly map: Reader;
  private readonly mapOffset: number;
  private readonly records: Reader;
  private readonly cache = new Map<number, PdbPublic | null>();

  constructor(msf: MsfFile, private readonly dbi: DbiStream) {
    if (dbi.publicStream === undefined || dbi.symRecordStream === undefined || !msf.hasStream(dbi.publicStream)) {
      this.count = 0;
      this.map = this.records = new Reader({ size: 0, read: () => new Uint8Array(0) });
      this.mapOffset = 0;
      return;
    }
    this.map = new Reader(msf.stream(dbi.publicStream, 'publics stream'), 'PDB publics stream');
    this.records = new Reader(msf.stream(dbi.symRecordStream, 'symbol record stream'), 'PDB symbol records');
    const h = PUBLICS_HEADER.read(this.map, 0);
    this.mapOffset = PUBLICS_HEADER.size + h.SymHash;
    this.map.check(this.mapOffset, h.AddrMap, 'publics address map');
    this.count = Math.floor(h.AddrMap / 4);
    void GSI_HASH_HEADER_SIZE; // the name hash is not needed: lookups are by address
  }

  /** The i-th public in address order; null when its record is not an S_PUB32 or its section is unknown. */
  at(i: number): PdbPublic | null {
    let p = this.cache.get(i);
    if (p !== undefined) return p;
    const off = this.map.u32(this.mapOffset + i * 4);
    const rec = readSymRecord(this.records, off, this.records.size);
    p = null;
    if (rec.kind === S_PUB32) {
      const pub = decodePublic(this.records, rec);
      const rva = this.dbi.toRva(pub.section, pub.offset);
      const sourceRva = this.dbi.toSourceRva(pub.section, pub.offset);
      if (rva !== undefined && sourceRva !== undefined) p = { ...pub, rva, sourceRva };
    }
    this.cache.set(i, p);
    return p;
  }

  /** Every public with a known RVA, sorted by RVA. */
  all(): PdbPublic[] {
    const out: PdbPublic[] = [];
    for (let i = 0; i < this.count; i++) {
      const p = this.at(i);
      if (p) out.push(p);
    }
    return out.sort((a, b) => a.rva - b.rva);
  }

  /** The public at or below `address` (by binary search over the address map, in its own layout). */
  lookup(address: number): PdbPublic | undefined {
    const rva = this.dbi.sourceRvaOf(address);
    if (rva === undefined) return undefined;
    let lo = 0;
    let hi = this.count - 1;
    let best: PdbPublic | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      // Entries that do not decode are skipped by probing the next one down.
      let j = mid;
      let p = this.at(j);
      while (!p && j > lo) p = this.at(--j);
      if (!p) { lo = mid + 1; continue; }
      if (p.sourceRva <= rva) { best = p; lo = mid + 1; } else hi = j - 1;
    }
    return best;
  }
}
