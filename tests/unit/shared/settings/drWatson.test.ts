import { describe, expect, it } from 'vitest';
import { describeValue } from '../../../../shared/settings/describe';
import { DRWATSON_KEY, drWatsonFromRegistry, drWatsonToRegistry, hasDrWatson, validateDrWatson } from '../../../../shared/settings/drWatson';
import { validateChanges } from '../../../../shared/settings/validate';
import { randomDrWatson } from './generators';
import { expectRoundTrips } from './random';

describe('Dr. Watson settings', () => {
  it('round-trips generated valid models', () => {
    expectRoundTrips(200, {
      generate: randomDrWatson, validate: (m) => validateDrWatson(m, { major: 5, minor: 1 }), toRegistry: drWatsonToRegistry, fromRegistry: drWatsonFromRegistry,
    });
  });

  it('reads an XP-style key (hand-built from the documented defaults)', () => {
    const dword = (name: string, data: number) => ({ key: 'HKLM\\SOFTWARE\\Microsoft\\DrWatson', name, value: { type: 'REG_DWORD' as const, data } });
    const model = drWatsonFromRegistry([
      { key: DRWATSON_KEY, name: 'LogFilePath', value: { type: 'REG_SZ', data: 'C:\\Documents and Settings\\All Users\\Application Data\\Microsoft\\Dr Watson' } },
      dword('Instructions', 10), dword('MaximumCrashes', 10), dword('DumpAllThreads', 1), dword('AppendToLogFile', 1), dword('CreateCrashDump', 1), dword('NumberOfCrashes', 3),
    ]);
    expect(model).toEqual({
      logFilePath: 'C:\\Documents and Settings\\All Users\\Application Data\\Microsoft\\Dr Watson',
      instructions: 10, maximumCrashes: 10, dumpAllThreads: true, appendToLogFile: true, createCrashDump: true,
    });
    expect(describeValue(DRWATSON_KEY, 'AppendToLogFile', { type: 'REG_DWORD', data: 0 })).toBe('0 (overwrite drwtsn32.log)');
  });

  it('accepts %windir% paths as drwtsn32 expands them itself, but not relative ones', () => {
    expect(validateChanges([{ op: 'set', key: DRWATSON_KEY, name: 'CrashDumpFile', value: { type: 'REG_SZ', data: '%windir%\\user.dmp' } }])).toEqual([]);
    expect(validateChanges([{ op: 'set', key: DRWATSON_KEY, name: 'CrashDumpFile', value: { type: 'REG_SZ', data: 'user.dmp' } }])[0]!.message).toMatch(
      /^CrashDumpFile = "user\.dmp": the path is a relative path/,
    );
    expect(validateChanges([{ op: 'set', key: DRWATSON_KEY, name: 'CrashDumpType', value: { type: 'REG_DWORD', data: 3 } }])[0]!.message).toBe(
      'CrashDumpType = 3: must be between 0 and 2',
    );
  });

  it('is written only to Windows versions that have Dr. Watson', () => {
    expect(hasDrWatson({ major: 5, minor: 2 })).toBe(true);
    expect(hasDrWatson({ major: 4, minor: 0 })).toBe(true);
    expect(hasDrWatson({ major: 10, minor: 0 })).toBe(false);
    expect(validateDrWatson({ createCrashDump: true }, { major: 10, minor: 0 })[0]!.message).toMatch(/^DrWatson: Windows 10\.0 has no Dr\. Watson \(removed in Vista, 6\.0\)/);
  });
});
