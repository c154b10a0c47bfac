// The ARM64 disassembler (Capstone behind the Disassembler seam): WinDbg's
// arm64 layout checked against lines real WinDbg printed, and every word of
// the code page in kernel/rizinorg_triage_arm64.dmp checked against LLVM's
// own decoder (fixtures/arm64-page.llvm-mc.txt, written by llvm-mc 14 with
// fixtures/makeArm64LlvmMc.ts) and against rizin's expected output.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { arm64Target, capstoneDisassembler, capstoneReady, windbgArm64Text } from '../../../../electron/engine/capstoneDisassembler';
import { MemoryByteSource } from '../../../../shared/bytes/byteSource';
import type { DecodedInstruction } from '../../../../shared/debugger/disassembler';
import { openDump } from '../../../../shared/dump/openDump';
import { readCorpus, readExpected } from '../../../helpers/corpus';

const here = dirname(fileURLToPath(import.meta.url));
const PAGE = 0xfffff803f32de000n;
const PC = 0xfffff803f32de014n;

function wordsToBytes(words: number[]): Uint8Array {
  const b = new Uint8Array(words.length * 4);
  words.forEach((w, i) => new DataView(b.buffer).setUint32(i * 4, w, true));
  return b;
}
const one = (word: number, at = 0x140001000n): DecodedInstruction => capstoneDisassembler.decode(wordsToBytes([word]), at, 'arm64', 1)[0]!;

beforeAll(async () => {
  await capstoneReady;
});

describe('WinDbg arm64 layout', () => {
  // Each expectation is a line of real WinDbg output (Microsoft's Arm64EC ABI page, public KD logs).
  it.each([
    [0xd503237f, 'pacibsp'],
    [0xa9bc7bfd, 'stp         fp,lr,[sp,#-0x40]!'],
    [0xa90153f3, 'stp         x19,x20,[sp,#0x10]'],
    [0xf9001bf9, 'str         x25,[sp,#0x30]'],
    [0x910003fd, 'mov         fp,sp'],
    [0xd10083ff, 'sub         sp,sp,#0x20'],
    [0xa9bd53f3, 'stp         x19,x20,[sp,#-0x30]!'],
    [0xaa0003f3, 'mov         x19,x0'],
    [0xd63f0220, 'blr         xip1'],
    [0xd63f01e0, 'blr         x15'],
    [0xa8c47bfd, 'ldp         fp,lr,[sp],#0x40'],
    [0xa8c353f3, 'ldp         x19,x20,[sp],#0x30'],
    [0xd43e0000, 'brk         #0xF000'],
  ])('%s → %s', (word, text) => {
    const ins = one(word);
    expect(ins.text).toBe(text);
    expect(ins.invalid).toBe(false);
    expect([...ins.bytes]).toEqual([word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24]);
  });

  it('writes a pc-relative operand as the address it names, for the command to symbolize', () => {
    // "14000002 b amsi!AmsiScanBuffer+0xd0" at +0xc8 in WinDbg: two words on.
    const b = one(0x14000002, 0x7ff8bad44ef8n);
    expect(b.text).toBe('b           00007ff8`bad44f00');
    expect(b.branchTarget).toBe(0x7ff8bad44f00n);
    expect(b.flow).toBe('jump');
    // "180000e0 ldr w0,amsi!AmsiScanBuffer+0xe8": a literal load 7 words on.
    const ldr = one(0x180000e0, 0x7ff8bad44efcn);
    expect(ldr.text).toBe('ldr         w0,00007ff8`bad44f18');
    expect(ldr.operandTarget).toBe(0x7ff8bad44f18n);
    expect(ldr.branchTarget).toBeUndefined();
  });

  it('drops the dot of conditional branches (bne) and marks how control leaves', () => {
    const bhi = one(0x54000088, 0xfffff803f32de044n);
    expect(bhi.text).toBe('bhi         fffff803`f32de054');
    expect(bhi.mnemonic).toBe('bhi');
    expect(bhi.flow).toBe('conditional');
    expect(one(0xd65f03c0).flow).toBe('return');
    expect(one(0xd65f03c0).isReturn).toBe(true);
    expect(one(0xd61f0200).flow).toBe('indirectJump'); // br xip0: a jump table or a tail call through a register
    expect(one(0x940003fd).flow).toBe('call');
    expect(one(0x940003fd).isCall).toBe(true);
    expect(one(0xd63f0220).flow).toBe('indirectCall');
    expect(one(0xb4000060).flow).toBe('conditional'); // cbz
    expect(one(0x37000128).flow).toBe('conditional'); // tbnz
    expect(one(0xd43e0060).flow).toBe('stop'); // brk #0xF003: __fastfail
    expect(one(0xd43e0000).flow).toBe('next'); // brk #0xF000: __debugbreak comes back
  });

  it('prints an undecodable word as ??? and goes on with the next', () => {
    const list = capstoneDisassembler.decode(wordsToBytes([0xd503237f, 0xffffffff, 0xd65f03c0]), 0x1000n, 'arm64', 3);
    expect(list.map((i) => [i.address, i.text, i.invalid])).toEqual([
      [0x1000n, 'pacibsp', false],
      [0x1004n, '???', true],
      [0x1008n, 'ret', false],
    ]);
    // A trailing part word is not an instruction.
    expect(capstoneDisassembler.decode(Uint8Array.from([0xc0, 0x03, 0x5f]), 0n, 'arm64', 1)).toEqual([]);
  });

  it('computes branch, adr, adrp and literal targets from the word (kernel addresses stay unsigned)', () => {
    expect(arm64Target(0x97fac552, 0xfffff803f32de018n)).toEqual({ target: 0xfffff803f318f560n, branch: true });
    expect(arm64Target(0xb0003a28, 0xfffff803f32de01cn)).toEqual({ target: 0xfffff803f3a23000n, branch: false });
    expect(arm64Target(0x17fffffe, 0xfffff803f32de9dcn)).toEqual({ target: 0xfffff803f32de9d4n, branch: true });
    expect(arm64Target(0x91010260, PC)).toBeUndefined();
    expect(windbgArm64Text('adr', 'x0, #0x1010', 0x10000080, 0x1000n).text).toBe('adr         x0,00000000`00001010');
  });
});

