// Concrete values from the real .reg files in ../shared/corpus/reg.
import { describe, expect, it } from 'vitest';
import { parseRegFile, regFileToChanges, type RegFile } from '../../shared/formats/regfile/index';
import type { RegValue } from '../../shared/registry/types';
import { readCorpus } from '../helpers/corpus';

function load(name: string): RegFile {
  return parseRegFile(readCorpus('reg', name));
}

function valueOf(doc: RegFile, keySuffix: string, name: string): RegValue | undefined {
  const key = doc.keys.find((k) => k.path.endsWith(keySuffix));
  const v = key?.values.find((x) => x.name === name);
  return v && 'value' in v ? v.value : undefined;
}

const CRASH = '\\Control\\CrashControl';
const AEDEBUG = 'Windows NT\\CurrentVersion\\AeDebug';

describe('CrashControl export (UTF-8 copy of a regedit export)', () => {
  const doc = load('lowleveldesign_debug-recipes_aedebug-md_CrashControl-export.utf8.reg.txt');

  it('reads DumpFilters as a REG_MULTI_SZ list from hex(7) over a continued line', () => {
    expect(valueOf(doc, CRASH, 'DumpFilters')).toEqual({ type: 'REG_MULTI_SZ', data: ['dumpfve.sys'] });
  });

  it('reads DumpFile and MinidumpDir as unexpanded REG_EXPAND_SZ strings', () => {
    expect(valueOf(doc, CRASH, 'DumpFile')).toEqual({ type: 'REG_EXPAND_SZ', data: '%SystemRoot%\\MEMORY.DMP' });
    expect(valueOf(doc, CRASH, 'MinidumpDir')).toEqual({ type: 'REG_EXPAND_SZ', data: '%SystemRoot%\\Minidump' });
  });

  it('reads the dwords, CrashDumpEnabled=7 (automatic) and MinidumpsCount=0x32', () => {
    expect(valueOf(doc, CRASH, 'CrashDumpEnabled')).toEqual({ type: 'REG_DWORD', data: 7 });
    expect(valueOf(doc, CRASH, 'MinidumpsCount')).toEqual({ type: 'REG_DWORD', data: 50 });
    expect(valueOf(doc, '\\StorageTelemetry', 'StorageTCCode_3')).toEqual({ type: 'REG_DWORD', data: 0x69696969 });
  });

  it('keeps value order and the subkey as a separate key', () => {
    expect(doc.keys.map((k) => k.path)).toEqual([
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl',
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl\\StorageTelemetry',
    ]);
    expect(doc.keys[0]!.values.map((v) => v.name)).toEqual([
      'DumpFilters', 'LogEvent', 'Overwrite', 'AutoReboot', 'DumpFile', 'CrashDumpEnabled', 'MinidumpsCount', 'MinidumpDir',
    ]);
  });
});

