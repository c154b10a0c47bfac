// u, ub and uf: WinDbg's layout on synthetic code whose every byte is known
// (x86 and ARM64), and uf's walk on real code in corpus dumps.
import { beforeAll, describe, expect, it } from 'vitest';
import { capstoneReady } from '../../../../electron/engine/capstoneDisassembler';
import { functionFlow } from '../../../../shared/debugger/commands/disasm';
import { MinidumpBuilder } from '../../../synth/minidump/builder';
import { corpusEngine, engineFor, run } from './helpers';

beforeAll(async () => {
  await capstoneReady;
});

// crash+0x1000: a branch over a call, a jump table, an epilogue; padding between them is never reached.
const X86_CODE = [
  0x55, // 1000 push ebp
  0x8b, 0xec, // 1001 mov ebp,esp
  0x83, 0x7d, 0x08, 0x00, // 1003 cmp dword ptr [ebp+8],0
  0x74, 0x0c, // 1007 je 1015
  0xe8, 0xf2, 0x0f, 0x00, 0x00, // 1009 call 2000
  0xeb, 0x0d, // 100e jmp 101d
  0xcc, 0xcc, 0xcc, 0xcc, 0xcc, // 1010 padding
  0xff, 0x24, 0x85, 0x00, 0x30, 0x40, 0x00, // 1015 jmp dword ptr [eax*4+403000h]
  0xcc, // 101c padding
  0x5d, // 101d pop ebp
  0xc3, // 101e ret
  0xcc,
];
const x86 = engineFor(
  new MinidumpBuilder('x86')
    .systemInfo()
    .module({ name: 'C:\\app\\crash.exe', base: 0x400000n, size: 0x5000 })
    .thread({ id: 1, regs: { eip: 0x401000n, esp: 0x5000n } })
    .memory(0x401000n, Uint8Array.from(X86_CODE))
    .build(),
);

// armapp+0x1000: pacibsp, a cbz over a call, br (a jump table), the epilogue.
const ARM_WORDS = [0xd503237f, 0xa9bf7bfd, 0xb4000060, 0x940003fd, 0x14000002, 0xd61f0200, 0xa8c17bfd, 0xd50323ff, 0xd65f03c0];
const armBytes = new Uint8Array(ARM_WORDS.length * 4);
ARM_WORDS.forEach((w, i) => new DataView(armBytes.buffer).setUint32(i * 4, w, true));
const arm = engineFor(
  new MinidumpBuilder('arm64')
    .systemInfo()
    .module({ name: 'C:\\app\\armapp.exe', base: 0x140000000n, size: 0x5000 })
    .thread({ id: 1, regs: { pc: 0x140001000n, sp: 0x5000n } })
    .memory(0x140001000n, armBytes)
    .build(),
);

describe('uf follows branches (x86)', () => {
  it('prints each basic block in address order after a blank line and its label; calls are not followed', () => {
    expect(run(x86, 'uf 401000')).toBe(
      [
        'crash+0x1000:',
        '00401000 55              push    ebp',
        '00401001 8bec            mov     ebp,esp',
        '00401003 837d0800        cmp     dword ptr [ebp+8],0',
        '00401007 740c            je      crash+0x1015 (00401015)  Branch',
        '',
        'crash+0x1009:',
        '00401009 e8f20f0000      call    crash+0x2000 (00402000)',
        '0040100e eb0d            jmp     crash+0x101d (0040101d)',
        '',
        'crash+0x1015:',
        '00401015 ff248500304000  jmp     dword ptr [eax*4+403000h]',
        '',
        'crash+0x101d:',
        '0040101d 5d              pop     ebp',
        '0040101e c3              ret',
        '',
      ].join('\n'),
    );
  });

  it('/c lists the calls under the address they are made from; /i counts the instructions first', () => {
    expect(run(x86, 'uf /c 401000')).toBe('crash+0x1000 (00401000)\n  crash+0x1009 (00401009):\n    call to crash+0x2000 (00402000)\n');
    const counted = run(x86, 'uf /i crash+0x1000').split('\n');
    expect(counted.slice(0, 3)).toEqual(['9 instructions scanned', '', 'crash+0x1000:']);
    expect(run(x86, 'uf /o 401000')).toBe(run(x86, 'uf 401000'));
  });

  it('stops at its limit and says the flow analysis is incomplete', () => {
    const f = functionFlow(x86.session, 0x401000n, { instructions: 3, span: 1 << 20 });
    expect(f.capped).toBe(true);
    expect(f.instructions.size).toBe(3);
    const far = functionFlow(x86.session, 0x401000n, { instructions: 100, span: 0x10 });
    // je 1015 and jmp 101d lie beyond 16 bytes: named as block starts, not walked.
    expect([...far.instructions.keys()]).toEqual([0x401000n, 0x401001n, 0x401003n, 0x401007n, 0x401009n, 0x40100en]);
    expect(far.capped).toBe(true);
    expect(far.blockStarts.has(0x401015n)).toBe(true);
  });

  it('an unreadable start, bad options and no address answer in words', () => {
    // int 3 ends the walk: nothing past it is read.
    expect(run(x86, 'uf 40101f')).toBe('crash+0x101f:\n0040101f cc              int     3\n');
    expect(run(x86, 'uf 500000')).toBe('00500000 ??              ???\n');
    expect(run(x86, 'uf /x 401000')).toMatch(/^Unknown option '\/x': uf takes \/c, \/i, \/o/);
    expect(run(x86, 'uf')).toMatch(/^Usage: uf \[\/c\] \[\/i\] \[\/o\] Address/);
  });
});

