import { describe, expect, it } from 'vitest';
import { parseVerifierOutput } from '../../../../shared/settings/verifierOutput';

describe('parseVerifierOutput, layouts not in the corpus', () => {
  it('reads the newer /querysettings layout (reconstructed in reference §2.4)', () => {
    const text = [
      'Verifier Flags: 0x000209bb',
      '',
      '  Standard Flags:',
      '',
      '    [X] 0x00000001 Special pool.',
      '    [X] 0x00000002 Force IRQL checking.',
      '    [ ] 0x00000004 Randomized low resources simulation.',
      '',
      '    [X] Indicates flag is enabled.',
      '',
      'Boot Mode:',
      '  Persistent',
      '',
      'Rules:',
      '  All rules are using default settings.',
      '',
      'Extensions:',
      '  wdm: rules.default',
      '',
      'Verified Drivers:',
      '  foo.sys',
      '  bar.sys',
    ].join('\r\n');
    const s = parseVerifierOutput(text);
    expect(s.kind).toBe('settings');
    expect(s.flags).toBe(0x209bb);
    expect(s.options).toEqual([
      { name: 'Special pool', mask: 0x1, enabled: true },
      { name: 'Force IRQL checking', mask: 0x2, enabled: true },
      { name: 'Randomized low resources simulation', mask: 0x4, enabled: false },
    ]);
    expect(s.bootMode).toBe('Persistent');
    expect(s.drivers).toEqual(['foo.sys', 'bar.sys']);
    expect(s.sections).toEqual({ Rules: ['All rules are using default settings.'], Extensions: ['wdm: rules.default'] });
  });

  it('reads an inactive /query and a /querysettings for all drivers', () => {
    expect(parseVerifierOutput('No drivers are currently verified.\r\n')).toMatchObject({ kind: 'not-active', flags: 0, drivers: [] });
    const all = parseVerifierOutput('Verifier Flags: 0x00000009\n\nVerified Drivers:\n  All Drivers\n');
    expect(all).toMatchObject({ flags: 9, allDrivers: true, drivers: [] });
  });

  it('skips lines it does not know instead of failing', () => {
    const s = parseVerifierOutput('Something new: 42 widgets\n[X] 0x04000000 Future option.\n');
    expect(s.options).toEqual([{ name: 'Future option', mask: 0x4000000, enabled: true }]);
    expect(s.counters).toEqual({});
  });

  it('never throws on truncated or scrambled output', () => {
    const sample = ['Verifier Flags: 0x000209bb', '[X] 0x00000001 Special pool.', 'Boot Mode:', 'Verified Drivers:', 'foo.sys', 'Name: a.sys, loads: 1, unloads: 0', 'RaiseIrqls: 5', 'Pool block a2b1ce98, Size 00000168, Thread a2b1ce98', '808f1be6 ndis!ndisFreeToNPagedPool+0x39', 'Thread: C2638220', '- Fault injection probability: 1/10000.', 'Low Resources Simulation options:'];
    let seed = 3;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0);
    for (let round = 0; round < 200; round++) {
      const text = sample.map((l) => (next() % 4 === 0 ? l.slice(0, next() % (l.length + 1)) : l)).sort(() => (next() % 3) - 1).join('\n');
      const status = parseVerifierOutput(text);
      expect(['settings', 'statistics', 'not-active', 'flags', 'pool-log', 'fault-injection-log', 'irql-log', 'volatile-change']).toContain(status.kind);
      for (const o of status.options) expect(o.mask === undefined || Number.isInteger(o.mask)).toBe(true);
    }
  });
});
