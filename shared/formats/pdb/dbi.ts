import { MemoryByteSource } from '../../bytes/byteSource';
import { Reader } from '../../bytes/reader';
import { DumpFormatError } from '../../errors';
import { IMAGE_SECTION_HEADER } from '../pe/structs';
import { readWholeStream, type MsfFile } from './msf';
import { DBG_HEADER, DBI_HEADER, MOD_INFO, OMAP_ENTRY, SC_VERSION_2, SC_VERSION_60, SECTION_CONTRIB } from './structs';

export interface PdbModuleInfo {
  index: number;
  /** Object file or import library name. */
  name: string;
  objFile: string;
  /** Stream holding the module's symbols and C13 lines; undefined when it has none. */
  symStream?: number;
  symByteSize: number;
  c11ByteSize: number;
  c13ByteSize: number;
}

/**
 * A range of code or data one module contributed. With OMAP (optimized system
 * binaries) `rva` is in the original, pre-optimization layout: compare it
 * with `sourceRvaOf(address)`, not with the address itself.
 */
export interface SectionContribution {
  rva: number;
  size: number;
  module: number;
  characteristics: number;
}

export interface DbiStream {
  age: number;
  machine: number;
  publicStream?: number;
  globalStream?: number;
  symRecordStream?: number;
  modules: PdbModuleInfo[];
  /** Sorted by rva (original layout; see SectionContribution). */
  contributions: SectionContribution[];
  /** section:offset in the original layout (equal to toRva without OMAP). */
  toSourceRva(section: number, offset: number): number | undefined;
  /** An image RVA in the layout of `contributions`: itself, or mapped through OMAP "to source". */
  sourceRvaOf(rva: number): number | undefined;
  /** Maps a section:offset pair (1-based section) to an image RVA (through OMAP when present); undefined when unknown. */
  toRva(section: number, offset: number): number | undefined;
  /** FPO / new FPO stream numbers, for a later x86 frame-data reader. */
  fpoStream?: number;
  newFpoStream?: number;
}

interface Section {
  va: number;
  size: number;
}

const present = (i: number) => (i === 0xffff ? undefined : i);

