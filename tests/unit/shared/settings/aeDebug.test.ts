import { describe, expect, it } from 'vitest';
import type { RegEntry } from '../../../../shared/registry/types';
import {
  AEDEBUG_KEY,
  AEDEBUG_WOW64_KEY,
  aeDebugFromRegistry,
  aeDebugToRegistry,
  validateAeDebug,
  withDebugger,
} from '../../../../shared/settings/aeDebug';
import { AEDEBUG_PRESETS, aeDebugPreset, recognizeDebugger } from '../../../../shared/settings/aeDebugPresets';
import { debuggerSlots, expandDebuggerCommand } from '../../../../shared/settings/debuggerCommand';
import { describeValue } from '../../../../shared/settings/describe';
import { validateChanges } from '../../../../shared/settings/validate';
import { randomAeDebug } from './generators';
import { expectRoundTrips } from './random';

const set = (key: string, name: string, value: RegEntry['value']) => ({ op: 'set' as const, key, name, value });

describe('AeDebug model', () => {
  it('round-trips generated valid models for both keys', () => {
    expectRoundTrips(200, { generate: randomAeDebug, validate: validateAeDebug, toRegistry: aeDebugToRegistry, fromRegistry: aeDebugFromRegistry });
  });

  it('keeps the hot key and exclusion list when a preset is applied', () => {
    const current = { native: { debugger: 'x', userDebuggerHotKey: 0, autoExclusionList: [{ image: 'DWM.exe', excluded: true }] }, wow64: {} };
    expect(withDebugger(current, aeDebugPreset('wer-default').build())).toEqual({
      native: { debugger: undefined, auto: undefined, userDebuggerHotKey: 0, autoExclusionList: [{ image: 'DWM.exe', excluded: true }] },
      wow64: { debugger: undefined, auto: undefined },
    });
  });

  it('reads the ProcDump layout with its AutoExclusionList (hand-built like the corpus export)', () => {
    const entries: RegEntry[] = [
      { key: AEDEBUG_KEY, name: 'UserDebuggerHotKey', value: { type: 'REG_DWORD', data: 0 } },
      { key: AEDEBUG_KEY, name: 'Debugger', value: { type: 'REG_SZ', data: '"C:\\tools\\procdump.exe" -ma -j "d:\\dumps" %ld %ld %p' } },
      { key: AEDEBUG_KEY, name: 'Auto', value: { type: 'REG_SZ', data: '1' } },
      { key: `${AEDEBUG_KEY}\\AutoExclusionList`, name: 'DWM.exe', value: { type: 'REG_DWORD', data: 1 } },
    ];
    expect(aeDebugFromRegistry(entries)).toEqual({
      native: { debugger: '"C:\\tools\\procdump.exe" -ma -j "d:\\dumps" %ld %ld %p', auto: true, userDebuggerHotKey: 0, autoExclusionList: [{ image: 'DWM.exe', excluded: true }] },
      wow64: {},
    });
  });

  it('describes the command line slots and the Auto string', () => {
    expect(describeValue(AEDEBUG_KEY, 'Auto', { type: 'REG_SZ', data: '1' })).toBe('"1" (start the debugger without asking)');
    expect(describeValue(AEDEBUG_WOW64_KEY, 'Debugger', { type: 'REG_SZ', data: 'drwtsn32 -p %ld -e %ld -g' })).toBe(
      '"drwtsn32 -p %ld -e %ld -g" (runs drwtsn32; %ld = process id of the crashing program, %ld = handle of the event to signal when done)',
    );
  });
});

