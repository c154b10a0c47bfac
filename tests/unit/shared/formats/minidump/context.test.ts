// CONTEXT decoding per architecture, from records the synthetic builder
// writes with its own offsets (tests/synth/minidump/builder.ts).
import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '../../../../../shared/bytes/byteSource';
import { Reader } from '../../../../../shared/bytes/reader';
import { DumpFormatError } from '../../../../../shared/errors';
import { archFromContextSize, decodeContext } from '../../../../../shared/formats/minidump/context/index';
import { contextBytes } from '../../../../synth/minidump/builder';

function decode(arch: 'x86' | 'amd64' | 'arm64', regs: Record<string, bigint>) {
  const b = contextBytes(arch, regs);
  return decodeContext(new Reader(new MemoryByteSource(b)), 0, b.length, arch);
}

describe('decodeContext', () => {
  it('x86: registers in WinDbg order, efl for flags', () => {
    const c = decode('x86', { eax: 1n, ebx: 2n, ecx: 3n, edx: 4n, esi: 5n, edi: 6n, eip: 0x401000n, esp: 0x12ff00n, ebp: 0x12ff40n, efl: 0x246n, cs: 0x1bn, ss: 0x23n, fs: 0x3bn });
    expect(c.order.slice(0, 9)).toEqual(['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'eip', 'esp', 'ebp']);
    expect(c.order).toContain('efl');
    expect([c.regs.eax, c.regs.ebx, c.regs.ecx, c.regs.edx, c.regs.esi, c.regs.edi]).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
    expect(c.ip).toBe(0x401000n);
    expect(c.sp).toBe(0x12ff00n);
    expect(c.fp).toBe(0x12ff40n);
    expect(c.regs.efl).toBe(0x246n);
    expect(c.regs.cs).toBe(0x1bn);
    expect(c.regs.fs).toBe(0x3bn);
  });

  it('amd64: 64-bit registers, r8–r15, 16-bit segments', () => {
    const c = decode('amd64', { rax: 0xffff800012345678n, r8: 8n, r15: 15n, rip: 0x7ff612341000n, rsp: 0xd0000n, rbp: 0xd0080n, efl: 0x10246n, cs: 0x33n, ss: 0x2bn });
    expect(c.order.slice(0, 9)).toEqual(['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rip', 'rsp', 'rbp']);
    expect(c.regs.rax).toBe(0xffff800012345678n);
    expect(c.regs.r8).toBe(8n);
    expect(c.regs.r15).toBe(15n);
    expect(c.ip).toBe(0x7ff612341000n);
    expect(c.sp).toBe(0xd0000n);
    expect(c.fp).toBe(0xd0080n);
    expect(c.regs.efl).toBe(0x10246n);
    expect(c.regs.cs).toBe(0x33n);
    expect(c.regs.ss).toBe(0x2bn);
  });

  it('arm64: x0–x28, fp/lr (also as x29/x30), sp, pc', () => {
    const c = decode('arm64', { x0: 0x10n, x28: 0x28n, fp: 0xfff0n, lr: 0x1004n, sp: 0xff00n, pc: 0x1000n, cpsr: 0x60000000n });
    expect(c.order.slice(-5)).toEqual(['fp', 'lr', 'sp', 'pc', 'cpsr']);
    expect(c.regs.x0).toBe(0x10n);
    expect(c.regs.x28).toBe(0x28n);
    expect(c.regs.x29).toBe(0xfff0n);
    expect(c.regs.x30).toBe(0x1004n);
    expect(c.ip).toBe(0x1000n);
    expect(c.sp).toBe(0xff00n);
    expect(c.fp).toBe(0xfff0n);
    expect(c.regs.cpsr).toBe(0x60000000n);
  });

  it('arm (32-bit): r0–r12, sp, lr, pc from a hand-made record', () => {
    const b = new Uint8Array(0x1a0);
    const dv = new DataView(b.buffer);
    dv.setUint32(4 + 11 * 4, 0x7000, true); // R11 (frame pointer)
    dv.setUint32(0x38, 0x8000, true); // Sp
    dv.setUint32(0x3c, 0x1235, true); // Lr
    dv.setUint32(0x40, 0x1000, true); // Pc
    const c = decodeContext(new Reader(new MemoryByteSource(b)), 0, b.length, 'arm');
    expect(c.ip).toBe(0x1000n);
    expect(c.sp).toBe(0x8000n);
    expect(c.regs.lr).toBe(0x1235n);
    expect(c.fp).toBe(0x7000n);
  });

  it('too-small records and unknown architectures are DumpFormatErrors', () => {
    const r = new Reader(new MemoryByteSource(new Uint8Array(100)));
    expect(() => decodeContext(r, 0, 100, 'amd64')).toThrow(DumpFormatError);
    expect(() => decodeContext(r, 0, 100, 'amd64')).toThrow(/amd64 CONTEXT at 0x0 is 100 bytes, needs at least/);
    expect(() => decodeContext(r, 0, 100, 'unknown')).toThrow(/not supported/);
    expect(() => decodeContext(r, 50, 100, 'x86')).toThrow(DumpFormatError);
  });

  it('guesses the architecture from the CONTEXT size', () => {
    expect(archFromContextSize(0x2cc)).toBe('x86');
    expect(archFromContextSize(0x4d0)).toBe('amd64');
    expect(archFromContextSize(0x4d0 + 0x340)).toBe('amd64'); // with XSAVE data
    expect(archFromContextSize(0x390)).toBe('arm64');
    expect(archFromContextSize(0x1a0)).toBe('arm');
    expect(archFromContextSize(12)).toBe('unknown');
  });
});
