import { describe, expect, it } from 'vitest';
import type { RegEntry } from '../../../../shared/registry/types';
import {
  CRASH_CONTROL_KEY,
  crashControlFromRegistry,
  crashControlToRegistry,
  validateCrashControl,
} from '../../../../shared/settings/crashControl';
import { applyChanges } from '../../../../shared/settings/registryValues';
import { validateChanges } from '../../../../shared/settings/validate';
import type { PathKind } from '../../../../shared/settings/windowsPath';
import { randomCrashControl } from './generators';
import { expectRoundTrips } from './random';

/** Drops undefined fields so that toEqual compares what is really set. */
function defined<T extends object>(m: T): Partial<T> {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const dword = (name: string, data: number): RegEntry => ({ key: CRASH_CONTROL_KEY, name, value: { type: 'REG_DWORD', data } });

describe('CrashControl model', () => {
  it('round-trips every generated valid model through registry values', () => {
    expectRoundTrips(300, { generate: randomCrashControl, validate: validateCrashControl, toRegistry: crashControlToRegistry, fromRegistry: crashControlFromRegistry }, defined);
  });

  it('encodes "active" as CrashDumpEnabled 1 plus FilterPages 1, and removes FilterPages otherwise', () => {
    const active = applyChanges([], crashControlToRegistry({ dumpType: 'active' }));
    expect(active).toEqual([dword('CrashDumpEnabled', 1), dword('FilterPages', 1)]);
    const complete = applyChanges(active, crashControlToRegistry({ dumpType: 'complete' }));
    expect(complete).toEqual([dword('CrashDumpEnabled', 1)]);
    expect(crashControlFromRegistry(complete).dumpType).toBe('complete');
  });

  it('reads the documented codes', () => {
    const codes: [number, string][] = [[0, 'none'], [1, 'complete'], [2, 'kernel'], [3, 'small'], [7, 'automatic']];
    for (const [code, id] of codes) expect(crashControlFromRegistry([dword('CrashDumpEnabled', code)]).dumpType).toBe(id);
    expect(crashControlFromRegistry([dword('CrashDumpEnabled', 5)]).dumpType).toBeUndefined();
  });

  it('reads values under HKLM\\ and ControlSet001 spellings, ignoring name case', () => {
    const m = crashControlFromRegistry([
      { key: 'HKLM\\SYSTEM\\ControlSet001\\Control\\CrashControl', name: 'autoreboot', value: { type: 'REG_DWORD', data: 0 } },
      { key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Other', name: 'AutoReboot', value: { type: 'REG_DWORD', data: 1 } },
    ]);
    expect(m).toEqual({ autoReboot: false });
  });
});

describe('CrashControl validation', () => {
  const set = (name: string, value: RegEntry['value']) => ({ op: 'set' as const, key: CRASH_CONTROL_KEY, name, value });

  it('rejects wrong types, naming the value and the expected type', () => {
    expect(validateChanges([set('CrashDumpEnabled', { type: 'REG_SZ', data: '7' })])).toEqual([
      { key: CRASH_CONTROL_KEY, name: 'CrashDumpEnabled', message: 'CrashDumpEnabled = "7": must be REG_DWORD, not REG_SZ' },
    ]);
    expect(validateChanges([set('DumpFilters', { type: 'REG_SZ', data: 'dumpfve.sys' })])[0]!.message).toBe(
      'DumpFilters = "dumpfve.sys": must be REG_MULTI_SZ, not REG_SZ',
    );
  });

  it('rejects out-of-range DWORDs with the allowed values', () => {
    expect(validateChanges([set('CrashDumpEnabled', { type: 'REG_DWORD', data: 5 })])[0]!.message).toBe(
      'CrashDumpEnabled = 5: not a value Windows knows here (0 none; 1 complete memory dump, or active with FilterPages = 1; 2 kernel memory dump; 3 small memory dump; 7 automatic memory dump)',
    );
    expect(validateChanges([set('AutoReboot', { type: 'REG_DWORD', data: 2 })])[0]!.message).toBe(
      'AutoReboot = 2: only 0 (stay on the blue screen) and 1 (restart automatically) are defined',
    );
    expect(validateChanges([set('MinidumpsCount', { type: 'REG_DWORD', data: 0 })])[0]!.message).toBe(
      'MinidumpsCount = 0: must be between 1 and 4294967295',
    );
  });

  it('rejects numbers that are no DWORD in hand-built models', () => {
    expect(validateCrashControl({ minidumpsCount: 1.5 })[0]!.message).toBe('MinidumpsCount = 1.5: is not a DWORD (a whole number from 0 to 4294967295)');
    expect(validateCrashControl({ dumpFileSize: -1, dedicatedDumpFile: 'D:\\dd.sys' })[0]!.message).toBe('DumpFileSize = -1: is not a DWORD (a whole number from 0 to 4294967295)');
  });

  it('rejects relative paths and environment variables in REG_SZ', () => {
    expect(validateChanges([set('MinidumpDir', { type: 'REG_EXPAND_SZ', data: 'Minidump' })])[0]!.message).toMatch(
      /^MinidumpDir = "Minidump": the path is a relative path/,
    );
    expect(validateChanges([set('DumpFile', { type: 'REG_EXPAND_SZ', data: 'C:MEMORY.DMP' })])[0]!.message).toBe(
      'DumpFile = "C:MEMORY.DMP": the path is relative to the current folder of drive C: (write C:\\…)',
    );
    expect(validateChanges([set('DumpFile', { type: 'REG_SZ', data: '%SystemRoot%\\MEMORY.DMP' })])[0]!.message).toMatch(
      /REG_SZ value, which Windows does not expand/,
    );
    expect(validateChanges([set('DedicatedDumpFile', { type: 'REG_SZ', data: '"D:\\dd.sys"' })])[0]!.message).toMatch(/is quoted/);
    expect(validateChanges([set('DumpFilters', { type: 'REG_MULTI_SZ', data: ['C:\\x\\dumpfve.sys'] })])[0]!.message).toBe(
      'DumpFilters = "C:\\x\\dumpfve.sys": entry 1 "C:\\x\\dumpfve.sys" is not a driver file name like dumpfve.sys',
    );
  });

  it('rejects FilterPages = 1 with a dump type other than complete', () => {
    expect(validateChanges([set('CrashDumpEnabled', { type: 'REG_DWORD', data: 3 }), set('FilterPages', { type: 'REG_DWORD', data: 1 })])).toEqual([
      { key: CRASH_CONTROL_KEY, name: 'FilterPages', message: 'FilterPages = 1 selects an active dump only with CrashDumpEnabled = 1, but CrashDumpEnabled is 3' },
    ]);
  });

  it('rejects a minidump folder that is a file, using the injected probe', () => {
    const probe = (p: string): PathKind => (p === 'C:\\Windows\\Minidump' ? 'file' : p === 'C:\\Dumps' ? 'directory' : 'missing');
    expect(validateCrashControl({ minidumpDir: 'C:\\Windows\\Minidump' }, probe)).toEqual([
      { key: CRASH_CONTROL_KEY, name: 'MinidumpDir', message: 'MinidumpDir = "C:\\Windows\\Minidump": is a file, not a folder; Windows cannot create dumps inside it' },
    ]);
    expect(validateCrashControl({ dumpFile: 'C:\\Dumps' }, probe)[0]!.message).toBe('DumpFile = "C:\\Dumps": is a folder; it must name a file');
    expect(validateCrashControl({ minidumpDir: 'C:\\Dumps' }, probe)).toEqual([]);
  });

  it('rejects DumpFileSize without a dedicated dump file, and a dedicated file equal to DumpFile', () => {
    expect(validateCrashControl({ dumpFileSize: 4096 })[0]!.message).toMatch(/^DumpFileSize = 4096: sizes the dedicated dump file/);
    expect(validateCrashControl({ dumpFile: 'D:\\x.sys', dedicatedDumpFile: 'd:\\X.SYS' })[0]!.name).toBe('DedicatedDumpFile');
  });
});
