import type { Reader } from '../../bytes/reader';
import type { CpuArch, RegisterContext } from '../../dump/types';
import { CONTEXT_AMD64, CONTEXT_ARM64, CONTEXT_X86 } from './structs';

/** Bytes decoded per architecture: the register part, up to the last register read. */
const AMD64_NEED = CONTEXT_AMD64.offsetOf('FltSave');
const ARM64_NEED = CONTEXT_ARM64.offsetOf('Bcr');

/**
 * Decodes the CONTEXT record of the bug-checking processor (header slot or a
 * small dump's ContextOffset) for the dump's architecture. Undefined when the
 * bytes are not in the file or the architecture is one we do not decode.
 */
export function readKernelContext(r: Reader, offset: number, arch: CpuArch): RegisterContext | undefined {
  switch (arch) {
    case 'amd64': {
      if (!r.has(offset, AMD64_NEED)) return undefined;
      type F = Parameters<typeof CONTEXT_AMD64.offsetOf>[0];
      const q = (f: F): bigint => r.u64(offset + CONTEXT_AMD64.offsetOf(f));
      const w = (f: F): bigint => BigInt(r.u16(offset + CONTEXT_AMD64.offsetOf(f)));
      const regs: Record<string, bigint> = {
        rax: q('Rax'), rbx: q('Rbx'), rcx: q('Rcx'), rdx: q('Rdx'), rsi: q('Rsi'), rdi: q('Rdi'),
        rip: q('Rip'), rsp: q('Rsp'), rbp: q('Rbp'),
        r8: q('R8'), r9: q('R9'), r10: q('R10'), r11: q('R11'), r12: q('R12'), r13: q('R13'), r14: q('R14'), r15: q('R15'),
        cs: w('SegCs'), ss: w('SegSs'), ds: w('SegDs'), es: w('SegEs'),
        fs: w('SegFs'), gs: w('SegGs'), efl: BigInt(r.u32(offset + CONTEXT_AMD64.offsetOf('EFlags'))),
      };
      return {
        arch, regs, ip: regs.rip!, sp: regs.rsp!, fp: regs.rbp!,
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
      if (!r.has(offset, ARM64_NEED)) return undefined;
      const q = (f: 'Fp' | 'Lr' | 'Sp' | 'Pc'): bigint => r.u64(offset + CONTEXT_ARM64.offsetOf(f));
      const d = (f: 'Cpsr' | 'Fpcr' | 'Fpsr'): bigint => BigInt(r.u32(offset + CONTEXT_ARM64.offsetOf(f)));
      const regs: Record<string, bigint> = {};
      const order: string[] = [];
      const xAt = offset + CONTEXT_ARM64.offsetOf('X');
      for (let i = 0; i < 29; i++) {
        regs[`x${i}`] = r.u64(xAt + i * 8);
        order.push(`x${i}`);
      }
      Object.assign(regs, { fp: q('Fp'), lr: q('Lr'), sp: q('Sp'), pc: q('Pc'), cpsr: d('Cpsr'), fpcr: d('Fpcr'), fpsr: d('Fpsr') });
      order.push('fp', 'lr', 'sp', 'pc', 'cpsr', 'fpcr', 'fpsr');
      return { arch, regs, order, ip: regs.pc!, sp: regs.sp!, fp: regs.fp! };
    }
    default:
      return undefined;
  }
}
