import type { BpStackWin } from '../breakpad/symFile';
import type { DbiStream } from './dbi';
import { readWholeStream, type MsfFile } from './msf';
import type { PdbStringTable } from './stringTable';
import { FPO_DATA, FRAMEDATA } from './structs';

/**
 * x86 frame records, in the shape of a Breakpad STACK WIN line: type 4 from
 * FRAMEDATA (with a program string), types 0–3 from FPO_DATA (cbFrame).
 */
export type PdbFrameRecord = BpStackWin;

/**
 * The DBI's FPO and new-FPO (FRAMEDATA) streams. As dump_syms does, the first
 * record at each start address wins, in stream order: the linker repeats
 * records for folded functions.
 */
export function readFrameRecords(msf: MsfFile, dbi: DbiStream, names: PdbStringTable | undefined): PdbFrameRecord[] {
  const out: PdbFrameRecord[] = [];
  const seen = new Set<number>();
  if (dbi.newFpoStream !== undefined) {
    const r = readWholeStream(msf.stream(dbi.newFpoStream, 'new FPO stream'), 'PDB new FPO stream');
    for (let o = 0; o + FRAMEDATA.size <= r.size; o += FRAMEDATA.size) {
      const f = FRAMEDATA.read(r, o);
      if (seen.has(f.ulRvaStart)) continue;
      seen.add(f.ulRvaStart);
      out.push({
        type: 4, rva: f.ulRvaStart, size: f.cbBlock, prologSize: f.cbProlog, epilogSize: 0, paramSize: f.cbParams,
        savedRegSize: f.cbSavedRegs, localSize: f.cbLocals, maxStackSize: f.cbStkMax,
        program: names?.get(f.frameFunc)?.trimEnd(), allocatesBasePointer: false,
      });
    }
  }
  const fpoSeen = new Set<number>();
  if (dbi.fpoStream !== undefined) {
    const r = readWholeStream(msf.stream(dbi.fpoStream, 'FPO stream'), 'PDB FPO stream');
    for (let o = 0; o + FPO_DATA.size <= r.size; o += FPO_DATA.size) {
      const f = FPO_DATA.read(r, o);
      if (fpoSeen.has(f.ulOffStart)) continue;
      fpoSeen.add(f.ulOffStart);
      out.push({
        type: f.bits >> 14, rva: f.ulOffStart, size: f.cbProcSize, prologSize: f.bits & 0xff, epilogSize: 0,
        paramSize: f.cdwParams * 4, savedRegSize: ((f.bits >> 8) & 7) * 4, localSize: f.cdwLocals * 4, maxStackSize: 0,
        allocatesBasePointer: ((f.bits >> 12) & 1) === 1,
      });
    }
  }
  return out;
}

/** A record as a Breakpad STACK WIN line. */
export function stackWinLine(f: PdbFrameRecord): string {
  const h = (n: number) => n.toString(16);
  const head = `STACK WIN ${h(f.type)} ${h(f.rva)} ${h(f.size)} ${h(f.prologSize)} ${h(f.epilogSize)} ${h(f.paramSize)} ${h(f.savedRegSize)} ${h(f.localSize)} ${h(f.maxStackSize)}`;
  return f.program !== undefined ? `${head} 1 ${f.program}` : `${head} 0 ${f.allocatesBasePointer ? 1 : 0}`;
}
