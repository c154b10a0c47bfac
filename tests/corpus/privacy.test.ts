// The privacy scan and redaction on the real corpus dumps (issue: what a dump reveals).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../shared/analysis/analyze';
import type { AnalysisReport } from '../../shared/analysis/report';
import { classifyString } from '../../shared/analysis/privacy/classify';
import { pseudonyms, redactMinidump } from '../../shared/analysis/privacy/redact';
import { reportWithoutPersonalData } from '../../shared/analysis/privacy/reportOnly';
import { scanPrivacy } from '../../shared/analysis/privacy/scan';
import { findStrings } from '../../shared/analysis/privacy/strings';
import { MemoryByteSource } from '../../shared/bytes/byteSource';
import { openDump } from '../../shared/dump/openDump';
import { MinidumpDump } from '../../shared/formats/minidump/minidumpDump';
import { listCorpus, readCorpus } from '../helpers/corpus';

const open = (bytes: Uint8Array) => openDump(new MemoryByteSource(bytes));
const userDumps = listCorpus('user', '.dmp').filter((f) => !f.startsWith('invalid-r')); // invalid-range/-record-count do not open

describe('privacy scan on the corpus', () => {
  it('finds the user name in the Unreal dump\'s module paths (C:\\Users\\bruno\\…)', () => {
    const r = scanPrivacy(open(readCorpus('user', 'UE4Minidump.dmp')));
    expect(r.userNames).toEqual(['bruno']);
    const inModules = r.findings.filter((f) => f.kind === 'user-path' && f.place.section === 'module list');
    expect(inModules.length).toBe(16);
    expect(inModules[0]!.context).toMatch(/^C:\\Users\\bruno\\/i);
    expect(r.summary).toMatch(/names the user 'bruno' 20 times \(module list, memory\)/);
  });

  it('finds the Crashpad/Electron dump\'s thread names, user, computer and command line', () => {
    const r = scanPrivacy(open(readCorpus('user', 'zuohuiyang_electron.dmp')));
    const threads = r.findings.filter((f) => f.kind === 'thread-name').map((f) => f.value);
    expect(threads.length).toBe(24);
    expect(threads).toContain('CrBrowserMain');
    expect(r.userNames).toEqual(['27404']);
    expect(r.findings.find((f) => f.kind === 'computer-name')?.value).toBe('MTIANYANG_PC');
    const cmd = r.findings.find((f) => f.kind === 'command-line');
    expect(cmd?.value).toMatch(/electron\.exe/);
    expect(cmd?.place.section).toBe('process parameters (PEB)');
  });

  it('reads the environment from the PEB of the Chromium tiny.exe dump', () => {
    const r = scanPrivacy(open(readCorpus('user', 'tiny-exe-fastfail.dmp')));
    expect(r.userNames).toEqual(['ajgo']);
    const env = r.findings.filter((f) => f.place.section === 'environment (PEB)');
    expect(env.some((f) => f.kind === 'computer-name' && f.value === 'AJGO')).toBe(true);
  });

  it('says what a kernel small dump holds and names its process', () => {
    const r = scanPrivacy(open(readCorpus('kernel', '083125-14875-01.dmp')));
    expect(r.summary).toMatch(/^This small memory dump holds \d+ KB of kernel memory in \d+ regions? and no user memory/);
    expect(r.comparison).toMatch(/small memory dump/);
    // As WinDbg's PROCESS_NAME (expected/083125-14875-01.windbg.analyze-v.txt): EPROCESS.ImageFileName keeps 14 characters.
    expect(r.findings.find((f) => f.kind === 'process-name')?.value).toBe('notmyfault64.e');
  });

  // False alarms: the Breakpad test dumps come from a test program on a build machine and name nobody.
  it.each(userDumps.filter((f) => /^(ascii|null|read|write|exec|minidump|test|stack)/.test(f)))('raises no alarm on %s', (f) => {
    expect(scanPrivacy(open(readCorpus('user', f))).findings).toEqual([]);
  });

  it('raises fewer than 1 alarm per MB of random bytes (measured: 0 in 4 MB)', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    const bytes = new Uint8Array(4 << 20).map(() => rand());
    const alarms = findStrings(bytes, 6).flatMap((s) => classifyString(s.text));
    expect(alarms.length).toBeLessThan(4);
  });
});

