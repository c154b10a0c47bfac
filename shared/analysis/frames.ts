/**
 * Walked frames → the document's frames: module + offset, symbol through
 * the SymbolResolver, hex strings. Return addresses are looked up one byte
 * back (Breakpad and WinDbg do the same) so a call that ends a function is
 * not credited to the next one; the offset shown is still the return address's.
 */
import type { SymbolResolver } from '../symbols/types';
import { hex } from '../hex';
import type { ReportFrame } from './report';
import type { ArchRegs } from './stackwalk/archRegs';
import type { WalkedFrame } from './stackwalk/walkContext';

export function toReportFrames(walked: readonly WalkedFrame[], symbols: SymbolResolver, regs: ArchRegs | undefined): ReportFrame[] {
  return walked.map((f, index) => {
    const m = f.module;
    const rva = m ? Number(f.ip - m.base) : undefined;
    const lookupRva = rva !== undefined && f.trust !== 'context' && rva > 0 ? rva - 1 : rva;
    const sym = m && lookupRva !== undefined ? symbols.lookup(m, lookupRva) : undefined;
    const fp = regs ? f.regs[regs.fp] : undefined;
    return {
      index,
      ip: hex(f.ip),
      sp: hex(f.sp),
      fp: fp === undefined ? null : hex(fp),
      module: m?.name ?? null,
      moduleOffset: rva === undefined ? null : hex(rva),
      function: sym?.function ?? null,
      functionOffset: sym ? hex(sym.functionOffset + (lookupRva !== rva ? 1 : 0)) : null,
      file: sym?.file ?? null,
      line: sym?.line ?? null,
      trust: f.trust,
    };
  });
}
