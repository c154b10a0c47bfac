// The real regedit exports in ../shared/corpus/reg, parsed with the .reg
// reader and mapped to the settings models: the values must land in the
// right fields, and validation must accept what Windows itself wrote.
import { describe, expect, it } from 'vitest';
import { parseRegFile, regFileToChanges } from '../../shared/formats/regfile';
import type { RegEntry } from '../../shared/registry/types';
import { aeDebugFromRegistry, validateAeDebug } from '../../shared/settings/aeDebug';
import { recognizeDebugger } from '../../shared/settings/aeDebugPresets';
import { crashControlFromRegistry, validateCrashControl } from '../../shared/settings/crashControl';
import { describeValue } from '../../shared/settings/describe';
import { applyChanges } from '../../shared/settings/registryValues';
import { validateChanges } from '../../shared/settings/validate';
import { localDumpsFromRegistry, validateLocalDumps } from '../../shared/settings/werLocalDumps';
import { werReportingFromRegistry, whatGetsSent } from '../../shared/settings/werReporting';
import { listCorpus, readCorpus } from '../helpers/corpus';

function entriesOf(file: string): RegEntry[] {
  return applyChanges([], regFileToChanges(parseRegFile(readCorpus('reg', file))));
}

describe('corpus .reg exports → settings models', () => {
  it('every export passes validation of the values DumpDesk knows', () => {
    for (const file of listCorpus('reg')) {
      const changes = regFileToChanges(parseRegFile(readCorpus('reg', file)));
      expect(validateChanges(changes), file).toEqual([]);
    }
  });

  it('maps the full CrashControl export (hex(2) paths, hex(7) DumpFilters)', () => {
    const model = crashControlFromRegistry(entriesOf('lowleveldesign_debug-recipes_aedebug-md_CrashControl-export.utf8.reg.txt'));
    expect(model).toEqual({
      dumpType: 'automatic',
      dumpFile: '%SystemRoot%\\MEMORY.DMP',
      minidumpDir: '%SystemRoot%\\Minidump',
      minidumpsCount: 50,
      overwrite: true,
      autoReboot: true,
      logEvent: true,
      dumpFilters: ['dumpfve.sys'],
    });
    expect(validateCrashControl(model)).toEqual([]);
  });

  it('maps the ControlSet001 tweak onto CurrentControlSet', () => {
    const entries = entriesOf('cynar2k_tweaks_CrashControl.utf8.reg.txt');
    expect(entries[0]!.key).toBe('HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\CrashControl');
    expect(crashControlFromRegistry(entries)).toEqual({ autoReboot: false });
    expect(describeValue(entries[0]!.key, 'AutoReboot', entries[0]!.value)).toBe('0 (stay on the blue screen)');
  });

  it('maps the ProcDump AeDebug export with its AutoExclusionList', () => {
    const model = aeDebugFromRegistry(entriesOf('lowleveldesign_debug-recipes_aedebug-procdump.reg'));
    expect(model).toEqual({
      native: {
        debugger: '"C:\\tools\\system\\sysinternals\\procdump.exe" -ma -j "d:\\dumps" %ld %ld %p',
        auto: true,
        userDebuggerHotKey: 0,
        autoExclusionList: [{ image: 'DWM.exe', excluded: true }],
      },
      wow64: {},
    });
    expect(recognizeDebugger(model.native.debugger)).toBe('procdump');
    expect(validateAeDebug(model)).toEqual([]);
  });

  it('maps the Visual Studio export into both the native and the Wow6432Node key', () => {
    const model = aeDebugFromRegistry(entriesOf('lowleveldesign_debug-recipes_install-vs-as-default-debugger.reg'));
    const vs = { debugger: '"C:\\WINDOWS\\system32\\vsjitdebugger.exe" -p %ld -e %ld', userDebuggerHotKey: 0 };
    expect(model).toEqual({ native: vs, wow64: vs });
    expect(recognizeDebugger(model.wow64.debugger)).toBe('visual-studio');
  });

  it('maps the LocalDumps export', () => {
    const model = localDumpsFromRegistry(entriesOf('kirillosenkov_dotfiles_LocalDumps.reg'));
    expect(model).toEqual({ global: { dumpFolder: 'C:\\CrashDumps', dumpCount: 16, dumpType: 'full' }, perApp: [] });
    expect(validateLocalDumps(model)).toEqual([]);
  });

  it('maps the WER exports: machine defaults and the per-user "disabled, no UI" recipe', () => {
    const machine = werReportingFromRegistry(entriesOf('lowleveldesign_debug-recipes_wer-default.reg'), 'machine');
    // The export has per-vertical consents but no DefaultConsent, and no LocalDumps key.
    expect(machine).toEqual({});
    expect(localDumpsFromRegistry(entriesOf('lowleveldesign_debug-recipes_wer-default.reg')).global).toBeUndefined();
    const user = werReportingFromRegistry(entriesOf('lowleveldesign_debug-recipes_wer_disabled_noui.reg'), 'user');
    expect(user).toEqual({ disableArchive: false, disabled: true, dontSendAdditionalData: false, dontShowUI: true });
    expect(whatGetsSent(user)).toMatch(/^Nothing is sent: Windows Error Reporting is turned off/);
    expect(werReportingFromRegistry(entriesOf('lowleveldesign_debug-recipes_wer_disabled_noui.reg'), 'machine')).toEqual({});
  });
});
