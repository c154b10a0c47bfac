import { Decoder, DecoderOptions, FlowControl } from 'iced-x86';
import { describe, expect, it } from 'vitest';
import { precededByCall, x86CallEndsAt } from '../../../../../shared/analysis/stackwalk/callSite';
import { prng } from '../../../../fuzz/mutate';
import { FakeMemory } from '../fakeDump';

/** iced-x86 as the oracle: does some instruction starting in `code` end exactly at its end and call? */
function icedSaysCall(code: Uint8Array, bitness: 32 | 64): boolean {
  for (let start = 0; start < code.length; start++) {
    const insn = new Decoder(bitness, code.subarray(start), DecoderOptions.None).decode();
    if (start + insn.length === code.length && (insn.flowControl === FlowControl.Call || insn.flowControl === FlowControl.IndirectCall)) {
      // Two forms no compiler emits for 32/64-bit code, which we do not look for:
      // far direct calls (9A ptr16:32) and 16-bit relative calls (66 E8 rel16).
      const op = code[start] === 0x66 ? code[start + 1] : code[start];
      if (op === 0x9a || (op === 0xe8 && code[start] === 0x66)) continue;
      return true;
    }
  }
  return false;
}

describe('x86CallEndsAt', () => {
  it.each([
    ['call rel32', [0xe8, 0x10, 0x20, 0x30, 0x40], true],
    ['call [rip+disp32]', [0xff, 0x15, 0x10, 0x20, 0x30, 0x40], true],
    ['call rax', [0xff, 0xd0], true],
    ['call r8 (REX)', [0x41, 0xff, 0xd0], true],
    ['call [rax]', [0xff, 0x10], true],
    ['call [rax+8]', [0xff, 0x50, 0x08], true],
    ['call [rsp+8] (SIB + disp8)', [0xff, 0x54, 0x24, 0x08], true],
    ['call [rax+rcx*8+0x100] (SIB + disp32)', [0xff, 0x94, 0xc8, 0x00, 0x01, 0x00, 0x00], true],
    ['jmp rax', [0xff, 0xe0], false],
    ['push [rax]', [0xff, 0x30], false],
    ['mov eax, 1', [0xb8, 0x01, 0x00, 0x00, 0x00], false],
    ['ret', [0xc3], false],
  ])('%s', (_name, bytes, expected) => {
    const code = new Uint8Array(bytes);
    expect(x86CallEndsAt(code)).toBe(expected);
    expect(icedSaysCall(code, 64)).toBe(expected);
  });

  it('agrees with iced-x86 on 10,000 random 8-byte windows (32- and 64-bit)', () => {
    const next = prng(1234);
    let calls = 0;
    for (let i = 0; i < 10000; i++) {
      const code = new Uint8Array(8);
      for (let j = 0; j < 8; j++) code[j] = Math.floor(next() * 256);
      // Bias half the cases toward call opcodes so the interesting paths are exercised.
      if (i % 2 === 0) code[Math.floor(next() * 7)] = next() < 0.5 ? 0xff : 0xe8;
      const ours = x86CallEndsAt(code);
      if (ours) calls++;
      const bitness = i % 4 < 2 ? 64 : 32;
      expect({ code: Array.from(code), ours }).toEqual({ code: Array.from(code), ours: icedSaysCall(code, bitness) });
    }
    expect(calls).toBeGreaterThan(400);
  });
});

describe('precededByCall', () => {
  const mem = new FakeMemory([{ address: 0x1000n, bytes: new Uint8Array([0x90, 0x90, 0x90, 0xe8, 1, 2, 3, 4, 0x90, 0x94000010 & 0xff, 0, 0, 0x94]) }]);
  it('says call when the bytes before the address are a call', () => {
    expect(precededByCall(mem, 0x1008n, 'amd64')).toBe('call');
  });
  it('says not-call when they are not', () => {
    expect(precededByCall(mem, 0x1007n, 'x86')).toBe('not-call');
  });
  it('says unknown when the code is not in the dump', () => {
    expect(precededByCall(mem, 0x9000n, 'amd64')).toBe('unknown');
  });
  it('recognises arm64 BL', () => {
    expect(precededByCall(mem, 0x100dn - 1n + 1n, 'arm64')).toBe('not-call'); // unaligned
    const bl = new FakeMemory([{ address: 0x2000n, bytes: new Uint8Array([0x10, 0x00, 0x00, 0x94, 0x00, 0x00, 0x3f, 0xd6]) }]);
    expect(precededByCall(bl, 0x2004n, 'arm64')).toBe('call'); // BL #0x40
    expect(precededByCall(bl, 0x2008n, 'arm64')).toBe('call'); // BLR x0
  });
});
