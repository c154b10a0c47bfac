// Truncated copies of every corpus user dump, cut at every stream boundary (where a
// stream starts, where it ends) and in the middle of every stream, plus inside the header
// and the stream directory. analyze() must either produce a report or throw a
// DumpFormatError with a specific message; nothing else may escape, and no read may ask
// for more bytes than the file has (CheckedByteSource).
import { describe, expect, it } from 'vitest';
import { listCorpus, readCorpus } from '../helpers/corpus';
import { knownFindingOf } from '../fuzz/knownFindings';
import { streamDirectory } from '../fuzz/minidumpLayout';
import { runCase } from '../fuzz/runCase';

const dumps = listCorpus('user', '.dmp');

/** Every cut point worth trying, sorted and inside the file. */
function cutPoints(bytes: Uint8Array): number[] {
  const cuts = new Set<number>([0, 3, 4, 16, 31, 32]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dirRva = bytes.length >= 16 ? view.getUint32(12, true) : 0;
  const dir = streamDirectory(bytes);
  cuts.add(dirRva);
  cuts.add(dirRva + 6);
  cuts.add(dirRva + dir.length * 12);
  for (const s of dir) {
    cuts.add(s.rva);
    cuts.add(s.rva + Math.floor(s.size / 2));
    cuts.add(s.rva + s.size);
    cuts.add(s.rva + s.size - 1);
  }
  return [...cuts].filter((c) => c >= 0 && c < bytes.length).sort((a, b) => a - b);
}

describe.each(dumps)('truncated copies of %s', (file) => {
  it('analyse or fail with a DumpFormatError at every stream boundary', () => {
    const bytes = readCorpus('user', file);
    const cuts = cutPoints(bytes);
    expect(cuts.length).toBeGreaterThan(5);
    const outcomes = cuts.map((cut) => ({ cut, outcome: runCase(bytes.subarray(0, cut)) }));
    const escaped = outcomes.filter((o) => o.outcome.kind === 'finding' && !knownFindingOf(o.outcome.error))
      .map((o) => ({ cut: o.cut, error: String(o.outcome.kind === 'finding' ? ((o.outcome.error as Error).stack ?? o.outcome.error) : '') }));
    expect(escaped).toEqual([]);
    for (const { cut, outcome } of outcomes) {
      if (outcome.kind !== 'format-error') continue;
      // Specific, not generic: the message says what and where (a number: offset, size or count).
      expect(outcome.message, `cut at ${cut}`).toMatch(/\d/);
      expect(outcome.code).toMatch(/^(OutOfBounds|BadSignature|BadVersion|BadCount|BadValue|Truncated|Loop|Unsupported|NotFound)$/);
    }
    // A file cut inside its header is never a dump.
    expect(outcomes.find((o) => o.cut === 16)?.outcome.kind).toBe('format-error');
  });
});
