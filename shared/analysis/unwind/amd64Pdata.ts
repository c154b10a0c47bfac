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
 * A context frame stopped inside an epilogue is finished by emulating the
 * epilogue's instructions (add/lea rsp, pops, ret/jmp), as RtlVirtualUnwind
 * does: there the unwind codes no longer describe the stack.
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
    if (req.isContextFrame) {
      const inEpilog = unwindEpilog(data.pe, fn, req);
      if (inEpilog) return inEpilog;
    }
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

/** Longest epilogue we decode: add/lea (8) + 8 pops of 2 bytes + a jmp [rip+x] (7). */
const MAX_EPILOG_BYTES = 40;

/**
 * If the code at the context frame's ip is an epilogue — optional `add rsp, N`
 * or `lea rsp, [frame+N]`, then `pop`s, then `ret`, `rep ret` or a tail-call
 * `jmp` — emulate it and return the caller; undefined when it is not one.
 */
function unwindEpilog(pe: PeImage, fn: RuntimeFunction, req: UnwindRequest): UnwindResult | undefined {
  let code: Uint8Array;
  try {
    code = pe.bytesAt(req.rva, Math.min(MAX_EPILOG_BYTES, Math.max(0, fn.end - req.rva)), 'epilogue');
  } catch (e) {
    if (isDumpDeskError(e)) return undefined;
    throw e;
  }
  const regs: Record<string, bigint> = { ...req.regs };
  const read = (a: bigint) => readWord(req.memory, a, 8);
  const u32 = (i: number) => (code[i]! | (code[i + 1]! << 8) | (code[i + 2]! << 16) | (code[i + 3]! << 24)) >>> 0;
  const s32 = (i: number) => u32(i) | 0;
  const s8 = (i: number) => (code[i]! << 24) >> 24;
  let i = 0;
  // add rsp, imm8 / imm32
  if (code[0] === 0x48 && code[1] === 0x83 && code[2] === 0xc4 && code.length >= 4) { regs.rsp! += BigInt(s8(3)); i = 4; }
  else if (code[0] === 0x48 && code[1] === 0x81 && code[2] === 0xc4 && code.length >= 7) { regs.rsp! += BigInt(s32(3)); i = 7; }
  else if ((code[0] === 0x48 || code[0] === 0x49) && code[1] === 0x8d && code.length >= 4) {
    // lea rsp, [base + disp8/disp32]: ModRM reg field must be rsp (4), mod 1 or 2, rm the base register.
    const modrm = code[2]!;
    const mod = modrm >> 6;
    const reg = (modrm >> 3) & 7;
    const rm = (modrm & 7) + (code[0] === 0x49 ? 8 : 0);
    if (reg !== 4 || (mod !== 1 && mod !== 2) || (rm & 7) === 4) return undefined;
    const base = regs[AMD64_GPR[rm]!];
    if (base === undefined) return undefined;
    if (mod === 1) { regs.rsp = base + BigInt(s8(3)); i = 4; } else if (code.length >= 7) { regs.rsp = base + BigInt(s32(3)); i = 7; } else return undefined;
  }
  // pop r64 / pop r8-r15
  for (let n = 0; n < 16 && i < code.length; n++) {
    let r: number | undefined;
    if (code[i]! >= 0x58 && code[i]! <= 0x5f) { r = code[i]! - 0x58; i += 1; }
    else if (code[i] === 0x41 && code[i + 1] !== undefined && code[i + 1]! >= 0x58 && code[i + 1]! <= 0x5f) { r = code[i + 1]! - 0x58 + 8; i += 2; }
    if (r === undefined) break;
    const v = read(regs.rsp!);
    if (v === undefined) return undefined;
    regs[AMD64_GPR[r]!] = v;
    regs.rsp! += 8n;
  }
  const c = code[i];
  const isReturn = c === 0xc3 || (c === 0xf3 && code[i + 1] === 0xc3) || c === 0xc2;
  // A jmp ends an epilogue only as a tail call: its target lies outside the function.
  const outside = (target: number) => target < fn.begin || target >= fn.end;
  const isTailJump = (c === 0xe9 && i + 5 <= code.length && outside(req.rva + i + 5 + s32(i + 1)))
    || (c === 0xeb && i + 2 <= code.length && outside(req.rva + i + 2 + s8(i + 1)))
    || (c === 0xff && code[i + 1] === 0x25) || (c === 0x48 && code[i + 1] === 0xff && code[i + 2] === 0x25);
  if (!isReturn && !isTailJump) return undefined;
  const ra = read(regs.rsp!);
  if (ra === undefined) return undefined;
  regs.rip = ra;
  regs.rsp! += 8n;
  const out: Record<string, bigint> = { ...calleeSavedOf('amd64', req.regs) };
  for (const r of AMD64_GPR) if (regs[r] !== undefined && regs[r] !== req.regs[r]) out[r] = regs[r]!;
  out.rip = regs.rip;
  out.rsp = regs.rsp!;
  return { regs: out, trust: 'cfi' };
}