describe('ARM64: u, ub, uf and r in WinDbg arm64 layout', () => {
  it('u prints address, the 32-bit instruction word, mnemonic padded to 12, operands', () => {
    expect(run(arm, 'u 140001000 L3')).toBe(
      [
        'armapp+0x1000:',
        '00000001`40001000 d503237f pacibsp',
        '00000001`40001004 a9bf7bfd stp         fp,lr,[sp,#-0x10]!',
        '00000001`40001008 b4000060 cbz         x0,armapp+0x1014',
        '',
      ].join('\n'),
    );
  });

  it('ub counts whole words back; r shows the instruction at pc', () => {
    expect(run(arm, 'ub 140001024 L2')).toBe('armapp+0x101c:\n00000001`4000101c d50323ff autibsp\n00000001`40001020 d65f03c0 ret\n');
    expect(run(arm, 'r').split('\n').slice(-3)).toEqual(['armapp+0x1000:', '00000001`40001000 d503237f pacibsp', '']);
  });

  it('uf follows cbz and b, ends blocks at br and ret, does not follow bl', () => {
    expect(run(arm, 'uf 140001000')).toBe(
      [
        'armapp+0x1000:',
        '00000001`40001000 d503237f pacibsp',
        '00000001`40001004 a9bf7bfd stp         fp,lr,[sp,#-0x10]!',
        '00000001`40001008 b4000060 cbz         x0,armapp+0x1014  Branch',
        '',
        'armapp+0x100c:',
        '00000001`4000100c 940003fd bl          armapp+0x2000',
        '00000001`40001010 14000002 b           armapp+0x1018',
        '',
        'armapp+0x1014:',
        '00000001`40001014 d61f0200 br          xip0',
        '',
        'armapp+0x1018:',
        '00000001`40001018 a8c17bfd ldp         fp,lr,[sp],#0x10',
        '00000001`4000101c d50323ff autibsp',
        '00000001`40001020 d65f03c0 ret',
        '',
      ].join('\n'),
    );
  });

  it('unreadable ARM64 memory prints the 8-wide word column as ????????', () => {
    expect(run(arm, 'u 140001020 L2')).toBe('armapp+0x1020:\n00000001`40001020 d65f03c0 ret\n00000001`40001024 ????????  ???\n');
  });
});

// A 32-bit ARM process (PROCESSOR_ARCHITECTURE_ARM): the synthetic x86 dump with SystemInfo's architecture set to 5.
const THUMB_HALVES = [0xe92d, 0x4800, 0x46eb, 0xb084, 0x2b00, 0xd003, 0xf000, 0xfa34, 0xe7ff, 0xb004, 0xe8bd, 0x8800, 0xdefe];
const thumbCode = new Uint8Array(THUMB_HALVES.length * 2);
THUMB_HALVES.forEach((h, i) => new DataView(thumbCode.buffer).setUint16(i * 2, h, true));
const armDump = new MinidumpBuilder('x86').systemInfo().module({ name: 'C:\\app\\thumbapp.exe', base: 0x400000n, size: 0x5000 }).memory(0x401000n, thumbCode).build();
{
  const dv = new DataView(armDump.buffer);
  const dir = dv.getUint32(12, true);
  for (let i = 0; i < dv.getUint32(8, true); i++) if (dv.getUint32(dir + i * 12, true) === 7) dv.setUint16(dv.getUint32(dir + i * 12 + 8, true), 5, true);
}
const arm32 = engineFor(armDump);

