import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allBugchecks, explainParameter, lookupBugcheck } from '../../../../../shared/analysis/kernel/bugchecks';
import { corpusRoot } from '../../../../helpers/corpus';

// The team reference (../shared/reference/windows-crash-facts.md) lists the
// codes the catalog must cover: the §5 table, its "related codes", and §6.
const facts = readFileSync(`${corpusRoot}/../reference/windows-crash-facts.md`, 'utf8');
const section5 = facts.slice(facts.indexOf('## 5.'), facts.indexOf('## 6.'));
const section6 = facts.slice(facts.indexOf('## 6.'));

describe('bug check catalog', () => {
  it('names every code in the reference table with the reference\'s name', () => {
    const rows = [...section5.matchAll(/^\| (0x[0-9A-F]+) \| ([A-Z0-9_]+) \|/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(25);
    for (const [, code, name] of rows) expect(lookupBugcheck(Number(code))?.name, code).toBe(name);
  });

  it('names the related and corpus codes the reference mentions (0x80, 0x161, 0xC9, 0x19C, 0x1AA, 0x4A, 0x1C8)', () => {
    const named = [...section5.matchAll(/^\* (0x[0-9A-F]+) ([A-Z0-9_]+)/gm), ...section6.matchAll(/\*\*(0x[0-9A-F]+) ([A-Z0-9_]+)\*\*/g)];
    expect(named.length).toBeGreaterThanOrEqual(5);
    for (const [, code, name] of named) expect(lookupBugcheck(Number(code))?.name, code).toBe(name);
    for (const code of [0x19c, 0x1aa, 0x1ab]) expect(lookupBugcheck(code)).toBeDefined();
  });

  it('has at least 40 codes, each with a summary, four parameter meanings and causes', () => {
    const all = allBugchecks();
    expect(all.length).toBeGreaterThanOrEqual(40);
    for (const b of all) {
      expect(b.summary.length, b.name).toBeGreaterThan(10);
      expect(b.parameters).toHaveLength(4);
      expect(b.causes.length, b.name).toBeGreaterThan(5);
    }
  });

  it('maps _M codes to their base code (facts §6: 0x1000007E ↔ 0x7E)', () => {
    expect(lookupBugcheck(0x1000007e)?.name).toBe('SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M');
    expect(lookupBugcheck(0x1000008e)?.parameters).toEqual(lookupBugcheck(0x8e)?.parameters);
    expect(lookupBugcheck(0x12345)).toBeUndefined();
  });

  it('knows where the faulting IP is (facts §5: 0x0A→P4, 0x1E→P2, 0x3B→P2, 0x50→P3, 0x7E→P2, 0xD1→P4, 0x8E→P2)', () => {
    const ip = [...section5.matchAll(/(0x[0-9A-F]+) → P(\d)/g)];
    expect(ip.length).toBe(7);
    for (const [, code, p] of ip) expect(lookupBugcheck(Number(code))?.ipParameter, code).toBe(Number(p));
    for (const code of [0x133, 0x139, 0x9f, 0xef]) expect(lookupBugcheck(code)?.ipParameter).toBeUndefined();
  });

  it('decodes 0x50 P2 by build (changed in Windows 10 1507) and 0xD1 P3', () => {
    expect(explainParameter(0x50, 2, 1n, 7601)).toBe('write operation');
    expect(explainParameter(0x50, 2, 2n, 19041)).toBe('write operation');
    expect(explainParameter(0x50, 2, 0x10n, 19041)).toBe('execute operation');
    expect(explainParameter(0x50, 2, 0n, 19041)).toBe('read operation');
    expect(explainParameter(0xd1, 3, 8n, 19041)).toBe('execute operation');
    expect(explainParameter(0xd1, 3, 1n, 19041)).toBe('write operation');
    expect(explainParameter(0x7f, 1, 8n, 19041)).toMatch(/double fault/);
  });
});
