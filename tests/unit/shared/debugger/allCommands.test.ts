// Every registered command, on every corpus dump (user and kernel), with no
// arguments, bad arguments and out-of-range addresses: each answers with
// text — never an exception, never an "internal error", never a hang (the
// test timeout would catch one).
import { describe, expect, it } from 'vitest';
import { allCommands } from '../../../../shared/debugger/commands/index';
import { listCorpus } from '../../../helpers/corpus';
import { corpusEngine } from './helpers';

const MALFORMED = ['invalid-range.dmp', 'invalid-record-count.dmp'];
const dumps: ['user' | 'kernel', string][] = [
  ...listCorpus('user', '.dmp').filter((f) => !MALFORMED.includes(f)).map((f) => ['user', f] as ['user', string]),
  ...listCorpus('kernel', '.dmp').map((f) => ['kernel', f] as ['kernel', string]),
];

const VARIANTS = ['', ' zz!@#$%^', ' 0', ' ffffffff`ffff0000', ' 0 L?ffffffff', ' -1 L0', ' poi(0)', ' 12345678`9abcdef0 12345678`9abcdf00'];
// Commands whose arguments are a nested command line: run them with a real command instead.
const NESTED: Record<string, string[]> = { '~': ['', '*', '99s', '* k', '0 r', '. u', '~[ffffffff]s', '*z', '0 ~0 k'] };

describe.each(dumps)('%s/%s', (folder, name) => {
  it('every command answers with text, without an internal error', () => {
    const engine = corpusEngine(folder, name);
    let count = 0;
    for (const c of allCommands) {
      const lines = NESTED[c.name]?.map((v) => c.name + v) ?? VARIANTS.map((v) => c.name + v);
      for (const line of lines) {
        const results = engine.execute(line);
        expect(results.length, line).toBe(1);
        const r = results[0]!;
        expect(typeof r.text, line).toBe('string');
        expect(r.text, line).not.toMatch(/internal error/);
        // An error is one line of explanation, not an empty answer.
        if (!r.ok) expect(r.text.trim().length, line).toBeGreaterThan(5);
        for (const sp of r.spans) expect(sp.end, line).toBeLessThanOrEqual(r.text.length);
        count++;
      }
      // Restore the default scope so one command's .cxr/.ecxr/~Ns does not shape the next.
      engine.execute('.cxr');
    }
    expect(count).toBeGreaterThan(allCommands.length * 5);
  });
});
