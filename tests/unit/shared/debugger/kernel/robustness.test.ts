// Every kernel command with a decoder, on synthetic kernel dumps of every type and word
// size (tests/synth/kernel), with no, bad and out-of-range arguments: each answers with
// text, never an exception or an internal error.
import { describe, expect, it } from 'vitest';
import { ownKernelCommands } from '../../../../../shared/debugger/commands/kernelCommands';
import { buildKernelDump, toBytes, type KernelDumpSpec } from '../../../../synth/kernel/builder';
import { engineFor } from '../helpers';

const SPECS: [string, KernelDumpSpec][] = [
  ['small x64', { type: 'small', is64: true }],
  ['small x86', { type: 'small', is64: false }],
  ['full x86 PAE', { type: 'full', is64: false, pae: true }],
  ['full x64', { type: 'full', is64: true }],
  ['bitmap kernel x64', { type: 'bitmap-kernel', is64: true }],
  ['small x64, build 7601', { type: 'small', is64: true, build: 7601 }],
];
const VARIANTS = ['', ' -1', ' 0', ' 0 0', ' 0 ff', ' zz!@#', ' ffffffff`ffff0000', ' 1 2 3 4', ' 7fffffff', ' poi(0)', ' 0 0 system'];

describe.each(SPECS)('%s', (_name, spec) => {
  it('every kernel command answers with text', () => {
    const engine = engineFor(toBytes(buildKernelDump(spec)), 'synthetic.dmp');
    for (const c of ownKernelCommands) {
      for (const v of VARIANTS) {
        const r = engine.execute(c.name + v);
        expect(r.length, c.name + v).toBe(1);
        expect(r[0]!.text.trim().length, c.name + v).toBeGreaterThan(5);
        expect(r[0]!.text, c.name + v).not.toMatch(/internal error/i);
        for (const s of r[0]!.spans) expect(s.end, c.name + v).toBeLessThanOrEqual(r[0]!.text.length);
      }
    }
  });
});
