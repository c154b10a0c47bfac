// Every real Report.wer in ../shared/corpus/wer, with the values read by hand
// from the files (iconv -f UTF-16LE). Signature fields are checked by meaning:
// the same meaning sits at different Sig[i] indexes across these files.
import { describe, expect, it } from 'vitest';
import { attachedDumpNames, parseReportWer } from '../../shared/formats/wer/reportWer';
import { listCorpus, readCorpus } from '../helpers/corpus';

const read = (name: string) => parseReportWer(readCorpus('wer', name));

describe('corpus Report.wer files', () => {
  it('covers every file in the corpus folder, each with an event type and no unreadable line', () => {
    const files = listCorpus('wer');
    expect(files).toHaveLength(5);
    for (const f of files) {
      const r = read(f);
      expect(r.eventType, f).not.toBeNull();
      expect(r.problems, f).toEqual([]);
      expect(r.signature.every((s) => s.meaning !== undefined), f).toBe(true);
    }
  });

  it('APPCRASH, UTF-16LE with BOM, English names (MTGA)', () => {
    const r = read('poly-satoshi_btc_appcrash_mtga.Report.wer');
    expect(r.encoding).toBe('utf-16le-bom');
    expect(r.eventType).toBe('APPCRASH');
    expect(r.eventTimeFiletime).toBe(133173900242782861n);
    expect(r.eventTime?.toISOString()).toBe('2023-01-05T11:00:24.278Z');
    expect(r.reportId).toBe('99059efa-6322-451e-bf98-15a16152f02e');
    expect(r.app).toEqual({
      name: 'MTGA.exe', displayName: 'MTGA.exe', version: '2020.3.13.26904', timestamp: 0x60c4d5f0,
      path: 'C:\\Program Files\\Wizards of the Coast\\MTGA\\MTGA.exe', packageFullName: null,
    });
    expect(r.faultModule).toEqual({ name: 'mono-2.0-bdwgc.dll', version: '0.0.0.0', timestamp: 0x60a32f39, offset: '000000000030a54a' });
    expect(r.exceptionCode).toBe(0xc0000005);
    expect(r.osVersion).toBe('10.0.22621.2.0.0.768.101');
    expect(r.localeId).toBe(1033);
    expect(r.bucket).toEqual({ id: 'abc169a9c929bda9df0bd55f6188ddc3', legacyId: '2237116245554552259', table: 4 });
    expect(r.loadedModules).toHaveLength(104);
    expect(r.loadedModules[1]).toBe('C:\\WINDOWS\\SYSTEM32\\ntdll.dll');
    expect(r.bugcheck).toBeNull();
    expect(r.files).toEqual([]);
  });

  it('APPCRASH, UTF-16LE without BOM, Chinese DynamicSig names, attached dumps (Win7 zh-CN)', () => {
    const r = read('mayter_cve-2019-1315_appcrash_win7_zh-CN.Report.wer');
    expect(r.encoding).toBe('utf-16le');
    expect(r.eventType).toBe('APPCRASH');
    expect(r.eventTime?.toISOString()).toBe('2019-10-29T04:21:40.563Z');
    expect(r.app.name).toBe('ReportingServicesService.exe');
    expect(r.app.displayName).toBe('Reporting Services Service');
    expect(r.app.version).toBe('2009.100.1600.1');
    expect(r.faultModule.name).toBe('unknown');
    expect(r.exceptionCode).toBe(0xc0000005);
    // "OS 版本" and "区域设置 ID" are resolved by their Chinese names.
    expect(r.dynamicSignature.map((d) => [d.name, d.meaning])).toEqual([['OS 版本', 'osVersion'], ['区域设置 ID', 'localeId']]);
    expect(r.osVersion).toBe('6.1.7601.2.1.0.272.7');
    expect(r.localeId).toBe(2052);
    expect(r.files.map((f) => [f.cabName, f.path, f.type, f.isDump])).toEqual([
      ['WERInternalMetadata.xml', 'WER8D13.tmp.WERInternalMetadata.xml', 5, false],
      ['memory.hdmp', 'WER8D14.tmp.hdmp', 3, true],
      ['minidump.mdmp', 'WER9DB7.tmp.mdmp', 2, true],
    ]);
    expect(attachedDumpNames(r)).toEqual(['wer8d14.tmp.hdmp', 'wer9db7.tmp.mdmp']);
    expect(r.bucket.id).toBeNull();
    expect(r.loadedModules).toHaveLength(113);
  });

  it('MoAppCrash: package first, so every field sits one index later than APPCRASH', () => {
    const r = read('jonjon565_johnsddls_moappcrash_win10.Report.wer');
    expect(r.encoding).toBe('utf-16le-bom');
    expect(r.eventType).toBe('MoAppCrash');
    expect(r.app.packageFullName).toBe('VectorUnit.BeachBuggyRacing_1.2.7.0_x64__hvbhrzr8672s2');
    expect(r.app.name).toBe('praid:App');
    expect(r.app.displayName).toBe('PurpleWinStore.exe');
    expect(r.faultModule).toEqual({ name: 'combase.dll', version: '10.0.19041.3636', timestamp: 0x613e7d3d, offset: '000000000001ccfa' });
    expect(r.exceptionCode).toBe(0x80004002);
    expect(r.signature.find((s) => s.meaning === 'exceptionCode')?.index).toBe(7);
    expect(r.osVersion).toBe('10.0.19045.2.0.0.768.101');
    expect(r.osInfo['verbld']).toBe('19045');
    expect(r.osInfo['ubr']).toBe('3930');
    expect(r.bucket).toEqual({ id: '3ddc1eae9ee877864d36eea97bb20406', legacyId: '2105132287534433286', table: 5 });
    expect(r.eventTime?.toISOString()).toBe('2024-01-26T06:33:03.037Z');
  });

  it('BEX64 with French signature names: offset before code, mapped by name', () => {
    const r = read('uberalex974_rl_bex64_fr-FR.Report.wer');
    expect(r.encoding).toBe('utf-16le-bom');
    expect(r.eventType).toBe('BEX64');
    expect(r.signature.every((s) => s.meaningFrom === 'name')).toBe(true);
    expect(r.signature.find((s) => s.name === 'Code de l’exception')?.meaning).toBe('exceptionCode');
    expect(r.app).toMatchObject({ name: 'GigaLearnBot.exe', version: '0.0.0.0', timestamp: 0x693130d9 });
    expect(r.faultModule).toEqual({ name: 'ucrtbase.dll', version: '10.0.26100.7019', timestamp: 0x55eee9bf, offset: '00000000000a4ace' });
    expect(r.exceptionCode).toBe(0xc0000409);
    expect(r.exceptionData).toBe('0000000000000007');
    expect(r.osVersion).toBe('10.0.26100.2.0.0.256.48');
    expect(r.localeId).toBe(1036);
    expect(r.friendlyEventName).toBe('Fonctionnement arrêté');
    expect(r.eventTime?.toISOString()).toBe('2025-12-04T06:58:34.056Z');
    expect(r.loadedModules).toHaveLength(63);
  });

  it('BEX64 pasted as UTF-8 text, with six attached files and placeholder offset', () => {
    const r = read('debugprivilege_insightengineering_bex64_beacon.Report.wer.utf8.txt');
    expect(r.encoding).toBe('utf-8');
    expect(r.eventType).toBe('BEX64');
    expect(r.app.name).toBe('beacon.exe');
    expect(r.faultModule.name).toBe('StackHash_0000');
    expect(r.faultModule.offset).toBe('PCH_84');
    expect(r.exceptionCode).toBe(0xc0000005);
    expect(r.exceptionData).toBe('0000000000000008');
    expect(r.osVersion).toBe('10.0.19043.2.0.0.256.48');
    expect(r.localeId).toBe(2057);
    expect(r.files).toHaveLength(6);
    expect(r.files.filter((f) => f.isDump).map((f) => f.cabName)).toEqual(['minidump.mdmp', 'memory.hdmp']);
    expect(r.files[0]!.originalPath).toBe('\\\\?\\C:\\ProgramData\\Microsoft\\Windows\\WER\\Temp\\WERE035.tmp.mdmp');
    expect(Object.keys(r.osInfo)).toHaveLength(38);
    expect(r.osInfo['verbld']).toBe('19043');
    expect(r.loadedModules).toHaveLength(41);
    expect(r.eventTime?.toISOString()).toBe('2024-01-13T19:28:35.302Z');
  });
});
