import { describe, expect, it } from 'vitest';
import { completions, filterNames, symbolLabels, symbolWord, tokenizeLine } from '../../../../renderer/console/windbgCommands';

function kinds(line: string): [string, string][] {
  return tokenizeLine(line).map((t) => [line.slice(t.start, t.end), t.kind]);
}

describe('tokenizeLine', () => {
  it('colours the command, registers, module!symbol and 64-bit addresses', () => {
    expect(kinds('u nt!KiSystemServiceExit+0x1c')).toEqual([['u', 'command'], ['nt!KiSystemServiceExit+0x1c', 'symbol']]);
    expect(kinds('dq @rsp L4')).toEqual([['dq', 'command'], ['@rsp', 'register'], ['L4', 'text']]);
    expect(kinds('db fffff800`12345678')).toEqual([['db', 'command'], ['fffff800`12345678', 'address']]);
    expect(kinds('!analyze -v')).toEqual([['!analyze', 'command'], ['-v', 'option']]);
    expect(kinds('? 0n10 + 0x20')).toEqual([['?', 'command'], ['0n10', 'number'], ['+', 'text'], ['0x20', 'address']]);
  });
});

describe('completions', () => {
  it('completes command names for the first word and module names after it', () => {
    expect(completions('!ana', [])).toEqual(['!analyze']);
    expect(completions('lm', [])).toContain('lmv');
    expect(completions('lmv m nt', ['ntoskrnl.exe', 'ntdll.dll', 'hal.dll'])).toEqual(['ntoskrnl', 'ntdll']);
  });
});

describe('symbolWord', () => {
  it('finds the module!prefix being typed, wherever it stands in the line', () => {
    expect(symbolWord('u ntdll!Rtl')).toEqual({ module: 'ntdll', prefix: 'Rtl', start: 2 });
    expect(symbolWord('u test_app!')).toEqual({ module: 'test_app', prefix: '', start: 2 });
    expect(symbolWord('bp test_app.exe!ma')).toEqual({ module: 'test_app.exe', prefix: 'ma', start: 3 });
    expect(symbolWord('dps poi(nt!Ki')).toEqual({ module: 'nt', prefix: 'Ki', start: 8 });
    expect(symbolWord('k; x api-ms-win-core-heap-l1-1-0!Heap')).toEqual({ module: 'api-ms-win-core-heap-l1-1-0', prefix: 'Heap', start: 5 });
    expect(symbolWord('x ntdll!ns::C::~C')).toEqual({ module: 'ntdll', prefix: 'ns::C::~C', start: 2 });
  });

  it('asks nothing without a module part, after an offset, or beyond the contract\'s 256 characters', () => {
    expect(symbolWord('!ana')).toBeUndefined();
    expect(symbolWord('!')).toBeUndefined();
    expect(symbolWord('u !Rtl')).toBeUndefined();
    expect(symbolWord('u ntdll')).toBeUndefined();
    expect(symbolWord('u ntdll!RtlFoo+0x1')).toBeUndefined();
    expect(symbolWord('u ntdll!RtlFoo-1')).toBeUndefined();
    expect(symbolWord('u ntdll!RtlFoo ')).toBeUndefined();
    expect(symbolWord(`u ${'m'.repeat(257)}!a`)).toBeUndefined();
    expect(symbolWord(`u ntdll!${'a'.repeat(257)}`)).toBeUndefined();
    expect(symbolWord(`u ${'m'.repeat(256)}!${'a'.repeat(256)}`)?.prefix).toHaveLength(256);
  });
});

describe('symbol completion items', () => {
  it('inserts module!name with the module as typed, and narrows without case', () => {
    const word = symbolWord('u test_app!ma')!;
    expect(symbolLabels(word, ['main', 'mainCRTStartup'])).toEqual(['test_app!main', 'test_app!mainCRTStartup']);
    expect(filterNames(['main', 'mainCRTStartup', 'malloc', 'MapViewOfFile'], 'MAI')).toEqual(['main', 'mainCRTStartup']);
    expect(filterNames(['main', 'MapViewOfFile'], '')).toEqual(['main', 'MapViewOfFile']);
  });
});
