import { describe, expect, it } from 'vitest';
import { completions, tokenizeLine } from '../../../../renderer/console/windbgCommands';

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
