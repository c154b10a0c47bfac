// Files written from the documented .reg format for what the corpus lacks:
// REGEDIT4 (ANSI), CrashOnCtrlScroll, PagingFiles as REG_MULTI_SZ, Dr. Watson
// values, REG_QWORD, deletions. Each goes parse → write → parse unchanged, and
// the concrete values are checked.
import { describe, expect, it } from 'vitest';
import { formatRegText, parseRegFile, parseRegText, regFileToChanges, writeRegFile } from '../../../../../shared/formats/regfile/index';

const MM = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Memory Management';

// "C:\pagefile.sys 4096 8192" and "D:\pagefile.sys 0 0" as UTF-16LE strings, each NUL-terminated, plus the final NUL.
const pagingFilesHex = Buffer.from('C:\\pagefile.sys 4096 8192\0D:\\pagefile.sys 0 0\0\0', 'utf16le');

function hexList(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(',');
}

const v5Sample = [
  'Windows Registry Editor Version 5.00',
  '',
  '; Ctrl+Scroll Lock twice = bug check 0xE2 (PS/2, USB and Hyper-V keyboards)',
  '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\i8042prt\\Parameters]',
  '"CrashOnCtrlScroll"=dword:00000001',
  '',
  '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\kbdhid\\Parameters]',
  '"CrashOnCtrlScroll"=dword:00000000',
  '',
  '; right Ctrl + Space twice instead of Ctrl + Scroll Lock',
  '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\kbdhid\\crashdump]',
  '"Dump1Keys"=dword:00000002',
  '"Dump2Key"=dword:0000003d',
  '',
  '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\hyperkbd\\Parameters]',
  '"CrashOnCtrlScroll"=-',
  '',
  `[${MM}]`,
  `"PagingFiles"=hex(7):${hexList(pagingFilesHex)}`,
  '"ClearPageFileAtShutdown"=dword:00000000',
  '',
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting\\FullLiveKernelReports]',
  '"LastFullLiveReport"=hex(b):00,80,3e,d5,de,b1,9d,01',
  '',
  '[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting\\LocalDumps\\MyApp.exe]',
  '',
].join('\r\n');

describe('a Version 5.00 file with CrashOnCtrlScroll, PagingFiles, a QWORD and deletions', () => {
  const bytes = Uint8Array.from(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(v5Sample, 'utf16le')]));
  const doc = parseRegFile(bytes);

  it('reads the values', () => {
    const changes = regFileToChanges(doc);
    expect(changes).toContainEqual({
      op: 'set',
      key: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\kbdhid\\crashdump',
      name: 'Dump2Key',
      value: { type: 'REG_DWORD', data: 0x3d },
    });
    expect(changes).toContainEqual({
      op: 'delete-value',
      key: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\hyperkbd\\Parameters',
      name: 'CrashOnCtrlScroll',
    });
    expect(changes).toContainEqual({
      op: 'set',
      key: MM,
      name: 'PagingFiles',
      value: { type: 'REG_MULTI_SZ', data: ['C:\\pagefile.sys 4096 8192', 'D:\\pagefile.sys 0 0'] },
    });
    expect(changes).toContainEqual({
      op: 'set',
      key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting\\FullLiveKernelReports',
      name: 'LastFullLiveReport',
      value: { type: 'REG_QWORD', data: 0x019db1ded53e8000n },
    });
    expect(changes[changes.length - 1]).toEqual({
      op: 'delete-key',
      key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting\\LocalDumps\\MyApp.exe',
    });
  });

  it('parse → write → parse is identity, and the rewritten PagingFiles wraps like regedit', () => {
    const out = writeRegFile(doc);
    expect(parseRegFile(out)).toEqual(doc);
    const text = formatRegText(doc);
    expect(text).toContain('"PagingFiles"=hex(7):43,00,3a,00,5c,00,70,00,61,00,67,00,65,00,66,00,69,00,6c,\\\r\n  00,65,00,');
    expect(text).not.toContain('; Ctrl+Scroll'); // comments are not kept
  });
});

const drWatsonV4 = [
  'REGEDIT4',
  '',
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\DrWatson]',
  '"LogFilePath"=hex(2):25,77,69,6e,64,69,72,25,00',
  '"CrashDumpFile"=hex(2):25,77,69,6e,64,69,72,25,5c,75,73,65,72,2e,64,6d,70,00',
  '"WaveFile"=""',
  '"MaximumCrashes"=dword:0000000a',
  '"Instructions"=dword:0000000a',
  '"CrashDumpType"=dword:00000001',
  '"DumpSymbols"=dword:00000000',
  '"DumpAllThreads"=dword:00000001',
  '"AppendToLogFile"=dword:00000001',
  '"VisualNotification"=dword:00000000',
  '"SoundNotification"=dword:00000000',
  '"CreateCrashDump"=dword:00000001',
  '"Owner"="Caf\xe9 \x80"',
  '',
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\AeDebug]',
  '"Debugger"="drwtsn32 -p %ld -e %ld -g"',
  '"Auto"="1"',
  '',
  '',
].join('\r\n');