/** DBI stream (stream 3): module list, section contributions, section headers (via the optional debug header) and OMAP. */
export function readDbi(msf: MsfFile, streamIndex: number): DbiStream {
  // The DBI is read piecewise: the source-file substream (often its largest part) is never touched.
  const r = new Reader(msf.stream(streamIndex, 'DBI stream'), 'PDB DBI stream');
  const h = DBI_HEADER.read(r, 0);
  if (h.VersionSignature !== -1) {
    throw new DumpFormatError('BadVersion', `PDB DBI: VersionSignature ${h.VersionSignature} (expected -1: only the "new" DBI header is read)`);
  }
  const sizes = [h.ModInfoSize, h.SectionContributionSize, h.SectionMapSize, h.SourceInfoSize, h.TypeServerMapSize, h.ECSubstreamSize, h.OptionalDbgHeaderSize];
  let p = DBI_HEADER.size;
  const starts: number[] = [];
  for (const [i, s] of sizes.entries()) {
    if (s < 0) throw new DumpFormatError('BadValue', `PDB DBI: substream ${i} has negative size ${s}`);
    r.check(p, s, `DBI substream ${i}`);
    starts.push(p);
    p += s;
  }
  const [modStart, scStart, , , , , dbgStart] = starts as [number, number, number, number, number, number, number];
  const substream = (start: number, size: number, what: string) =>
    new Reader(new MemoryByteSource(r.bytes(start, size, what)), `PDB DBI ${what}`);

  const modules: PdbModuleInfo[] = [];
  const mr = substream(modStart, h.ModInfoSize, 'module info');
  for (let q = 0; q + MOD_INFO.size <= mr.size;) {
    const m = MOD_INFO.read(mr, q);
    const limit = mr.size;
    const name = mr.cstring(q + MOD_INFO.size, limit - q - MOD_INFO.size);
    const objAt = q + MOD_INFO.size + name.length + 1;
    const objFile = mr.cstring(objAt, Math.max(0, limit - objAt));
    q = (objAt + objFile.length + 1 + 3) & ~3;
    modules.push({
      index: modules.length, name, objFile,
      symStream: msf.hasStream(m.ModuleSymStream) ? m.ModuleSymStream : undefined,
      symByteSize: m.SymByteSize, c11ByteSize: m.C11ByteSize, c13ByteSize: m.C13ByteSize,
    });
  }

  // Optional debug header: stream numbers of FPO data, section headers, OMAP…
  const dr = substream(dbgStart, h.OptionalDbgHeaderSize, 'optional debug header');
  const dbg = (i: number): number | undefined => {
    if ((i + 1) * 2 > dr.size) return undefined;
    const s = dr.u16(i * 2);
    return msf.hasStream(s) ? s : undefined;
  };
  const readSections = (s: number | undefined): Section[] => {
    if (s === undefined) return [];
    const sr = readWholeStream(msf.stream(s, 'section header stream'), 'PDB section headers');
    const out: Section[] = [];
    for (let q = 0; q + IMAGE_SECTION_HEADER.size <= sr.size; q += IMAGE_SECTION_HEADER.size) {
      const sh = IMAGE_SECTION_HEADER.read(sr, q);
      out.push({ va: sh.VirtualAddress, size: sh.VirtualSize });
    }
    return out;
  };
  const omapFromStream = dbg(DBG_HEADER.OmapFromSrc);
  const omapToStream = dbg(DBG_HEADER.OmapToSrc);
  const sections = readSections(omapFromStream !== undefined ? (dbg(DBG_HEADER.SectionHdrOrig) ?? dbg(DBG_HEADER.SectionHdr)) : dbg(DBG_HEADER.SectionHdr));
  const omapFrom = omapFromStream !== undefined ? readOmap(msf, omapFromStream) : undefined;
  const omapTo = omapToStream !== undefined ? readOmap(msf, omapToStream) : undefined;

  /** section:offset in the original layout (what symbol records and contributions use). */
  const toSourceRva = (section: number, offset: number): number | undefined => {
    const s = sections[section - 1];
    return s ? s.va + offset : undefined;
  };
  const toRva = (section: number, offset: number): number | undefined => {
    const src = toSourceRva(section, offset);
    return src !== undefined && omapFrom ? omapFrom(src) : src;
  };

  // Section contributions map addresses to modules: decoded on the first address lookup.
  let contributions: SectionContribution[] | undefined;
  const readContributions = (): SectionContribution[] => {
    const out: SectionContribution[] = [];
    if (h.SectionContributionSize < 4) return out;
    const cr = substream(scStart, h.SectionContributionSize, 'section contributions');
    const ver = cr.u32(0);
    const entry = ver === SC_VERSION_2 ? SECTION_CONTRIB.size + 4 : SECTION_CONTRIB.size;
    if (ver !== SC_VERSION_60 && ver !== SC_VERSION_2) return out;
    for (let q = 4; q + entry <= cr.size; q += entry) {
      const c = SECTION_CONTRIB.read(cr, q);
      const rva = toSourceRva(c.Section, c.Offset);
      if (rva !== undefined && c.Size > 0) out.push({ rva, size: c.Size, module: c.ModuleIndex, characteristics: c.Characteristics });
    }
    return out.sort((a, b) => a.rva - b.rva);
  };

  return {
    age: h.Age,
    machine: h.Machine,
    publicStream: present(h.PublicStreamIndex),
    globalStream: present(h.GlobalStreamIndex),
    symRecordStream: present(h.SymRecordStream),
    modules,
    get contributions() {
      return (contributions ??= readContributions());
    },
    toRva,
    toSourceRva,
    sourceRvaOf: (rva) => (omapTo ? omapTo(rva) : rva),
    fpoStream: dbg(DBG_HEADER.FPO),
    newFpoStream: dbg(DBG_HEADER.NewFPO),
  };
}

/**
 * OMAP tables: optimized (BBT/Pogo-rearranged) builds map original RVAs to
 * final ones ("from source") and back ("to source"). The tables (often
 * hundreds of KB) are binary-searched in place, never read whole.
 */
function readOmap(msf: MsfFile, stream: number): (rva: number) => number | undefined {
  const r = new Reader(msf.stream(stream, 'OMAP stream'), 'PDB OMAP');
  const n = Math.floor(r.size / OMAP_ENTRY.size);
  return (rva) => {
    let lo = 0;
    let hi = n - 1;
    let hit: { rva: number; rvaTo: number } | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const e = OMAP_ENTRY.read(r, mid * OMAP_ENTRY.size);
      if (e.rva <= rva) { hit = e; lo = mid + 1; } else hi = mid - 1;
    }
    if (!hit || hit.rvaTo === 0) return undefined;
    return hit.rvaTo + (rva - hit.rva);
  };
}
