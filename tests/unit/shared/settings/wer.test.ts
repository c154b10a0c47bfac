import { describe, expect, it } from 'vitest';
import type { RegEntry } from '../../../../shared/registry/types';
import { describeValue } from '../../../../shared/settings/describe';
import { minidumpTypeNames } from '../../../../shared/settings/minidumpType';
import { applyChanges } from '../../../../shared/settings/registryValues';
import { validateChanges } from '../../../../shared/settings/validate';
import {
  LOCAL_DUMPS_KEY,
  localDumpsFromRegistry,
  localDumpsToRegistry,
  removeLocalDumpsApp,
  validateLocalDumps,
} from '../../../../shared/settings/werLocalDumps';
import {
  WER_KEYS,
  validateWerReporting,
  werReportingFromRegistry,
  werReportingToRegistry,
  whatGetsSent,
} from '../../../../shared/settings/werReporting';
import { randomLocalDumps, randomWerReporting } from './generators';
import { expectRoundTrips, forAll, strip } from './random';


describe('LocalDumps model', () => {
  it('round-trips generated valid models, global and per program', () => {
    expectRoundTrips(200, { generate: randomLocalDumps, validate: validateLocalDumps, toRegistry: localDumpsToRegistry, fromRegistry: localDumpsFromRegistry });
  });

  it('turns off by deleting the key, overrides included', () => {
    const on: RegEntry[] = [
      { key: LOCAL_DUMPS_KEY, name: 'DumpType', value: { type: 'REG_DWORD', data: 2 } },
      { key: `${LOCAL_DUMPS_KEY}\\app.exe`, name: 'DumpCount', value: { type: 'REG_DWORD', data: 3 } },
    ];
    expect(localDumpsFromRegistry(on)).toEqual({ global: { dumpType: 'full' }, perApp: [{ exe: 'app.exe', settings: { dumpCount: 3 } }] });
    expect(applyChanges(on, localDumpsToRegistry({ global: undefined, perApp: [] }))).toEqual([]);
    expect(applyChanges(on, [removeLocalDumpsApp('APP.EXE')])).toEqual([on[0]]);
  });

  it('names the MINIDUMP_TYPE bits of CustomDumpFlags', () => {
    expect(describeValue(LOCAL_DUMPS_KEY, 'CustomDumpFlags', { type: 'REG_DWORD', data: 0x121 })).toBe(
      '0x121 (MiniDumpWithDataSegs | MiniDumpWithUnloadedModules | MiniDumpWithProcessThreadData)',
    );
    expect(describeValue(`${LOCAL_DUMPS_KEY}\\app.exe`, 'DumpType', { type: 'REG_DWORD', data: 2 })).toBe('2 (full dump)');
    expect(minidumpTypeNames(0)).toEqual(['MiniDumpNormal']);
    expect(minidumpTypeNames(0x2)).toEqual(['MiniDumpWithFullMemory']);
  });

  it('rejects unknown dump types and flag bits, relative folders and odd program keys', () => {
    const set = (name: string, value: RegEntry['value'], key = LOCAL_DUMPS_KEY) => ({ op: 'set' as const, key, name, value });
    expect(validateChanges([set('DumpType', { type: 'REG_DWORD', data: 3 })])[0]!.message).toBe(
      'DumpType = 3: not a value Windows knows here (0 custom dump (CustomDumpFlags); 1 mini dump; 2 full dump)',
    );
    expect(validateChanges([set('CustomDumpFlags', { type: 'REG_DWORD', data: 0x2000121 })])[0]!.message).toBe(
      'CustomDumpFlags = 0x2000121: bits 0x2000000 have no documented meaning here',
    );
    expect(validateChanges([set('DumpFolder', { type: 'REG_EXPAND_SZ', data: 'CrashDumps' }, `${LOCAL_DUMPS_KEY}\\app.exe`)])[0]!.message).toMatch(
      /^DumpFolder = "CrashDumps": the path is a relative path/,
    );
    expect(validateChanges([set('DumpCount', { type: 'REG_SZ', data: '10' })])[0]!.message).toBe('DumpCount = "10": must be REG_DWORD, not REG_SZ');
    expect(validateLocalDumps({ global: {}, perApp: [{ exe: 'C:\\x\\app.exe', settings: {} }] })[0]!.message).toMatch(/^C:\\x\\app\.exe: a per-program key is named after the program file/);
    expect(validateLocalDumps({ global: undefined, perApp: [{ exe: 'app.exe', settings: {} }] })[0]!.message).toMatch(/turning local dumps off removes them/);
  });
});

describe('Error Reporting model', () => {
  it('round-trips generated valid models for machine and user', () => {
    forAll(200, (r, seed) => {
      const scope = r.pick(['machine', 'user'] as const);
      const model = randomWerReporting(r);
      expect(validateWerReporting(model, scope), `seed ${seed}`).toEqual([]);
      expect(strip(werReportingFromRegistry(applyChanges([], werReportingToRegistry(model, scope)), scope)), `seed ${seed}`).toEqual(strip(model));
    });
  });

  it('explains what gets sent', () => {
    expect(whatGetsSent({ disabled: true })).toMatch(/^Nothing is sent: Windows Error Reporting is turned off/);
    expect(whatGetsSent({})).toBe('Nothing is sent until the user agrees in the problem dialog.');
    expect(whatGetsSent({ defaultConsent: 'all-data', dontSendAdditionalData: true, excludedApplications: ['x.exe'] })).toBe(
      'Everything Microsoft asks for, memory dumps included, is sent without asking. Additional data (dumps, files) is never sent. Never reported: x.exe.',
    );
    expect(describeValue(`${WER_KEYS.user}\\Consent`, 'DefaultConsent', { type: 'REG_DWORD', data: 2 })).toBe('2 (send the problem signature without asking)');
  });

  it('rejects out-of-range counts and consent levels', () => {
    const set = (key: string, name: string, data: number) => ({ op: 'set' as const, key, name, value: { type: 'REG_DWORD' as const, data } });
    expect(validateChanges([set(WER_KEYS.machine, 'MaxQueueCount', 501)])[0]!.message).toBe('MaxQueueCount = 501: must be between 1 and 500');
    expect(validateChanges([set(`${WER_KEYS.machine}\\Consent`, 'DefaultConsent', 5)])[0]!.message).toMatch(/^DefaultConsent = 5: not a value Windows knows here/);
    expect(validateChanges([set('HKCU\\Software\\Microsoft\\Windows\\Windows Error Reporting', 'DontShowUI', 2)])[0]!.message).toBe(
      'DontShowUI = 2: only 0 (show the dialog) and 1 (no dialog) are defined',
    );
  });
});
