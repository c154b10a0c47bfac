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
});
