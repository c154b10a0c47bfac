import { Decoder, DecoderOptions, FlowControl, Formatter, FormatterSyntax, MemorySizeOptions } from 'iced-x86';
import type { DecodedInstruction, Disassembler, FlowKind } from '../../shared/debugger/disassembler';

const FLOW: Record<number, FlowKind> = {
  [FlowControl.Next]: 'next',
  [FlowControl.UnconditionalBranch]: 'jump',
  [FlowControl.IndirectBranch]: 'indirectJump',
  [FlowControl.ConditionalBranch]: 'conditional',
  [FlowControl.Return]: 'return',
  [FlowControl.Call]: 'call',
  [FlowControl.IndirectCall]: 'indirectCall',
  // int n comes back ("int 2Eh; ret"); int 3 and int 29h do not (see flowOf).
  [FlowControl.Interrupt]: 'next',
  [FlowControl.XbeginXabortXend]: 'next',
  [FlowControl.Exception]: 'stop',
};

/**
 * iced-x86 as the debugger's x86/x64 disassembler, set up like WinDbg's
 * MASM output: "mov     eax,dword ptr [ebp+8]" — memory sizes always
 * shown, no space after commas, operands from column 8, hex with an 'h'
 * suffix, no "short" on branches.
 */
export const icedDisassembler: Disassembler = {
  decode(bytes, address, mode, count) {
    if (mode !== 'x86' && mode !== 'x64') throw new Error(`iced-x86 decodes x86 and x64, not ${mode}`);
    const decoder = new Decoder(mode === 'x64' ? 64 : 32, bytes, DecoderOptions.None);
    const formatter = new Formatter(FormatterSyntax.Masm);
    formatter.memorySizeOptions = MemorySizeOptions.Always;
    formatter.spaceAfterOperandSeparator = false;
    formatter.firstOperandCharIndex = 8;
    formatter.uppercaseHex = true;
    formatter.showBranchSize = false; // "je      …", never "je      short …"
    decoder.ip = address;
    const out: DecodedInstruction[] = [];
    try {
      while (decoder.canDecode && out.length < count) {
        const offset = Number(decoder.ip - address);
        const ins = decoder.decode();
        try {
          const flow = ins.flowControl;
          const direct = flow === FlowControl.Call || flow === FlowControl.UnconditionalBranch || flow === FlowControl.ConditionalBranch;
          const text = formatter.format(ins);
          out.push({
            address: ins.ip,
            bytes: bytes.slice(offset, offset + ins.length),
            text,
            mnemonic: text.split(/\s+/)[0]!,
            branchTarget: direct ? safeTarget(ins) : undefined,
            flow: ins.isInvalid ? 'stop' : flowOf(flow, bytes, offset),
            isCall: flow === FlowControl.Call || flow === FlowControl.IndirectCall,
            isReturn: flow === FlowControl.Return,
            invalid: ins.isInvalid,
          });
        } finally {
          ins.free();
        }
      }
    } finally {
      decoder.free();
      formatter.free();
    }
    return out;
  },
};

/**
 * How control leaves: int 3 (compiler padding after a call that does not
 * return, or a breakpoint) and int 29h (__fastfail) end uf's block.
 */
function flowOf(flow: number, bytes: Uint8Array, offset: number): FlowKind {
  if (flow === FlowControl.Interrupt && (bytes[offset] === 0xcc || (bytes[offset] === 0xcd && bytes[offset + 1] === 0x29))) return 'stop';
  return FLOW[flow] ?? 'next';
}

function safeTarget(ins: { nearBranchTarget: bigint }): bigint | undefined {
  try {
    return ins.nearBranchTarget || undefined;
  } catch {
    return undefined;
  }
}
