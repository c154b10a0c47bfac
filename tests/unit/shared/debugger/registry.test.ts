// Command-word parsing (glued options, symbols, dotted/bang names) and
// WinDbg's wildcard rules for lm m PATTERN.
import { describe, expect, it } from 'vitest';
import { allCommands } from '../../../../shared/debugger/commands/index';
import { parseLmOptions } from '../../../../shared/debugger/commands/modules';
import { splitCommands } from '../../../../shared/debugger/engine';
import { CommandRegistry } from '../../../../shared/debugger/registry';
import { matchesWildcard } from '../../../../shared/wildcard';

const reg = new CommandRegistry(allCommands);
const resolve = (line: string) => {
  const r = reg.resolve(line);
  return 'unknown' in r ? { unknown: r.unknown } : { name: r.def.name, glued: r.glued, args: r.args };
};

describe('CommandRegistry.resolve', () => {
  it.each([
    ['lm', { name: 'lm', glued: '', args: '' }],
    ['lmvm ntdll', { name: 'lm', glued: 'vm', args: ' ntdll' }],
    ['lm kv m foo*', { name: 'lm', glued: '', args: ' kv m foo*' }],
    ['kvn 5', { name: 'k', glued: 'vn', args: ' 5' }],
    ['kL', { name: 'k', glued: 'L', args: '' }],
    ['ub @eip', { name: 'ub', glued: '', args: ' @eip' }],
    ['dps@esp', { name: 'dps', glued: '', args: '@esp' }],
    ['dd esp L4', { name: 'dd', glued: '', args: ' esp L4' }],
    ['~2s', { name: '~', glued: '', args: '2s' }],
    ['~*k', { name: '~', glued: '', args: '*k' }],
    ['? 1+2', { name: '?', glued: '', args: ' 1+2' }],
    ['?? x', { name: '??', glued: '', args: ' x' }],
    ['||', { name: '||', glued: '', args: '' }],
    ['!ANALYZE -v', { name: '!analyze', glued: '', args: ' -v' }],
    ['.exr -1', { name: '.exr', glued: '', args: ' -1' }],
  ])('%s', (line, want) => {
    expect(resolve(line)).toEqual(want);
  });
  it('unknown words and extensions', () => {
    expect(resolve('foo')).toEqual({ unknown: 'foo' });
    expect(resolve('!nosuch')).toEqual({ unknown: '!nosuch' });
    expect(resolve('.nosuch x')).toEqual({ unknown: '.nosuch' });
    expect(resolve('123')).toEqual({ unknown: '123' });
  });
  it('every command has syntax, summary and help text', () => {
    for (const c of allCommands) {
      expect(c.syntax.length, c.name).toBeGreaterThan(0);
      expect(c.summary.length, c.name).toBeGreaterThan(0);
      expect(c.help.length, c.name).toBeGreaterThan(0);
    }
  });
});

describe('splitCommands', () => {
  it('splits at ; outside quotes and drops empty parts', () => {
    expect(splitCommands('lm kv; k;;  .exr -1 ')).toEqual(['lm kv', 'k', '.exr -1']);
    expect(splitCommands('s -a 0 L100 "a;b"; k')).toEqual(['s -a 0 L100 "a;b"', 'k']);
  });
});

describe('WinDbg wildcards', () => {
  it.each([
    ['ntdll', 'ntdll', true],
    ['ntdll', 'NTDLL', true], // case-insensitive
    ['ntdll', 'nt*', true],
    ['ntdll', '*dll', true],
    ['ntdll', 'nt?ll', true],
    ['ntdll', 'nt?', false], // ? is exactly one character, and the whole name must match
    ['ntdll', 'nt', false],
    ['problematic_driver_x64', 'problematic_driver*', true],
    ['a.b', 'a?b', true],
    ['a.b', 'a.b', true],
    ['axb', 'a.b', false], // '.' is literal
    ['kernel32', 'kernel[0-9]2', true],
  ])('%s vs %s → %s', (name, pattern, want) => {
    expect(matchesWildcard(name, pattern)).toBe(want);
  });
});

describe('lm options', () => {
  const ev = (e: string): bigint => BigInt('0x' + e);
  it('glued and spaced forms agree', () => {
    expect(parseLmOptions('vm', ' ntdll', ev)).toMatchObject({ verbose: true, pattern: 'ntdll', patternOnPath: false });
    expect(parseLmOptions('', ' v m ntdll', ev)).toMatchObject({ verbose: true, pattern: 'ntdll' });
    expect(parseLmOptions('', ' kv m problematic_driver*', ev)).toMatchObject({ kernelOnly: true, verbose: true, pattern: 'problematic_driver*' });
    expect(parseLmOptions('', ' t n', ev)).toMatchObject({ timestamp: true, imageName: true });
    expect(parseLmOptions('', ' M *\\system32\\*', ev)).toMatchObject({ pattern: '*\\system32\\*', patternOnPath: true });
    expect(parseLmOptions('', ' a 7c900000', ev)).toMatchObject({ address: 0x7c900000n });
  });
  it('bad options are errors in words', () => {
    expect(() => parseLmOptions('', ' q', ev)).toThrow("Unrecognized option 'q' in 'lm q'");
    expect(() => parseLmOptions('', ' m', ev)).toThrow("lm: 'm' needs a pattern");
  });
});

describe('kernel extensions', () => {
  it('every extension the issue lists has a decoder registered once, with the table\'s syntax', async () => {
    const { kernelExtensionNames, kernelNeeds } = await import('../../../../shared/debugger/commands/kernel');
    for (const name of [...kernelExtensionNames, '!process', '!thread', '!irp', '!pcr', '!prcb']) {
      expect(allCommands.filter((c) => c.name === name).map((c) => c.family), name).toEqual(['Kernel']);
    }
    for (const name of kernelExtensionNames) expect(allCommands.find((c) => c.name === name)?.syntax).toBe(kernelNeeds(name).syntax);
  });
});
