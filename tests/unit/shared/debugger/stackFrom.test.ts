// `k = …`: walking from a frame given on the command line instead of the thread's context.
// Starting at frame 1 of a known stack must give frames 1… of the normal walk.
import { describe, expect, it } from 'vitest';
import { parseKStart } from '../../../../shared/debugger/commands/stack';
import { ExpressionParser } from '../../../../shared/debugger/expression/evaluator';
import { corpusEngine, run } from './helpers';

/** The frame lines of a `k` listing without their frame numbers (columns 3… of "NN …"). */
function frameLines(text: string): string[] {
  return text.split('\n').filter((l) => /^[0-9a-f]{2} /.test(l)).map((l) => l.slice(3));
}

describe('k = BasePtr StackPtr InstructionPtr (x86, test.dmp)', () => {
  const e = corpusEngine('user', 'test.dmp');
  const full = frameLines(run(e, 'k'));
  it('the normal walk is the one the golden file shows', () => {
    expect(full).toEqual([
      '0012f384 7c802532 ntdll+0xeb94',
      '0012f398 00401dff kernel32+0x2532',
      '0012f3e4 7c86304e test_app+0x1dff',
      '0012fa80 7c8436da kernel32+0x6304e',
      '0012fff0 00000000 kernel32+0x436da',
    ]);
  });
  it("starting at frame 1 (ebp 0012f398, esp just above frame 0's return address, eip = that return address) gives frames 1…", () => {
    // Frame 0's ebp is 0012f384: [ebp+4] holds the return address 7c802532, so the caller's esp is 0012f38c.
    expect(frameLines(run(e, 'k = 0012f398 0012f38c 7c802532'))).toEqual(full.slice(1));
    expect(frameLines(run(e, 'k = 0012f398 0012f38c kernel32+2532'))).toEqual(full.slice(1));
  });
  it('a frame count after the three values, and the kb/kc/kn variants', () => {
    expect(frameLines(run(e, 'k = 0012f398 0012f38c 7c802532 2'))).toEqual(full.slice(1, 3));
    const kb = run(e, 'kb = 0012f398 0012f38c 7c802532 2');
    expect(kb.split('\n')[0]).toBe('# ChildEBP RetAddr  Args to Child               Call Site');
    expect(frameLines(kb)).toEqual(['0012f398 00401dff 000007b8 ffffffff 0012faa8 kernel32+0x2532', '0012f3e4 7c86304e 0012faa8 00000000 00000000 test_app+0x1dff']);
    expect(run(e, 'kc = 0012f398 0012f38c 7c802532 3')).toBe(' # Call Site\n00 kernel32+0x2532\n01 test_app+0x1dff\n02 kernel32+0x6304e\n');
    expect(frameLines(run(e, 'kn = 0012f398 0012f38c 7c802532'))).toEqual(full.slice(1));
    expect(frameLines(run(e, 'kvL = 0012f398 0012f38c 7c802532 1'))).toEqual(['0012f398 00401dff 000007b8 ffffffff 0012faa8 kernel32+0x2532']);
  });
  it('= BasePtr alone takes esp and eip from the registers', () => {
    const lines = frameLines(run(e, 'k = 0012f398'));
    expect(lines[0]).toBe('0012f398 00401dff ntdll+0xeb94');
    expect(lines.slice(1)).toEqual(full.slice(2));
    expect(frameLines(run(e, 'k = 0012f398 1'))).toEqual(['0012f398 00401dff ntdll+0xeb94']);
  });
  it("bad values answer in WinDbg's words", () => {
    expect(run(e, 'k = nosuchthing')).toBe("Couldn't resolve error at 'nosuchthing'\n");
    expect(run(e, 'k =')).toBe("Syntax error at ' '\n");
    expect(run(e, 'k = 1 2 3 4 5')).toBe("Syntax error at '5'\n");
    expect(run(e, 'k = 0012f398 0012f38c 7c802532 0')).toBe('Frame count 0 is out of range (1..0xffff)\n');
  });
});

