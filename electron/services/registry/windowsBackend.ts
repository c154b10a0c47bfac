/**
 * The Windows registry through the `regedit` package (Windows Script Host +
 * WMI StdRegProv; no native code).
 *
 * Its limits are checked before anything is written, so a value it would
 * store wrongly is refused, never half-written: it splits REG_MULTI_SZ on
 * commas, trims leading/trailing spaces, cannot write empty lines, REG_QWORD
 * above 2^53, other types, or a default value that is not REG_SZ; its list()
 * expands REG_EXPAND_SZ (so those are re-read unexpanded); its deleteKey is
 * not recursive (so subtrees are deleted deepest first). Each change is its
 * own call, so a failure names exactly the value that failed.
 */
import type { RegFile } from '../../../shared/formats/regfile/index';
import type { RegOp } from '../../../shared/formats/regfile/index';
import type { RegKeyValues, RegValue } from '../../../shared/registry/types';
import type { RegistryBackend } from './backend';
import { exportRegistryKeys } from './exportKeys';
import type { RegeditApi, RegeditPutType } from './regeditApi';
import { isElevated } from './elevation';
import { RegistryError, describeTarget } from './registryError';

const SHORT_HIVES: Record<string, string> = {
  HKEY_LOCAL_MACHINE: 'HKLM',
  HKEY_CURRENT_USER: 'HKCU',
  HKEY_CLASSES_ROOT: 'HKCR',
  HKEY_USERS: 'HKU',
  HKEY_CURRENT_CONFIG: 'HKCC',
};

// Codes regedit reports: 5 from the WMI Set*/Create*/Delete* methods, the other WMI's own "access denied".
const ACCESS_DENIED_CODES = new Set([5, 2147749891]);
const MAX_DEPTH = 64;

export interface WindowsBackendOptions {
  /** regedit's .wsf/.vbs folder outside the asar archive (see unpackedVbsDir); leave unset when not packaged. */
  vbsDir?: string;
  /** Asked once before the first write to HKLM/HKCR (default: elevation.ts). */
  isElevated?: () => Promise<boolean>;
}

/** Writes here need administrator rights (HKCR writes land in HKLM\SOFTWARE\Classes). */
const ADMIN_HIVES = ['HKLM', 'HKCR'];

export class WindowsBackend implements RegistryBackend {
  readonly description = 'Windows registry';

  private readonly isElevated: () => Promise<boolean>;

  constructor(
    private readonly api: RegeditApi,
    options: WindowsBackendOptions = {},
  ) {
    this.isElevated = options.isElevated ?? isElevated;
    if (options.vbsDir !== undefined && api.setExternalVBSLocation(options.vbsDir) !== 'Folder found and set') {
      throw new RegistryError(
        'unsupported',
        `regedit's scripts were not found in ${options.vbsDir}; a packaged app must unpack node_modules/regedit/vbs out of the asar archive`,
      );
    }
  }

  async readKey(key: string): Promise<RegKeyValues | undefined> {
    const short = toShortKey(key);
    const listed = (await this.call(() => this.api.promisified.list([short]), `reading [${key}]`))[short];
    if (!listed?.exists) return undefined;
    const out: RegKeyValues = new Map();
    for (const [name, v] of Object.entries(listed.values)) {
      if (v.type === 'REG_EXPAND_SZ') {
        if (name.includes('\\')) {
          throw new RegistryError('unsupported', `[${key}] "${name}": regedit cannot read a REG_EXPAND_SZ whose name holds a backslash without expanding it`);
        }
        const [raw] = await this.call(() => this.api.promisified.listUnexpandedValues([`${short}\\${name}`]), `reading [${key}] "${name}"`);
        out.set(name, { type: 'REG_EXPAND_SZ', data: String(raw?.value ?? '') });
      } else out.set(name, fromRegedit(v.type, v.value, key, name));
    }
    return out;
  }