describe('AeDebug validation', () => {
  it('rejects an unquoted program path with spaces', () => {
    expect(validateChanges([set(AEDEBUG_KEY, 'Debugger', { type: 'REG_SZ', data: 'C:\\Program Files\\Debuggers\\cdb.exe -p %ld -e %ld -g' })])).toEqual([
      {
        key: AEDEBUG_KEY,
        name: 'Debugger',
        message:
          'Debugger = "C:\\Program Files\\Debuggers\\cdb.exe -p %ld -e %ld -g": starts with the path C:\\Program Files\\Debuggers\\cdb.exe which contains spaces but is not in double quotes; Windows would try to run "C:\\Program"',
      },
    ]);
  });

  it('rejects relative program paths, stray printf conversions and a fourth slot', () => {
    const msg = (data: string) => validateChanges([set(AEDEBUG_KEY, 'Debugger', { type: 'REG_SZ', data })])[0]?.message;
    expect(msg('tools\\cdb.exe -p %ld')).toMatch(/relative path tools\\cdb\.exe/);
    expect(msg('"%SystemRoot%\\x.exe" -p %ld')).toMatch(/contains %S, which Windows' printf would read as a conversion/);
    expect(msg('cdb -p %ld -e %ld %p %p')).toMatch(/has 4 substitutions/);
    expect(msg('"C:\\x\\cdb.exe -p %ld')).toBe('Debugger = ""C:\\x\\cdb.exe -p %ld": has an unbalanced double quote');
    expect(msg('cdb -p %ld -c "echo 100%%"')).toBeUndefined();
  });

  it('rejects Auto as a DWORD or other strings, and hot keys above 0xFF', () => {
    expect(validateChanges([set(AEDEBUG_KEY, 'Auto', { type: 'REG_DWORD', data: 1 })])[0]!.message).toBe('Auto = 1: must be REG_SZ, not REG_DWORD');
    expect(validateChanges([set(AEDEBUG_KEY, 'Auto', { type: 'REG_SZ', data: 'yes' })])[0]!.message).toBe(
      'Auto = "yes": must be the string "0" (ask before starting the debugger) or "1" (start the debugger without asking)',
    );
    expect(validateChanges([set(AEDEBUG_KEY, 'UserDebuggerHotKey', { type: 'REG_DWORD', data: 300 })])[0]!.message).toBe(
      'UserDebuggerHotKey = 300: must be between 0 and 255',
    );
    expect(validateChanges([set(`${AEDEBUG_KEY}\\AutoExclusionList`, 'DWM.exe', { type: 'REG_SZ', data: '1' })])[0]!.message).toBe(
      'DWM.exe = "1": must be REG_DWORD, not REG_SZ',
    );
  });

  it('rejects exclusions with folders and duplicates', () => {
    const problems = validateAeDebug({ native: { autoExclusionList: [{ image: 'C:\\x\\a.exe', excluded: true }, { image: 'b.exe', excluded: true }, { image: 'B.EXE', excluded: true }] }, wow64: {} });
    expect(problems.map((p) => p.message)).toEqual(['C:\\x\\a.exe: an exclusion is a program file name like DWM.exe, without a folder', 'B.EXE: listed twice']);
  });
});

describe('debugger command lines', () => {
  it('expands %ld and %p the way printf does', () => {
    const args = { pid: 4242, eventHandle: 0x1a4, jitDebugInfo: 0x7ff6a0b01230n };
    expect(expandDebuggerCommand('drwtsn32 -p %ld -e %ld -g', args)).toBe('drwtsn32 -p 4242 -e 420 -g');
    expect(expandDebuggerCommand('"C:\\p\\procdump.exe" -accepteula -ma -j "C:\\Dumps" %ld %ld %p', args)).toBe(
      '"C:\\p\\procdump.exe" -accepteula -ma -j "C:\\Dumps" 4242 420 00007FF6A0B01230',
    );
    expect(expandDebuggerCommand('cdb -p %ld -e %ld -c ".jdinfo 0x%p"', { ...args, jitDebugInfo: 0x12ff00n, pointerSize: 4 })).toBe('cdb -p 4242 -e 420 -c ".jdinfo 0x0012FF00"');
    expect(expandDebuggerCommand('x -p %ld 100%%', args)).toBe('x -p 4242 100%');
    expect(debuggerSlots('a %ld %ld %p').map((s) => s.meaning)).toEqual(['process id of the crashing program', 'handle of the event to signal when done', 'address of the JIT_DEBUG_INFO structure']);
  });

  it('builds every preset into a valid model and recognizes it again', () => {
    for (const p of AEDEBUG_PRESETS) {
      const model = p.build();
      expect(validateAeDebug(model), p.id).toEqual([]);
      if (model.native.debugger) expect(recognizeDebugger(model.native.debugger), p.id).toBe(p.id);
    }
    expect(aeDebugPreset('dr-watson').build().native).toEqual({ debugger: 'drwtsn32 -p %ld -e %ld -g', auto: true });
    expect(aeDebugPreset('procdump').build({ sysinternalsFolder: 'C:\\si', dumpFolder: 'D:\\dumps' }).wow64.debugger).toBe('"C:\\si\\procdump.exe" -accepteula -ma -j "D:\\dumps" %ld %ld %p');
    expect(aeDebugPreset('visual-studio').build().native.debugger).toBe('"C:\\WINDOWS\\system32\\vsjitdebugger.exe" -p %ld -e %ld');
    expect(recognizeDebugger('"C:\\x\\mydbg.exe" %ld')).toBe('other');
    expect(aeDebugPreset('cdb').build({ dumpFolder: 'D:\\dumps' }).native.debugger).toBe(
      '"C:\\Program Files (x86)\\Windows Kits\\10\\Debuggers\\x64\\cdb.exe" -p %ld -e %ld -c ".dump /j 0x%p /u D:\\dumps\\AeDebug.dmp; qd"',
    );
    expect(() => aeDebugPreset('cdb').build({ dumpFolder: 'D:\\my dumps' })).toThrow(/the dump folder "D:\\my dumps" contains spaces/);
  });
});
