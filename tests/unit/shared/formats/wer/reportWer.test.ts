// Report.wer cases the corpus does not have. The corpus holds no real
// BlueScreen or LiveKernelEvent report: the two below are BUILT HERE from the
// documented format (reference/windows-crash-facts.md §1.5: BCCode, BCP1..4,
// OS Version, Service Pack, Product; LiveKernelEvent "Code", "Parameter 1..4"),
// not copied from a machine.
import { describe, expect, it } from 'vitest';
import { attachedDumpNames, parseReportWer } from '../../../../../shared/formats/wer/reportWer';
import { decodeWerText } from '../../../../../shared/formats/wer/textDecoding';
import { listCorpus, readCorpus } from '../../../../helpers/corpus';

function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) { out[o++] = 0xff; out[o++] = 0xfe; }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[o++] = c & 0xff;
    out[o++] = c >> 8;
  }
  return out;
}
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

const BLUESCREEN = [
  'Version=1', 'EventType=BlueScreen', 'EventTime=133496477153022430', 'ReportType=4', 'Consent=1',
  'ReportIdentifier=11111111-2222-3333-4444-555555555555',
  'Sig[0].Name=BCCode', 'Sig[0].Value=d1',
  'Sig[1].Name=BCP1', 'Sig[1].Value=0000000000000028',
  'Sig[2].Name=BCP2', 'Sig[2].Value=0000000000000002',
  'Sig[3].Name=BCP3', 'Sig[3].Value=0000000000000000',
  'Sig[4].Name=BCP4', 'Sig[4].Value=FFFFF80312345678',
  'Sig[5].Name=OS Version', 'Sig[5].Value=10_0_19045',
  'Sig[6].Name=Service Pack', 'Sig[6].Value=0_0',
  'Sig[7].Name=Product', 'Sig[7].Value=768_1',
  'DynamicSig[1].Name=OS Version', 'DynamicSig[1].Value=10.0.19045.2.0.0.768.101',
  'DynamicSig[2].Name=Locale ID', 'DynamicSig[2].Value=1033',
  'File[0].CabName=012424-9078-01.dmp', 'File[0].Path=012424-9078-01.dmp', 'File[0].Flags=589826', 'File[0].Type=2',
  'File[0].Original.Path=C:\\Windows\\Minidump\\012424-9078-01.dmp',
  'File[1].CabName=sysdata.xml', 'File[1].Path=WER-9078-0.sysdata.xml', 'File[1].Flags=589826', 'File[1].Type=5',
  'FriendlyEventName=Shut down unexpectedly', 'ConsentKey=BlueScreen', 'AppName=Windows',
  'AppPath=C:\\Windows\\System32\\WerFault.exe',
].join('\r\n');