  async listSubkeys(key: string): Promise<string[]> {
    const short = toShortKey(key);
    const listed = (await this.call(() => this.api.promisified.list([short]), `reading [${key}]`))[short];
    return listed?.exists ? [...listed.keys] : [];
  }

  async apply(changes: readonly RegOp[]): Promise<void> {
    changes.forEach((c, index) => checkWritable(c, index)); // refuse before the first write
    const needsAdmin = changes.findIndex((c) => ADMIN_HIVES.includes(toShortKey(c.key).split('\\')[0]!.toUpperCase()));
    if (needsAdmin >= 0 && !(await this.isElevated())) {
      const change = changes[needsAdmin]!;
      throw new RegistryError(
        'access-denied',
        `${describeTarget(change)}: changing ${change.key.split('\\')[0]} needs administrator rights; run DumpDesk as administrator. Nothing was written`,
        { change, index: needsAdmin },
      );
    }
    for (const [index, change] of changes.entries()) {
      const where = { change, index };
      const short = toShortKey(change.key);
      if (change.op === 'set') {
        await this.call(() => this.api.promisified.createKey([short]), describeTarget(change), where);
        const put =
          change.name === ''
            ? { DumpDeskDefault: { type: 'REG_DEFAULT' as const, value: change.value.data } } // regedit's way to name the default value
            : { [change.name]: toRegedit(change.value) };
        await this.call(() => this.api.promisified.putValue({ [short]: put }), describeTarget(change), where);
      } else if (change.op === 'create-key') {
        await this.call(() => this.api.promisified.createKey([short]), describeTarget(change), where);
      } else if (change.op === 'delete-value') {
        await this.call(() => this.api.promisified.deleteValue([`${short}\\${change.name}`]), describeTarget(change), where);
      } else {
        await this.deleteTree(change.key, 0, where);
      }
    }
  }

  exportKeys(keys: readonly string[]): Promise<RegFile> {
    return exportRegistryKeys(this, keys);
  }

  private async deleteTree(key: string, depth: number, where: { change: RegOp; index: number }): Promise<void> {
    const short = toShortKey(key);
    const listed = (await this.call(() => this.api.promisified.list([short]), `reading [${key}]`, where))[short];
    if (!listed?.exists) return;
    if (depth < MAX_DEPTH) for (const sub of listed.keys) await this.deleteTree(`${key}\\${sub}`, depth + 1, where);
    await this.call(() => this.api.promisified.deleteKey([short]), `deleting [${key}]`, where);
  }

  /** Runs one regedit call, turning its errors into RegistryError (access denied named as such). */
  private async call<T>(run: () => Promise<T>, what: string, where?: { change: RegOp; index: number }): Promise<T> {
    try {
      return await run();
    } catch (e) {
      const err = e as { code?: unknown; message?: unknown; description?: unknown };
      const detail = [err.message, err.description].filter(Boolean).join(': ') || String(e);
      if (ACCESS_DENIED_CODES.has(Number(err.code)) || /access is denied|AccessDenied/i.test(String(err.message))) {
        throw new RegistryError(
          'access-denied',
          `${what}: access is denied. Changing HKEY_LOCAL_MACHINE needs administrator rights: run DumpDesk as administrator (${detail})`,
          where,
        );
      }
      const failure = where ? 'write-failed' : 'read-failed';
      throw new RegistryError(failure, `${what}: regedit failed${err.code !== undefined ? ` with code ${String(err.code)}` : ''}: ${detail}`, where);
    }
  }
}

export function toShortKey(key: string): string {
  const k = key.indexOf('\\');
  const hive = (k < 0 ? key : key.slice(0, k)).toUpperCase();
  const short = SHORT_HIVES[hive] ?? (Object.values(SHORT_HIVES).includes(hive) ? hive : undefined);
  if (!short) throw new RegistryError('unsupported', `[${key}]: regedit supports only ${Object.keys(SHORT_HIVES).join(', ')}`);
  return k < 0 ? short : short + key.slice(k);
}

