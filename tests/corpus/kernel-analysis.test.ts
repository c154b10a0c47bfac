// analyze() + the kernel `!analyze -v` text for the real kernel dumps, against
// WinDbg's own output (corpus/expected/083125-14875-01.windbg.analyze-v.txt)
// and, for the ARM64 dump, rizin's expectations and the header bytes.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../shared/analysis/analyze';
import { formatReportText } from '../../shared/analysis/text/analyzeText';
import { MemoryByteSource } from '../../shared/bytes/byteSource';
import { openDump } from '../../shared/dump/openDump';
import { readCorpus, readExpected } from '../helpers/corpus';

const report = (name: string) => analyze(openDump(new MemoryByteSource(readCorpus('kernel', name))), { path: name });
/** `NAME: value` lines of a WinDbg !analyze -v text (blank lines are not significant). */
const fieldOf = (text: string, name: string): string | undefined => new RegExp(`^${name}:\\s+(.+?)\\s*$`, 'm').exec(text)?.[1];

describe('083125-14875-01.dmp vs WinDbg !analyze -v', () => {
  const expected = readExpected('083125-14875-01.windbg.analyze-v.txt');
  const r = report('083125-14875-01.dmp');
  const text = formatReportText(r);

  it('fills the document: bugcheck type, code, name, four parameters, cpu count, process', () => {
    expect(r.crash.type).toBe('bugcheck');
    expect(r.crash.code).toBe('0x' + fieldOf(expected, 'BUGCHECK_CODE'));
    expect(r.crash.name).toBe(/^(\w+) \(4a\)$/m.exec(expected)![1]);
    expect(r.crash.parameters).toEqual([1, 2, 3, 4].map((i) => '0x' + fieldOf(expected, `BUGCHECK_P${i}`)));
    expect(r.system.cpuCount).toBe(1);
    expect(r.process?.name).toBe(fieldOf(expected, 'PROCESS_NAME'));
    expect(r.bugcheck?.parameters.map((p) => p.meaning)).toEqual([...expected.matchAll(/^Arg\d: [0-9a-f]+, (.*)$/gm)].map((m) => m[1]));
  });

  it('culprit matches MODULE_NAME / IMAGE_NAME, and says why', () => {
    expect(r.culprit?.module).toBe(fieldOf(expected, 'MODULE_NAME'));
    expect(r.culprit?.image).toBe(fieldOf(expected, 'IMAGE_NAME'));
    expect(r.culprit?.reason).toMatch(/no non-Microsoft driver/);
    expect(r.bucket.startsWith(fieldOf(expected, 'FAILURE_BUCKET_ID')!.split('!')[0]!)).toBe(true);
  });

  it('drivers carry timestamps and the Microsoft flag; unloaded drivers are listed', () => {
    expect(r.drivers).toHaveLength(156);
    const nt = r.drivers!.find((d) => d.main)!;
    expect(nt.microsoft).toBe(true);
    expect(nt.timestamp).toBe(new Date(0x5dee2b07 * 1000).toISOString()); // lm: "ntkrnlmp.exe 5DEE2B07"
    expect(r.drivers!.find((d) => d.name === 'E1G6032E.sys')?.microsoft).toBe(false); // Intel NIC driver
    expect(r.unloadedDrivers?.map((u) => u.name)).toContain('WdBoot.sys');
    expect(r.stackDrivers?.[0]).toBe('ntoskrnl.exe');
  });

  it('the text report has WinDbg\'s sections with the same values', () => {
    for (const name of ['BUGCHECK_CODE', 'BUGCHECK_P1', 'BUGCHECK_P2', 'BUGCHECK_P3', 'BUGCHECK_P4', 'PROCESS_NAME', 'MODULE_NAME', 'IMAGE_NAME', 'FILE_IN_CAB', 'OSPLATFORM_TYPE', 'OSNAME', 'STACK_COMMAND']) {
      expect(fieldOf(text, name), name).toBe(fieldOf(expected, name));
    }
    const argLines = (s: string) => s.split('\n').filter((l) => /^Arg\d: /.test(l));
    expect(argLines(text)).toEqual(argLines(expected));
    expect(text).toContain('IRQL_GT_ZERO_AT_SYSTEM_SERVICE (4a)\nReturning to usermode from a system call at an IRQL > PASSIVE_LEVEL.\nArguments:');
  });

  it('STACK_TEXT: the first two Child-SP / RetAddr pairs and the third Child-SP are WinDbg\'s', () => {
    // WinDbg's third return address comes from the trap frame (user mode); our scan cannot know it.
    const pairs = (s: string) => [...s.slice(s.indexOf('STACK_TEXT:')).matchAll(/^([0-9a-f]{8}`[0-9a-f]{8}) ([0-9a-f]{8}`[0-9a-f]{8})/gm)].map((m) => [m[1], m[2]]);
    const ours = pairs(text);
    const theirs = pairs(expected);
    expect(ours.slice(0, 2)).toEqual(theirs.slice(0, 2));
    expect(ours[2]![0]).toBe(theirs[2]![0]);
  });
});

describe('rizinorg_triage_arm64.dmp', () => {
  const rizin = readExpected('rizinorg_triage_arm64.rizin.txt');
  const r = report('rizinorg_triage_arm64.dmp');

  it('bugcheck name from rizin `iH` ("BugCheckCode : 0x000001c8 (MANUALLY_INITIATED_POWER_BUTTON_HOLD)")', () => {
    expect(r.crash.name).toBe(/BugCheckCode : 0x[0-9a-f]+ \((\w+)\)/.exec(rizin)![1]);
    expect(r.bugcheck?.parameters[0]?.meaning).toMatch(/milliseconds/);
    expect(r.system.cpuArch).toBe('arm64');
  });

  it('frame 0 and the first return address are rizin\'s `dbt` frames 0 and 1; the culprit is the kernel', () => {
    const dbt = [...rizin.matchAll(/^\d+\s+0x([0-9a-f]+) sp: 0x([0-9a-f]+)/gm)];
    const frames = r.threads[0]!.frames;
    expect(frames[0]!.ip).toBe('0x' + dbt[0]![1]);
    expect(frames[1]!.ip).toBe('0x' + dbt[1]![1]);
    expect(r.culprit?.module).toBe('nt');
    expect(r.culprit?.image).toBe('ntkrnlmp.exe');
    expect(formatReportText(r)).toMatch(/^OSPLATFORM_TYPE: {2}ARM64$/m);
  });
});
