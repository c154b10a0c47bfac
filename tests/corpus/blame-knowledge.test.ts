// Blame classes and known-issue matches for every real corpus dump.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../shared/analysis/analyze';
import { classifyCrash } from '../../shared/analysis/blame/classify';
import { findKnownIssues } from '../../shared/analysis/knowledge/match';
import { parseKnowledgeBase } from '../../shared/analysis/knowledge/schema';
import { MemoryByteSource } from '../../shared/bytes/byteSource';
import { openDump } from '../../shared/dump/openDump';
import { listCorpus, readCorpus, repoRoot } from '../helpers/corpus';

const kb = parseKnowledgeBase(JSON.parse(readFileSync(join(repoRoot, 'resources/knowledge/known-issues.json'), 'utf8')));
const report = (folder: string, f: string) => analyze(openDump(new MemoryByteSource(readCorpus(folder, f))));

describe('blame on the real corpus', () => {
  // Every user dump is an application crash, except the two tiny-exe dumps that record no exception
  // (Breakpad prints "No crash" for them: expected/INDEX.md).
  it.each(listCorpus('user', '.dmp').filter((f) => !f.startsWith('invalid-r')))('%s', (f) => {
    const b = classifyCrash(report('user', f));
    expect(b.class).toBe(f.startsWith('tiny-exe-with-cet-xsave') ? 'manual' : 'application');
  });

  it('0x4A from NotMyFault: WinDbg blames nt (ntkrnlmp.exe), so it counts as Microsoft code', () => {
    // expected/083125-14875-01.windbg.analyze-v.txt: MODULE_NAME: nt, IMAGE_NAME: ntkrnlmp.exe
    const b = classifyCrash(report('kernel', '083125-14875-01.dmp'));
    expect(b.class).toBe('microsoft');
    expect(b.reason).toMatch(/ntoskrnl\.exe is a Microsoft module/);
  });

  it('0x1C8 (power button held) is a deliberate crash', () => {
    expect(classifyCrash(report('kernel', 'rizinorg_triage_arm64.dmp')).class).toBe('manual');
  });
});

describe('known issues on the real corpus', () => {
  it('explains the 0x4A dump and the power-button dump', () => {
    expect(findKnownIssues(kb, report('kernel', '083125-14875-01.dmp')).map((i) => i.id)).toEqual(['irql-gt-zero-at-system-service']);
    expect(findKnownIssues(kb, report('kernel', 'rizinorg_triage_arm64.dmp')).map((i) => i.id)).toEqual(['power-button-hold']);
  });
  it('explains the stack overflow and the fast fail among the user dumps', () => {
    expect(findKnownIssues(kb, report('user', 'stack_exhaustion.dmp')).map((i) => i.id)).toEqual(['app-stack-overflow']);
    expect(findKnownIssues(kb, report('user', 'tiny-exe-fastfail.dmp')).map((i) => i.id)).toEqual(['app-fast-fail']);
  });
});
