/**
 * Crashing Windows from the keyboard: hold right Ctrl and press Scroll Lock
 * twice, and the keyboard driver calls KeBugCheck(0xE2,
 * MANUALLY_INITIATED_CRASH), so that a hung machine still writes a dump
 * (reference §1.6). One setting per keyboard driver; restart to apply.
 */
import type { RegChange, RegEntry } from '../registry/types';
import { checkChanges } from './checkChanges';
import { dump2KeyName, DUMP2KEY_SCAN_CODES } from './keyboardScanCodes';
import type { KeySpec } from './keySpec';
import type { SettingProblem } from './problem';
import { decodeFields, encodeFields, valuesOfKey, type FieldMap } from './registryValues';
import { dwordBits, dwordSwitch, type ValueDef } from './valueDef';

export type KeyboardDriver = 'i8042prt' | 'kbdhid' | 'hyperkbd';

export const KEYBOARD_DRIVERS: readonly { id: KeyboardDriver; label: string; help: string }[] = [
  { id: 'i8042prt', label: 'PS/2 keyboard', help: 'Desktop PS/2 keyboards and the built-in keyboard of many laptops (Windows 2000 and later).' },
  { id: 'kbdhid', label: 'USB keyboard', help: 'USB and other HID keyboards (Windows Vista and later; earlier versions needed hotfixes). Runs at a lower priority than PS/2, so it may not work when the machine hangs hard.' },
  { id: 'hyperkbd', label: 'Hyper-V keyboard', help: 'The synthetic keyboard of a Hyper-V virtual machine (Windows 10 1903 and later).' },
];

/** The stop code the keyboard crash produces. */
export const MANUALLY_INITIATED_CRASH = { code: 0xe2, name: 'MANUALLY_INITIATED_CRASH' } as const;

export const PARAMETERS_KEY = (driver: KeyboardDriver) => `HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\${driver}\\Parameters`;
export const CRASHDUMP_KEY = (driver: KeyboardDriver) => `HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\${driver}\\crashdump`;

/** Dump1Keys bits: the key(s) held down. */
export const DUMP1_KEYS: readonly { mask: number; name: string }[] = [
  { mask: 0x01, name: 'Right Shift' },
  { mask: 0x02, name: 'Right Ctrl' },
  { mask: 0x04, name: 'Right Alt' },
  { mask: 0x10, name: 'Left Shift' },
  { mask: 0x20, name: 'Left Ctrl' },
  { mask: 0x40, name: 'Left Alt' },
];

export interface KeyboardCrashSettings {
  crashOnCtrlScroll?: boolean;
  /** Bits of DUMP1_KEYS: the key held down in a custom sequence. */
  dump1Keys?: number;
  /** Index into the driver's scan-code table: the key pressed twice. */
  dump2Key?: number;
}

export type CrashOnCtrlScrollModel = Record<KeyboardDriver, KeyboardCrashSettings>;

const CRASH_ON_CTRL_SCROLL = dwordSwitch({
  name: 'CrashOnCtrlScroll',
  label: 'Crash on right Ctrl + Scroll Lock twice',
  help: 'Hold the right Ctrl key and press Scroll Lock twice to stop Windows with bug check 0xE2 and write a memory dump. For a machine that hangs.',
  on: 'right Ctrl + Scroll Lock twice crashes the machine (0xE2)',
  off: 'keyboard crash off',
});

const DUMP1_KEYS_DEF = dwordBits({
  name: 'Dump1Keys',
  label: 'Key to hold',
  help: 'The key held down in a custom crash sequence. Several bits mean any of them, e.g. 0x11 = either Shift.',
  bits: DUMP1_KEYS,
});

const DUMP2_KEY_DEF: ValueDef<number> = {
  name: 'Dump2Key',
  types: ['REG_DWORD'],
  label: 'Key to press twice',
  help: 'The key pressed twice in a custom crash sequence, as a position in the keyboard driver\'s table (not a scan code): 0x3D is Space.',
  check: (v) => (v.type === 'REG_DWORD' && !dump2KeyName(v.data) ? `is not a key position the keyboard drivers know (0 to ${DUMP2KEY_SCAN_CODES.length - 1}, excluding empty positions)` : undefined),
  meaning: (v) => (v.type === 'REG_DWORD' ? dump2KeyName(v.data) : undefined),
  decode: (v) => (v.type === 'REG_DWORD' ? v.data : undefined),
  encode: (n) => ({ type: 'REG_DWORD', data: n }),
};

