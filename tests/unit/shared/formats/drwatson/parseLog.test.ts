import { describe, expect, it } from 'vitest';
import { isDumpDeskError } from '../../../../../shared/errors';
import { decodeDrWatsonLog, parseDrWatsonLog } from '../../../../../shared/formats/drwatson/parseLog';

// A complete two-entry log in the layout drwtsn32 writes (banners with
// "*---->", module list, raw stack, symbol table), built from the documented
// section order; the corpus only has excerpts without the last three sections.
const FULL_LOG = [
  'Microsoft (R) DrWatson for Windows NT 4.00',
  '',
  'Application exception occurred:',
  '        App: C:\\apps\\crashy.exe (pid=212)',
  '        When: 1/2/2001 @ 10:11:12.134',
  '        Exception number: c0000094 (divide by zero)',
  '',
  '*----> System Information <----*',
  '        Computer Name: BOX',
  '        Windows Version: 5.0',
  '',
  '*----> Task List <----*',
  '   8 System.exe',
  ' 212 crashy.exe',
  '',
  '*----> Module List <----*',
  '(00400000 - 00405000) C:\\apps\\crashy.exe',
  '77f80000 - 77ffb000: C:\\WINNT\\System32\\ntdll.dll',
  '',
  '*----> State Dump for Thread Id 0xd4 <----*',
  '',
  'eax=00000001 ebx=00000000 ecx=00000000 edx=00000000 esi=00000000 edi=00000000',
  'eip=00401010 esp=0012ff70 ebp=0012ff80 iopl=0         nv up ei pl zr na po nc',
  'cs=001b  ss=0023  ds=0023  es=0023  fs=0038  gs=0000             efl=00000246',
  '',
  'function: main',
  '        0040100c 33d2             xor     edx,edx',
  'FAULT ->00401010 f7f9             idiv    ecx',
  '        00401012 c3               ret',
  '',
  '*----> Stack Back Trace <----*',
  '',
  'FramePtr ReturnAd Param#1  Param#2  Param#3  Param#4  Function Name',
  '0012ff80 00401100 00000001 00300f80 00300fd0 00000000 crashy!main (FPO: [0,0,0])',
  '0012ffc0 77e87903 00000000 00000000 7ffdf000 00000000 kernel32!BaseProcessStart',
  '',
  '*----> Raw Stack Dump <----*',
  '0012ff70  01 00 00 00 80 0f 30 00 - d0 0f 30 00 00 00 00 00  ......0...0.....',
  '',
  '*----> Symbol Table <----*',
  'crashy.exe',
  '00401000 main',
  '',
  '*----> State Dump for Thread Id 0xd8 <----*',
  'eax=00000000 ebx=00000000 ecx=00000000 edx=00000000 esi=00000000 edi=00000000',
  'eip=77f8314b esp=0022ff1c ebp=0022ff50 iopl=0         nv up ei pl nz na pe nc',
  'function: NtWaitForSingleObject',
  '        77f8314b c20c00           ret     0xc',
  '',
  'Application exception occurred:',
  '        App: C:\\apps\\second.exe (pid=300)',
  '        Exception number: 80000003 (hardcoded breakpoint)',
].join('\r\n');

describe('parseDrWatsonLog', () => {
  it('reads every section of a complete log, two entries, two threads', () => {
    const { entries } = parseDrWatsonLog(FULL_LOG);
    expect(entries).toHaveLength(2);
    const [e, second] = entries as [NonNullable<(typeof entries)[0]>, NonNullable<(typeof entries)[0]>];
    expect([e.app, e.pid, e.exceptionCode, e.exceptionName]).toEqual(['C:\\apps\\crashy.exe', 212, 0xc0000094, 'divide by zero']);
    expect(e.systemInformation).toEqual([{ name: 'Computer Name', value: 'BOX' }, { name: 'Windows Version', value: '5.0' }]);
    expect(e.taskList).toEqual([{ pid: 8, name: 'System.exe' }, { pid: 212, name: 'crashy.exe' }]);
    expect(e.moduleList).toEqual([
      { base: 0x00400000n, end: 0x00405000n, path: 'C:\\apps\\crashy.exe' },
      { base: 0x77f80000n, end: 0x77ffb000n, path: 'C:\\WINNT\\System32\\ntdll.dll' },
    ]);
    expect(e.threads.map((t) => t.threadId)).toEqual([0xd4, 0xd8]);
    const [faulting, waiting] = e.threads;
    expect(faulting!.fault).toEqual({ address: 0x00401010n, bytes: 'f7f9', text: 'idiv ecx', memory: undefined, fault: true });
    expect(faulting!.stackBackTrace.map((f) => f.symbol)).toEqual(['crashy!main', 'kernel32!BaseProcessStart']);
    expect(faulting!.rawStack).toEqual([{ address: 0x0012ff70n, text: '01 00 00 00 80 0f 30 00 - d0 0f 30 00 00 00 00 00  ......0...0.....' }]);
    expect(e.symbolTable).toEqual(['crashy.exe', '00401000 main']);
    expect(waiting!.function).toBe('NtWaitForSingleObject');
    expect(waiting!.fault).toBeUndefined();
    expect(waiting!.registers.eip).toBe(0x77f8314bn);
    expect(second.app).toBe('C:\\apps\\second.exe');
    expect(second.exceptionCode).toBe(0x80000003);
    expect(second.threads).toEqual([]);
  });

  it('decodes UTF-16LE with BOM and ANSI bytes', () => {
    const text = 'Application exception occurred:\r\n App: caf\u00e9.exe (pid=1)\r\n';
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i);
    expect(parseDrWatsonLog(decodeDrWatsonLog(utf16)).entries[0]!.app).toBe('caf\u00e9.exe');
    const ansi = Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect(parseDrWatsonLog(decodeDrWatsonLog(ansi)).entries[0]!.app).toBe('caf\u00e9.exe');
  });

  it('rejects text that is not a Dr. Watson log with a BadSignature error', () => {
    let error: unknown;
    try {
      parseDrWatsonLog('Windows Registry Editor Version 5.00\r\n');
    } catch (e) {
      error = e;
    }
    expect(isDumpDeskError(error) && error.code).toBe('BadSignature');
    expect((error as Error).message).toBe('not a Dr. Watson log: no "Application exception occurred:" line');
  });

  it('never throws on scrambled logs: every corpus-like line in random order still parses', () => {
    const lines = FULL_LOG.split('\r\n');
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0);
    for (let round = 0; round < 200; round++) {
      const shuffled = ['Application exception occurred:', ...lines.map((l) => (next() % 5 === 0 ? l.slice(0, next() % (l.length + 1)) : l)).sort(() => (next() % 3) - 1)];
      const log = parseDrWatsonLog(shuffled.join('\n'));
      expect(log.entries.length).toBeGreaterThanOrEqual(1);
    }
  });
});
