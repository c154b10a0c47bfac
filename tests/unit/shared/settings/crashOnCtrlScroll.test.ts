import { describe, expect, it } from 'vitest';
import {
  CRASHDUMP_KEY,
  PARAMETERS_KEY,
  crashOnCtrlScrollFromRegistry,
  crashOnCtrlScrollToRegistry,
  crashSequence,
  validateCrashOnCtrlScroll,
} from '../../../../shared/settings/crashOnCtrlScroll';
import { describeValue } from '../../../../shared/settings/describe';
import { DUMP2KEY_SCAN_CODES, dump2KeyIndex, dump2KeyName } from '../../../../shared/settings/keyboardScanCodes';
import { applyChanges } from '../../../../shared/settings/registryValues';
import { validateChanges } from '../../../../shared/settings/validate';
import { randomCrashOnCtrlScroll } from './generators';
import { expectRoundTrips } from './random';

describe('CrashOnCtrlScroll model', () => {
  it('round-trips generated valid models for the three keyboard drivers', () => {
    expectRoundTrips(200, {
      generate: randomCrashOnCtrlScroll, validate: validateCrashOnCtrlScroll, toRegistry: crashOnCtrlScrollToRegistry, fromRegistry: crashOnCtrlScrollFromRegistry,
    });
  });

  it('writes the documented keys (hand-built sample: USB keyboard on)', () => {
    const changes = crashOnCtrlScrollToRegistry({ i8042prt: {}, kbdhid: { crashOnCtrlScroll: true }, hyperkbd: {} });
    expect(applyChanges([], changes)).toEqual([
      { key: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\kbdhid\\Parameters', name: 'CrashOnCtrlScroll', value: { type: 'REG_DWORD', data: 1 } },
    ]);
  });

  it('says what the user presses and which bug check follows', () => {
    expect(crashSequence({ crashOnCtrlScroll: true })).toBe(
      'Hold the right Ctrl key and press Scroll Lock twice. Windows stops with bug check 0xE2 MANUALLY_INITIATED_CRASH and writes the configured memory dump.',
    );
    // Microsoft's example: Dump1Keys = 2, Dump2Key = 0x3D is right Ctrl + Space twice.
    expect(crashSequence({ dump1Keys: 0x02, dump2Key: 0x3d })).toMatch(/^Hold Right Ctrl and press Space twice\. Windows stops with bug check 0xE2/);
    expect(crashSequence({ dump1Keys: 0x11, dump2Key: dump2KeyIndex('F12') })).toMatch(/^Hold Right Shift or Left Shift and press F12 twice/);
    expect(crashSequence({})).toBeUndefined();
  });

  it('knows the scan-code table: 134 positions, SysRq at 124, Scroll Lock at 125', () => {
    expect(DUMP2KEY_SCAN_CODES).toHaveLength(134);
    expect(dump2KeyName(0x3d)).toBe('Space');
    expect(dump2KeyName(124)).toBe('SysRq (Print Screen)');
    expect(dump2KeyName(125)).toBe('Scroll Lock');
    expect(dump2KeyName(0)).toBeUndefined();
    expect(describeValue(CRASHDUMP_KEY('kbdhid'), 'Dump1Keys', { type: 'REG_DWORD', data: 0x11 })).toBe('0x11 (Right Shift | Left Shift)');
    expect(describeValue(CRASHDUMP_KEY('kbdhid'), 'Dump2Key', { type: 'REG_DWORD', data: 0x3d })).toBe('61 (Space)');
  });

  it('rejects empty table positions, unknown modifier bits, half sequences and a sequence with CrashOnCtrlScroll on', () => {
    const set = (key: string, name: string, data: number) => ({ op: 'set' as const, key, name, value: { type: 'REG_DWORD' as const, data } });
    expect(validateChanges([set(CRASHDUMP_KEY('i8042prt'), 'Dump2Key', 29)])[0]!.message).toBe(
      'Dump2Key = 29: is not a key position the keyboard drivers know (0 to 133, excluding empty positions)',
    );
    expect(validateChanges([set(CRASHDUMP_KEY('i8042prt'), 'Dump1Keys', 0x08)])[0]!.message).toBe('Dump1Keys = 0x8: bits 0x8 have no documented meaning here');
    expect(validateChanges([set(PARAMETERS_KEY('hyperkbd'), 'CrashOnCtrlScroll', 2)])[0]!.message).toMatch(/^CrashOnCtrlScroll = 2: only 0/);
    const model = { i8042prt: { dump1Keys: 2 }, kbdhid: { crashOnCtrlScroll: true, dump1Keys: 2, dump2Key: 0x3d }, hyperkbd: {} };
    expect(validateCrashOnCtrlScroll(model).map((p) => p.message)).toEqual([
      'Dump2Key: a custom sequence needs both Dump1Keys (key to hold) and Dump2Key (key to press twice)',
      'CrashOnCtrlScroll = 1: must be 0 or absent when Dump1Keys/Dump2Key define another sequence',
    ]);
  });
});
