// A recorded fake of the `regedit` package's promise API, behaving as its
// README and scripts describe (see electron/services/registry/regeditApi.ts):
// short hive names only, list() expands REG_EXPAND_SZ in the SYSTEM account's
// context (kessler/node-regedit#40), deleteKey refuses keys with subkeys
// (WMI StdRegProv.DeleteKey), errors carry regedit's numeric codes.
// Every call is recorded so tests can assert exactly what was sent.
import type { RegeditApi } from '../../../../../electron/services/registry/regeditApi';

type Stored = { type: string; value: unknown };

export class FakeRegedit implements RegeditApi {
  calls: [string, unknown][] = [];
  keys = new Map<string, { path: string; values: Map<string, { name: string } & Stored> }>();
  /** Reject this (0-based) write call with this error. */
  failWrite?: { at: number; error: Error & { code?: number } };
  denyWrites = false;
  private writeCalls = 0;

  constructor(initial: Record<string, Record<string, Stored>> = {}) {
    for (const [key, values] of Object.entries(initial)) {
      this.ensure(key);
      for (const [name, v] of Object.entries(values)) this.keys.get(key.toLowerCase())!.values.set(name.toLowerCase(), { name, ...v });
    }
  }

  setExternalVBSLocation(dir: string): string {
    this.calls.push(['setExternalVBSLocation', dir]);
    return dir === 'C:\\DumpDesk\\resources\\app.asar.unpacked\\node_modules\\regedit\\vbs' ? 'Folder found and set' : 'Folder not found';
  }

  promisified: RegeditApi['promisified'] = {
    list: async (keys) => {
      this.calls.push(['list', [...keys]]);
      const out: Awaited<ReturnType<RegeditApi['promisified']['list']>> = {};
      for (const k of keys) {
        this.checkHive(k);
        const stored = this.keys.get(k.toLowerCase());
        const sub = this.subkeys(k);
        if (!stored && sub.length === 0) {
          out[k] = { exists: false, keys: [], values: {} };
          continue;
        }
        const values: Record<string, Stored> = {};
        for (const v of stored?.values.values() ?? []) {
          values[v.name] = v.type === 'REG_EXPAND_SZ' ? { type: v.type, value: expandAsSystem(String(v.value)) } : { type: v.type, value: v.value };
        }
        out[k] = { exists: true, keys: sub, values };
      }
      return out;
    },
    listUnexpandedValues: async (paths) => {
      this.calls.push(['listUnexpandedValues', [...paths]]);
      return paths.map((p) => {
        const cut = p.lastIndexOf('\\');
        const v = this.keys.get(p.slice(0, cut).toLowerCase())?.values.get(p.slice(cut + 1).toLowerCase());
        return { path: p, exists: v !== undefined, value: v?.value };
      });
    },
    createKey: async (keys) => {
      this.write('createKey', [...keys]);
      for (const k of keys) this.ensure(k);
    },
    deleteKey: async (keys) => {
      this.write('deleteKey', [...keys]);
      for (const k of keys) {
        if (this.subkeys(k).length > 0) throw Object.assign(new Error('vbscript process reported unknown error code 5'), {});
        this.keys.delete(k.toLowerCase());
      }
    },
    deleteValue: async (paths) => {
      this.write('deleteValue', [...paths]);
      for (const p of paths) {
        const cut = p.lastIndexOf('\\');
        this.keys.get(p.slice(0, cut).toLowerCase())?.values.delete(p.slice(cut + 1).toLowerCase());
      }
    },
    putValue: async (map) => {
      this.write('putValue', structuredClone(map));
      for (const [key, values] of Object.entries(map)) {
        const stored = this.keys.get(key.toLowerCase());
        if (!stored) throw Object.assign(new Error('registry path does not exist'), { code: 2 });
        for (const [name, v] of Object.entries(values)) {
          if (v.type === 'REG_DEFAULT') stored.values.set('', { name: '', type: 'REG_SZ', value: v.value });
          else stored.values.set(name.toLowerCase(), { name, type: v.type, value: v.value });
        }
      }
    },
  };

  private write(method: string, args: unknown): void {
    this.calls.push([method, args]);
    const n = this.writeCalls++;
    // regedit's errors[5]: new Error('access is denied') with code 5.
    if (this.denyWrites) throw Object.assign(new Error('access is denied'), { code: 5 });
    if (this.failWrite?.at === n) throw this.failWrite.error;
  }

  private ensure(key: string): void {
    this.checkHive(key);
    if (!this.keys.has(key.toLowerCase())) this.keys.set(key.toLowerCase(), { path: key, values: new Map() });
  }

  private subkeys(key: string): string[] {
    const prefix = key.toLowerCase() + '\\';
    const names = new Set<string>();
    for (const { path } of this.keys.values()) if (path.toLowerCase().startsWith(prefix)) names.add(path.slice(prefix.length).split('\\')[0]!);
    return [...names];
  }

  private checkHive(key: string): void {
    // regedit's StringToHiveConst knows only the short names; anything else is its error 25122.
    if (!['HKLM', 'HKCU', 'HKCR', 'HKU', 'HKCC'].includes(key.split('\\')[0]!.toUpperCase())) {
      throw Object.assign(new Error('unsupported hive'), { code: 25122 });
    }
  }
}

/** What WMI does to REG_EXPAND_SZ in list(): expands in the service's SYSTEM context. */
function expandAsSystem(s: string): string {
  return s.replace(/%SystemRoot%/gi, 'C:\\Windows').replace(/%LOCALAPPDATA%/gi, 'C:\\Windows\\system32\\config\\systemprofile\\AppData\\Local');
}
