import type { Reader } from '../../bytes/reader';
import type { CpuArch, RegisterContext } from '../../dump/types';
import { CONTEXT_AMD64, CONTEXT_ARM64, CONTEXT_X86 } from './structs';

/**
 * Decodes the CONTEXT record of the bug-checking processor (header slot or a
 * small dump's ContextOffset) for the dump's architecture. Undefined when the
 * bytes are not in the file or the architecture is one we do not decode.
 */
export function readKernelContext(r: Reader, offset: number, arch: CpuArch): RegisterContext | undefined {
  switch (arch) {
    case 'amd64': {
      if (!r.has(offset, CONTEXT_AMD64.size)) return undefined;
      const c = CONTEXT_AMD64.read(r, offset);
      const regs: Record<string, bigint> = {
        rax: c.Rax, rbx: c.Rbx, rcx: c.Rcx, rdx: c.Rdx, rsi: c.Rsi, rdi: c.Rdi,
        rip: c.Rip, rsp: c.Rsp, rbp: c.Rbp,
        r8: c.R8, r9: c.R9, r10: c.R10, r11: c.R11, r12: c.R12, r13: c.R13, r14: c.R14, r15: c.R15,
        cs: BigInt(c.SegCs), ss: BigInt(c.SegSs), ds: BigInt(c.SegDs), es: BigInt(c.SegEs),
        fs: BigInt(c.SegFs), gs: BigInt(c.SegGs), efl: BigInt(c.EFlags),
      };
      return {
        arch, regs, ip: c.Rip, sp: c.Rsp, fp: c.Rbp,
        order: ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rip', 'rsp', 'rbp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'cs', 'ss', 'ds', 'es', 'fs', 'gs', 'efl'],
      };
    }
    case 'x86': {
      if (!r.has(offset, CONTEXT_X86.offsetOf('ExtendedRegisters'))) return undefined;
      const at = (f: Parameters<typeof CONTEXT_X86.offsetOf>[0]): bigint => BigInt(r.u32(offset + CONTEXT_X86.offsetOf(f)));
      const regs: Record<string, bigint> = {
        eax: at('Eax'), ebx: at('Ebx'), ecx: at('Ecx'), edx: at('Edx'), esi: at('Esi'), edi: at('Edi'),
        eip: at('Eip'), esp: at('Esp'), ebp: at('Ebp'),
        cs: at('SegCs'), ss: at('SegSs'), ds: at('SegDs'), es: at('SegEs'), fs: at('SegFs'), gs: at('SegGs'), efl: at('EFlags'),
      };
      return {
        arch, regs, ip: regs.eip!, sp: regs.esp!, fp: regs.ebp!,
        order: ['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'eip', 'esp', 'ebp', 'cs', 'ss', 'ds', 'es', 'fs', 'gs', 'efl'],
      };
    }
    case 'arm64': {
      if (!r.has(offset, CONTEXT_ARM64.size)) return undefined;
      const c = CONTEXT_ARM64.read(r, offset);
      const regs: Record<string, bigint> = {};
      const order: string[] = [];
      const xAt = offset + CONTEXT_ARM64.offsetOf('X');
      for (let i = 0; i < 29; i++) {
        regs[`x${i}`] = r.u64(xAt + i * 8);
        order.push(`x${i}`);
      }
      Object.assign(regs, { fp: c.Fp, lr: c.Lr, sp: c.Sp, pc: c.Pc, cpsr: BigInt(c.Cpsr), fpcr: BigInt(c.Fpcr), fpsr: BigInt(c.Fpsr) });
      order.push('fp', 'lr', 'sp', 'pc', 'cpsr', 'fpcr', 'fpsr');
      return { arch, regs, order, ip: c.Pc, sp: c.Sp, fp: c.Fp };
    }
    default:
      return undefined;
  }
}