describe('kernel/rizinorg_triage_arm64.dmp code page', () => {
  const dump = openDump(new MemoryByteSource(readCorpus('kernel', 'rizinorg_triage_arm64.dmp')));
  const page = dump.memory.read(PAGE, 4096)!; // the one code page the dump holds

  it("matches rizin's `pi 4 at pc` (rizin's own test suite)", () => {
    const rizin = readExpected('rizinorg_triage_arm64.rizin.txt').split('\n');
    const at = rizin.findIndex((l) => l.startsWith('fpsr'));
    expect(rizin.slice(at + 1, at + 5)).toEqual(['add x0, x19, 0x40', 'bl 0xfffff803f318f560', 'adrp x8, 0xfffff803f3a23000', 'ldr x11, [x8, 0xa40]']);
    const ours = capstoneDisassembler.decode(page.subarray(0x14), PC, 'arm64', 4);
    expect(ours.map((i) => i.text)).toEqual(['add         x0,x19,#0x40', 'bl          fffff803`f318f560', 'adrp        x8,fffff803`f3a23000', 'ldr         x11,[x8,#0xA40]']);
    expect(ours[1]!.branchTarget).toBe(0xfffff803f318f560n);
    expect(ours[2]!.operandTarget).toBe(0xfffff803f3a23000n);
  });

  it('agrees with llvm-mc on all 1024 words: mnemonic, operands and pc-relative targets', () => {
    const lines = readFileSync(join(here, 'fixtures', 'arm64-page.llvm-mc.txt'), 'utf8').trim().split('\n').slice(1);
    expect(lines).toHaveLength(1024);
    const ours = capstoneDisassembler.decode(page, PAGE, 'arm64', 1024);
    expect(ours).toHaveLength(1024);
    // Back to LLVM's spelling: register numbers, decimal values, no spaces.
    const ALIAS: Record<string, string> = { fp: 'x29', lr: 'x30', xip0: 'x16', xip1: 'x17', xpr: 'x18' };
    const numbers = (s: string) => s.replace(/#(-?)(0x[0-9a-f]+|\d+)/g, (_, sign: string, v: string) => `#${(sign ? -BigInt(v) : BigInt(v)).toString()}`);
    const mismatches: string[] = [];
    let invalid = 0;
    lines.forEach((line, i) => {
      const [address, word, mnemonic, ...operands] = line.split(' ');
      const o = ours[i]!;
      expect(o.address.toString(16)).toBe(address);
      if (mnemonic === '(invalid)') {
        invalid++;
        if (!o.invalid) mismatches.push(`${address} ${word}: llvm-mc rejects it, we print ${o.text}`);
        return;
      }
      let theirs = operands.join('').toLowerCase();
      let mine = o.text.slice(o.mnemonic.length).replace(/\s+/g, '').toLowerCase().replace(/\b(fp|lr|xip0|xip1|xpr)\b/g, (r) => ALIAS[r]!);
      const target = o.branchTarget ?? o.operandTarget;
      if (target !== undefined) {
        // llvm-mc writes the offset from pc (adrp: from pc's page).
        const offset = /#(-?)(0x[0-9a-f]+|\d+)$/.exec(theirs)!;
        const value = (offset[1] ? -1n : 1n) * BigInt(offset[2]!);
        const pc = BigInt(`0x${address}`);
        const expected = BigInt.asUintN(64, mnemonic === 'adrp' ? (pc & ~0xfffn) + value : pc + value);
        if (expected !== target) mismatches.push(`${address} ${word}: target ${target.toString(16)} vs llvm-mc ${expected.toString(16)}`);
        theirs = theirs.replace(/#[^,]*$/, '@');
        mine = mine.replace(/[0-9a-f]{8}`[0-9a-f]{8}$/, '@');
      }
      if (mnemonic!.replace(/^b\.(\w\w)$/, 'b$1') !== o.mnemonic || numbers(theirs) !== numbers(mine)) mismatches.push(`${address} ${word}: ${line} vs ${o.text}`);
    });
    expect(mismatches).toEqual([]);
    expect(invalid).toBe(5);
    // Counted in the llvm-mc file with grep: 255 b/bl/b.cc/cbz/cbnz/tbz/tbnz, 52 adr/adrp, 4 literal loads.
    expect(ours.filter((i) => i.branchTarget !== undefined)).toHaveLength(255);
    expect(ours.filter((i) => i.operandTarget !== undefined)).toHaveLength(56);
  });
});
