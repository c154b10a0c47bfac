// WinDbg's module names when two modules share a file name: the first in load order (the
// dump's module list) keeps the name, the others become name_<base>. In a WOW64 dump the
// 64-bit ntdll loads first, so it is "ntdll" although the 32-bit one has the lower base.
import { describe, expect, it } from 'vitest';
import { wow64Minidump } from '../../../synth/minidump/wow64';
import { engineFor } from './helpers';

describe('module names', () => {
  it('WOW64: the 64-bit ntdll is "ntdll", the 32-bit one "ntdll_77bc0000"; lm stays sorted by base', () => {
    const s = engineFor(wow64Minidump(), 'wow64').session;
    expect(s.findModule('ntdll')?.start).toBe(0x7ffb1f620000n);
    expect(s.findModule('ntdll_77bc0000')?.start).toBe(0x77bc0000n);
    const starts = s.modules().map((m) => m.start);
    expect(starts).toEqual([...starts].sort((a, b) => (a < b ? -1 : 1)));
  });
});
