// Thumb-2 (Windows on 32-bit ARM) through Capstone, in the layout of
// Microsoft's ARM disassembler. Each expectation is a line that disassembler
// printed (dumpbin /disasm of an ARM PE, as published): address, halfwords,
// text; its addresses are lower-cased here as WinDbg writes them.
import { beforeAll, describe, expect, it } from 'vitest';
import { capstoneDisassembler, capstoneReady } from '../../../../electron/engine/capstoneDisassembler';
import { thumbFlow, windbgThumbText } from '../../../../electron/engine/thumbSyntax';

beforeAll(async () => {
  await capstoneReady;
});

function decodeAt(address: number, halves: number[]) {
  const bytes = new Uint8Array(halves.length * 2);
  halves.forEach((h, i) => new DataView(bytes.buffer).setUint16(i * 2, h, true));
  return capstoneDisassembler.decode(bytes, BigInt(address), 'thumb', 1)[0]!;
}

describe('Thumb-2 text as Microsoft writes it', () => {
  it.each([
    [0x004022dc, [0xf24c, 0x1c04], 'mov         r12,#0xC104'], // movw
    [0x004022e0, [0xf2c0, 0x0c40], 'movt        r12,#0x40'],
    [0x004022e4, [0xf8dc, 0xf000], 'ldr         pc,[r12]'],
    [0x004022e8, [0xe92d, 0x4800], 'push        {r11,lr}'],
    [0x004022ec, [0x46eb], 'mov         r11,sp'],
    [0x004022ee, [0xb084], 'sub         sp,sp,#0x10'],
    [0x004022f0, [0xf000, 0xfa34], 'bl          0040275c'],
    [0x004022f6, [0x9a00], 'ldr         r2,[sp]'],
    [0x004022f8, [0x4b29], 'ldr         r3,004023a0'],
    [0x004022fc, [0x2001], 'movs        r0,#1'],
    [0x00402302, [0x4798], 'blx         r3'],
    [0x00402304, [0xf06f, 0x0000], 'mvn         r0,#0'],
    [0x0040230e, [0x9001], 'str         r0,[sp,#4]'],
    [0x00402340, [0xd103], 'bne         0040234a'],
    [0x0040234e, [0xf1b3, 0x3fff], 'cmp         r3,#0xFFFFFFFF'],
    [0x00402366, [0xe8bd, 0x8800], 'pop         {r11,pc}'],
    [0x0040236a, [0xdefe], '__debugbreak'],
    [0x0040236c, [0xc0d8], 'stm         r0!,{r3,r4,r6,r7}'],
    [0x00402370, [0xa004], 'adr         r0,00402384'],
    [0x00402380, [0xc0bc], 'stm         r0!,{r2-r5,r7}'],
    [0x004023f0, [0xf10d, 0x0b04], 'add         r11,sp,#4'],
    [0x004023f4, [0xb083], 'sub         sp,sp,#0xC'],
    [0x00402490, [0xee1d, 0x3f50], 'mrc         p15,#0,r3,c13,c0,#2'],
    [0x004024a4, [0xe92d, 0x4890], 'push        {r4,r7,r11,lr}'],
    [0x004024b6, [0xf7ff, 0xffe7], 'bl          00402488'],
    [0x004024be, [0x1d1b], 'adds        r3,r3,#4'],
    [0x004024c8, [0xf3bf, 0x8f5b], 'dmb         ish'],
    [0x004024d0, [0xe850, 0x2f00], 'ldrex       r2,[r0]'],
    [0x004024d8, [0xe840, 0x1300], 'strex       r3,r1,[r0]'],
    [0x004024de, [0xd1f7], 'bne         004024d0'],
    [0x00402500, [0xe7e2], 'b           004024c8'],
    [0x00402512, [0x201f], 'movs        r0,#0x1F'],
    [0x0040266e, [0xe8bd, 0x8890], 'pop         {r4,r7,r11,pc}'],
    [0x004026ac, [0x78b8], 'ldrb        r0,[r7,#2]'],
  ])('%s %j → %s', (address, halves, text) => {
    const ins = decodeAt(address, halves);
    expect(ins.text).toBe(text);
    expect(ins.bytes.length).toBe(halves.length * 2);
    expect(ins.address).toBe(BigInt(address));
  });

  it('names branch and literal targets for the command to symbolize', () => {
    expect(decodeAt(0x004022f0, [0xf000, 0xfa34]).branchTarget).toBe(0x0040275cn);
    expect(decodeAt(0x004022f8, [0x4b29]).operandTarget).toBe(0x004023a0n);
    expect(decodeAt(0x00402370, [0xa004]).operandTarget).toBe(0x00402384n);
    expect(decodeAt(0x00402370, [0xa004]).branchTarget).toBeUndefined();
  });

  it('marks how control leaves: returns, jumps, calls, table branches, __fastfail', () => {
    expect(decodeAt(0x00402366, [0xe8bd, 0x8800]).flow).toBe('return'); // pop {r11,pc}
    expect(decodeAt(0x1000, [0x4770]).flow).toBe('return'); // bx lr
    expect(decodeAt(0x1000, [0x4718]).flow).toBe('indirectJump'); // bx r3
    expect(decodeAt(0x004022e4, [0xf8dc, 0xf000]).flow).toBe('indirectJump'); // ldr pc,[r12]: an import thunk
    expect(decodeAt(0x1000, [0xe8df, 0xf001]).flow).toBe('indirectJump'); // tbb [pc,r1]: a switch table
    expect(decodeAt(0x00402302, [0x4798]).flow).toBe('indirectCall');
    expect(decodeAt(0x004022f0, [0xf000, 0xfa34]).flow).toBe('call');
    expect(decodeAt(0x00402500, [0xe7e2]).flow).toBe('jump');
    expect(decodeAt(0x00402340, [0xd103]).flow).toBe('conditional');
    expect(decodeAt(0x1000, [0xb108]).flow).toBe('conditional'); // cbz r0
    expect(decodeAt(0x0040236a, [0xdefe]).flow).toBe('next'); // __debugbreak comes back
    expect(decodeAt(0x1000, [0xdefb]).text).toBe('__fastfail');
    expect(decodeAt(0x1000, [0xdefb]).flow).toBe('stop');
    expect(thumbFlow('pop', '{r4,lr}')).toBe('next');
  });

  it('an undecodable halfword is ??? and decoding goes on; a cut 32-bit instruction is not decoded', () => {
    const bytes = Uint8Array.from([0x00, 0xbf, 0xff, 0xf7]); // nop, then the first half of a bl
    const list = capstoneDisassembler.decode(bytes, 0x1000n, 'thumb', 4);
    expect(list.map((i) => [i.address, i.text, i.invalid])).toEqual([
      [0x1000n, 'nop', false],
      [0x1002n, '???', true],
    ]);
    expect(windbgThumbText('subs', 'r0, #1', 0x1000, Uint8Array.from([0x01, 0x38])).text).toBe('subs        r0,r0,#1');
  });
});
