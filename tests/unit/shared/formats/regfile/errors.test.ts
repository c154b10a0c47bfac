// Bad .reg input throws RegFileError naming the line and saying why.
import { describe, expect, it } from 'vitest';
import { RegFileError, parseRegFile, parseRegText, writeRegFile, changesToRegFile } from '../../../../../shared/formats/regfile/index';
import { DumpDeskError } from '../../../../../shared/errors';
import type { RegValue } from '../../../../../shared/registry/types';

const H = 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SYSTEM\\X]\n';

function errorOf(text: string): RegFileError {
  try {
    parseRegText(text);
  } catch (e) {
    expect(e).toBeInstanceOf(RegFileError);
    expect(e).toBeInstanceOf(DumpDeskError);
    return e as RegFileError;
  }
  throw new Error('expected a RegFileError');
}

describe('bad .reg input', () => {
  it.each([
    ['a missing header', 'Windows Registry Editor\n[HKEY_LOCAL_MACHINE\\X]\n', 1, /first line must be/],
    ['an unknown hive', 'REGEDIT4\n\n[HKEY_LOCAL_MASHINE\\SOFTWARE]\n', 3, /unknown hive 'HKEY_LOCAL_MASHINE'/],
    ['a short hive name', 'REGEDIT4\n\n[HKLM\\SOFTWARE]\n', 3, /need the long name HKEY_LOCAL_MACHINE/],
    ['a key without "]"', 'REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\n', 3, /no closing "\]"/],
    ['an unterminated string', H + '"Debugger"="cdb -p %ld\n', 4, /value "Debugger": unterminated string/],
    ['a single backslash in a string', H + '"DumpFile"="C:\\Windows\\MEMORY.DMP"\n', 4, /"\\W" is not an escape/],
    ['a bad hex byte', H + '"b"=hex:01,0g,03\n', 4, /value "b": bad hex byte #2: "0g"/],
    ['an empty hex byte', H + '"b"=hex:01,,03\n', 4, /bad hex byte #2: an empty byte/],
    ['a bad hex byte on a continued line', H + '"b"=hex:01,02,\\\n  zz\n', 4, /bad hex byte #3.*lines 4-5/],
    ['a dword out of range', H + '"CrashDumpEnabled"=dword:100000000\n', 4, /dword:100000000 is out of range/],
    ['a dword that is not hex', H + '"AutoReboot"=dword:yes\n', 4, /dword:yes is not a hexadecimal number/],
    ['an unknown data type', H + '"x"=qword:1\n', 4, /unknown data "qword:1"/],
    ['a value before any key', 'REGEDIT4\n\n"x"=dword:00000001\n', 3, /before any \[KEY\]/],
    ['a value under a key deletion', 'REGEDIT4\n\n[-HKEY_CURRENT_USER\\X]\n"x"=-\n', 4, /which deletes the key/],
    ['text after a string', H + '"x"="a" junk\n', 4, /unexpected text "junk"/],
    ['a stray line', H + 'CrashDumpEnabled=7\n', 4, /expected \[KEY\]/],
    ['a continuation at end of file', H + '"b"=hex:01,\\', 4, /file ends/],
  ])('%s', (_what, text, line, message) => {
    const e = errorOf(text);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(new RegExp(`^line ${line}: `));
    expect(e.message).toMatch(message);
  });

  it('an empty file or random bytes are rejected, not crashed on', () => {
    expect(() => parseRegFile(new Uint8Array(0))).toThrow(RegFileError);
    expect(() => parseRegFile(Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x41]))).toThrow(RegFileError);
  });
});

describe('values the writer refuses', () => {
  const key = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl';
  it.each<[RegValue, RegExp]>([
    [{ type: 'REG_DWORD', data: -1 }, /"CrashDumpEnabled": REG_DWORD -1 is outside/],
    [{ type: 'REG_DWORD', data: 2 ** 32 }, /outside 0\.\.4294967295/],
    [{ type: 'REG_QWORD', data: -1n }, /REG_QWORD -1 is outside/],
    [{ type: 'REG_MULTI_SZ', data: ['a', ''] }, /cannot hold an empty string/],
    [{ type: 'REG_EXPAND_SZ', data: 'a\0b' }, /cannot contain a NUL/],
  ])('%o', (value, message) => {
    const file = changesToRegFile([{ op: 'set', key, name: 'CrashDumpEnabled', value }]);
    expect(() => writeRegFile(file)).toThrow(message);
  });

  it('an unknown hive in a key to write', () => {
    const file = changesToRegFile([{ op: 'delete-key', key: 'HKLM\\SOFTWARE\\X' }]);
    expect(() => writeRegFile(file)).toThrow(/long name HKEY_LOCAL_MACHINE/);
  });
});
