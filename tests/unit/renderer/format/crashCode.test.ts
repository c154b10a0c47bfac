import { describe, expect, it } from 'vitest';
import { crashCode } from '../../../../renderer/format/crashCode';

describe('crashCode', () => {
  it('shows eight hex digits, as BlueScreenView does', () => {
    expect(crashCode('0x000000000000004a')).toBe('0x0000004a');
    expect(crashCode('0x4A')).toBe('0x0000004a');
    expect(crashCode('0xc0000005')).toBe('0xc0000005');
  });
  it('keeps what it cannot shorten or parse', () => {
    expect(crashCode('0x1000000000000004a'.slice(0, 18))).toBe('0x1000000000000004');
    expect(crashCode('not hex')).toBe('not hex');
    expect(crashCode(null)).toBe('');
  });
});
