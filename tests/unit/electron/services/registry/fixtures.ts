// Shared test data: a registry seeded from the real CrashControl and AeDebug
// exports in ../shared/corpus/reg, and a list of changes touching every kind
// of write (change, add, delete value, new key, delete key).
import { parseRegFile, type RegFile, type RegOp } from '../../../../../shared/formats/regfile/index';

import { RegistryTree } from '../../../../../electron/services/registry/registryTree';
import type { RegistryBackend } from '../../../../../electron/services/registry/backend';
import { readCorpus } from '../../../../helpers/corpus';

export const CRASH = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl';
export const LOCALDUMPS = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting\\LocalDumps';

export function seedRegistry(): RegFile {
  const crash = parseRegFile(readCorpus('reg', 'lowleveldesign_debug-recipes_aedebug-md_CrashControl-export.utf8.reg.txt'));
  const aedebug = parseRegFile(readCorpus('reg', 'lowleveldesign_debug-recipes_aedebug-procdump.reg'));
  // An empty subkey: deleting its parent and undoing must bring it back too.
  const empty = { path: `${CRASH}\\StorageTelemetry\\Empty`, deleted: false, values: [] };
  return { ...crash, keys: [...crash.keys, empty, ...aedebug.keys] };
}

export const CHANGES: RegOp[] = [
  { op: 'set', key: CRASH, name: 'CrashDumpEnabled', value: { type: 'REG_DWORD', data: 3 } }, // 7 → 3
  { op: 'set', key: CRASH, name: 'MinidumpsCount', value: { type: 'REG_DWORD', data: 50 } }, // unchanged: not written
  { op: 'delete-value', key: CRASH, name: 'Overwrite' },
  { op: 'set', key: CRASH, name: 'AlwaysKeepMemoryDump', value: { type: 'REG_DWORD', data: 1 } }, // new value
  { op: 'create-key', key: LOCALDUMPS }, // an empty LocalDumps key turns local dumps on
  { op: 'set', key: `${LOCALDUMPS}\\MyApp.exe`, name: 'DumpType', value: { type: 'REG_DWORD', data: 2 } }, // new keys
  { op: 'set', key: `${LOCALDUMPS}\\MyApp.exe`, name: 'DumpFolder', value: { type: 'REG_EXPAND_SZ', data: '%LOCALAPPDATA%\\CrashDumps' } },
  { op: 'delete-key', key: `${CRASH}\\StorageTelemetry` },
];

/** Order-insensitive picture of everything stored: what "fully old" / "fully new" compare. */
export function stateOf(file: RegFile): string[] {
  const lines: string[] = [];
  for (const k of file.keys) {
    lines.push(`[${k.path.toLowerCase()}]`);
    for (const v of k.values) {
      if ('value' in v) lines.push(`${k.path.toLowerCase()} | ${v.name.toLowerCase()} = ${JSON.stringify(v.value, (_, x) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? Array.from(x) : x))}`);
    }
  }
  return lines.sort();
}

export function expectedAfter(seed: RegFile, changes: readonly RegOp[]): string[] {
  const tree = RegistryTree.fromRegFile(seed);
  for (const c of changes) tree.apply(c);
  return stateOf(tree.toRegFile());
}

/** Full picture read through the backend interface, for backends without a snapshot(). */
export async function stateThrough(backend: RegistryBackend, roots: string[]): Promise<string[]> {
  return stateOf(await backend.exportKeys(roots));
}
