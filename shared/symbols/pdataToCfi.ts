import type { PeImage } from '../formats/pe/peImage';
import { AMD64_GPR, RuntimeFunctionTable, readUnwindInfo, type UnwindInfo } from '../formats/pe/unwindInfo';

const MAX_CHAIN = 32;

/**
 * x64 `.pdata` as Breakpad STACK CFI, the way dump_syms writes it: per
 * function an INIT record (at entry the return address is at [rsp]) and one
 * delta at the same address giving the CFA once the prologue has run, from
 * the sizes of its pushes and allocations (chained entries included). With a
 * frame register the CFA is expressed from that register. Saved registers are
 * not described (dump_syms does not either; the .pdata unwinder recovers them).
 */
export function pdataToCfi(pe: PeImage): string[] {
  const table = new RuntimeFunctionTable(pe);
  const out: string[] = [];
  for (let i = 0; i < table.count; i++) {
    const f = table.at(i);
    const h = (n: number) => n.toString(16);
    out.push(`STACK CFI INIT ${h(f.begin)} ${h(f.end - f.begin)} .cfa: $rsp .ra: .cfa 8 - ^`);
    const cfa = cfaAfterProlog(pe, readUnwindInfo(pe, f.unwindInfoRva));
    out.push(`STACK CFI ${h(f.begin)} .cfa: $${cfa.reg} ${Math.abs(cfa.offset)} ${cfa.offset < 0 ? '-' : '+'}`);
  }
  return out;
}

function cfaAfterProlog(pe: PeImage, first: UnwindInfo): { reg: string; offset: number } {
  let below = 0; // bytes pushed/allocated after the frame register was set (not needed with it)
  let above = 8; // the return address, plus everything pushed/allocated before the frame register was set
  let frameSet = false;
  let frameReg = first.frameRegister;
  let frameOffset = first.frameOffset;
  let info = first;
  for (let depth = 0; ; depth++) {
    // Codes are in reverse prologue order: until a SET_FPREG is met they happened after it.
    for (const o of info.ops) {
      if (o.op === 'setFrame') { frameSet = true; continue; }
      const n = o.op === 'push' ? 8 : o.op === 'alloc' ? o.size : o.op === 'machFrame' ? (o.errorCode ? 48 : 40) : 0;
      if (frameReg && !frameSet) below += n;
      else above += n;
    }
    if (!info.chained || depth >= MAX_CHAIN) break;
    info = readUnwindInfo(pe, info.chained.unwindInfoRva);
    if (!frameReg && info.frameRegister) { frameReg = info.frameRegister; frameOffset = info.frameOffset; }
  }
  // With a frame register: RSP at SET_FPREG was reg - frameOffset, and the CFA is `above` bytes higher.
  if (frameReg && frameSet) return { reg: AMD64_GPR[frameReg]!, offset: above - frameOffset };
  return { reg: 'rsp', offset: above + below };
}
