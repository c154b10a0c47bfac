import type { DumpModule, MemoryReader } from '../../dump/types';
import { isDumpDeskError } from '../../errors';
import { MappedImageSource } from '../../formats/pe/mappedImageSource';
import { PeImage } from '../../formats/pe/peImage';
import { AMD64_GPR, RuntimeFunctionTable, readUnwindInfo, type RuntimeFunction, type UnwindInfo } from '../../formats/pe/unwindInfo';
import type { FrameUnwinder, UnwindRequest, UnwindResult } from '../stackwalk/unwinder';
import { calleeSavedOf, readWord } from './memoryWords';

/** Chained unwind info never nests deeply; a loop in the chain is corrupt data. */
const MAX_CHAIN = 32;

interface ModuleUnwindData {
  pe: PeImage;
  table: RuntimeFunctionTable;
}

/**
 * x64 unwinding from `.pdata` / UNWIND_INFO, as RtlVirtualUnwind does it:
 * undo the prologue operations that have executed (all of them for a caller
 * frame), following chained entries, then pop the return address (or the
 * machine frame). The PE comes from the symbol path when `peFor` has it,
 * else from the image mapped in the dump's memory.
 * Not handled: the epilogue check for the context frame (an exact ip inside
 * an epilogue is unwound as if the prologue had run; callers are never there).
 */
export class Amd64PdataUnwinder implements FrameUnwinder {
  private readonly cache = new Map<string, ModuleUnwindData | null>();

  constructor(private readonly peFor: (m: DumpModule) => PeImage | undefined = () => undefined) {}

  unwind(req: UnwindRequest): UnwindResult | undefined {
    if (req.arch !== 'amd64') return undefined;
    const data = this.dataFor(req.module, req.memory);
    if (!data) return undefined;
    // A return address may sit just past a call that ends the function: look up ip-1 for callers.
    const fn = data.table.find(req.isContextFrame ? req.rva : req.rva - 1);
    if (!fn) return undefined;
    return unwindFrom(data.pe, fn, req);
  }

  private dataFor(m: DumpModule, memory: MemoryReader): ModuleUnwindData | undefined {
    const key = `${m.base.toString(16)}|${m.name}`;
    let d = this.cache.get(key);
    if (d === undefined) {
      d = null;
      try {
        const pe = this.peFor(m) ?? PeImage.open(new MappedImageSource(memory, m.base, m.size), 'mapped');
        const table = new RuntimeFunctionTable(pe);
        if (table.count > 0) d = { pe, table };
      } catch (e) {
        if (!isDumpDeskError(e)) throw e;
      }
      this.cache.set(key, d);
    }
    return d ?? undefined;
  }
}

function unwindFrom(pe: PeImage, fn: RuntimeFunction, req: UnwindRequest): UnwindResult | undefined {
  const regs: Record<string, bigint> = { ...req.regs };
  const read = (a: bigint) => readWord(req.memory, a, 8);
  let info: UnwindInfo = readUnwindInfo(pe, fn.unwindInfoRva);
  const offsetInFunc = req.rva - fn.begin;

  // The frame base: with a frame register, RSP is recovered from it (once the prologue set it).
  const setFrameAt = info.ops.find((o) => o.op === 'setFrame')?.codeOffset;
  let frame = regs.rsp!;
  if (info.frameRegister !== 0 && (!req.isContextFrame || setFrameAt === undefined || offsetInFunc >= setFrameAt)) {
    const fr = regs[AMD64_GPR[info.frameRegister]!];
    if (fr === undefined) return undefined;
    frame = fr - BigInt(info.frameOffset);
  }

  let machFrame = false;
  let primary = true;
  for (let depth = 0; ; depth++) {
    for (const o of info.ops) {
      // In the context frame, operations past the current prologue offset have not run yet.
      if (primary && req.isContextFrame && o.codeOffset > offsetInFunc) continue;
      switch (o.op) {
        case 'push': {
          const v = read(regs.rsp!);
          if (v === undefined) return undefined;
          regs[AMD64_GPR[o.reg]!] = v;
          regs.rsp! += 8n;
          break;
        }
        case 'alloc': regs.rsp! += BigInt(o.size); break;
        case 'setFrame': regs.rsp = frame; break;
        case 'save': {
          const v = read(frame + BigInt(o.offset));
          if (v === undefined) return undefined;
          regs[AMD64_GPR[o.reg]!] = v;
          break;
        }
        case 'machFrame': {
          // The CPU pushed SS, RSP, EFLAGS, CS, RIP (and an error code): the trap frame gives ip and sp.
          const base = regs.rsp! + (o.errorCode ? 8n : 0n);
          const ip = read(base);
          const sp = read(base + 24n);
          if (ip === undefined || sp === undefined) return undefined;
          regs.rip = ip;
          regs.rsp = sp;
          machFrame = true;
          break;
        }
        default: break; // xmm saves and epilog descriptors do not move integer registers
      }
    }
    if (!info.chained) break;
    if (depth >= MAX_CHAIN) return undefined;
    info = readUnwindInfo(pe, info.chained.unwindInfoRva);
    primary = false;
  }

  if (!machFrame) {
    const ra = read(regs.rsp!);
    if (ra === undefined) return undefined;
    regs.rip = ra;
    regs.rsp! += 8n;
  }
  const out: Record<string, bigint> = { ...calleeSavedOf('amd64', req.regs) };
  for (const r of [...AMD64_GPR, 'rip']) if (regs[r] !== undefined && (regs[r] !== req.regs[r] || out[r] !== undefined)) out[r] = regs[r]!;
  out.rip = regs.rip!;
  out.rsp = regs.rsp!;
  return { regs: out, trust: 'cfi' };
}
