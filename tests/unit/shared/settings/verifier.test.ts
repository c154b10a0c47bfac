import { describe, expect, it } from 'vitest';
import { describeValue } from '../../../../shared/settings/describe';
import { MEMORY_MANAGEMENT_KEY } from '../../../../shared/settings/pagefile';
import { validateChanges } from '../../../../shared/settings/validate';
import {
  BOOT_LOOP_WARNING,
  CLASSIC_FLAGS,
  VerifierRequestError,
  customFlagProblems,
  formatCommandLine,
  verifierCmdFile,
  verifierCommandLine,
  verifierCommands,
  verifierRequestProblems,
} from '../../../../shared/settings/verifier';
import { STANDARD_FLAGS, VERIFIER_FLAGS, verifierFlagByName, verifierFlagsIn } from '../../../../shared/settings/verifierFlags';

describe('Driver Verifier flags', () => {
  it('has /standard = 0x209BB, the sum of the flags marked standard', () => {
    expect(STANDARD_FLAGS).toBe(0x209bb);
    expect(VERIFIER_FLAGS.filter((f) => f.standard).reduce((a, f) => a | f.mask, 0)).toBe(STANDARD_FLAGS);
    expect(verifierFlagsIn(0x2012b).map((f) => f.name)).toEqual(['Special pool', 'Force IRQL checking', 'Pool tracking', 'Deadlock detection', 'Security checks', 'DDI compliance checking']);
  });

  it('classic = every option except low resources simulation, deprecated, special-purpose and unused bits: 0x2026FBB', () => {
    expect(CLASSIC_FLAGS).toBe(0x2026fbb);
    expect(CLASSIC_FLAGS & 0x4).toBe(0);
    expect(CLASSIC_FLAGS & 0x40000).toBe(0);
    expect(CLASSIC_FLAGS & STANDARD_FLAGS).toBe(STANDARD_FLAGS);
  });

  it('finds bits by the names verifier prints, old and new', () => {
    expect(verifierFlagByName('Special pool.')).toBe(0x1);
    expect(verifierFlagByName('Low resources simulation')).toBe(0x4);
    expect(verifierFlagByName('IRP Logging')).toBe(0x400);
    expect(verifierFlagByName('Inject random low-resource API failures')).toBe(0x4);
    expect(verifierFlagByName('Something new')).toBeUndefined();
  });

  it('describes VerifyDriverLevel and VerifyDrivers in the Memory Management key', () => {
    expect(describeValue(MEMORY_MANAGEMENT_KEY, 'VerifyDriverLevel', { type: 'REG_DWORD', data: 0x9 })).toBe('0x9 (Special pool | Pool tracking)');
    expect(describeValue(MEMORY_MANAGEMENT_KEY, 'VerifyDrivers', { type: 'REG_SZ', data: '*' })).toBe('"*" (all drivers)');
    expect(validateChanges([{ op: 'set', key: MEMORY_MANAGEMENT_KEY, name: 'VerifyDrivers', value: { type: 'REG_SZ', data: 'C:\\x\\foo.sys' } }])[0]!.message).toBe(
      'VerifyDrivers = "C:\\x\\foo.sys": lists a path; verifier expects file names like foo.sys',
    );
  });
});

