import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareVersions, findKnownIssues } from '../../../../../shared/analysis/knowledge/match';
import { mergeKnowledgeBases, parseKnowledgeBase } from '../../../../../shared/analysis/knowledge/schema';
import { repoRoot } from '../../../../helpers/corpus';
import { kernelReport, module, userReport } from '../../../../helpers/reportFactory';

const shipped = parseKnowledgeBase(JSON.parse(readFileSync(join(repoRoot, 'resources/knowledge/known-issues.json'), 'utf8')));

describe('shipped knowledge base', () => {
  it('validates against the schema and names a source for every entry', () => {
    expect(shipped.issues.length).toBeGreaterThanOrEqual(15);
    for (const i of shipped.issues) expect(i.source).toMatch(/Microsoft Learn|learn\.microsoft\.com/);
  });
  it('rejects malformed entries with the path of each problem', () => {
    const bad = { ...shipped, issues: [{ ...shipped.issues[0], id: 'Bad Id', match: {} }, shipped.issues[0], shipped.issues[0]] };
    expect(() => parseKnowledgeBase(bad)).toThrow(/issues\.0\.id: lowercase words[\s\S]*issues\.0\.match[\s\S]*duplicate id/);
  });
});

describe('matching', () => {
  it('prefers the module-specific entry for an NVIDIA TDR', () => {
    const r = kernelReport(0x116, 'nvlddmkm.sys', [module('nvlddmkm.sys', { microsoft: false })]);
    expect(findKnownIssues(shipped, r).map((i) => i.id)).toEqual(['video-tdr-nvidia', 'video-tdr']);
  });
  it('matches user-mode exception codes only for exceptions', () => {
    expect(findKnownIssues(shipped, userReport(0xc0000374, 'ntdll.dll')).map((i) => i.id)).toEqual(['app-heap-corruption']);
    expect(findKnownIssues(shipped, kernelReport(0xc0000374, null))).toEqual([]);
  });
  it('honours version ranges of the culprit module', () => {
    const kb = mergeKnowledgeBases(shipped, {
      schema: 'dumpdesk.known-issues/1', version: 1,
      issues: [{ id: 'acme-old', title: 'old acme', match: { module: 'acme*.sys', versionBelow: '2.0' }, explanation: 'acme before 2.0 leaks', fix: 'update acme to 2.0', source: 'Microsoft Learn, test entry' }],
    });
    const old = kernelReport(0xd1, 'acmefilter.sys', [module('acmefilter.sys', { version: '1.9.3.0' })]);
    const fixed = kernelReport(0xd1, 'acmefilter.sys', [module('acmefilter.sys', { version: '2.0.0.1' })]);
    expect(findKnownIssues(kb, old).map((i) => i.id)).toEqual(['acme-old', 'driver-irql-not-less-or-equal']);
    expect(findKnownIssues(kb, fixed).map((i) => i.id)).toEqual(['driver-irql-not-less-or-equal']);
  });
  it('compares versions numerically', () => {
    expect(compareVersions('10.0.9', '10.0.10')).toBe(-1);
    expect(compareVersions('2', '2.0.0.0')).toBe(0);
  });
});
