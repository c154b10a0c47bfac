import { describe, expect, it } from 'vitest';
import { describeValue, explainValue } from '../../../../shared/settings/describe';

const CC = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl';

describe('describeValue', () => {
  it('decodes the dump type and switches of CrashControl', () => {
    expect(describeValue(CC, 'CrashDumpEnabled', { type: 'REG_DWORD', data: 7 })).toBe('7 (automatic memory dump)');
    expect(describeValue(CC, 'CrashDumpEnabled', { type: 'REG_DWORD', data: 3 })).toBe('3 (small memory dump)');
    expect(describeValue(CC, 'AutoReboot', { type: 'REG_DWORD', data: 1 })).toBe('1 (restart automatically)');
    expect(describeValue(CC, 'AutoReboot', { type: 'REG_DWORD', data: 0 })).toBe('0 (stay on the blue screen)');
  });

  it('accepts HKLM\\ and ControlSet001 aliases and any letter case', () => {
    expect(describeValue('HKLM\\SYSTEM\\ControlSet001\\Control\\CrashControl', 'crashdumpenabled', { type: 'REG_DWORD', data: 2 })).toBe(
      '2 (kernel memory dump)',
    );
  });

  it('shows unknown keys, names and codes as the plain value', () => {
    expect(describeValue('HKLM\\SOFTWARE\\Foo', 'Bar', { type: 'REG_DWORD', data: 7 })).toBe('7');
    expect(describeValue(CC, 'NotAValue', { type: 'REG_SZ', data: 'x' })).toBe('"x"');
    expect(describeValue(CC, 'CrashDumpEnabled', { type: 'REG_DWORD', data: 5 })).toBe('5');
    expect(describeValue(CC, 'DumpFile', { type: 'REG_EXPAND_SZ', data: '%SystemRoot%\\MEMORY.DMP' })).toBe('"%SystemRoot%\\MEMORY.DMP"');
  });

  it('says what Windows does when a value is absent', () => {
    expect(describeValue(CC, 'DumpFile', undefined)).toBe('(not set: Windows uses %SystemRoot%\\MEMORY.DMP)');
    expect(describeValue('HKLM\\SOFTWARE\\Foo', 'Bar', undefined)).toBe('(not set)');
  });

  it('has plain-words help for known values', () => {
    expect(explainValue(CC, 'AlwaysKeepMemoryDump')?.help).toMatch(/25 GB/);
    expect(explainValue(CC, 'Nope')).toBeUndefined();
  });
});
