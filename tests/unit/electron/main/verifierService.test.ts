/** verifier.* over the real runner with a recorded fake process runner (no verifier.exe here). */
import { describe, expect, it } from 'vitest';
import { verifierService } from '../../../../electron/main/backend/verifierService';
import { createVerifierService, type ProcessRunner } from '../../../../electron/services/verifier';

function fakeWindows(answers: Record<string, { exitCode: number; stdout: string }>) {
  const ran: string[] = [];
  const run: ProcessRunner = async (file, args) => {
    const line = [file.split('\\').pop(), ...args].join(' ');
    ran.push(line);
    const a = answers[line] ?? { exitCode: 0, stdout: '' };
    return { exitCode: a.exitCode, stdout: a.stdout, stderr: '' };
  };
  return { ran, service: verifierService(createVerifierService({ platform: 'win32', run, env: { SystemRoot: 'C:\\Windows' } })) };
}

describe('verifier service', () => {
  it('lists the presets with their flags and the boot-loop warning', async () => {
    const presets = await verifierService(createVerifierService({ platform: 'linux' })).presets();
    expect(presets.map((p) => p.id)).toEqual(['classic', 'standard', 'unsigned', 'custom', 'reset']);
    expect(presets.find((p) => p.id === 'standard')).toMatchObject({ flags: '0x209BB', needsDrivers: false });
    expect(presets.find((p) => p.id === 'reset')).toMatchObject({ flags: null, warning: null });
    expect(presets.find((p) => p.id === 'classic')!.warning).toMatch(/boot/i);
  });

  it('shows the exact command lines of a request', async () => {
    const { service } = fakeWindows({});
    const cmd = await service.commandLine({ preset: 'custom', flags: '0x9bb', drivers: ['foo.sys'], action: 'enable', resetOnBootFail: true });
    expect(cmd.commands).toEqual(['verifier.exe /flags 0x9BB /driver foo.sys', 'verifier.exe /bootmode resetonbootfail']);
    expect(cmd.argv).toEqual(['/flags', '0x9BB', '/driver', 'foo.sys']);
    expect(cmd.text).toBe(cmd.commands!.join('\n'));
    expect((await service.commandLine({ drivers: [], action: 'reset' })).text).toBe('verifier.exe /reset');
  });

  it('refuses unknown presets and requests the model rejects, as Invalid', async () => {
    const { service } = fakeWindows({});
    await expect(service.commandLine({ preset: 'everything', drivers: [], action: 'enable' })).rejects.toMatchObject({ code: 'Invalid', message: expect.stringContaining("'everything'") });
    await expect(service.commandLine({ preset: 'classic', drivers: [], action: 'enable' })).rejects.toMatchObject({ code: 'Invalid' });
  });

  it('runs verifier.exe when elevated and reports the restart', async () => {
    const { service, ran } = fakeWindows({ 'verifier.exe /standard /driver foo.sys': { exitCode: 2, stdout: 'The system reboot is required for the changes to take effect.' } });
    const r = await service.run({ preset: 'standard', drivers: ['foo.sys'], action: 'enable' });
    expect(ran).toEqual(['net session', 'verifier.exe /standard /driver foo.sys']);
    expect(r).toEqual({ exitCode: 2, output: '> verifier.exe /standard /driver foo.sys\nThe system reboot is required for the changes to take effect.', rebootRequired: true });
  });

  it('answers Forbidden when not elevated and Unsupported off Windows', async () => {
    const { service } = fakeWindows({ 'net session': { exitCode: 2, stdout: '' } });
    await expect(service.query()).rejects.toMatchObject({ code: 'Forbidden', message: expect.stringContaining('administrator') });
    await expect(verifierService(createVerifierService({ platform: 'linux' })).query()).rejects.toMatchObject({ code: 'Unsupported', message: expect.stringContaining('only on Windows') });
  });

  it('reads the state from verifier /querysettings', async () => {
    const { service } = fakeWindows({ 'verifier.exe /querysettings': { exitCode: 0, stdout: 'No drivers are currently verified.\r\n' } });
    await expect(service.query()).resolves.toEqual({ enabled: false, flags: '0x0', drivers: [], allDrivers: false, raw: null });
  });
});
