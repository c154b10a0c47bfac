/**
 * The registry keys DumpDesk shows, exports and backs up as "crash settings"
 * (reference §1 and §2; Driver Verifier's VerifyDrivers/VerifyDriverLevel
 * are in Memory Management). `values` limits a key shared with unrelated settings
 * (Memory Management) to the values that matter here; `subtree` includes
 * subkeys (AeDebug\AutoExclusionList, LocalDumps\<app>.exe).
 */
import { defaultLayout, type RegFile, type RegFileKey } from '../../../shared/formats/regfile/index';
import { isDumpDeskError } from '../../../shared/errors';
import type { RegistryBackend } from './backend';
import { RegistryError } from './registryError';

export interface CrashSettingsKey {
  path: string;
  values?: readonly string[];
  subtree: boolean;
}

const HKLM = 'HKEY_LOCAL_MACHINE';
const SERVICES = `${HKLM}\\SYSTEM\\CurrentControlSet\\Services`;

export const CRASH_SETTINGS_KEYS: readonly CrashSettingsKey[] = [
  { path: `${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\CrashControl`, subtree: false },
  {
    path: `${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Memory Management`,
    values: ['PagingFiles', 'ExistingPageFiles', 'AutomaticManagedPagefile', 'TempPageFile', 'ClearPageFileAtShutdown', 'VerifyDrivers', 'VerifyDriverLevel'],
    subtree: false,
  },
  { path: `${HKLM}\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\AeDebug`, subtree: true },
  { path: `${HKLM}\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows NT\\CurrentVersion\\AeDebug`, subtree: true },
  { path: `${HKLM}\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting\\LocalDumps`, subtree: true },
  {
    path: `${HKLM}\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting`,
    values: ['Disabled', 'DontShowUI', 'DontSendAdditionalData', 'LoggingDisabled', 'DisableArchive', 'ForceQueue'],
    subtree: false,
  },
  { path: `${HKLM}\\SOFTWARE\\Microsoft\\DrWatson`, subtree: false },
  // CrashOnCtrlScroll per keyboard driver (PS/2, USB, Hyper-V); the custom key sequence lives in a crashdump subkey.
  ...['i8042prt', 'kbdhid', 'hyperkbd'].flatMap((driver) => [
    { path: `${SERVICES}\\${driver}\\Parameters`, values: ['CrashOnCtrlScroll'], subtree: false },
    { path: `${SERVICES}\\${driver}\\crashdump`, values: ['Dump1Keys', 'Dump2Key'], subtree: false },
  ]),
];

export interface CrashSettingsRead {
  spec: CrashSettingsKey;
  blocks: RegFileKey[];
  /** Why this key could not be read (the others still are); export refuses when any is set. */
  error?: string;
}

/** The crash settings as they are now, one block per key that exists (values filtered as above). */
export async function readCrashSettings(backend: RegistryBackend): Promise<CrashSettingsRead[]> {
  const out: CrashSettingsRead[] = [];
  for (const spec of CRASH_SETTINGS_KEYS) {
    try {
      out.push({ spec, blocks: await readOne(backend, spec) });
    } catch (e) {
      if (!isDumpDeskError(e)) throw e;
      out.push({ spec, blocks: [], error: e.message });
    }
  }
  return out;
}

async function readOne(backend: RegistryBackend, spec: CrashSettingsKey): Promise<RegFileKey[]> {
  let blocks: RegFileKey[];
  if (spec.subtree) {
    blocks = (await backend.exportKeys([spec.path])).keys;
  } else {
    const values = await backend.readKey(spec.path);
    blocks = values ? [{ path: spec.path, deleted: false, values: [...values].map(([name, value]) => ({ name, value })) }] : [];
  }
  if (spec.values) {
    const wanted = spec.values.map((v) => v.toLowerCase());
    for (const b of blocks) b.values = b.values.filter((v) => wanted.includes(v.name.toLowerCase()));
    // A shared key without any of our values is not ours to show or export (importing it would create it).
    blocks = blocks.filter((b) => b.values.length > 0);
  }
  return blocks;
}

/** The crash settings as a .reg document, ready for `settings export`. */
export async function exportCrashSettings(backend: RegistryBackend): Promise<RegFile> {
  const read = await readCrashSettings(backend);
  const failed = read.find((r) => r.error);
  if (failed) throw new RegistryError('read-failed', `cannot export [${failed.spec.path}]: ${failed.error}`);
  const keys = read.flatMap((s) => s.blocks);
  return { version: '5.00', keys, layout: defaultLayout('5.00') };
}
