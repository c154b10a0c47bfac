import { safe } from '../session';
import { kdbgPointer } from './kdbgPointers';
import { objectLayout, typeIndexEncoded, type ObjectLayout } from './objectLayout';
import { readUnicodeString } from './objectUnicode';
import type { KernelTarget } from './target';

/** An object's header, read at body − Body offset. */
export interface ObjectHeader {
  body: bigint;
  header: bigint;
  pointerCount: bigint;
  handleCount: bigint;
  /** TypeIndex as stored (encoded on Windows 10+). */
  storedTypeIndex: number;
  infoMask: number;
  /** From _OBJECT_HEADER_NAME_INFO when InfoMask has bit 0x02 and the page is present. */
  nameInfo?: { directory: bigint; name: string };
}

export interface ObjectType {
  /** The OBJECT_TYPE's body address (what WinDbg prints in "Type: (…)"). */
  address: bigint;
  name: string;
  index: number;
}

export interface DirectoryEntry {
  bucket: number;
  object: bigint;
  name?: string;
}

export interface DirectoryListing {
  entries: DirectoryEntry[];
  /** Why the walk stopped early (loop, cap, unreadable entry). */
  stopped?: string;
}

/** Chains in dump memory may loop or be garbage: a bucket longer than this is cut. */
const MAX_CHAIN = 4096;
/** And a directory with more entries than this is cut (\BaseNamedObjects holds thousands). */
const MAX_ENTRIES = 32768;

/**
 * The object manager's namespace in a kernel or complete dump: headers, names,
 * directories, and object types. Types need the TypeIndex decoded: from
 * Windows 10 it is stored XORed with nt!ObHeaderCookie and the header address's
 * second byte. Without nt symbols the cookie is not readable, so it is derived
 * from an object whose type is known: the root directory
 * (KDDEBUGGER_DATA64.ObpRootDirectoryObject) is a Directory, and \ObjectTypes
 * lists every OBJECT_TYPE with its Name and Index, which gives Directory's
 * index. The result is checked against \ObjectTypes' own header (a Directory)
 * before it is used.
 */
export class ObjectManager {
  readonly layout: ObjectLayout | undefined;
  private readonly noLayout: string | undefined;
  private typeTable?: { byIndex: Map<number, ObjectType>; cookie: number; reason?: undefined } | { reason: string };

  constructor(readonly t: KernelTarget) {
    const l = objectLayout(t.is64, t.layout.build);
    if (typeof l === 'string') this.noLayout = l;
    else this.layout = l;
  }

  /** Why objects cannot be decoded at all (undefined when they can). */
  get unsupported(): string | undefined {
    return this.noLayout;
  }

  /** The root directory's body address, or the reason it is unknown. */
  root(): bigint | string {
    const at = kdbgPointer(this.t.dump, 'ObpRootDirectoryObject');
    if (at === undefined) return "the dump's KDDEBUGGER_DATA64 does not give ObpRootDirectoryObject";
    const root = this.t.readPointer(at);
    if (root === undefined) return `nt!ObpRootDirectoryObject (${this.t.p(at)}) is not in the dump`;
    if (root === 0n) return 'nt!ObpRootDirectoryObject is 0';
    return root;
  }

  header(body: bigint): ObjectHeader | undefined {
    const l = this.layout;
    if (!l) return undefined;
    const header = body - BigInt(l.body);
    const v = this.t.view(header, l.body, '_OBJECT_HEADER');
    const pc = v?.ptr(l.pointerCount);
    const hc = v?.ptr(l.handleCount);
    const ti = v?.u8(l.typeIndex);
    const im = v?.u8(l.infoMask);
    if (pc === undefined || hc === undefined || ti === undefined || im === undefined) return undefined;
    const bits = l.ptr * 8;
    const h: ObjectHeader = { body, header, pointerCount: BigInt.asIntN(bits, pc), handleCount: BigInt.asIntN(bits, hc), storedTypeIndex: ti, infoMask: im };
    if (im & 0x02) {
      // Optional headers sit below the header, lowest InfoMask bit nearest: CreatorInfo (0x01), then NameInfo (0x02).
      const at = header - BigInt((im & 0x01 ? l.creatorInfoSize : 0) + l.nameInfoSize);
      const dir = this.t.readPointer(at + BigInt(l.nameInfoDirectory));
      const name = readUnicodeString(this.t, at + BigInt(l.nameInfoName));
      if (dir !== undefined && name !== undefined) h.nameInfo = { directory: dir, name };
    }
    return h;
  }

  /** The object's type, or why it is unknown. */
  typeOf(h: ObjectHeader): ObjectType | string {
    const table = this.types();
    if (table.reason !== undefined) return table.reason;
    const index = this.decode(h, table.cookie);
    return table.byIndex.get(index) ?? `TypeIndex ${index} is not in \\ObjectTypes`;
  }

  private decode(h: ObjectHeader, cookie: number): number {
    if (!typeIndexEncoded(this.t.layout.build)) return h.storedTypeIndex;
    return (h.storedTypeIndex ^ cookie ^ Number((h.header >> 8n) & 0xffn)) & 0xff;
  }

  private types(): NonNullable<ObjectManager['typeTable']> {
    if (!this.typeTable) this.typeTable = safe(() => this.buildTypes(), { reason: 'the object types could not be read' });
    return this.typeTable;
  }

