import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../shared/analysis/analyze';
import { ANALYZER_VERSION } from '../../../../shared/analysis/version';
import { formatReportText } from '../../../../shared/analysis/text/analyzeText';
import type { Dump } from '../../../../shared/dump/types';
import { DumpFormatError } from '../../../../shared/errors';
import type { SymbolResolver } from '../../../../shared/symbols/types';
import { context, fakeDump, fakeModule, stackBlock } from './fakeDump';

const app = fakeModule('app.exe', 0x400000n, 0x10000, { version: '1.2.3.4', debugFile: 'app.pdb', debugId: 'ABCDEF0123456789ABCDEF01234567891', codeId: '5F00000010000' });
const ucrt = fakeModule('ucrtbase.dll', 0x10000000n, 0x100000);
const ntdll = fakeModule('ntdll.dll', 0x77000000n, 0x100000);

/** x86: ntdll raised (frame 0), ucrtbase called it (frame 1), app called ucrtbase (frame 2). */
function crashInRuntime(): Dump {
  const stack = stackBlock(0x12f000n, [
    0, 0, 0, 0,
    0x12f020, 0x10002345, // ntdll frame: saved ebp, return into ucrtbase
    0, 0,
    0x12f030, 0x401234, // ucrtbase frame: saved ebp, return into app
    0, 0,
    0, 0, // end of chain
  ], 4);
  return fakeDump({
    arch: 'x86',
    modules: [app, ucrt, ntdll],
    threads: [
      { id: 0x111, context: context('x86', { eip: 0x77001000n, esp: 0x12f000n, ebp: 0x12f010n }) },
      { id: 0x222, name: 'worker', context: context('x86', { eip: 0x77001000n, esp: 0x13f000n, ebp: 0n }) },
    ],
    memory: [stack],
    exception: { code: 0xc0000409, flags: 1, address: 0x77001000n, parameters: [7n], threadId: 0x111 },
    crashingThreadIndex: 0,
    process: { name: 'app.exe', id: 4242 },
  });
}

describe('analyze()', () => {
  const r = analyze(crashInRuntime(), { path: 'C:\\dumps\\app.dmp' });

  it('fills the document header, system and process', () => {
    expect(r).toMatchObject({
      schema: 'dumpdesk.analysis/1', format: 'minidump', kind: 'user-minidump', analyzerVersion: ANALYZER_VERSION,
      file: { path: 'C:\\dumps\\app.dmp', size: 4096 }, time: '2026-01-02T03:04:05.000Z',
      system: { os: 'Windows NT', osVersion: '10.0.19041', build: 19041, cpuArch: 'x86', cpuCount: 4 },
      process: { name: 'app.exe', id: 4242 },
    });
  });

  it('decodes the crash on the crashing thread', () => {
    expect(r.crash).toEqual({
      type: 'exception', code: '0xc0000409', name: 'FAST_FAIL_FATAL_APP_EXIT', address: '0x77001000', parameters: ['0x7'],
      threadId: 0x111, threadIndex: 0, description: expect.stringContaining('__fastfail(7)'),
    });
  });

  it('lists modules with exclusive ends and the main module first', () => {
    expect(r.modules[0]).toEqual({
      name: 'app.exe', path: 'C:\\app\\app.exe', base: '0x400000', size: 0x10000, end: '0x410000', version: '1.2.3.4',
      timestamp: '2020-07-04T04:05:20.000Z', codeId: '5F00000010000', debugFile: 'app.pdb', debugId: 'ABCDEF0123456789ABCDEF01234567891', main: true,
    });
    expect(r.modules.filter((m) => m.main)).toHaveLength(1);
  });

  it('walks every thread and names them', () => {
    expect(r.threads.map((t) => [t.id, t.name, t.frames.length])).toEqual([[0x111, null, 3], [0x222, 'worker', 1]]);
    expect(r.threads[0]!.frames.map((f) => [f.module, f.moduleOffset, f.trust])).toEqual([
      ['ntdll.dll', '0x1000', 'context'], ['ucrtbase.dll', '0x2345', 'frame-pointer'], ['app.exe', '0x1234', 'frame-pointer'],
    ]);
  });

  it('blames the first frame outside the system and runtime modules, and says why', () => {
    expect(r.culprit).toEqual({
      module: 'app', image: 'app.exe', symbol: 'app+1234', frame: 2,
      reason: 'first frame outside system modules (frame 2); frames above it are in ntdll.dll, ucrtbase.dll',
    });
    expect(r.bucket).toBe('FAIL_FAST_FATAL_APP_EXIT_c0000409_app.exe!Unknown');
  });

  it('resolves symbols one byte before return addresses and puts the function in the bucket', () => {
    const asked: [string, number][] = [];
    const symbols: SymbolResolver = {
      lookup: (m, rva) => {
        asked.push([m.name, rva]);
        return m.name === 'app.exe' ? { function: 'Crash', functionOffset: rva - 0x1200, file: 'app.c', line: 7 } : undefined;
      },
    };
    const s = analyze(crashInRuntime(), { symbols, allThreads: false });
    expect(asked).toEqual([['ntdll.dll', 0x1000], ['ucrtbase.dll', 0x2344], ['app.exe', 0x1233]]);
    expect(s.threads[0]!.frames[2]).toMatchObject({ function: 'Crash', functionOffset: '0x34', file: 'app.c', line: 7 });
    expect(s.culprit?.symbol).toBe('app!Crash+34');
    expect(s.bucket).toBe('FAIL_FAST_FATAL_APP_EXIT_c0000409_app.exe!Crash');
    expect(s.threads[1]!.frames).toEqual([]); // allThreads: false walks only the crashing thread
  });

  it('keeps going without a readable module list, with a diagnostic', () => {
    const d = crashInRuntime();
    const broken: Dump = { ...d, system: d.system, modules: () => { throw new DumpFormatError('BadCount', 'ModuleList: 9999 modules'); } };
    const s = analyze(broken);
    expect(s.modules).toEqual([]);
    expect(s.diagnostics).toEqual([{ level: 'warning', code: 'BadCount', message: 'module list: ModuleList: 9999 modules' }]);
    expect(s.threads[0]!.frames[0]!.module).toBeNull();
    expect(s.culprit).toBeNull();
    expect(s.bucket).toBe('FAIL_FAST_FATAL_APP_EXIT_c0000409_Unknown!Unknown');
  });

  it('refuses a dump without threads like Breakpad does', () => {
    const d = crashInRuntime();
    expect(() => analyze({ ...d, system: d.system, threads: () => [] })).toThrow(DumpFormatError);
  });

  it('formats a text report from the document alone', () => {
    const text = formatReportText(r);
    expect(text).toContain('ChildEBP RetAddr  Call Site\n0012f010 10002345 ntdll+0x1000\n0012f020 00401234 ucrtbase+0x2345\n0012f030 00000000 app+0x1234\n');
    expect(text).toContain('BLAME_REASON:  first frame outside system modules (frame 2)');
  });
});

