/**
 * The seam to the disassemblers. The Node side provides them (iced-x86 for
 * x86/x64 in MASM syntax, Capstone for ARM64 and Thumb-2 in WinDbg's ARM syntax);
 * shared/ cannot load their WebAssembly itself, so the session gets one
 * injected.
 */

/** The instruction set decoded: x86 (32-bit), x64, ARM64, or Thumb-2 (all of Windows on 32-bit ARM). */
export type DisassemblyMode = 'x86' | 'x64' | 'arm64' | 'thumb';

/**
 * How control leaves an instruction, for `uf`'s basic blocks:
 * next (falls through), call/indirectCall (returns to the next one),
 * jump (direct, unconditional), conditional (direct, also falls through),
 * indirectJump (jump table or register: the block ends, target unknown),
 * return, stop (ud2, brk…: the block ends).
 */
export type FlowKind = 'next' | 'call' | 'indirectCall' | 'jump' | 'conditional' | 'indirectJump' | 'return' | 'stop';

export interface DecodedInstruction {
  address: bigint;
  bytes: Uint8Array;
  /** "mov     eax,dword ptr [ebp+8]" (x86) or "ldr         x11,[x8,#0xA40]" (ARM): mnemonic padded, operands. */
  text: string;
  /** The mnemonic alone ("jne", "bl", "cbz"). */
  mnemonic: string;
  /** Target of a direct call/jump/branch, for "call module!sym (addr)". */
  branchTarget?: bigint;
  /** Address a pc-relative operand names (ARM adr/adrp/ldr literal), shown as a symbol. */
  operandTarget?: bigint;
  flow: FlowKind;
  isCall: boolean;
  isReturn: boolean;
  /** Not a valid instruction ("???"). */
  invalid: boolean;
}

export interface Disassembler {
  /** Decodes up to `count` instructions from `bytes`, the first at `address`. */
  decode(bytes: Uint8Array, address: bigint, mode: DisassemblyMode, count: number): DecodedInstruction[];
}
