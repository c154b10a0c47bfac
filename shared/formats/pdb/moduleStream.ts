import { Reader } from '../../bytes/reader';
import type { DbiStream, PdbModuleInfo } from './dbi';
import { readWholeStream, type MsfFile } from './msf';
import type { PdbStringTable } from './stringTable';
import {
  CV_LINE, DEBUG_LINES_FILE_BLOCK, DEBUG_LINES_HEADER, DEBUG_SUBSECTION_HEADER, DEBUG_S_FILECHKSMS, DEBUG_S_IGNORE,
  DEBUG_S_LINES, FILE_CHECKSUM_HEADER, S_GPROC32, S_GPROC32_ID, S_LPROC32, S_LPROC32_DPC, S_LPROC32_DPC_ID, S_LPROC32_ID,
} from './structs';
import { decodeProc, readSymRecord } from './symbolRecords';

export interface PdbFunction {
  rva: number;
  size: number;
  name: string;
  /**
   * The function's type: an LF_PROCEDURE / LF_MFUNCTION index into the TPI
   * stream (`PdbFile.types`), or, when `typeIsItemId`, an LF_FUNC_ID /
   * LF_MFUNC_ID index into the IPI stream (S_GPROC32_ID and kin), which we do not read.
   */
  typeIndex: number;
  typeIsItemId: boolean;
  module: number;
  /** S_GPROC32 (external linkage) rather than S_LPROC32 (a static function). */
  global: boolean;
}

export interface PdbLine {
  rva: number;
  /** Bytes of code this line covers (up to the next line of the same block, or the block end). */
  size: number;
  line: number;
  file: string;
}

export interface PdbModuleSymbols {
  /** Sorted by rva. */
  functions: PdbFunction[];
  /** Sorted by rva. */
  lines: PdbLine[];
}

const PROC_KINDS = new Set([S_GPROC32, S_LPROC32, S_GPROC32_ID, S_LPROC32_ID, S_LPROC32_DPC, S_LPROC32_DPC_ID]);
const ID_PROC_KINDS = new Set([S_GPROC32_ID, S_LPROC32_ID, S_LPROC32_DPC_ID]);
const MAX_RECORDS = 1 << 22;

/** Decodes one module stream: procedures (S_GPROC32/S_LPROC32 and _ID variants) and C13 line tables. */
export function readModuleSymbols(msf: MsfFile, dbi: DbiStream, mod: PdbModuleInfo, names: PdbStringTable | undefined): PdbModuleSymbols {
  if (mod.symStream === undefined) return { functions: [], lines: [] };
  const r = readWholeStream(msf.stream(mod.symStream, `module stream of ${mod.name}`), `PDB module ${mod.name}`);
  const functions: PdbFunction[] = [];
  // Symbols start after a 4-byte signature (CV_SIGNATURE_C13 = 4).
  const symEnd = Math.min(mod.symByteSize, r.size);
  let count = 0;
  for (let p = 4; p + 4 <= symEnd && count < MAX_RECORDS; count++) {
    const rec = readSymRecord(r, p, symEnd);
    if (PROC_KINDS.has(rec.kind)) {
      const proc = decodeProc(r, rec);
      const rva = dbi.toRva(proc.section, proc.offset);
      if (rva !== undefined) {
        functions.push({
          rva, size: proc.length, name: proc.name, typeIndex: proc.typeIndex, typeIsItemId: ID_PROC_KINDS.has(rec.kind),
          module: mod.index, global: rec.kind === S_GPROC32 || rec.kind === S_GPROC32_ID,
        });
      }
    }
    p = rec.next;
  }
  functions.sort((a, b) => a.rva - b.rva);

  const lines: PdbLine[] = [];
  const c13Start = mod.symByteSize + mod.c11ByteSize;
  const c13End = c13Start + mod.c13ByteSize;
  if (mod.c13ByteSize > 0 && r.has(c13Start, mod.c13ByteSize)) {
    // First pass: file checksums (file id → name); second pass: line blocks that refer to them.
    const fileNames = new Map<number, string>();
    const lineSections: number[] = [];
    for (let p = c13Start; p + DEBUG_SUBSECTION_HEADER.size <= c13End;) {
      const h = DEBUG_SUBSECTION_HEADER.read(r, p);
      const body = p + DEBUG_SUBSECTION_HEADER.size;
      r.check(body, h.cbLen, 'C13 debug subsection');
      const type = h.type & ~DEBUG_S_IGNORE;
      if (!(h.type & DEBUG_S_IGNORE)) {
        if (type === DEBUG_S_FILECHKSMS) {
          for (let q = body; q + FILE_CHECKSUM_HEADER.size <= body + h.cbLen;) {
            const f = FILE_CHECKSUM_HEADER.read(r, q);
            fileNames.set(q - body, names?.get(f.offFileName) ?? `<file ${f.offFileName}>`);
            q = (q + FILE_CHECKSUM_HEADER.size + f.cbChecksum + 3) & ~3;
          }
        } else if (type === DEBUG_S_LINES) {
          lineSections.push(p);
        }
      }
      p = (body + h.cbLen + 3) & ~3;
    }
    for (const p of lineSections) readLineSubsection(r, p, dbi, fileNames, lines);
    lines.sort((a, b) => a.rva - b.rva || a.size - b.size);
  }
  return { functions, lines };
}

function readLineSubsection(r: Reader, p: number, dbi: DbiStream, fileNames: Map<number, string>, out: PdbLine[]): void {
  const h = DEBUG_SUBSECTION_HEADER.read(r, p);
  const body = p + DEBUG_SUBSECTION_HEADER.size;
  const end = body + h.cbLen;
  const lh = DEBUG_LINES_HEADER.read(r, body);
  const hasColumns = (lh.flags & 1) !== 0;
  const base = dbi.toRva(lh.segCon, lh.offCon);
  if (base === undefined) return;
  for (let q = body + DEBUG_LINES_HEADER.size; q + DEBUG_LINES_FILE_BLOCK.size <= end;) {
    const b = DEBUG_LINES_FILE_BLOCK.read(r, q);
    const linesAt = q + DEBUG_LINES_FILE_BLOCK.size;
    const n = r.count(b.nLines, CV_LINE.size, linesAt, 'CV_DebugSLinesFileBlockHeader_t.nLines');
    r.check(linesAt, n * CV_LINE.size + (hasColumns ? n * 4 : 0), 'line block');
    const file = fileNames.get(b.offFile) ?? `<file ${b.offFile}>`;
    const block: PdbLine[] = [];
    for (let i = 0; i < n; i++) {
      const l = CV_LINE.read(r, linesAt + i * CV_LINE.size);
      block.push({ rva: base + l.offset, size: 0, line: l.flags & 0xffffff, file });
    }
    // A line runs to the next line's start; the last one to the end of the covered range.
    block.sort((a, c) => a.rva - c.rva);
    for (let i = 0; i < block.length; i++) {
      const next = i + 1 < block.length ? block[i + 1]!.rva : base + lh.cbCon;
      block[i]!.size = Math.max(0, next - block[i]!.rva);
    }
    out.push(...block);
    if (b.cbBlock < DEBUG_LINES_FILE_BLOCK.size) break;
    q += b.cbBlock;
  }
}