describe('ARM (Thumb-2): u, ub and uf', () => {
  it('is an ARM dump, and u shows the halfwords and Microsoft\'s ARM syntax', () => {
    expect(arm32.session.dump.system().cpuArch).toBe('arm');
    expect(run(arm32, 'u 401000 L4')).toBe(
      ['thumbapp+0x1000:', '00401000 e92d4800 push        {r11,lr}', '00401004 46eb     mov         r11,sp', '00401006 b084     sub         sp,sp,#0x10', '00401008 2b00     cmp         r3,#0', ''].join('\n'),
    );
    expect(run(arm32, 'ub 401018 L3')).toBe('thumbapp+0x1010:\n00401010 e7ff     b           thumbapp+0x1012\n00401012 b004     add         sp,sp,#0x10\n00401014 e8bd8800 pop         {r11,pc}\n');
  });

  it('uf follows beq and b, not bl, and ends at pop {…,pc}', () => {
    expect(run(arm32, 'uf 401000')).toBe(
      [
        'thumbapp+0x1000:',
        '00401000 e92d4800 push        {r11,lr}',
        '00401004 46eb     mov         r11,sp',
        '00401006 b084     sub         sp,sp,#0x10',
        '00401008 2b00     cmp         r3,#0',
        '0040100a d003     beq         thumbapp+0x1014  Branch',
        '',
        'thumbapp+0x100c:',
        '0040100c f000fa34 bl          thumbapp+0x1478',
        '00401010 e7ff     b           thumbapp+0x1012',
        '',
        'thumbapp+0x1012:',
        '00401012 b004     add         sp,sp,#0x10',
        '',
        'thumbapp+0x1014:',
        '00401014 e8bd8800 pop         {r11,pc}',
        '',
      ].join('\n'),
    );
  });
});

describe('corpus', () => {
  it('stack_exhaustion.dmp: uf on _chkstk (crashme+0xa610) walks its loop: 19 instructions in 4 blocks', () => {
    const e = corpusEngine('user', 'stack_exhaustion.dmp');
    const f = functionFlow(e.session, 0xdea610n);
    expect(f.instructions.size).toBe(19);
    expect(f.incomplete).toBe(false);
    expect([...f.blockStarts].sort()).toEqual([0xdea610n, 0xdea624n, 0xdea628n, 0xdea632n]);
    const text = run(e, 'uf crashme+0xa610');
    expect(text).toContain('00dea626 720a            jb      crashme+0xa632 (00dea632)  Branch\n\ncrashme+0xa628:\n');
    expect(text).toContain('00dea639 ebe9            jmp     crashme+0xa624 (00dea624)\n');
  });

  it('stack_exhaustion.dmp: ub starts from the earliest byte that decodes onto Address, not inside "mov eax,0CCCCCCCCh"', () => {
    const e = corpusEngine('user', 'stack_exhaustion.dmp');
    expect(run(e, 'ub crashme+0xa6a7 L4')).toBe(
      [
        'crashme+0xa696:',
        '00dea696 b935040000      mov     ecx,435h',
        '00dea69b b8cccccccc      mov     eax,0CCCCCCCCh',
        '00dea6a0 f3ab            rep stosd',
        '00dea6a2 e86d69ffff      call    crashme+0x1014 (00de1014)',
        '',
      ].join('\n'),
    );
  });

  it('stack_exhaustion.dmp: a function running off the memory the dump holds is incomplete, and says so first', () => {
    const e = corpusEngine('user', 'stack_exhaustion.dmp');
    const f = functionFlow(e.session, 0xdea680n);
    expect(f.incomplete).toBe(true);
    expect(f.capped).toBe(false);
    const lines = run(e, 'uf crashme+0xa680').split('\n');
    expect(lines.slice(0, 2)).toEqual(['Flow analysis was incomplete, some code may be missing', 'crashme+0xa680:']);
    // The last readable instruction is at 00dea6b6 (memory ends at 00dea6b7).
    expect(lines.at(-2)).toBe('00dea6b6 58              pop     eax');
  });

  it('rizinorg_triage_arm64.dmp: u @pc matches the four instructions rizin shows at pc', () => {
    const e = corpusEngine('kernel', 'rizinorg_triage_arm64.dmp');
    expect(run(e, 'u @pc L4')).toBe(
      [
        'nt+0x4de014:',
        'fffff803`f32de014 91010260 add         x0,x19,#0x40',
        'fffff803`f32de018 97fac552 bl          nt+0x38f560',
        'fffff803`f32de01c b0003a28 adrp        x8,nt+0xc23000',
        'fffff803`f32de020 f945210b ldr         x11,[x8,#0xA40]',
        '',
      ].join('\n'),
    );
    // KeBugCheck2 from pc on: every block reached lies in the dump's one code page, ending at ret.
    const f = functionFlow(e.session, 0xfffff803f32de014n);
    expect(f.incomplete).toBe(false);
    expect(f.instructions.size).toBe(606);
    expect([...f.instructions.values()].filter((i) => i.isReturn).map((i) => i.address)).toEqual([0xfffff803f32de9d0n]);
  });
});
