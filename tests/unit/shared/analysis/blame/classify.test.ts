import { describe, expect, it } from 'vitest';
import { blameBreakdown, formatBreakdown } from '../../../../../shared/analysis/blame/breakdown';
import { classifyCrash } from '../../../../../shared/analysis/blame/classify';
import { kernelReport, module, userReport } from '../../../../helpers/reportFactory';

const thirdParty = module('acmefilter.sys', { microsoft: false });
const ntos = module('ntoskrnl.exe', { microsoft: true });

describe('classifyCrash', () => {
  it('blames a non-Microsoft culprit driver as third-party', () => {
    const b = classifyCrash(kernelReport(0xd1, 'acmefilter.sys', [ntos, thirdParty]));
    expect(b.class).toBe('third-party-driver');
    expect(b.reason).toMatch(/acmefilter\.sys is not a Microsoft driver/);
  });
  it('puts Microsoft culprits under Microsoft code', () => {
    expect(classifyCrash(kernelReport(0x3b, 'ntoskrnl.exe', [ntos, thirdParty])).class).toBe('microsoft');
  });
  it('classifies WHEA, machine checks and in-page errors as hardware whatever the stack says', () => {
    for (const code of [0x124, 0x9c, 0x101, 0x7a]) {
      expect(classifyCrash(kernelReport(code, 'acmefilter.sys', [thirdParty])).class).toBe('hardware');
    }
  });
  it('treats the _M twin of a code like the base code (0x1000007E is 0x7E)', () => {
    expect(classifyCrash(kernelReport(0x10000124, null)).class).toBe('hardware');
  });
  it('calls pool corruption without a third-party culprit unattributed memory corruption', () => {
    const b = classifyCrash(kernelReport(0x19, 'ntoskrnl.exe', [ntos]));
    expect(b.class).toBe('memory-corruption');
    expect(b.reason).toMatch(/BAD_POOL_HEADER/);
  });
  it('still names a third-party driver caught in the act of corrupting', () => {
    expect(classifyCrash(kernelReport(0xc2, 'acmefilter.sys', [thirdParty])).class).toBe('third-party-driver');
  });
  it('recognises deliberate crashes', () => {
    expect(classifyCrash(kernelReport(0xe2, null)).class).toBe('manual');
    expect(classifyCrash(kernelReport(0x1c8, 'ntoskrnl.exe', [ntos])).class).toBe('manual');
    expect(classifyCrash(userReport(null, null)).class).toBe('manual');
  });
  it('classifies user-mode crashes as application crashes, naming the process', () => {
    const b = classifyCrash(userReport(0xc0000005, 'plugin.dll', 'editor.exe'));
    expect(b.class).toBe('application');
    expect(b.reason).toMatch(/editor\.exe.*plugin\.dll/);
  });
  it('says unknown when nothing can be blamed', () => {
    expect(classifyCrash(kernelReport(0x3b, null)).class).toBe('unknown');
  });
});

describe('blameBreakdown', () => {
  it('counts and rounds shares, listing every class', () => {
    const rows = blameBreakdown(['third-party-driver', 'third-party-driver', 'hardware', 'unknown']);
    expect(rows.find((r) => r.class === 'third-party-driver')).toEqual({ class: 'third-party-driver', count: 2, percent: 50 });
    expect(rows.find((r) => r.class === 'microsoft')!.count).toBe(0);
    expect(rows).toHaveLength(7);
    expect(formatBreakdown(rows).split('\n')[0]).toMatch(/^Third-party drivers\s+2\s+50\.0 %$/);
  });
  it('handles an empty history', () => {
    expect(blameBreakdown([]).every((r) => r.percent === 0)).toBe(true);
  });
});
