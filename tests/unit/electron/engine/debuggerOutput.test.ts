import { describe, expect, it } from 'vitest';
import { followUpCommand, toCommandOutput } from '../../../../electron/engine/debuggerOutput';

describe('toCommandOutput', () => {
  it('joins the results of a ;-separated line and moves each span with its text', () => {
    const out = toCommandOutput('lm; k', [
      { command: 'lm', ok: true, text: 'ntdll\n', spans: [{ start: 0, end: 5, kind: 'module', value: 'ntdll' }] },
      { command: 'k', ok: true, text: '00 0x7ff6\n', spans: [{ start: 3, end: 9, kind: 'address', value: '0x7ff6' }] },
    ]);
    expect(out.text).toBe('> lm\nntdll\n> k\n00 0x7ff6\n');
    expect(out.spans).toEqual([
      { start: 5, length: 5, kind: 'module', command: 'lmv m ntdll' },
      { start: 18, length: 6, kind: 'address', command: 'u 0x7ff6' },
    ]);
    for (const s of out.spans) expect(out.text.slice(s.start, s.start + s.length)).toMatch(/^(ntdll|0x7ff6)$/);
    expect(out).not.toHaveProperty('clear');
  });

  it('keeps a single command\'s text as is and marks .cls', () => {
    expect(toCommandOutput('.cls', [{ command: '.cls', ok: true, text: '', spans: [] }])).toEqual({ line: '.cls', text: '', spans: [], clear: true });
  });
});

describe('followUpCommand', () => {
  it('runs the natural next command for each kind of link', () => {
    expect(followUpCommand('address', '0x401000')).toBe('u 0x401000');
    expect(followUpCommand('module', 'nvlddmkm')).toBe('lmv m nvlddmkm');
    expect(followUpCommand('thread', '~3s')).toBe('~3s');
    expect(followUpCommand('thread', '0xffffe0012345')).toBe('!thread 0xffffe0012345');
    expect(followUpCommand('process', '0xffffe00abc')).toBe('!process 0xffffe00abc 1');
    expect(followUpCommand('command', 'k -?')).toBe('k -?');
    expect(followUpCommand('module', '')).toBeUndefined();
  });
});
