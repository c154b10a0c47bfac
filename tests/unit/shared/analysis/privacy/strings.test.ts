import { describe, expect, it } from 'vitest';
import { classifyString } from '../../../../../shared/analysis/privacy/classify';
import { findStrings } from '../../../../../shared/analysis/privacy/strings';

function utf16(s: string): number[] {
  return [...s].flatMap((c) => [c.charCodeAt(0), 0]);
}

describe('findStrings', () => {
  it('finds ASCII and UTF-16LE runs with their offsets', () => {
    const bytes = new Uint8Array([1, 2, ...Buffer.from('hello world'), 0, 0xff, ...utf16('C:\\Users\\alice'), 0, 0]);
    const found = findStrings(bytes, 6);
    expect(found).toEqual([
      { offset: 2, encoding: 'ascii', text: 'hello world' },
      { offset: 15, encoding: 'utf16', text: 'C:\\Users\\alice' },
    ]);
  });
  it('ignores short runs', () => {
    expect(findStrings(new Uint8Array(Buffer.from('\x00abc\x00defgh\x00')), 6)).toEqual([]);
  });
  it('stays within the limit on pathological input', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i % 8 === 7 ? 0 : 0x41));
    expect(findStrings(bytes, 6, 100).length).toBe(100);
  });
});

describe('classifyString', () => {
  it('finds user names in profile paths but not shared profiles', () => {
    expect(classifyString('C:\\Users\\alice\\AppData\\Local\\app.dll')).toEqual([
      { kind: 'user-path', value: 'alice', context: 'C:\\Users\\alice\\AppData\\Local\\app.dll' },
    ]);
    expect(classifyString('C:\\Users\\Public\\Documents')).toEqual([]);
  });
  it('recognises environment strings, e-mail addresses and URLs', () => {
    expect(classifyString('USERNAME=bob')[0]).toMatchObject({ kind: 'user-name', value: 'bob' });
    expect(classifyString('COMPUTERNAME=DESKTOP-42')[0]).toMatchObject({ kind: 'computer-name', value: 'DESKTOP-42' });
    expect(classifyString('mail bob.smith@example.org now').map((f) => f.kind)).toEqual(['email']);
    expect(classifyString('see https://crash.example.com/report?id=1').map((f) => f.value)).toEqual(['https://crash.example.com/report?id=1']);
  });
  it('does not mistake version numbers for IP addresses', () => {
    expect(classifyString('v10.0.19041.1')).toEqual([]);
    expect(classifyString('server 192.168.1.20 down').map((f) => f.value)).toEqual(['192.168.1.20']);
  });
});
