import { BreakpadSymbols } from '../formats/breakpad/symFile';
import type { PdbFile } from '../formats/pdb/pdbFile';

/**
 * A PDB's x86 frame data (FPO / FRAMEDATA) as the STACK WIN records of an
 * otherwise empty Breakpad symbol set, so the x86 STACK WIN unwinder walks
 * frames with a PDB exactly as it does with a .sym.
 */
export function pdbStackWin(pdb: PdbFile): BreakpadSymbols {
  const s = new BreakpadSymbols();
  for (const f of pdb.frameRecords) s.stackWin.push({ ...f });
  s.stackWin.sort((a, b) => a.rva - b.rva || b.size - a.size);
  return s;
}
