/**
 * The registers the walker needs per architecture, by the lowercase names
 * `RegisterContext.regs` uses (WinDbg's): instruction, stack and frame
 * pointer, link register, and the pointer width.
 */
import type { CpuArch } from '../../dump/types';

export interface ArchRegs {
  ip: string;
  sp: string;
  fp: string;
  /** Link register (arm64 x30); undefined where calls push the return address. */
  lr?: string;
  /** Bytes per pointer on the stack. */
  ptrSize: 4 | 8;
}

const X86: ArchRegs = { ip: 'eip', sp: 'esp', fp: 'ebp', ptrSize: 4 };
const AMD64: ArchRegs = { ip: 'rip', sp: 'rsp', fp: 'rbp', ptrSize: 8 };
const ARM64: ArchRegs = { ip: 'pc', sp: 'sp', fp: 'x29', lr: 'x30', ptrSize: 8 };

/** Undefined for architectures the walker does not unwind (it then keeps the context frame only). */
export function archRegs(arch: CpuArch): ArchRegs | undefined {
  switch (arch) {
    case 'x86': return X86;
    case 'amd64': return AMD64;
    case 'arm64': return ARM64;
    default: return undefined;
  }
}
