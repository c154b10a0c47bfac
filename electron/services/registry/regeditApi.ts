/**
 * The part of the `regedit` npm package (v5) DumpDesk uses: its promise API,
 * described from its README and source because its bundled .d.ts lacks
 * deleteValue/listUnexpandedValues and types REG_QWORD as a number.
 * Every call runs a Windows Script Host script (cscript + .wsf/.vbs files).
 */
export interface RegeditListed {
  exists: boolean;
  keys: string[];
  values: Record<string, { type: string; value: unknown }>;
}

export type RegeditPutType = 'REG_SZ' | 'REG_EXPAND_SZ' | 'REG_DWORD' | 'REG_QWORD' | 'REG_MULTI_SZ' | 'REG_BINARY' | 'REG_DEFAULT';

export interface RegeditApi {
  /** Where the .wsf/.vbs files are; needed when they are packed in an asar archive. Returns 'Folder found and set' or 'Folder not found'. */
  setExternalVBSLocation(dir: string): string;
  promisified: {
    /** Keys by short hive name ("HKLM\\…"). REG_EXPAND_SZ values come back expanded (in the WMI service's SYSTEM context). */
    list(keys: string[]): Promise<Record<string, RegeditListed>>;
    /** "KEY\\valueName" (or "KEY\\" for the default value) → the raw, unexpanded value. */
    listUnexpandedValues(paths: string[]): Promise<{ path: string; exists: boolean; value: unknown }[]>;
    createKey(keys: string[]): Promise<void>;
    /** Deletes keys that have no subkeys (WMI's DeleteKey is not recursive). */
    deleteKey(keys: string[]): Promise<void>;
    /** "KEY\\valueName": the name is everything after the last backslash. */
    deleteValue(paths: string[]): Promise<void>;
    putValue(map: Record<string, Record<string, { type: RegeditPutType; value: unknown }>>): Promise<void>;
  };
}

/** Loads the real package; only called on Windows (tests replace it with vi.mock). */
export async function loadRegedit(): Promise<RegeditApi> {
  const mod = (await import('regedit')) as unknown as { default?: RegeditApi } & RegeditApi;
  return mod.default ?? mod;
}

/**
 * The folder of regedit's scripts outside the asar archive. electron-builder
 * unpacks them to app.asar.unpacked when they are listed in `asarUnpack`
 * (e.g. "node_modules/regedit/vbs/**"): cscript cannot read files inside an asar.
 */
export function unpackedVbsDir(vbsDirInsideApp: string): string {
  return vbsDirInsideApp.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