describe('a REGEDIT4 (ANSI) file with the Dr. Watson values', () => {
  const bytes = Uint8Array.from(Buffer.from(drWatsonV4, 'latin1'));
  const doc = parseRegFile(bytes);

  it('is detected as REGEDIT4 in ANSI, and hex(2) strings are ANSI bytes', () => {
    expect(doc.version).toBe('4');
    expect(doc.layout.encoding).toBe('ansi');
    const v = doc.keys[0]!.values;
    expect(v[0]).toEqual({ name: 'LogFilePath', value: { type: 'REG_EXPAND_SZ', data: '%windir%' } });
    expect(v[1]).toEqual({ name: 'CrashDumpFile', value: { type: 'REG_EXPAND_SZ', data: '%windir%\\user.dmp' } });
    expect(v[2]).toEqual({ name: 'WaveFile', value: { type: 'REG_SZ', data: '' } });
    expect(v[3]).toEqual({ name: 'MaximumCrashes', value: { type: 'REG_DWORD', data: 10 } });
    // 0x80 is the euro sign in Windows-1252.
    expect(v.find((x) => x.name === 'Owner')).toEqual({ name: 'Owner', value: { type: 'REG_SZ', data: 'Café €' } });
  });

  it('writes back byte-identical ANSI, and parse → write → parse is identity', () => {
    const out = writeRegFile(doc);
    expect(Buffer.from(out).equals(Buffer.from(bytes))).toBe(true);
    expect(parseRegFile(out)).toEqual(doc);
  });

  it('is read as ANSI even when its bytes happen to be valid UTF-8, as regedit reads it', () => {
    // "Ã©" in Windows-1252 is C3 A9, which is also UTF-8 for "é".
    const ansi = Uint8Array.from(Buffer.from('REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\X]\r\n"n"="\xc3\xa9"\r\n', 'latin1'));
    const doc = parseRegFile(ansi);
    expect(doc.layout.encoding).toBe('ansi');
    expect(doc.keys[0]!.values[0]).toEqual({ name: 'n', value: { type: 'REG_SZ', data: 'Ã©' } });
    expect(Buffer.from(writeRegFile(doc)).equals(Buffer.from(ansi))).toBe(true);
  });

  it('refuses to write a character ANSI cannot hold, naming the value', () => {
    const bad = structuredClone(doc);
    bad.keys[0]!.values.push({ name: 'Pilot', value: { type: 'REG_SZ', data: 'Ωmega' } });
    expect(() => writeRegFile(bad)).toThrow(/"Pilot".*U\+03A9.*REGEDIT4/);
  });
});

describe('other value forms', () => {
  it('REG_SZ with a line break is written as hex(1) and read back as the same string', () => {
    const doc = parseRegText('Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Software\\X]\n"a"="x"\n');
    doc.keys[0]!.values = [{ name: 'note', value: { type: 'REG_SZ', data: 'two\r\nlines' } }];
    const text = formatRegText(doc);
    expect(text).toContain('"note"=hex(1):74,00,77,00,6f,00,0d,00,0a,00,6c,00,69,00,6e,00,65,00,73,00,00,\\\n  00\n');
    expect(parseRegText(text).keys[0]!.values[0]).toEqual({ name: 'note', value: { type: 'REG_SZ', data: 'two\r\nlines' } });
  });

  it('hex(0), hex(4) and irregular hex(7) data stay REG_RAW and round-trip', () => {
    const text = [
      'Windows Registry Editor Version 5.00',
      '',
      '[HKEY_CURRENT_USER\\Software\\X]',
      '"none"=hex(0):',
      '"dwordAsHex"=hex(4):01,00,00,00',
      '"oddMulti"=hex(7):61,00,00,00,00,00,00,00',
      '"link"=hex(6):5c,00',
      '',
    ].join('\n');
    const doc = parseRegText(text);
    expect(doc.keys[0]!.values).toEqual([
      { name: 'none', value: { type: 'REG_RAW', typeId: 0, data: new Uint8Array(0) } },
      { name: 'dwordAsHex', value: { type: 'REG_RAW', typeId: 4, data: Uint8Array.of(1, 0, 0, 0) } },
      { name: 'oddMulti', value: { type: 'REG_RAW', typeId: 7, data: Uint8Array.of(0x61, 0, 0, 0, 0, 0, 0, 0) } },
      { name: 'link', value: { type: 'REG_RAW', typeId: 6, data: Uint8Array.of(0x5c, 0) } },
    ]);
    expect(formatRegText(doc)).toBe(text + '\n'.slice(1));
  });

  it('an empty REG_MULTI_SZ is one terminator, and comments after hex data are ignored', () => {
    const doc = parseRegText(
      'REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\SYSTEM\\X]\n"m"=hex(7):00 ; empty list\n"b"=hex:01,\\ ; first\n  02\n',
    );
    expect(doc.keys[0]!.values).toEqual([
      { name: 'm', value: { type: 'REG_MULTI_SZ', data: [] } },
      { name: 'b', value: { type: 'REG_BINARY', data: Uint8Array.of(1, 2) } },
    ]);
  });

  it('UTF-16LE without a BOM and UTF-8 with a BOM are both read', () => {
    const text = 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_USERS\\.DEFAULT\\X]\r\n"ü"=dword:00000001\r\n';
    const a = parseRegFile(Uint8Array.from(Buffer.from(text, 'utf16le')));
    const b = parseRegFile(Uint8Array.from(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])));
    expect(a.layout.encoding).toBe('utf16le');
    expect(b.layout.encoding).toBe('utf8-bom');
    expect(a.keys).toEqual(b.keys);
    expect(a.keys[0]!.values[0]!.name).toBe('ü');
    expect(Buffer.from(writeRegFile(a)).toString('utf16le')).toBe(text);
  });
});
