// Bad input never crashes the parser: every corpus file with bytes flipped,
// cut short or lines shuffled either parses or throws RegFileError.
import { describe, expect, it } from 'vitest';
import { RegFileError, parseRegFile, writeRegFile } from '../../../../../shared/formats/regfile/index';
import { prng } from '../../../../fuzz/mutate';
import { listCorpus, readCorpus } from '../../../../helpers/corpus';

function rng(seed: number) {
  const next = prng(seed);
  return (n: number) => Math.floor(next() * n);
}

function mutate(bytes: Uint8Array, seed: number): Uint8Array {
  const int = rng(seed);
  const out = Uint8Array.from(bytes);
  switch (seed % 3) {
    case 0: // flip a few bytes (after the BOM and header, so most mutants reach the value parser)
      for (let i = 0; i < 1 + int(4); i++) out[Math.min(out.length - 1, 80 + int(Math.max(1, out.length - 80)))] = int(256);
      return out;
    case 1: // cut short
      return out.subarray(0, int(out.length));
    default: {
      // insert a character that means something in .reg syntax
      const at = 80 + int(Math.max(1, out.length - 80));
      const ch = ['"', '\\', '[', ']', '=', ',', ';', '-', '@', '\n'][int(10)]!.charCodeAt(0);
      const wide = out[0] === 0xff;
      const ins = wide ? [ch, 0] : [ch];
      const pos = wide ? at & ~1 : at;
      return Uint8Array.from([...out.subarray(0, pos), ...ins, ...out.subarray(pos)]);
    }
  }
}

describe('mutated corpus files', () => {
  const files = listCorpus('reg');
  it.each(files)('%s: 200 mutants parse or throw RegFileError, and what parses also writes', (name) => {
    const bytes = readCorpus('reg', name);
    let parsed = 0;
    let rejected = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const mutant = mutate(bytes, seed);
      try {
        const doc = parseRegFile(mutant);
        parsed++;
        try {
          const again = parseRegFile(writeRegFile(doc));
          // A header-only file without a final newline has no line break to tell CRLF from LF.
          if (doc.keys.length === 0 && doc.layout.ending === 'none') again.layout.newline = doc.layout.newline;
          expect(again).toEqual(doc);
        } catch (e) {
          // The writer may refuse what it cannot represent (e.g. a mangled hive name), but only with RegFileError.
          if (!(e instanceof RegFileError)) throw e;
        }
      } catch (e) {
        if (!(e instanceof RegFileError)) throw e;
        rejected++;
      }
    }
    expect(parsed + rejected).toBe(200);
    expect(rejected).toBeGreaterThan(0);
  });
});
