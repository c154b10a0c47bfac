import type { CpuArch, DumpModule, MemoryReader } from '../../dump/types';
import type { FrameTrust } from '../report';

/**
 * The seam between the stack walker and unwind data (x64 .pdata/UNWIND_INFO,
 * Breakpad STACK CFI / STACK WIN, FPO). The walker tries each unwinder in
 * order, then frame pointers, then scanning (rust-minidump's order).
 */
export interface UnwindRequest {
  arch: CpuArch;
  /** Registers of the frame being unwound (callee), lowercase names: rip/rsp/rbp…, eip/esp/ebp…, pc/sp/x29/x30… */
  regs: Readonly<Record<string, bigint>>;
  /** Module containing the frame's instruction pointer. */
  module: DumpModule;
  /** Instruction pointer minus module base. */
  rva: number;
  /** True for the first (context) frame: ip is exact, not a return address. */
  isContextFrame: boolean;
  memory: MemoryReader;
}

export interface UnwindResult {
  /** Registers of the caller frame; must include the arch's ip and sp. */
  regs: Record<string, bigint>;
  trust: FrameTrust;
}

export interface FrameUnwinder {
  /** Undefined when this unwinder has no data covering `rva`. */
  unwind(req: UnwindRequest): UnwindResult | undefined;
}
