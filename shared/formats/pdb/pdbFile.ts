import { isDumpDeskError } from '../../errors';
import type { ByteSource } from '../../bytes/byteSource';
import { upperBound } from '../common/rvaSearch';
import { readDbi, type DbiStream } from './dbi';
import { readFrameRecords, type PdbFrameRecord } from './frameData';
import { readPdbInfo, type PdbInfo } from './infoStream';
import { readModuleSymbols, type PdbFunction, type PdbLine, type PdbModuleSymbols } from './moduleStream';
import { MsfFile, readWholeStream } from './msf';
import { PdbPublics } from './publics';
import { PdbStringTable } from './stringTable';
import { PDB_STREAM_DBI, PDB_STREAM_INFO, PDB_STREAM_TPI } from './structs';
import { PdbTypeStream } from './typeStream';

/** Machine values in the DBI header (IMAGE_FILE_MACHINE_*). */
const MACHINE_NAMES: Record<number, string> = { 0x14c: 'x86', 0x8664: 'x86_64', 0xaa64: 'arm64', 0x1c4: 'arm' };

/**
 * A PDB, opened lazily: the constructor reads the MSF directory, the info
 * stream and the DBI header substreams. Publics are searched in place; a module
 * stream is decoded the first time an address inside it is asked for, then cached;
 * the type stream is read on the first `types` access.
 */
export class PdbFile {
  readonly msf: MsfFile;
  readonly info: PdbInfo;
  readonly dbi: DbiStream;
  private publicsCache?: PdbPublics;
  private namesCache?: PdbStringTable | null;
  private readonly modules = new Map<number, PdbModuleSymbols>();
  private frameCache?: PdbFrameRecord[];
  private typesCache?: PdbTypeStream | null;

  constructor(source: ByteSource) {
    this.msf = new MsfFile(source);
    this.info = readPdbInfo(readWholeStream(this.msf.stream(PDB_STREAM_INFO, 'PDB info stream'), 'PDB info stream'));
    this.dbi = readDbi(this.msf, PDB_STREAM_DBI);
  }

  /** Breakpad/symbol-server debug id: GUID + age (the DBI age, as dump_syms and symstore use), uppercase. */
  get debugId(): string {
    return this.info.guid + this.dbi.age.toString(16).toUpperCase();
  }

  /** "x86", "x86_64", "arm64" — Breakpad's MODULE cpu names. */
  get cpu(): string {
    return MACHINE_NAMES[this.dbi.machine] ?? 'unknown';
  }

  get publics(): PdbPublics {
    return (this.publicsCache ??= new PdbPublics(this.msf, this.dbi));
  }

  /** The "/names" string table (source file names); undefined when absent. */
  get names(): PdbStringTable | undefined {
    if (this.namesCache === undefined) {
      const idx = this.info.namedStreams.get('/names');
      if (idx === undefined || !this.msf.hasStream(idx)) this.namesCache = null;
      else this.namesCache = new PdbStringTable(readWholeStream(this.msf.stream(idx, '/names'), 'PDB /names'));
    }
    return this.namesCache ?? undefined;
  }

  /** x86 frame records (FPO / FRAMEDATA), read on first use. */
  get frameRecords(): readonly PdbFrameRecord[] {
    return (this.frameCache ??= readFrameRecords(this.msf, this.dbi, this.names));
  }

  /**
   * Type information (TPI, stream 2): structure layouts, type names and
   * function argument lists (`PdbTypeInfo`, typeInfo.ts), built on first use
   * and kept. Undefined when the PDB has no TPI stream or it is empty.
   * A corrupt stream throws `DumpFormatError`, never anything else: this getter
   * throws when the stream header is invalid (and again on each access); a
   * broken or malformed record throws from the question that reaches it (see
   * typeStream.ts), while questions about earlier records still answer.
   */
  get types(): PdbTypeStream | undefined {
    if (this.typesCache === undefined) {
      if (!this.msf.hasStream(PDB_STREAM_TPI)) this.typesCache = null;
      else this.typesCache = new PdbTypeStream(this.msf.stream(PDB_STREAM_TPI, 'TPI stream'));
    }
    return this.typesCache ?? undefined;
  }

  /** `types` for callers that can do without them: undefined also when the stream header is corrupt. */
  get typesIfReadable(): PdbTypeStream | undefined {
    try {
      return this.types;
    } catch (e) {
      if (!isDumpDeskError(e)) throw e;
      return undefined;
    }
  }

  /** Symbols of one module, decoded once. */
  moduleSymbols(index: number): PdbModuleSymbols {
    let m = this.modules.get(index);
    if (!m) {
      const info = this.dbi.modules[index];
      m = info ? readModuleSymbols(this.msf, this.dbi, info, this.names) : { functions: [], lines: [] };
      this.modules.set(index, m);
    }
    return m;
  }

  /** How many module streams have been decoded so far (tests check laziness with it). */
  get decodedModuleCount(): number {
    return this.modules.size;
  }

  /** Index of the module whose section contribution holds `rva`. */
  moduleAt(address: number): number | undefined {
    const rva = this.dbi.sourceRvaOf(address);
    if (rva === undefined) return undefined;
    const c = this.dbi.contributions;
    let lo = 0;
    let hi = c.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid]!.rva > rva) hi = mid - 1;
      else if (c[mid]!.rva + c[mid]!.size <= rva) lo = mid + 1;
      else return c[mid]!.module;
    }
    return undefined;
  }

  /** The function containing `rva` and the line there, reading only that module's stream. */
  lookup(rva: number): { func?: PdbFunction; line?: PdbLine } {
    const mi = this.moduleAt(rva);
    if (mi === undefined) return {};
    const m = this.moduleSymbols(mi);
    return { func: findCovering(m.functions, rva), line: findCovering(m.lines, rva) };
  }

  /** Every function of every module, sorted by RVA (decodes all module streams). */
  allFunctions(): PdbFunction[] {
    const out: PdbFunction[] = [];
    for (let i = 0; i < this.dbi.modules.length; i++) out.push(...this.moduleSymbols(i).functions);
    return out.sort((a, b) => a.rva - b.rva);
  }

  allLines(): PdbLine[] {
    const out: PdbLine[] = [];
    for (let i = 0; i < this.dbi.modules.length; i++) out.push(...this.moduleSymbols(i).lines);
    return out.sort((a, b) => a.rva - b.rva);
  }
}

/** Last entry with rva <= x whose [rva, rva+size) holds x (entries sorted by rva). */
export function findCovering<T extends { rva: number; size: number }>(list: readonly T[], x: number): T | undefined {
  const at = upperBound(list, x) - 1;
  // Walk back over zero-size or shorter neighbours at the same start.
  for (let i = at; i >= 0 && i > at - 8; i--) {
    const e = list[i]!;
    if (x < e.rva + Math.max(e.size, 1)) return e;
  }
  return undefined;
}
