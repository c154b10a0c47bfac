// The verifier runner with a recorded fake in place of child_process: what a
// Windows machine would be asked to run, in which order, and how its answers
// are read. That verifier.exe really answers like this needs a Windows machine.
import { describe, expect, it } from 'vitest';
import { createVerifierService, VerifierRunError, VerifierUnavailableError, type ProcessResult } from '../../../../electron/services/verifier';

function fakeRunner(answers: Record<string, ProcessResult>) {
  const calls: string[] = [];
  const run = async (file: string, args: readonly string[]) => {
    const line = [file, ...args].join(' ');
    calls.push(line);
    const answer = answers[line];
    if (!answer) throw new Error(`unexpected command ${line}`);
    return answer;
  };
  return { calls, run };
}

const ok = (stdout = ''): ProcessResult => ({ exitCode: 0, stdout, stderr: '' });
const EXE = 'C:\\Windows\\System32\\verifier.exe';
const env = { SystemRoot: 'C:\\Windows' };

describe('verifier service', () => {
  it('refuses to run anywhere but Windows, and runs nothing', async () => {
    const fake = fakeRunner({});
    const service = createVerifierService({ platform: 'linux', run: fake.run, env });
    await expect(service.apply({ preset: 'standard', drivers: ['foo.sys'] })).rejects.toThrow(
      'Driver Verifier runs only on Windows (this is linux). Export the commands as a .cmd file and run it as administrator on the Windows machine.',
    );
    await expect(service.query('settings')).rejects.toBeInstanceOf(VerifierUnavailableError);
    expect(fake.calls).toEqual([]);
  });

  it('checks for administrator rights before touching verifier.exe', async () => {
    const fake = fakeRunner({ 'net session': { exitCode: 2, stdout: '', stderr: 'System error 5 has occurred.\r\nAccess is denied.' } });
    const service = createVerifierService({ platform: 'win32', run: fake.run, env });
    const error = await service.apply({ preset: 'classic', drivers: ['foo.sys'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerifierUnavailableError);
    expect((error as VerifierUnavailableError).reason).toBe('not-elevated');
    expect((error as Error).message).toMatch(/^Driver Verifier needs administrator rights/);
    expect(fake.calls).toEqual(['net session']);
  });

  it('runs each command of a request in order, elevated, and reads exit code 2 as "restart needed"', async () => {
    const fake = fakeRunner({
      'net session': ok('There are no entries in the list.'),
      [`${EXE} /standard /driver foo.sys`]: { exitCode: 2, stdout: 'The system reboot is required for the changes to take effect.\r\n', stderr: '' },
      [`${EXE} /bootmode resetonbootfail`]: ok(),
    });
    const service = createVerifierService({ platform: 'win32', run: fake.run, env });
    const result = await service.apply({ preset: 'standard', drivers: ['foo.sys'], resetOnBootFail: true });
    expect(fake.calls).toEqual(['net session', `${EXE} /standard /driver foo.sys`, `${EXE} /bootmode resetonbootfail`]);
    expect(result).toEqual({
      commands: [
        { commandLine: 'verifier.exe /standard /driver foo.sys', exitCode: 2, output: 'The system reboot is required for the changes to take effect.\r\n' },
        { commandLine: 'verifier.exe /bootmode resetonbootfail', exitCode: 0, output: '' },
      ],
      restartNeeded: true,
    });
  });

  it('stops at the first verifier.exe error and reports its message', async () => {
    const fake = fakeRunner({
      'net session': ok(),
      [`${EXE} /flags 0x2026FBB /driver nosuch.sys`]: { exitCode: 1, stdout: 'Error 0x80070002: nosuch.sys was not found.\r\n', stderr: '' },
    });
    const service = createVerifierService({ platform: 'win32', run: fake.run, env });
    const error = await service.apply({ preset: 'classic', drivers: ['nosuch.sys'], resetOnBootFail: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerifierRunError);
    expect((error as Error).message).toBe('verifier.exe /flags 0x2026FBB /driver nosuch.sys failed with exit code 1: Error 0x80070002: nosuch.sys was not found.');
    expect(fake.calls).toHaveLength(2);
  });

  it('parses verifier /querysettings output into the model', async () => {
    const fake = fakeRunner({
      'net session': ok(),
      [`${EXE} /querysettings`]: ok('Verifier Flags: 0x000209bb\r\n\r\nVerified Drivers:\r\n  foo.sys\r\n'),
    });
    const status = await createVerifierService({ platform: 'win32', run: fake.run, env }).query('settings');
    expect(status).toMatchObject({ kind: 'settings', flags: 0x209bb, drivers: ['foo.sys'] });
  });

  it('shows and exports the same command lines it would run', () => {
    const service = createVerifierService({ platform: 'linux', env });
    expect(service.commandLines({ preset: 'custom', drivers: ['a.sys'], flags: 0x9 })).toEqual(['verifier.exe /flags 0x9 /driver a.sys']);
    expect(service.exportCmd({ preset: 'reset' }).split('\r\n')).toContain('verifier.exe /reset');
    expect(service.bootLoopWarning).toMatch(/verifier \/reset/);
  });
});