function crashFrames(r: AnalysisReport) {
  return r.threads.find((t) => t.index === r.crash.threadIndex)?.frames.map((f) => [f.ip, f.module, f.trust]);
}

function contains(hay: Uint8Array, needle: string, utf16: boolean): boolean {
  const n = utf16 ? Buffer.from(needle, 'utf16le') : Buffer.from(needle, 'latin1');
  return Buffer.from(hay.buffer, hay.byteOffset, hay.length).includes(n);
}

describe('redaction of every user corpus dump', () => {
  it.each(userDumps)('%s: same crash, modules and crashing-thread frames; no dropped string remains', (f) => {
    const bytes = readCorpus('user', f);
    const dump = open(bytes) as MinidumpDump;
    const scan = scanPrivacy(dump);
    const red = redactMinidump(dump, bytes, scan.userNames, { keepStacks: true });
    const before = analyze(dump);
    const after = analyze(open(red.bytes));
    expect(after.crash).toEqual(before.crash);
    expect(after.system).toEqual(before.system);
    const mods = (r: AnalysisReport) => r.modules.map((m) => [m.name, m.base, m.end, m.version, m.debugId, m.codeId]);
    expect(mods(after)).toEqual(mods(before));
    expect(crashFrames(after)).toEqual(crashFrames(before));
    // Nothing the scan found outside the kept structures survives: memory, environment, comments, handles, thread names.
    const dropped = scan.findings.filter((x) => x.place.section !== 'module list' && x.place.section !== 'module list (CodeView PDB path)' && x.place.section !== 'unloaded module list');
    for (const x of dropped) {
      // Short values ("user", a 4-digit name) occur by chance elsewhere; the whole string they came from must be gone.
      for (const s of new Set([x.context, ...(x.value.length >= 6 ? [x.value] : [])])) {
        expect(contains(red.bytes, s, true), `${s} (UTF-16) still in ${f}`).toBe(false);
        expect(contains(red.bytes, s, false), `${s} (ASCII) still in ${f}`).toBe(false);
      }
    }
    for (const u of scan.userNames) {
      expect(contains(red.bytes, `\\Users\\${u}`, true)).toBe(false);
      expect(contains(red.bytes, `\\Users\\${u}`, false)).toBe(false);
    }
  });

  it('replaces user names consistently with same-length stand-ins', () => {
    expect(pseudonyms(['bruno', 'ajgo', 'al'])).toEqual({ bruno: 'user1', ajgo: 'u2__', al: 'u3' });
    const bytes = readCorpus('user', 'UE4Minidump.dmp');
    const dump = open(bytes) as MinidumpDump;
    const red = redactMinidump(dump, bytes, ['bruno'], { keepStacks: true });
    const paths = open(red.bytes).modules().map((m) => m.path).filter((p) => /\\Users\\/i.test(p));
    expect(paths.length).toBe(16);
    expect(paths.every((p) => /\\Users\\user1\\/i.test(p))).toBe(true);
  });

  it('drops the crashing stack unless asked to keep it', () => {
    const bytes = readCorpus('user', 'zuohuiyang_electron.dmp');
    const dump = open(bytes) as MinidumpDump;
    const red = redactMinidump(dump, bytes, [], {});
    const frames = crashFrames(analyze(open(red.bytes)))!;
    expect(frames).toHaveLength(1);
    expect(frames[0]![2]).toBe('context');
  });

  it('strips strings inside kept memory on request', () => {
    const bytes = readCorpus('user', 'zuohuiyang_electron.dmp');
    const dump = open(bytes) as MinidumpDump;
    const red = redactMinidump(dump, bytes, [], { keepStacks: true, stripStrings: true });
    const kept = (open(red.bytes) as MinidumpDump).memoryRanges();
    const leftovers = kept.flatMap((r) => findStrings(red.bytes.subarray(r.rva, r.rva + r.size), 6));
    expect(leftovers).toEqual([]);
  });
});

describe('report-only export for kernel dumps', () => {
  it('removes paths, thread names and the process id but keeps the verdict', () => {
    const full = analyze(open(readCorpus('kernel', '083125-14875-01.dmp')), { path: '/home/alice/dumps/083125-14875-01.dmp' } as never);
    const r = reportWithoutPersonalData(full);
    expect(r.file.path).toBeNull();
    expect(r.crash).toEqual(full.crash);
    expect(r.culprit).toEqual(full.culprit);
    expect(JSON.stringify(r)).not.toMatch(/alice/);
  });
});
