import { MemoryByteSource } from '../../bytes/byteSource';
import { Reader } from '../../bytes/reader';
import { DumpFormatError } from '../../errors';
import type { PeImage } from './peImage';
import {
  IMAGE_DIRECTORY_ENTRY_RESOURCE, IMAGE_RESOURCE_DATA_ENTRY, IMAGE_RESOURCE_DIRECTORY, IMAGE_RESOURCE_DIRECTORY_ENTRY,
  RT_VERSION, VS_FFI_SIGNATURE, VS_FIXEDFILEINFO,
} from './structs';

export interface VersionInfo {
  /** "10.0.19041.1" from VS_FIXEDFILEINFO.dwFileVersionMS/LS. */
  fileVersion: string;
  productVersion: string;
  /** StringFileInfo values of the first string table (CompanyName, FileVersion, ProductName…). */
  strings: Record<string, string>;
}

const SUBDIR = 0x80000000;
const MAX_ENTRIES = 4096;

/** Version resource (RT_VERSION, first name, first language); undefined when absent. */
export function readVersionInfo(pe: PeImage): VersionInfo | undefined {
  const dir = pe.directory(IMAGE_DIRECTORY_ENTRY_RESOURCE);
  if (!dir) return undefined;
  // Resource tree offsets are relative to the start of the resource directory.
  const firstEntry = (rel: number, wantId?: number): number | undefined => {
    const off = pe.offsetOf(dir.rva + rel, IMAGE_RESOURCE_DIRECTORY.size, 'IMAGE_RESOURCE_DIRECTORY');
    const d = IMAGE_RESOURCE_DIRECTORY.read(pe.reader, off);
    const n = Math.min(d.NumberOfNamedEntries + d.NumberOfIdEntries, MAX_ENTRIES);
    for (let i = 0; i < n; i++) {
      const e = IMAGE_RESOURCE_DIRECTORY_ENTRY.read(pe.reader, off + IMAGE_RESOURCE_DIRECTORY.size + i * IMAGE_RESOURCE_DIRECTORY_ENTRY.size);
      if (wantId === undefined || (!(e.Name & SUBDIR) && e.Name === wantId)) return e.OffsetToData;
    }
    return undefined;
  };
  const type = firstEntry(0, RT_VERSION);
  if (type === undefined || !(type & SUBDIR)) return undefined;
  const name = firstEntry(type & ~SUBDIR);
  if (name === undefined || !(name & SUBDIR)) return undefined;
  const lang = firstEntry(name & ~SUBDIR);
  if (lang === undefined || lang & SUBDIR) return undefined;
  const de = IMAGE_RESOURCE_DATA_ENTRY.read(pe.reader, pe.offsetOf(dir.rva + lang, IMAGE_RESOURCE_DATA_ENTRY.size, 'IMAGE_RESOURCE_DATA_ENTRY'));
  const bytes = pe.bytesAt(de.OffsetToData, Math.min(de.Size, 1 << 20), 'VS_VERSIONINFO');
  return parseVersionBlock(bytes);
}

interface Block {
  key: string;
  valueOff: number;
  /** Bytes of the value. */
  valueSize: number;
  childrenOff: number;
  end: number;
}

const align4 = (n: number) => (n + 3) & ~3;

/** One VS_VERSIONINFO / StringFileInfo / StringTable / String node: wLength, wValueLength, wType, szKey. */
function readBlock(r: Reader, off: number, limit: number): Block {
  const len = r.u16(off);
  if (len < 6 || off + len > limit) {
    throw new DumpFormatError('BadValue', `version resource: block at 0x${off.toString(16)} has length ${len} outside its parent`, { offset: off });
  }
  const valueLen = r.u16(off + 2);
  const isText = r.u16(off + 4) === 1;
  let p = off + 6;
  let key = '';
  while (p + 1 < off + len) {
    const c = r.u16(p);
    p += 2;
    if (c === 0) break;
    key += String.fromCharCode(c);
  }
  const valueOff = align4(p);
  const valueSize = Math.min(isText ? valueLen * 2 : valueLen, Math.max(0, off + len - valueOff));
  return { key, valueOff, valueSize, childrenOff: align4(valueOff + valueSize), end: off + len };
}

function children(r: Reader, parent: Block): Block[] {
  const out: Block[] = [];
  let p = parent.childrenOff;
  while (p + 6 <= parent.end && out.length < MAX_ENTRIES) {
    const b = readBlock(r, p, parent.end);
    out.push(b);
    p = align4(b.end);
  }
  return out;
}

const ver = (ms: number, ls: number) => `${ms >>> 16}.${ms & 0xffff}.${ls >>> 16}.${ls & 0xffff}`;

/** Parses a VS_VERSIONINFO blob (exported for tests on hand-made blobs). */
export function parseVersionBlock(bytes: Uint8Array): VersionInfo | undefined {
  const r = new Reader(new MemoryByteSource(bytes), 'version resource');
  const root = readBlock(r, 0, bytes.length);
  if (root.key !== 'VS_VERSION_INFO' || root.valueSize < VS_FIXEDFILEINFO.size) return undefined;
  const ffi = VS_FIXEDFILEINFO.read(r, root.valueOff);
  if (ffi.dwSignature !== VS_FFI_SIGNATURE) return undefined;
  const strings: Record<string, string> = {};
  for (const c of children(r, root)) {
    if (c.key !== 'StringFileInfo') continue;
    const table = children(r, c)[0];
    if (!table) continue;
    for (const s of children(r, table)) strings[s.key] = r.utf16(s.valueOff, s.valueSize).replace(/\0+$/, '');
  }
  return {
    fileVersion: ver(ffi.dwFileVersionMS, ffi.dwFileVersionLS),
    productVersion: ver(ffi.dwProductVersionMS, ffi.dwProductVersionLS),
    strings,
  };
}
