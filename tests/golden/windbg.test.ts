// Our output against real WinDbg output for the corpus kernel dump
// (../shared/corpus/expected/083125-14875-01.windbg.*.txt).
import { describe, expect, it } from 'vitest';
import { readExpected } from '../helpers/corpus';
import { corpusEngine, run } from '../unit/shared/debugger/helpers';

describe('083125-14875-01.dmp vs WinDbg', () => {
  const engine = corpusEngine('kernel', '083125-14875-01.dmp');

  it('lm t n: same modules, ranges, names, image names and timestamps, same columns', () => {
    const ours = run(engine, 'lm t n').split('\n');
    const theirs = readExpected('083125-14875-01.windbg.lm-t-n.txt').split('\n');
    expect(ours[0]).toBe(theirs[0]); // "start             end                 module name"
    const row = /^([0-9a-f`]{17}) ([0-9a-f`]{17}) {3}(\S+) +(\S+) +.*?([0-9A-F]{8})\)?/;
    const loaded = (lines: string[]): Map<string, RegExpExecArray> => {
      const m = new Map<string, RegExpExecArray>();
      for (const l of lines) {
        if (l.startsWith('Unloaded modules:')) break;
        const r = row.exec(l);
        if (r) m.set(r[1]!, r);
      }
      return m;
    };
    const a = loaded(ours);
    const b = loaded(theirs);
    expect(a.size).toBe(b.size);
    expect(a.size).toBeGreaterThan(100);
    for (const [start, w] of b) {
      const o = a.get(start);
      expect(o, start).toBeDefined();
      expect(o![2]).toBe(w[2]); // end
      expect(o![3]).toBe(w[3]); // module name ("nt" for the kernel)
      expect(o![4]).toBe(w[4]); // image name ("ntkrnlmp.exe")
      // Timestamps: WinDbg printed most Windows 10 ones as "XXXXXXXX (This is a
      // reproducible build file hash, not a timestamp)" because it read the
      // images' debug directories, which this small dump does not hold for us,
      // and dates in the debugging machine's local time (UTC-8: clipsp.sys
      // "Mon Nov 27 16:31:06 2023" is our UTC "Tue Nov 28 00:31:06 2023").
      // The hex value is the same either way.
      expect(o![5]).toBe(w[5]);
    }
    // The column layout of a row, character for character where no timestamp text is involved.
    const hal = ours.find((l) => l.includes('   hal '))!;
    expect(hal.slice(0, 57)).toBe(theirs.find((l) => l.includes('   hal '))!.slice(0, 57));
    // Unloaded modules: the same list, with WinDbg's three lines per module.
    const unloaded = (lines: string[]): string[] => lines.slice(lines.findIndex((l) => l.startsWith('Unloaded modules:'))).filter((l) => l.trim() !== '');
    expect(unloaded(ours)).toEqual(unloaded(theirs));
  });

  it('kv: the first frames match WinDbg (Child-SP, RetAddr, arguments)', () => {
    const ours = run(engine, 'kv').split('\n');
    const theirs = readExpected('083125-14875-01.windbg.kv.txt').split('\n');
    expect(ours[0]).toBe(theirs[0]);
    // Frames 0 and 1 (KeBugCheckEx, KiBugCheckDispatch) agree up to the call
    // site, which needs nt's symbols (not in the corpus): ours is nt+0x….
    // From frame 2 WinDbg follows the trap frame into user mode; the shared
    // walker does not decode trap frames yet.
    for (const i of [1, 2]) expect(ours[i]!.split(' : ').slice(0, 2)).toEqual(theirs[i]!.split(' : ').slice(0, 2));
  });

  it('.bugcheck, !poolused and !verifier say what WinDbg says, then why', () => {
    expect(run(engine, '.bugcheck')).toBe('Bugcheck code 0000004A\nArguments 00007ffe`7350d0c4 00000000`00000002 00000000`00000000 ffffa704`eeb6bec0\n');
    expect(run(engine, '!poolused').split('\n')[0]).toBe('Unable to get MiVisibleState'); // windbg.poolused.txt: "fffff8075c909390: Unable to get MiVisibleState"
    expect(run(engine, '!verifier').split('\n')[0]).toBe(readExpected('083125-14875-01.windbg.verifier.txt').trim()); // the whole line, address included
    expect(run(engine, '!devstack').split('\n')[0]).toBe(readExpected('083125-14875-01.windbg.devstack.txt').trim());
    // !process (H3's decoder): WinDbg's heading, then why the list is missing and which dump type has it.
    const proc = run(engine, '!process 0 0');
    expect(proc.split('\n')[0]).toBe('**** NT ACTIVE PROCESS DUMP ****');
    expect(proc).toMatch(/small memory dump: it does not hold the process list .*a kernel or complete memory dump \(MEMORY\.DMP\) does/);
  });
});
