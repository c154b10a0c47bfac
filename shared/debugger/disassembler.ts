/**
 * The seam to an x86/x64 disassembler. The Node side provides one over
 * iced-x86 (MASM syntax, WinDbg's options); shared/ cannot load its
 * WebAssembly itself, so the session gets it injected.
 */
export interface DecodedInstruction {
  address: bigint;
  bytes: Uint8Array;
  /** "mov     eax,dword ptr [ebp+8]": mnemonic padded to 8 columns, MASM operands. */
  text: string;
  /** Target of a direct call/jmp/jcc, for "call module!sym (addr)". */
  branchTarget?: bigint;
  isCall: boolean;
  isReturn: boolean;
  /** Not a valid instruction ("???"). */
  invalid: boolean;
}

export interface Disassembler {
  /** Decodes up to `count` instructions from `bytes`, the first at `address`. */
  decode(bytes: Uint8Array, address: bigint, bitness: 32 | 64, count: number): DecodedInstruction[];
}
