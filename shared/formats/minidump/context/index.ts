import type { Reader } from '../../../bytes/reader';
import type { CpuArch, RegisterContext } from '../../../dump/types';
import { DumpFormatError } from '../../../errors';
import { AMD64_REGISTERS, CONTEXT_AMD64 } from './amd64';
import { ARM_ORDER, CONTEXT_ARM } from './arm';
import { ARM64_ORDER, CONTEXT_ARM64 } from './arm64';
import { CONTEXT_X86, CONTEXT_X86_MIN_SIZE, X86_REGISTERS } from './x86';

/** Bytes a CONTEXT of `arch` needs before we can decode its registers. */
export function contextMinSize(arch: CpuArch): number | undefined {
  switch (arch) {
    case 'x86': return CONTEXT_X86_MIN_SIZE;
    case 'amd64': return CONTEXT_AMD64.offsetOf('VectorRegister'); // integer + XMM part
    case 'arm64': return CONTEXT_ARM64.size;
    case 'arm': return CONTEXT_ARM.size;
    default: return undefined;
  }
}

/**
 * Guesses the architecture from a CONTEXT's size, for dumps without a
 * SystemInfo stream. Sizes: x86 716 (or 204), amd64 1232 (+ XSAVE data),
 * arm64 912, arm 416.
 */
export function archFromContextSize(size: number): CpuArch {
  if (size === CONTEXT_X86.size || size === CONTEXT_X86_MIN_SIZE) return 'x86';
  if (size === CONTEXT_ARM64.size) return 'arm64';
  if (size === CONTEXT_ARM.size) return 'arm';
  if (size >= CONTEXT_AMD64.size) return 'amd64';
  return 'unknown';
}

/**
 * Decodes the CONTEXT record at [offset, offset+size) into a RegisterContext
 * with WinDbg's lowercase register names. Throws DumpFormatError when the
 * record is too small for `arch` or the architecture is not one we read.
 */
export function decodeContext(r: Reader, offset: number, size: number, arch: CpuArch): RegisterContext {
  r.check(offset, size, 'thread CONTEXT');
  const need = contextMinSize(arch);
  if (need === undefined) {
    throw new DumpFormatError('Unsupported', `minidump: CONTEXT for CPU architecture '${arch}' is not supported`, { offset, size });
  }
  if (size < need) {
    throw new DumpFormatError('Truncated', `minidump: ${arch} CONTEXT at 0x${offset.toString(16)} is ${size} bytes, needs at least ${need}`, { offset, size });
  }
  const regs: Record<string, bigint> = {};
  switch (arch) {
    case 'x86': {
      // Read only the integer part: a 204-byte CONTEXT has no ExtendedRegisters.
      const v = r.view(offset, CONTEXT_X86_MIN_SIZE);
      for (const [name, field] of X86_REGISTERS) regs[name] = BigInt(v.getUint32(CONTEXT_X86.offsetOf(field), true));
      return { arch, regs, order: X86_REGISTERS.map(([n]) => n), ip: regs.eip!, sp: regs.esp!, fp: regs.ebp! };
    }
    case 'amd64': {
      const v = r.view(offset, need);
      for (const [name, field] of AMD64_REGISTERS) {
        const o = CONTEXT_AMD64.offsetOf(field);
        const t = CONTEXT_AMD64.fields.find(([f]) => f === field)![1];
        regs[name] = t === 'u64' ? v.getBigUint64(o, true) : t === 'u16' ? BigInt(v.getUint16(o, true)) : BigInt(v.getUint32(o, true));
      }
      return { arch, regs, order: AMD64_REGISTERS.map(([n]) => n), ip: regs.rip!, sp: regs.rsp!, fp: regs.rbp! };
    }
    case 'arm64': {
      const c = CONTEXT_ARM64.read(r, offset);
      const x = new DataView(c.X.buffer, c.X.byteOffset, c.X.byteLength);
      for (let i = 0; i < 29; i++) regs[`x${i}`] = x.getBigUint64(i * 8, true);
      regs.fp = regs.x29 = c.Fp;
      regs.lr = regs.x30 = c.Lr;
      regs.sp = c.Sp;
      regs.pc = c.Pc;
      regs.cpsr = BigInt(c.Cpsr);
      return { arch, regs, order: ARM64_ORDER, ip: c.Pc, sp: c.Sp, fp: c.Fp };
    }
    case 'arm': {
      const c = CONTEXT_ARM.read(r, offset);
      const rv = new DataView(c.R.buffer, c.R.byteOffset, c.R.byteLength);
      for (let i = 0; i < 13; i++) regs[`r${i}`] = BigInt(rv.getUint32(i * 4, true));
      regs.sp = BigInt(c.Sp);
      regs.lr = BigInt(c.Lr);
      regs.pc = BigInt(c.Pc);
      regs.psr = BigInt(c.Cpsr);
      return { arch, regs, order: ARM_ORDER, ip: regs.pc, sp: regs.sp, fp: regs.r11! };
    }
    default:
      throw new DumpFormatError('Unsupported', `minidump: CONTEXT for CPU architecture '${arch}' is not supported`, { offset, size });
  }
}