  private buildTypes(): NonNullable<ObjectManager['typeTable']> {
    const l = this.layout;
    if (!l) return { reason: this.noLayout ?? 'no layout' };
    const root = this.root();
    if (typeof root === 'string') return { reason: root };
    const typesDir = this.find(root, 'ObjectTypes');
    if (typesDir === undefined) return { reason: 'the root directory has no readable \\ObjectTypes directory' };
    const byIndex = new Map<number, ObjectType>();
    for (const e of this.list(typesDir).entries) {
      const v = this.t.view(e.object, l.typeIndexInType + 1, '_OBJECT_TYPE');
      const index = v?.u8(l.typeIndexInType);
      const name = readUnicodeString(this.t, e.object + BigInt(l.typeName));
      if (index !== undefined && name !== undefined) byIndex.set(index, { address: e.object, name, index });
    }
    if (!typeIndexEncoded(this.t.layout.build)) return { byIndex, cookie: 0 };
    const directory = [...byIndex.values()].find((x) => x.name === 'Directory');
    const rootHeader = this.header(root);
    const typesHeader = this.header(typesDir);
    if (!directory || !rootHeader || !typesHeader) {
      return { reason: 'nt!ObHeaderCookie is unknown without symbols and \\ObjectTypes does not list the Directory type to derive it from' };
    }
    const cookie = (rootHeader.storedTypeIndex ^ Number((rootHeader.header >> 8n) & 0xffn) ^ directory.index) & 0xff;
    // \ObjectTypes is a Directory too: the same cookie must decode its header to the same index.
    if (this.decode(typesHeader, cookie) !== directory.index) {
      return { reason: 'the TypeIndex cookie derived from the root directory does not decode \\ObjectTypes as a Directory (corrupt headers?)' };
    }
    return { byIndex, cookie };
  }

  /** The entries of a directory object, bucket by bucket, in chain order. */
  list(dir: bigint): DirectoryListing {
    const l = this.layout;
    if (!l) return { entries: [], stopped: this.noLayout };
    const v = this.t.view(dir, l.buckets * l.ptr, '_OBJECT_DIRECTORY');
    if (!v || v.size < l.buckets * l.ptr) return { entries: [], stopped: `the directory's hash buckets at ${this.t.p(dir)} are not in the dump` };
    const entries: DirectoryEntry[] = [];
    const seen = new Set<bigint>();
    for (let b = 0; b < l.buckets; b++) {
      let e = v.ptr(b * l.ptr) ?? 0n;
      for (let n = 0; e !== 0n; n++) {
        if (seen.has(e)) return { entries, stopped: `hash bucket ${b} loops back to entry ${this.t.p(e)}` };
        if (n >= MAX_CHAIN || entries.length >= MAX_ENTRIES) return { entries, stopped: `more than ${n >= MAX_CHAIN ? MAX_CHAIN : MAX_ENTRIES} entries${n >= MAX_CHAIN ? ` in hash bucket ${b}` : ''}` };
        seen.add(e);
        const next = this.t.readPointer(e + BigInt(l.entryChainLink));
        const object = this.t.readPointer(e + BigInt(l.entryObject));
        if (next === undefined || object === undefined) return { entries, stopped: `directory entry ${this.t.p(e)} is not in the dump` };
        entries.push({ bucket: b, object, name: this.header(object)?.nameInfo?.name });
        e = next;
      }
    }
    return { entries };
  }

  /** A named entry of a directory (names compare case-insensitively, as the object manager does). */
  find(dir: bigint, name: string): bigint | undefined {
    const want = name.toLowerCase();
    return this.list(dir).entries.find((e) => e.name?.toLowerCase() === want)?.object;
  }

  /** `\Driver\Ntfs` → the object's body; a string says which component failed. */
  lookup(path: string): bigint | string {
    const root = this.root();
    if (typeof root === 'string') return root;
    let at = root;
    for (const part of path.split('\\').filter(Boolean)) {
      const next = this.find(at, part);
      if (next === undefined) return `${part} not found`;
      at = next;
    }
    return at;
  }

  /**
   * A SymbolicLink's LinkTarget. In the Windows 10 1809 layout (ntdiff RS5) the field shares a
   * union with a callback pair (Callback, CallbackContext) for a few kernel links; a value that is not a
   * plausible UNICODE_STRING (odd Length, Length above MaximumLength) is treated as such.
   */
  linkTarget(body: bigint): string | undefined {
    const l = this.layout;
    if (!l) return undefined;
    const v = this.t.view(body + BigInt(l.linkTarget), 4, 'UNICODE_STRING');
    const len = v?.u16(0);
    const max = v?.u16(2);
    if (len === undefined || max === undefined || len & 1 || len > max) return undefined;
    return readUnicodeString(this.t, body + BigInt(l.linkTarget));
  }

  /** The object's own name (NameInfo), or undefined. */
  nameOf(body: bigint): string | undefined {
    return this.header(body)?.nameInfo?.name;
  }
}

const managers = new WeakMap<KernelTarget, ObjectManager>();

export function objectManager(t: KernelTarget): ObjectManager {
  let m = managers.get(t);
  if (!m) {
    m = new ObjectManager(t);
    managers.set(t, m);
  }
  return m;
}
