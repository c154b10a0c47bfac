// The stack walker's seams with real unwind data and symbols: test.dmp and its twins walked
// with the Breakpad .sym files in ../shared/corpus/symbols (STACK WIN through the x86
// unwinder, FUNC/line records through the SymbolResolver), compared with Breakpad's
// minidump_stackwalk -m run on the same files.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../shared/analysis/analyze';
import { ModuleMap } from '../../shared/analysis/stackwalk/moduleMap';
import { X86StackWinUnwinder } from '../../shared/analysis/unwind/x86StackWin';
import { MemoryByteSource } from '../../shared/bytes/byteSource';
import { openDump } from '../../shared/dump/openDump';
import { parseSym } from '../../shared/formats/breakpad/symFile';
import { MinidumpDump } from '../../shared/formats/minidump/minidumpDump';
import { SymbolFileSet } from '../../shared/symbols/symbolFileSet';
import { listCorpus, readCorpus, readExpected } from '../helpers/corpus';

const SYMBOLIZED = ['test.dmp', 'minidump2.dmp', 'minidump_32bit_crash_addr.dmp'];

function analyzeWithSymbols(file: string) {
  const dump = openDump(new MemoryByteSource(readCorpus('user', file)));
  const symbols = new SymbolFileSet();
  for (const m of dump.modules()) {
    const dir = `${m.debugFile}/${m.debugId}`;
    const sym = listCorpus('symbols').includes(m.debugFile!) ? listCorpus(`symbols/${dir}`, '.sym')[0] : undefined;
    if (sym) symbols.set(m, { sym: parseSym(readCorpus('symbols', dir, sym)) });
  }
  const modules = new ModuleMap(dump.modules());
  const stackWin = new X86StackWinUnwinder((m) => symbols.get(m)?.sym, (a) => modules.find(a) !== undefined);
  return analyze(dump, { symbols, unwinders: [stackWin] });
}

function dumpThreadOf(file: string): number | undefined {
  const dump = openDump(new MemoryByteSource(readCorpus('user', file)));
  return dump instanceof MinidumpDump ? dump.breakpadInfo()?.dumpThreadId : undefined;
}

describe.each(SYMBOLIZED)('%s with symbols vs Breakpad', (file) => {
  const r = analyzeWithSymbols(file);
  const expected = readExpected(`${file.replace(/\.dmp$/, '')}.stackwalk-m.txt`).split('\n')
    .filter((l) => /^\d+\|\d+\|/.test(l)).map((l) => l.split('|'));

  it('names every frame of every thread like Breakpad: module, function, file, line', () => {
    // Breakpad leaves out the thread that wrote the dump (MDRawBreakpadInfo.dump_thread_id).
    const ours = r.threads.filter((t) => t.id !== dumpThreadOf(file))
      .flatMap((t, i) => t.frames.map((f) => [String(i), String(f.index), f.module ?? '', f.function ?? '', f.file ?? '', f.line?.toString() ?? '']));
    expect(ours).toEqual(expected.map((l) => l.slice(0, 6)));
  });

  it('gives function offsets of return addresses like Breakpad (frames without a source line)', () => {
    // Breakpad's last column is the offset from the source line when there is one, else from the function.
    const rows = expected.filter((x) => x[3] !== '' && x[5] === '');
    expect(rows.length).toBeGreaterThan(0); // kernel32!BaseProcessStart + 0x23
    for (const l of rows) {
      const f = r.threads[Number(l[0])]!.frames[Number(l[1])]!;
      expect(BigInt(f.functionOffset!)).toBe(BigInt(l[6]!));
    }
  });

  it('found the callers through the STACK WIN unwind data ("call frame info")', () => {
    const crash = r.threads[r.crash.threadIndex!]!.frames;
    expect(crash.map((f) => f.trust)).toEqual(['context', 'cfi', 'cfi', 'cfi']);
    // +e from the function's start; Breakpad's "+ 0x3" above is from the start of line 58.
    expect(r.culprit).toMatchObject({ module: 'test_app', symbol: "test_app!`anonymous namespace'::CrashFunction+e" });
    expect(r.bucket).toBe("NULL_CLASS_PTR_WRITE_c0000005_test_app.exe!`anonymous namespace'::CrashFunction");
  });
});