describe('parseReportWer: kernel events (built from the documented format; none in the corpus)', () => {
  it('reads a BlueScreen report: bugcheck code and parameters, minidump attachment', () => {
    const r = parseReportWer(utf16le(BLUESCREEN));
    expect(r.eventType).toBe('BlueScreen');
    expect(r.bugcheck).toEqual({ code: 0xd1, parameters: [0x28n, 2n, 0n, 0xfffff80312345678n] });
    expect(r.exceptionCode).toBeNull();
    expect(r.osVersion).toBe('10.0.19045.2.0.0.768.101');
    expect(attachedDumpNames(r)).toEqual(['012424-9078-01.dmp']);
    expect(r.problems).toEqual([]);
  });

  it('reads a LiveKernelEvent with "Code"/"Parameter n" names and a DumpFile= line', () => {
    const r = parseReportWer(utf16le([
      'Version=1', 'EventType=LiveKernelEvent', 'EventTime=133496477153022430',
      'Sig[0].Name=Code', 'Sig[0].Value=141',
      'Sig[1].Name=Parameter 1', 'Sig[1].Value=ffffc90f1b0ec010',
      'Sig[2].Name=Parameter 2', 'Sig[2].Value=fffff8052ba6f6a0',
      'Sig[3].Name=Parameter 3', 'Sig[3].Value=0',
      'Sig[4].Name=Parameter 4', 'Sig[4].Value=2d8c',
      'Sig[5].Name=OS version', 'Sig[5].Value=10_0_19045',
      'DumpFile=C:\\Windows\\LiveKernelReports\\WATCHDOG\\WATCHDOG-20240113-1928.dmp',
    ].join('\r\n')));
    expect(r.bugcheck).toEqual({ code: 0x141, parameters: [0xffffc90f1b0ec010n, 0xfffff8052ba6f6a0n, 0n, 0x2d8cn] });
    expect(r.osVersion).toBe('10_0_19045');
    expect(attachedDumpNames(r)).toEqual(['watchdog-20240113-1928.dmp']);
  });

  it('falls back on the event type position convention for unknown names, and says so', () => {
    const r = parseReportWer(utf8([
      'EventType=LiveKernelEvent',
      'Sig[0].Name=Problem Signature 01', 'Sig[0].Value=193',
      'Sig[1].Name=Problem Signature 02', 'Sig[1].Value=80e',
    ].join('\n')));
    expect(r.signature.map((s) => [s.meaning, s.meaningFrom])).toEqual([['bugcheckCode', 'position'], ['bugcheckParam1', 'position']]);
    expect(r.bugcheck?.code).toBe(0x193);
  });

  it('BEX positions put the offset before the code when the names are in an unknown language', () => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'];
    const values = ['x.exe', '1.0', '5f000000', 'y.dll', '2.0', '5e000000', '0000000000001234', 'c0000409', '0000000000000002'];
    const text = ['EventType=BEX', ...names.flatMap((n, i) => [`Sig[${i}].Name=${n}`, `Sig[${i}].Value=${values[i]}`])].join('\r\n');
    const r = parseReportWer(utf16le(text, false));
    expect(r.faultModule).toEqual({ name: 'y.dll', version: '2.0', timestamp: 0x5e000000, offset: '0000000000001234' });
    expect(r.exceptionCode).toBe(0xc0000409);
  });
});

describe('parseReportWer: bad input never throws', () => {
  it('empty bytes', () => {
    const r = parseReportWer(new Uint8Array());
    expect(r.eventType).toBeNull();
    expect(r.problems).toEqual(['no EventType']);
  });

  it('random bytes, a truncated odd-length UTF-16 file, garbage lines and a bad EventTime', () => {
    const rnd = new Uint8Array(4096);
    for (let i = 0; i < rnd.length; i++) rnd[i] = (i * 7919) & 0xff;
    expect(parseReportWer(rnd).eventType).toBeNull();
    const full = utf16le('Version=1\r\nEventType=APPCRASH\r\nEventTime=soon\r\nnonsense line\r\nSig[0].Name=Application Name\r\nSig[0].Value=a.exe');
    const r = parseReportWer(full.subarray(0, full.length - 3));
    expect(r.eventType).toBe('APPCRASH');
    expect(r.eventTime).toBeNull();
    expect(r.app.name).toBe('a.e'); // 3 bytes cut = one and a half characters
    expect(r.problems).toEqual(['line 4: no Key=Value', 'EventTime is not a FILETIME: soon']);
  });

  it('a non-hex exception code is null, not guessed', () => {
    const r = parseReportWer(utf8('EventType=APPCRASH\nSig[6].Name=Exception Code\nSig[6].Value=zz\n'));
    expect(r.exceptionCode).toBeNull();
  });
});

describe('decodeWerText', () => {
  it('decodes UTF-8 with multi-byte characters and replaces invalid bytes', () => {
    expect(decodeWerText(utf8('OS 版本=é')).text).toBe('OS 版本=é');
    expect(decodeWerText(new Uint8Array([0x41, 0xff, 0x42, 0xe4, 0xb8])).text).toBe('A\ufffdB\ufffd\ufffd');
    expect(decodeWerText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).encoding).toBe('utf-8-bom');
  });
});

describe('parseReportWer on damaged copies of the corpus reports', () => {
  it('never throws on truncated or byte-flipped reports', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (const name of listCorpus('wer')) {
      const bytes = readCorpus('wer', name);
      for (let i = 0; i < 40; i++) {
        const copy = bytes.slice(0, Math.floor(rand() * bytes.length));
        for (let k = 0; k < 20 && copy.length > 0; k++) copy[Math.floor(rand() * copy.length)] = Math.floor(rand() * 256);
        const r = parseReportWer(copy);
        expect(Array.isArray(r.signature)).toBe(true);
        expect(r.eventTime === null || !Number.isNaN(r.eventTime.getTime())).toBe(true);
      }
    }
  });
});
