import { describe, expect, it } from 'vitest';
import { plainSummary } from '../../../../../shared/analysis/summary/plainSummary';
import { kernelReport, module, userReport } from '../../../../helpers/reportFactory';

describe('plainSummary', () => {
  it('names the driver with vendor, version and date, and the bucket history', () => {
    const r = kernelReport(0xd1, 'acme.sys', [module('acme.sys', { company: 'Acme Corp', version: '1.2.3.4', timestamp: '2024-05-06T00:00:00.000Z', microsoft: false })]);
    r.crash.name = 'DRIVER_IRQL_NOT_LESS_OR_EQUAL';
    expect(plainSummary(r, { count: 14, firstSeen: '2026-03-01T10:00:00Z' })).toBe(
      'Your PC crashed (DRIVER_IRQL_NOT_LESS_OR_EQUAL) because of the driver acme.sys (Acme Corp, version 1.2.3.4, dated 2024-05-06). 14 crashes in this bucket since 2026-03-01.',
    );
  });
  it('tells application crashes and on-request dumps apart', () => {
    const r = userReport(0xc0000005, 'plugin.dll', 'editor.exe');
    r.crash.name = 'EXCEPTION_ACCESS_VIOLATION_READ';
    expect(plainSummary(r)).toBe('editor.exe crashed (EXCEPTION_ACCESS_VIOLATION_READ) in plugin.dll.');
    expect(plainSummary(userReport(null, null, 'tiny.exe'))).toBe('This dump of tiny.exe was written on request; it records no crash.');
  });
  it('says when no driver can be blamed', () => {
    expect(plainSummary(kernelReport(0x1a, null), { count: 1, firstSeen: null })).toBe(
      'Your PC crashed with 0x1a; no single driver could be blamed from this dump. This is the first crash of this kind in your history.',
    );
  });
});