/** Throws 'unsupported' when regedit would store this change differently from what was asked. */
function checkWritable(change: RegOp, index: number): void {
  const refuse = (why: string) => {
    throw new RegistryError('unsupported', `${describeTarget(change)}: ${why}; nothing was written`, { change, index });
  };
  toShortKey(change.key);
  if (change.op === 'delete-key' || change.op === 'create-key') return;
  if (change.name !== change.name.trim()) refuse('regedit trims spaces around value names');
  if (change.op === 'delete-value') {
    if (change.name.includes('\\')) refuse('regedit cannot delete a value whose name holds a backslash');
    return;
  }
  if (change.name === '' && change.value.type !== 'REG_SZ') refuse('regedit can set a default value only as REG_SZ');
  const v = change.value;
  switch (v.type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      if (v.data !== v.data.trim()) refuse('regedit trims leading and trailing spaces of strings');
      if (v.type === 'REG_EXPAND_SZ' && v.data === '') refuse('regedit cannot write an empty REG_EXPAND_SZ');
      return;
    case 'REG_MULTI_SZ':
      if (v.data.length === 0) refuse('regedit cannot write an empty REG_MULTI_SZ');
      if (v.data.some((s) => s.includes(','))) refuse('regedit splits REG_MULTI_SZ strings at commas, so a string with a comma would be cut');
      if (v.data.some((s) => s !== s.trim() || s === '')) refuse('regedit trims spaces and drops empty strings in REG_MULTI_SZ');
      return;
    case 'REG_BINARY':
      if (v.data.length === 0) refuse('regedit cannot write an empty REG_BINARY');
      return;
    case 'REG_QWORD':
      if (v.data < 0n || v.data > BigInt(Number.MAX_SAFE_INTEGER)) refuse('regedit passes REG_QWORD as a JavaScript number, exact only up to 2^53');
      return;
    case 'REG_DWORD':
      if (!Number.isInteger(v.data) || v.data < 0 || v.data > 0xffffffff) refuse(`REG_DWORD ${v.data} is outside 0..4294967295`);
      return;
    case 'REG_RAW':
      refuse(`regedit cannot write registry type ${v.typeId}`);
  }
}

function toRegedit(v: RegValue): { type: RegeditPutType; value: unknown } {
  switch (v.type) {
    case 'REG_BINARY':
      return { type: 'REG_BINARY', value: Array.from(v.data) };
    case 'REG_QWORD':
      return { type: 'REG_QWORD', value: Number(v.data) };
    case 'REG_RAW':
      throw new RegistryError('unsupported', `registry type ${v.typeId} cannot be written through regedit`);
    default:
      return { type: v.type, value: v.data };
  }
}

function fromRegedit(type: string, value: unknown, key: string, name: string): RegValue {
  switch (type) {
    case 'REG_SZ':
      return { type: 'REG_SZ', data: String(value) };
    case 'REG_DWORD':
      return { type: 'REG_DWORD', data: Number(value) };
    case 'REG_QWORD': {
      // regedit hands QWORDs over as JSON numbers: above 2^53 (FILETIMEs, say) the exact value is already lost.
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n < 0) {
        throw new RegistryError('unsupported', `[${key}] "${name}": regedit reports this REG_QWORD as ${String(value)}, which is not exact; it cannot be read safely`);
      }
      return { type: 'REG_QWORD', data: BigInt(n) };
    }
    case 'REG_MULTI_SZ':
      return { type: 'REG_MULTI_SZ', data: Array.isArray(value) ? value.map(String) : [] };
    case 'REG_BINARY':
      return { type: 'REG_BINARY', data: Uint8Array.from(Array.isArray(value) ? value.map(Number) : []) };
    case 'REG_NONE':
      return { type: 'REG_RAW', typeId: 0, data: new Uint8Array(0) }; // regedit reports REG_NONE without its data
    default:
      throw new RegistryError('unsupported', `[${key}] "${name}": regedit reported an unknown value type ${type}`);
  }
}
