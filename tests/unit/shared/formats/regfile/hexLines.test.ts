import { describe, expect, it } from 'vitest';
import { wrapHexLines } from '../../../../../shared/formats/regfile/hexLines';

describe("regedit's hex line wrapping", () => {
  it('breaks once the column count reaches 77: a 22-character prefix gets 19 bytes, continuation lines 25', () => {
    const lines = wrapHexLines('"ExceptionRecord"=hex:', new Uint8Array(19 + 25 + 3));
    expect(lines.map((l) => l.length)).toEqual([80, 78, 10]);
    expect(lines[0]!.endsWith('00,\\')).toBe(true);
    expect(lines[1]!.startsWith('  00,')).toBe(true);
    expect(lines[2]).toBe('  00,00,00');
  });

  it('a last byte exactly at the break point ends the value without a backslash', () => {
    expect(wrapHexLines('"a"=hex:', new Uint8Array(24))).toHaveLength(2);
    expect(wrapHexLines('"a"=hex:', new Uint8Array(23))).toEqual(['"a"=hex:' + Array(23).fill('00').join(',')]);
  });

  it('empty data is just the prefix', () => {
    expect(wrapHexLines('@=hex:', new Uint8Array(0))).toEqual(['@=hex:']);
  });
});
