import { MemoryByteSource } from '../../bytes/byteSource';
import { Reader } from '../../bytes/reader';
import { DumpFormatError } from '../../errors';
import { IMAGE_SECTION_HEADER } from '../pe/structs';
import type { MsfFile } from './msf';
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

/** A range of code or data one module contributed, as an RVA range. */
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
  /** Sorted by rva. */
  contributions: SectionContribution[];
  /** Maps a section:offset pair (1-based section) to an RVA; undefined when the section is unknown. */
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
  const src = msf.stream(streamIndex, 'DBI stream');
  const r = new Reader(new MemoryByteSource(src.read(0, src.size)), 'PDB DBI stream');
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

  const modules: PdbModuleInfo[] = [];
  for (let q = modStart; q + MOD_INFO.size <= modStart + h.ModInfoSize;) {
    const m = MOD_INFO.read(r, q);
    const limit = modStart + h.ModInfoSize;
    const name = r.cstring(q + MOD_INFO.size, limit - q - MOD_INFO.size);
    const objAt = q + MOD_INFO.size + name.length + 1;
    const objFile = r.cstring(objAt, Math.max(0, limit - objAt));
    q = (objAt + objFile.length + 1 + 3) & ~3;
    modules.push({
      index: modules.length, name, objFile,
      symStream: msf.hasStream(m.ModuleSymStream) ? m.ModuleSymStream : undefined,
      symByteSize: m.SymByteSize, c11ByteSize: m.C11ByteSize, c13ByteSize: m.C13ByteSize,
    });
  }

  // Optional debug header: stream numbers of FPO data, section headers, OMAP…
  const dbg = (i: number): number | undefined => {
    if ((i + 1) * 2 > h.OptionalDbgHeaderSize) return undefined;
    const s = r.u16(dbgStart + i * 2);
    return msf.hasStream(s) ? s : undefined;
  };
  const readSections = (s: number | undefined): Section[] => {
    if (s === undefined) return [];
    const src2 = msf.stream(s, 'section header stream');
    const sr = new Reader(new MemoryByteSource(src2.read(0, src2.size)), 'PDB section headers');
    const out: Section[] = [];
    for (let q = 0; q + IMAGE_SECTION_HEADER.size <= sr.size; q += IMAGE_SECTION_HEADER.size) {
      const sh = IMAGE_SECTION_HEADER.read(sr, q);
      out.push({ va: sh.VirtualAddress, size: sh.VirtualSize });
    }
    return out;
  };
  const omapStream = dbg(DBG_HEADER.OmapFromSrc);
  const sections = readSections(omapStream !== undefined ? (dbg(DBG_HEADER.SectionHdrOrig) ?? dbg(DBG_HEADER.SectionHdr)) : dbg(DBG_HEADER.SectionHdr));
  const omap = omapStream !== undefined ? readOmap(msf, omapStream) : undefined;

  const toRva = (section: number, offset: number): number | undefined => {
    const s = sections[section - 1];
    if (!s) return undefined;
    const rva = s.va + offset;
    return omap ? omap(rva) : rva;
  };

  const contributions: SectionContribution[] = [];
  if (h.SectionContributionSize >= 4) {
    const ver = r.u32(scStart);
    const entry = ver === SC_VERSION_2 ? SECTION_CONTRIB.size + 4 : SECTION_CONTRIB.size;
    if (ver === SC_VERSION_60 || ver === SC_VERSION_2) {
      for (let q = scStart + 4; q + entry <= scStart + h.SectionContributionSize; q += entry) {
        const c = SECTION_CONTRIB.read(r, q);
        const rva = toRva(c.Section, c.Offset);
        if (rva !== undefined && c.Size > 0) contributions.push({ rva, size: c.Size, module: c.ModuleIndex, characteristics: c.Characteristics });
      }
      contributions.sort((a, b) => a.rva - b.rva);
    }
  }

  return {
    age: h.Age,
    machine: h.Machine,
    publicStream: present(h.PublicStreamIndex),
    globalStream: present(h.GlobalStreamIndex),
    symRecordStream: present(h.SymRecordStream),
    modules,
    contributions,
    toRva,
    fpoStream: dbg(DBG_HEADER.FPO),
    newFpoStream: dbg(DBG_HEADER.NewFPO),
  };
}

/** OMAP "from source": optimized (BBT/Pogo-rearranged) builds map original RVAs to final ones. */
function readOmap(msf: MsfFile, stream: number): (rva: number) => number | undefined {
  const src = msf.stream(stream, 'OMAP stream');
  const r = new Reader(new MemoryByteSource(src.read(0, src.size)), 'PDB OMAP');
  const n = Math.floor(r.size / OMAP_ENTRY.size);
  const from = new Uint32Array(n);
  const to = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const e = OMAP_ENTRY.read(r, i * OMAP_ENTRY.size);
    from[i] = e.rva;
    to[i] = e.rvaTo;
  }
  return (rva) => {
    let lo = 0;
    let hi = n - 1;
    let hit = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (from[mid]! <= rva) { hit = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (hit < 0 || to[hit] === 0) return undefined;
    return to[hit]! + (rva - from[hit]!);
  };
}
