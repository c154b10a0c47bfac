// iced-x86 behind the Disassembler seam: WinDbg's MASM text and how control
// leaves each instruction (what uf follows).
import { describe, expect, it } from 'vitest';
import { icedDisassembler } from '../../../../electron/engine/icedDisassembler';
import { nodeDisassembler } from '../../../../electron/engine/nodeDisassembler';

const x86 = (bytes: number[], at = 0x401000n) => icedDisassembler.decode(Uint8Array.from(bytes), at, 'x86', 1)[0]!;

describe('icedDisassembler', () => {
  it('formats MASM as WinDbg does and names the branch target', () => {
    const je = x86([0x74, 0x0c], 0x401007n);
    expect(je.text).toBe('je      00401015h'); // the command puts the symbol and address in
    expect(je.mnemonic).toBe('je');
    expect(je.branchTarget).toBe(0x401015n);
    expect(je.flow).toBe('conditional');
    expect(x86([0x8b, 0x45, 0x08]).text).toBe('mov     eax,dword ptr [ebp+8]');
  });

  it.each([
    [[0xeb, 0x0d], 'jump'],
    [[0xe8, 0xf2, 0x0f, 0x00, 0x00], 'call'],
    [[0xff, 0xd0], 'indirectCall'],
    [[0xff, 0x24, 0x85, 0x00, 0x30, 0x40, 0x00], 'indirectJump'], // jmp dword ptr [eax*4+403000h]: a jump table
    [[0xc3], 'return'],
    [[0xc2, 0x10, 0x00], 'return'],
    [[0x0f, 0x0b], 'stop'], // ud2
    [[0xcc], 'stop'], // int 3: padding after a call that does not return
    [[0xcd, 0x29], 'stop'], // int 29h: __fastfail
    [[0xcd, 0x2e], 'next'], // int 2Eh comes back ("int 2Eh; ret" in ntdll's system call stubs)
    [[0x90], 'next'],
  ])('%j flows as %s', (bytes, flow) => {
    const ins = x86(bytes);
    expect(ins.flow).toBe(flow);
    expect(ins.isCall).toBe(flow === 'call' || flow === 'indirectCall');
    expect(ins.isReturn).toBe(flow === 'return');
  });

  it('decodes x64 with 64-bit addresses and refuses ARM64', () => {
    const call = icedDisassembler.decode(Uint8Array.from([0xe8, 0x89, 0x32, 0x01, 0x00]), 0x7ff75355af72n, 'x64', 1)[0]!;
    expect(call.text).toBe('call    00007FF75356E200h');
    expect(call.branchTarget).toBe(0x7ff75356e200n);
    expect(() => icedDisassembler.decode(new Uint8Array(4), 0n, 'arm64', 1)).toThrow('iced-x86 decodes x86 and x64, not arm64');
  });

  it('nodeDisassembler sends ARM64 to Capstone and x86/x64 to iced-x86', () => {
    expect(nodeDisassembler.decode(Uint8Array.from([0xc3]), 0n, 'x86', 1)[0]!.text).toBe('ret');
    expect(nodeDisassembler.decode(Uint8Array.from([0xc0, 0x03, 0x5f, 0xd6]), 0n, 'arm64', 1)[0]!.text).toBe('ret');
  });
});
