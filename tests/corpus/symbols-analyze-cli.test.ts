// `dumpdesk analyze --symbols PATH` and the DUMPDESK_SYMBOL_PATH / _NT_SYMBOL_PATH defaults.
import { describe, expect, it } from 'vitest';
import { symbolPathFrom } from '../../electron/services/symbols/nodeSymbolSupplier';
import type { AnalysisReport } from '../../shared/analysis/report';
import { runCli } from '../helpers/cli';
import { corpusPath } from '../helpers/corpus';

const run = (...args: string[]) => runCli(['analyze', ...args]);

describe('dumpdesk analyze --symbols', () => {
  it('names test.dmp\'s frames from the corpus symbols and walks them by STACK WIN', async () => {
    const r = await run('--json', '--symbols', corpusPath('symbols'), corpusPath('user', 'test.dmp'));
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as AnalysisReport;
    expect(report.threads[0]!.frames.map((f) => [f.function, f.line, f.trust])).toEqual([
      ["`anonymous namespace'::CrashFunction", 58, 'context'],
      ['main', 65, 'cfi'],
      ['__tmainCRTStartup', 327, 'cfi'],
      ['BaseProcessStart', null, 'cfi'],
    ]);
    expect(report.bucket).toBe("NULL_CLASS_PTR_WRITE_c0000005_test_app.exe!`anonymous namespace'::CrashFunction");
  });

  it('is repeatable and accepts WinDbg syntax: a missing folder first, then the real one', async () => {
    const r = await run('--json', '--symbols', 'cache*/nonexistent/cache;/nonexistent/folder', '--symbols', corpusPath('symbols'), corpusPath('user', 'test.dmp'));
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as AnalysisReport).threads[0]!.frames[1]!.function).toBe('main');
  });
});

describe('default symbol path', () => {
  it('flags win; else DUMPDESK_SYMBOL_PATH; else _NT_SYMBOL_PATH; else none', () => {
    expect(symbolPathFrom(['a', 'b'], { DUMPDESK_SYMBOL_PATH: 'x', _NT_SYMBOL_PATH: 'y' })).toEqual(['a', 'b']);
    expect(symbolPathFrom([], { DUMPDESK_SYMBOL_PATH: 'x', _NT_SYMBOL_PATH: 'y' })).toEqual(['x']);
    expect(symbolPathFrom([], { _NT_SYMBOL_PATH: 'srv*c:\\s*https://msdl.microsoft.com/download/symbols' })).toEqual(['srv*c:\\s*https://msdl.microsoft.com/download/symbols']);
    expect(symbolPathFrom([], {})).toEqual([]);
  });
});
