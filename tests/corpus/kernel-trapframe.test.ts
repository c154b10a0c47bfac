// The kernel stack of 083125-14875-01.dmp (x64 19041 small dump) crossing the syscall's trap
// frame into user mode, against real WinDbg output: 083125-14875-01.windbg.kv.txt,
// .thread.txt and .analyze-v.txt (STACK_TEXT). The trap frame is the _KTRAP_FRAME ending at
// KTHREAD.InitialStack (shared/analysis/stackwalk/kernelTrapFrame.ts).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../shared/analysis/analyze';
import { findUserTrapFrame } from '../../shared/analysis/stackwalk/kernelTrapFrame';
import { MemoryByteSource } from '../../shared/bytes/byteSource';
import type { DebuggerSymbols } from '../../shared/debugger/session';
import { openDump } from '../../shared/dump/openDump';
import { readCorpus, readExpected } from '../helpers/corpus';
import { engineFor, run } from '../unit/shared/debugger/helpers';

const NAME = '083125-14875-01.dmp';
const bytes = readCorpus('kernel', NAME);
const kvExpected = readExpected('083125-14875-01.windbg.kv.txt').split('\n').filter((l) => /^0\d /.test(l));
const kvOurs = (text: string): string[] => text.split('\n').filter((l) => /^[0-9a-f]{2} /.test(l));
/** Child-SP, RetAddr and Args: everything before the call site. */
const columns = (l: string): string => l.slice(0, l.lastIndexOf(' : '));
const NOTE = ' (TrapFrame @ ffffa704`eeb6be40)';

/** The nt functions WinDbg names in these frames (their RVAs from the frames' offsets), as nt's PDB would. */
const ntNames: DebuggerSymbols = {
  lookup(m, rva) {
    if (m.name !== 'ntoskrnl.exe') return undefined;
    const fns: [number, string][] = [[0x3fd6f0, 'KeBugCheckEx'], [0x411aa9 - 0x69, 'KiBugCheckDispatch'], [0x411951 - 0x34d, 'KiSystemServiceExitPico']];
    const hit = fns.filter(([start]) => start <= rva).sort((a, b) => b[0] - a[0])[0];
    return hit && rva - hit[0] < 0x1000 ? { function: hit[1], functionOffset: rva - hit[0] } : undefined;
  },
};

describe('083125-14875-01.dmp: the trap frame', () => {
  it('is the _KTRAP_FRAME ending at KTHREAD.InitialStack (ffffa704`eeb6bfd0 - 0x190), entered from user mode; the stack is the thread\'s from the bug-check rsp up', () => {
    const dump = openDump(new MemoryByteSource(bytes));
    expect(findUserTrapFrame(dump)).toEqual({
      address: 0xffffa704eeb6be40n, initialStack: 0xffffa704eeb6bfd0n, stackLow: 0xffffa704eeb6bc88n, rip: 0x7ffe7350d0c4n, rsp: 0x7d488fe9b8n, rbp: 0x1dcn,
    });
    // KTHREAD.TrapFrame (+0x90, ntdiff Win10_2004_20H1 x64 _KTHREAD) in the dump's thread copy says the same.
    const kthread = dump.threads()[0]!.teb!;
    expect(new DataView(dump.memory.read(kthread + 0x90n, 8)!.slice().buffer).getBigUint64(0, true)).toBe(0xffffa704eeb6be40n);
  });
});