describe('k = StackPtr [InstructionPtr] FrameCount (x64)', () => {
  it('rizinorg_calc.dmp: from frame 1 gives frames 1…', () => {
    const e = corpusEngine('user', 'rizinorg_calc.dmp');
    const full = frameLines(run(e, 'k'));
    expect(full).toHaveLength(4);
    expect(frameLines(run(e, 'k = 03a7ff10 77812c88 3'))).toEqual(full.slice(1));
    expect(frameLines(run(e, 'k = 03a7ff10 77812c88 2'))).toEqual(full.slice(1, 3));
  });
  it('zuohuiyang_electron.dmp (.pdata unwinding): from frame 5 gives frames 5…', () => {
    const e = corpusEngine('user', 'zuohuiyang_electron.dmp');
    const full = frameLines(run(e, '.ecxr; k 20'));
    expect(full[5]).toBe('00000023`e11fd5f0 00007ff6`ec1052af     electron+0x21223a');
    // Frame 5's Child-SP and instruction pointer (frame 4's return address).
    const from5 = frameLines(run(e, '.ecxr; k = 00000023`e11fd5f0 00007ff6`e7b1223a 0n15'));
    expect(from5).toEqual(full.slice(5, 20));
  });
  it('= StackPtr FrameCount keeps rip: the first frame is the current instruction at that stack pointer', () => {
    const e = corpusEngine('user', 'rizinorg_calc.dmp');
    expect(frameLines(run(e, 'k = 03a7ff10 1'))).toEqual(['00000000`03a7ff10 00000000`775159cd     ntdll+0x4ae10']);
  });
});

describe('k = on a kernel dump (x64)', () => {
  it('083125-14875-01.dmp: from frame 1 (Child-SP and frame 0\'s return address) gives frames 1…', () => {
    const e = corpusEngine('kernel', '083125-14875-01.dmp');
    const full = frameLines(run(e, 'k 5'));
    expect(full[1]).toBe('ffffa704`eeb6bc90 fffff807`5c01f951     nt+0x411aa9');
    expect(frameLines(run(e, 'k = ffffa704`eeb6bc90 fffff807`5c01faa9 4'))).toEqual(full.slice(1, 5));
  });
});

describe('parseKStart', () => {
  const e = corpusEngine('user', 'test.dmp');
  const p = (text: string): ExpressionParser => new ExpressionParser(e.session, text);
  it('x86 reads BasePtr [StackPtr InstructionPtr] [FrameCount]; x64 StackPtr [InstructionPtr] FrameCount', () => {
    expect(parseKStart('= 10 20 30', false, p)).toEqual({ start: { fp: 0x10n, sp: 0x20n, ip: 0x30n }, count: undefined });
    expect(parseKStart('= 10 20 30 4', false, p)).toEqual({ start: { fp: 0x10n, sp: 0x20n, ip: 0x30n }, count: 4 });
    expect(parseKStart('= 10 5', false, p)).toEqual({ start: { fp: 0x10n }, count: 5 });
    expect(parseKStart('= 10 20 5', true, p)).toEqual({ start: { sp: 0x10n, ip: 0x20n }, count: 5 });
    expect(parseKStart('= 10 5', true, p)).toEqual({ start: { sp: 0x10n }, count: 5 });
    expect(parseKStart('= 10+8 (20*2) 0n10', true, p)).toEqual({ start: { sp: 0x18n, ip: 0x40n }, count: 10 });
    // x86 kernel mode: two values are StackPtr FrameCount.
    expect(parseKStart('= 10 5', false, p, true)).toEqual({ start: { sp: 0x10n }, count: 5 });
    expect(parseKStart('= 10', false, p, true)).toEqual({ start: { fp: 0x10n }, count: undefined });
  });
});