describe('verifier.exe command lines', () => {
  it('builds the exact argv of each preset', () => {
    expect(verifierCommandLine('standard', ['foo.sys'])).toEqual(['verifier.exe', '/standard', '/driver', 'foo.sys']);
    expect(formatCommandLine(verifierCommandLine('standard', ['foo.sys']))).toBe('verifier.exe /standard /driver foo.sys');
    expect(verifierCommandLine('classic', ['a.sys', 'b.sys'])).toEqual(['verifier.exe', '/flags', '0x2026FBB', '/driver', 'a.sys', 'b.sys']);
    expect(verifierCommandLine('unsigned', ['old.sys'])).toEqual(['verifier.exe', '/standard', '/driver', 'old.sys']);
    expect(verifierCommandLine('custom', ['foo.sys'], 0x209bb)).toEqual(['verifier.exe', '/flags', '0x209BB', '/driver', 'foo.sys']);
    expect(verifierCommandLine('custom', [], 0x9, { all: true })).toEqual(['verifier.exe', '/flags', '0x9', '/all']);
    expect(verifierCommandLine('reset', [])).toEqual(['verifier.exe', '/reset']);
    expect(verifierCommands({ preset: 'standard', drivers: ['foo.sys'], resetOnBootFail: true })).toEqual([
      ['verifier.exe', '/standard', '/driver', 'foo.sys'],
      ['verifier.exe', '/bootmode', 'resetonbootfail'],
    ]);
  });

  it('rejects requests it cannot turn into a safe command, naming the value', () => {
    expect(verifierRequestProblems({ preset: 'classic', drivers: [] })).toEqual(['classic: name at least one driver (--driver foo.sys)']);
    expect(verifierRequestProblems({ preset: 'classic', all: true })).toEqual(['classic: is meant for chosen drivers; name them instead of --all']);
    expect(verifierRequestProblems({ preset: 'standard', drivers: ['*.sys'] })).toEqual(["driver '*.sys': verifier.exe does not accept wildcards; name each driver"]);
    expect(verifierRequestProblems({ preset: 'standard', drivers: ['C:\\drv\\foo.sys'] })).toEqual(["driver 'C:\\drv\\foo.sys': give the file name only (like foo.sys), not a path"]);
    expect(verifierRequestProblems({ preset: 'standard', drivers: ['foo.sys'], flags: 1 })).toEqual(['standard: sets its own options; --flags is only for the custom preset']);
    expect(verifierRequestProblems({ preset: 'custom', drivers: ['foo.sys'] })).toEqual(['custom: needs --flags 0x… (the option bits)']);
    expect(verifierRequestProblems({ preset: 'reset', drivers: ['foo.sys'] })).toEqual(['reset: takes no drivers, --all or flags; it turns Driver Verifier off for everything']);
    expect(() => verifierCommandLine('custom', ['foo.sys'], 0)).toThrow(VerifierRequestError);
  });

  it('checks custom flags: zero, reserved, unknown bits, missing prerequisites', () => {
    expect(customFlagProblems(0)).toEqual(['flags 0x0: turns on no checks; use the reset preset to turn Driver Verifier off']);
    expect(customFlagProblems(0x100001)).toEqual(['flags 0x100001: bit 0x100000 is reserved; verifier does not support setting it']);
    expect(customFlagProblems(0x4000001)).toEqual(['flags 0x4000001: bits 0x4000000 are not Driver Verifier options']);
    expect(customFlagProblems(0x201)).toEqual(['flags 0x201: Force pending I/O requests (0x200) needs I/O verification (0x10)']);
    expect(customFlagProblems(0x211)).toEqual([]);
  });

  it('writes a .cmd file that checks elevation, warns about boot loops and stops on errors', () => {
    const text = verifierCmdFile({ preset: 'standard', drivers: ['foo.sys'], resetOnBootFail: true });
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('@echo off');
    expect(lines).toContain('net session >nul 2>&1');
    expect(lines).toContain('verifier.exe /standard /driver foo.sys');
    expect(lines).toContain('verifier.exe /bootmode resetonbootfail');
    expect(lines).toContain('rem If that driver loads during boot, Windows can crash on every start: a boot loop.');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(verifierCmdFile({ preset: 'reset' })).not.toMatch(/boot loop/);
    expect(BOOT_LOOP_WARNING).toMatch(/Safe Mode/);
    expect(BOOT_LOOP_WARNING).toMatch(/verifier \/reset/);
    expect(BOOT_LOOP_WARNING).toMatch(/verifier \/bootmode resetonbootfail/);
  });
});