describe('083125-14875-01.dmp: kv follows the trap frame into user mode as WinDbg does', () => {
  it('frames 00–03 have WinDbg\'s Child-SP, RetAddr and Args; frame 02 ends with the TrapFrame note; frame 03 is the bare user address', () => {
    const ours = kvOurs(run(engineFor(bytes, `kernel/${NAME}`), 'kv'));
    expect(kvExpected).toHaveLength(4);
    expect(ours.map(columns)).toEqual(kvExpected.map(columns));
    expect(ours[2]!.endsWith(NOTE)).toBe(true);
    expect(kvExpected[2]!.endsWith(NOTE)).toBe(true);
    expect(ours[3]).toBe(kvExpected[3]);
    // frame 02's arguments: its home slots are at frame 03's Child-SP, on the user stack the small dump lacks.
    expect(columns(ours[2]!)).toMatch(/: (00000000`00000000 ?){4}$/);
  });

  it('with nt\'s names, frames 00–03 are WinDbg\'s lines exactly', () => {
    expect(kvOurs(run(engineFor(bytes, `kernel/${NAME}`, ntNames), 'kv'))).toEqual(kvExpected);
  });

  it('k and kb show the same frames without the note (it belongs to kv)', () => {
    const e = engineFor(bytes, `kernel/${NAME}`);
    const k = kvOurs(run(e, 'k'));
    expect(k.map((l) => l.slice(3, 20))).toEqual(kvExpected.map((l) => l.slice(3, 20)));
    expect(k[3]).toBe('03 0000007d`488fe9b8 00000000`00000000     0x00007ffe`7350d0c4');
    expect(run(e, 'kb')).not.toContain('TrapFrame');
  });

  it('!thread ends its stack the same way (083125-14875-01.windbg.thread.txt)', () => {
    const expected = readExpected('083125-14875-01.windbg.thread.txt').split('\n').map((l) => l.replace(/\s+$/, ''));
    const stack = expected.slice(expected.findIndex((l) => l.startsWith('Child-SP')) + 1).filter((l) => l);
    const ours = run(engineFor(bytes, `kernel/${NAME}`, ntNames), '!thread').split('\n').map((l) => l.replace(/\s+$/, ''));
    const at = ours.findIndex((l) => l.startsWith('Child-SP'));
    expect(ours.slice(at + 1, at + 1 + stack.length)).toEqual(stack);
  });
});

describe('083125-14875-01.dmp: !analyze STACK_TEXT gains the user-mode frame', () => {
  const stackText = (text: string): string[] => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('STACK_TEXT:'));
    return lines.slice(at + 1, lines.indexOf('', at + 1)).filter((l) => /^[0-9a-f]{8}`/.test(l));
  };

  it('the four frames have WinDbg\'s Child-SP and RetAddr; the last is the bare user address', () => {
    const theirs = stackText(readExpected('083125-14875-01.windbg.analyze-v.txt'));
    const ours = stackText(run(engineFor(bytes, `kernel/${NAME}`), '!analyze -v'));
    expect(ours.map((l) => l.slice(0, 35))).toEqual(theirs.map((l) => l.slice(0, 35)));
    expect(ours[3]!.split(' : ').pop()).toBe('0x00007ffe`7350d0c4');
    expect(theirs[3]!.split(' : ').pop()).toBe('0x00007ffe`7350d0c4');
  });

  it('the report\'s frames: three in nt, then the user-mode frame outside any module', () => {
    const r = analyze(openDump(new MemoryByteSource(bytes)), { path: NAME });
    expect(r.threads[0]!.frames.map((f) => [f.sp, f.ip, f.module])).toEqual([
      ['0xffffa704eeb6bc88', '0xfffff8075c00b6f0', 'ntoskrnl.exe'],
      ['0xffffa704eeb6bc90', '0xfffff8075c01faa9', 'ntoskrnl.exe'],
      ['0xffffa704eeb6bdd0', '0xfffff8075c01f951', 'ntoskrnl.exe'],
      ['0x7d488fe9b8', '0x7ffe7350d0c4', null],
    ]);
  });
});

describe('083125-14875-01.dmp with the trap frame\'s SegCs made kernel-mode: today\'s walk', () => {
  it('scans on past frame 02 as before (nt+0x411235, win32k+0x6c88) and prints no note', () => {
    // _KTRAP_FRAME.Rip (0x168) followed by SegCs (0x170), in the file's copies of the stack: those
    // that start (at Child-SP ffffa704`eeb6bc88, 0x320 bytes before Rip) with frame 00's RetAddr.
    // The small dump holds the stack twice (the call stack and a data block).
    const pattern = [0xc4, 0xd0, 0x50, 0x73, 0xfe, 0x7f, 0, 0, 0x33, 0];
    const ret0 = [0xa9, 0xfa, 0x01, 0x5c, 0x07, 0xf8, 0xff, 0xff];
    const hits: number[] = [];
    for (let i = 0x320; i + pattern.length <= bytes.length; i++) {
      if (pattern.every((b, k) => bytes[i + k] === b) && ret0.every((b, k) => bytes[i - 0x320 + k] === b)) hits.push(i);
    }
    expect(hits).toHaveLength(2);
    const patched = bytes.slice();
    for (const h of hits) patched[h + 8] = 0x10; // KGDT64_R0_CODE
    expect(findUserTrapFrame(openDump(new MemoryByteSource(patched)))).toBeUndefined();
    const ours = kvOurs(run(engineFor(patched, `kernel/${NAME}`), 'kv'));
    expect(ours.map((l) => l.slice(0, 38))).toEqual([
      '00 ffffa704`eeb6bc88 fffff807`5c01faa9',
      '01 ffffa704`eeb6bc90 fffff807`5c01f951',
      '02 ffffa704`eeb6bdd0 fffff807`5c01f235',
      '03 ffffa704`eeb6be40 ffff9a14`09ca6c88',
      '04 ffffa704`eeb6be60 00000000`00000000',
    ]);
    expect(ours.join('\n')).not.toContain('TrapFrame');
  });
});