describe('analyze() with an unreadable memory list', () => {
  it('keeps each thread\'s context frame and reports the problem once', () => {
    const d = crashInRuntime();
    const memory = { read: () => { throw new DumpFormatError('OutOfBounds', 'MemoryList: range 3 runs past the end'); }, regions: () => [] };
    const r = analyze({ ...d, system: d.system, memory });
    expect(r.threads.map((t) => t.frames.map((f) => f.trust))).toEqual([['context'], ['context']]);
    expect(r.diagnostics).toEqual([{ level: 'warning', code: 'OutOfBounds', message: 'stack of thread 273: MemoryList: range 3 runs past the end' }]);
  });
});

describe('analyze() frame budget', () => {
  it('walks the crashing thread first and cuts the others when the budget is spent', () => {
    const d = crashInRuntime();
    const r = analyze(d, { frameBudget: 3 });
    expect(r.threads[0]!.frames).toHaveLength(3); // the crashing thread got the whole budget
    expect(r.threads[1]!.frames.map((f) => f.trust)).toEqual(['context']);
    expect(r.diagnostics.map((x) => x.code)).toEqual(['FrameBudget']);
  });
});

describe('analyze() on a hostile dump', () => {
  it('keeps the work bounded when thousands of threads share one stack full of return addresses', () => {
    const words = Array.from({ length: 8192 }, () => 0x401234);
    const threads = Array.from({ length: 2000 }, (_, i) => ({ id: i + 1, context: context('x86', { eip: 0x401000n, esp: 0x100000n, ebp: 0n }) }));
    const d = fakeDump({ arch: 'x86', modules: [app], threads, memory: [stackBlock(0x100000n, words, 4)] });
    const r = analyze(d);
    const total = r.threads.reduce((n, t) => n + t.frames.length, 0);
    expect(total).toBeLessThanOrEqual(16_384 + threads.length);
    expect(r.threads[0]!.frames).toHaveLength(1024); // one thread: the per-thread cap
    expect(r.diagnostics.map((x) => x.code)).toEqual(['FrameBudget']);
  });
});
