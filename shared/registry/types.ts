/**
 * Registry values as DumpDesk models them, shared by the .reg file format
 * (shared/formats/regfile), the settings models (shared/settings) and the
 * registry backends (electron/services/registry).
 *
 * Key paths use the long hive names regedit exports use:
 * "HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\CrashControl".
 * The default value of a key has the name "" (regedit writes it as `@`).
 */

export type RegValue =
  | { type: 'REG_SZ'; data: string }
  | { type: 'REG_EXPAND_SZ'; data: string }
  | { type: 'REG_MULTI_SZ'; data: string[] }
  | { type: 'REG_DWORD'; data: number }
  | { type: 'REG_QWORD'; data: bigint }
  | { type: 'REG_BINARY'; data: Uint8Array }
  /** Any other type id (REG_NONE = 0, REG_LINK = 6, hex(n) in .reg files), kept as raw bytes. */
  | { type: 'REG_RAW'; typeId: number; data: Uint8Array };

export type RegValueType = RegValue['type'];

/** One value in one key. */
export interface RegEntry {
  key: string;
  name: string;
  value: RegValue;
}

/** A single change to apply to the registry. */
export type RegChange =
  | { op: 'set'; key: string; name: string; value: RegValue }
  | { op: 'delete-value'; key: string; name: string }
  | { op: 'delete-key'; key: string };

/** The values of one key (name → value), as read from a backend or a file. */
export type RegKeyValues = Map<string, RegValue>;
