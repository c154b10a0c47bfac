// Mutation fuzzing inside the normal test run: about 10,000 corrupted copies of the
// corpus dumps (sizes, counts, RVAs, random bytes, truncation). Every case must
// end in a report or a DumpFormatError, never read beyond the file (CheckedByteSource),
// and finish within a generous 1 s (the bound; real cases take well under 1 ms).
// `npm run fuzz` runs the same loop for longer.
import { describe, expect, it } from 'vitest';
import { listCorpus, readCorpus } from '../helpers/corpus';
import { fuzz, type FuzzSummary } from './fuzzRun';
import { knownFindingOf } from './knownFindings';

/** Dumps up to 100 KB keep 10,000 cases near 10 s on the 2-core CI box; the big ones get their own share. */
const inputs = listCorpus('user', '.dmp').map((name) => ({ name, bytes: readCorpus('user', name) }));
const small = inputs.filter((i) => i.bytes.length <= 100_000);
const large = inputs.filter((i) => i.bytes.length > 100_000);

/** Findings outside knownFindings.ts, with their stacks, so a failure shows everything needed. */
function unexpected(s: FuzzSummary) {
  return s.findings.filter((f) => !knownFindingOf(f.error))
    .map((f) => ({ input: f.input, seed: f.seed, steps: f.steps, error: String((f.error as Error)?.stack ?? f.error) }));
}

function known(s: FuzzSummary): string {
  const n = s.findings.length - unexpected(s).length;
  return n ? `, ${n} known findings in other code (tests/fuzz/knownFindings.ts)` : '';
}

describe('mutation fuzzing of analyze()', () => {
  it('survives 9,800 mutated small corpus dumps', () => {
    const s = fuzz(small, 9800, 1);
    expect(unexpected(s)).toEqual([]);
    expect(s.slowest.ms).toBeLessThan(1000);
    expect(s.ok + s.formatErrors + s.findings.length).toBe(9800);
    // Both outcomes must occur, or the mutations are not reaching the reader.
    expect(s.ok).toBeGreaterThan(500);
    expect(s.formatErrors).toBeGreaterThan(500);
    process.stdout.write(`fuzz: ${s.cases} cases, ${s.ok} analysed, ${s.formatErrors} DumpFormatError, slowest ${s.slowest.ms.toFixed(1)} ms (${s.slowest.input} seed ${s.slowest.seed})${known(s)}\n`);
  });

  it('survives 200 mutated large corpus dumps', () => {
    const s = fuzz(large, 200, 100_000);
    expect(unexpected(s)).toEqual([]);
    expect(s.slowest.ms).toBeLessThan(1000);
  });
});