const PARAMETER_FIELDS: FieldMap<Pick<KeyboardCrashSettings, 'crashOnCtrlScroll'>> = { crashOnCtrlScroll: CRASH_ON_CTRL_SCROLL };
const CRASHDUMP_FIELDS: FieldMap<Pick<KeyboardCrashSettings, 'dump1Keys' | 'dump2Key'>> = { dump1Keys: DUMP1_KEYS_DEF, dump2Key: DUMP2_KEY_DEF };

export const CRASH_ON_CTRL_SCROLL_SPECS: readonly KeySpec[] = KEYBOARD_DRIVERS.flatMap(({ id, label }) => [
  { key: PARAMETERS_KEY(id), title: `Keyboard crash (${label})`, values: [CRASH_ON_CTRL_SCROLL] },
  {
    key: CRASHDUMP_KEY(id),
    title: `Custom keyboard crash sequence (${label})`,
    values: [DUMP1_KEYS_DEF, DUMP2_KEY_DEF],
  },
]);

export function crashOnCtrlScrollFromRegistry(entries: readonly RegEntry[]): CrashOnCtrlScrollModel {
  const read = (d: KeyboardDriver): KeyboardCrashSettings => ({
    ...decodeFields(valuesOfKey(entries, PARAMETERS_KEY(d)), PARAMETER_FIELDS),
    ...decodeFields(valuesOfKey(entries, CRASHDUMP_KEY(d)), CRASHDUMP_FIELDS),
  });
  return { i8042prt: read('i8042prt'), kbdhid: read('kbdhid'), hyperkbd: read('hyperkbd') };
}

export function crashOnCtrlScrollToRegistry(model: CrashOnCtrlScrollModel): RegChange[] {
  return KEYBOARD_DRIVERS.flatMap(({ id }) => {
    const { crashOnCtrlScroll, dump1Keys, dump2Key } = model[id];
    return [
      ...encodeFields({ crashOnCtrlScroll }, PARAMETER_FIELDS, PARAMETERS_KEY(id)),
      ...encodeFields({ dump1Keys, dump2Key }, CRASHDUMP_FIELDS, CRASHDUMP_KEY(id)),
    ];
  });
}

export function validateCrashOnCtrlScroll(model: CrashOnCtrlScrollModel): SettingProblem[] {
  const problems = checkChanges(crashOnCtrlScrollToRegistry(model), CRASH_ON_CTRL_SCROLL_SPECS);
  for (const { id } of KEYBOARD_DRIVERS) {
    const s = model[id];
    const key = CRASHDUMP_KEY(id);
    if ((s.dump1Keys === undefined) !== (s.dump2Key === undefined)) {
      const missing = s.dump1Keys === undefined ? 'Dump1Keys' : 'Dump2Key';
      problems.push({ key, name: missing, message: `${missing}: a custom sequence needs both Dump1Keys (key to hold) and Dump2Key (key to press twice)` });
    }
    if (s.dump1Keys === 0) problems.push({ key, name: 'Dump1Keys', message: 'Dump1Keys = 0: names no key to hold' });
    if (s.crashOnCtrlScroll && s.dump1Keys !== undefined) {
      problems.push({ key: PARAMETERS_KEY(id), name: 'CrashOnCtrlScroll', message: 'CrashOnCtrlScroll = 1: must be 0 or absent when Dump1Keys/Dump2Key define another sequence' });
    }
  }
  return problems;
}

/**
 * What the user presses for one driver's settings, and what follows, in
 * plain words; undefined when the keyboard crash is off for that driver.
 */
export function crashSequence(s: KeyboardCrashSettings): string | undefined {
  const result = `Windows stops with bug check 0x${MANUALLY_INITIATED_CRASH.code.toString(16).toUpperCase()} ${MANUALLY_INITIATED_CRASH.name} and writes the configured memory dump.`;
  if (s.dump1Keys && s.dump2Key !== undefined) {
    const hold = DUMP1_KEYS.filter((k) => (s.dump1Keys! & k.mask) !== 0).map((k) => k.name).join(' or ');
    const press = dump2KeyName(s.dump2Key);
    if (!press) return undefined;
    return `Hold ${hold} and press ${press} twice. ${result}`;
  }
  if (s.crashOnCtrlScroll) return `Hold the right Ctrl key and press Scroll Lock twice. ${result}`;
  return undefined;
}