describe('AeDebug', () => {
  it('procdump: Debugger with escaped quotes and backslashes, Auto as the string "1", AutoExclusionList', () => {
    const doc = load('lowleveldesign_debug-recipes_aedebug-procdump.reg');
    expect(valueOf(doc, AEDEBUG, 'Debugger')).toEqual({
      type: 'REG_SZ',
      data: '"C:\\tools\\system\\sysinternals\\procdump.exe" -ma -j "d:\\dumps" %ld %ld %p',
    });
    expect(valueOf(doc, AEDEBUG, 'Auto')).toEqual({ type: 'REG_SZ', data: '1' });
    expect(valueOf(doc, AEDEBUG, 'UserDebuggerHotKey')).toEqual({ type: 'REG_DWORD', data: 0 });
    expect(valueOf(doc, 'AeDebug\\AutoExclusionList', 'DWM.exe')).toEqual({ type: 'REG_DWORD', data: 1 });
  });

  it('Visual Studio: the native key and its Wow6432Node twin hold the same Debugger', () => {
    const doc = load('lowleveldesign_debug-recipes_install-vs-as-default-debugger.reg');
    const native = doc.keys.find((k) => k.path === 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\AeDebug');
    const wow = doc.keys.find(
      (k) => k.path === 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows NT\\CurrentVersion\\AeDebug',
    );
    const vs = { name: 'Debugger', value: { type: 'REG_SZ', data: '"C:\\WINDOWS\\system32\\vsjitdebugger.exe" -p %ld -e %ld' } };
    expect(native?.values).toContainEqual(vs);
    expect(wow?.values).toContainEqual(vs);
    expect(valueOf(doc, 'Wow6432Node\\Microsoft\\.NETFramework', 'DbgJITDebugLaunchSetting')).toEqual({ type: 'REG_DWORD', data: 16 });
  });
});

describe('Windows Error Reporting', () => {
  const doc = load('lowleveldesign_debug-recipes_wer-default.reg');

  it('ExceptionRecord is REG_BINARY joined over backslash-continued lines', () => {
    const v = valueOf(doc, 'Reporting\\Debug', 'ExceptionRecord');
    expect(v?.type).toBe('REG_BINARY');
    const data = (v as { data: Uint8Array }).data;
    expect(data.length).toBe(19 + 25 * 5 + 8);
    expect(Array.from(data.subarray(0, 4))).toEqual([0x52, 0x43, 0x43, 0xe0]); // "RCC\xE0": the CLR exception code
    expect(Array.from(data.subarray(-3))).toEqual([0, 0, 0]);
  });

  it('UIHandles values are REG_QWORD from hex(b)', () => {
    expect(valueOf(doc, 'Debug\\UIHandles', 'CloseDialog')).toEqual({ type: 'REG_QWORD', data: 0x0709e8n });
  });

  it('value names that are paths keep their backslashes', () => {
    expect(valueOf(doc, 'RuntimeExceptionHelperModules', 'C:\\Windows\\System32\\msiwer.dll')).toEqual({ type: 'REG_DWORD', data: 0 });
  });

  it('keys without values are kept (Hangs, LiveKernelReports)', () => {
    expect(doc.keys.find((k) => k.path.endsWith('\\Hangs'))?.values).toEqual([]);
    expect(doc.keys).toHaveLength(13);
  });

  it('LocalDumps: DumpFolder, DumpCount=16, DumpType=2 (full)', () => {
    const ld = load('kirillosenkov_dotfiles_LocalDumps.reg');
    expect(regFileToChanges(ld)).toEqual([
      { op: 'set', key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting\\LocalDumps', name: 'DumpFolder', value: { type: 'REG_SZ', data: 'C:\\CrashDumps' } },
      { op: 'set', key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting\\LocalDumps', name: 'DumpCount', value: { type: 'REG_DWORD', data: 16 } },
      { op: 'set', key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting\\LocalDumps', name: 'DumpType', value: { type: 'REG_DWORD', data: 2 } },
    ]);
  });
});

describe('other corpus files', () => {
  it('ProcDumpFirstChance.reg (ASCII, no BOM) reads the IFEO Debugger', () => {
    const doc = load('kirillosenkov_dotfiles_ProcDumpFirstChance.reg');
    expect(doc.layout.encoding).toBe('utf8');
    expect(valueOf(doc, 'testhost.net472.exe', 'Debugger')).toEqual({
      type: 'REG_SZ',
      data: 'procdump -accepteula -e 1 -f "ArgumentException" -ma -x C:\\CrashDumps',
    });
  });

  it('the CrashControl tweak (comment line, LF) reads AutoReboot=0', () => {
    const doc = load('cynar2k_tweaks_CrashControl.utf8.reg.txt');
    expect(valueOf(doc, 'ControlSet001\\Control\\CrashControl', 'AutoReboot')).toEqual({ type: 'REG_DWORD', data: 0 });
  });

  it('the WinDbg workspace blob and the default value (@) of a shellex key', () => {
    const theme = load('lowleveldesign_debug-recipes_windbg-mytheme.reg');
    const blob = valueOf(theme, 'Windbg\\Workspaces', 'Default') as { data: Uint8Array };
    expect(Buffer.from(blob.data.subarray(0, 4)).toString('latin1')).toBe('WDWS');
    const pt = load('kirillosenkov_dotfiles_PerceivedType.reg');
    expect(valueOf(pt, '{8895b1c6-b41f-4c1c-a562-0d564250836f}', '')).toEqual({ type: 'REG_SZ', data: '{1531d583-8375-4d3f-b5fb-d23bbd169f22}' });
  });
});
