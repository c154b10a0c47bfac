import type { Disassembler } from '../../shared/debugger/disassembler';
import { capstoneDisassembler } from './capstoneDisassembler';
import { icedDisassembler } from './icedDisassembler';

/** The Node side's disassembler: iced-x86 for x86 and x64, Capstone for ARM64 and Thumb-2. */
export const nodeDisassembler: Disassembler = {
  decode: (bytes, address, mode, count) => (mode === 'arm64' || mode === 'thumb' ? capstoneDisassembler : icedDisassembler).decode(bytes, address, mode, count),
};
