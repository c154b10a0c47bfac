import type { Reader } from '../../bytes/reader';
import { guidHex } from '../minidump/codeView';
import { PDB_INFO_HEADER } from './structs';

export interface PdbInfo {
  version: number;
  /** GUID as the symbol server prints it: uppercase hex, no dashes. */
  guid: string;
  age: number;
  /** Named streams ("/names", "/LinkInfo", "/src/headerblock"…) → stream index. */
  namedStreams: Map<string, number>;
}

const MAX_NAMED = 4096;

/** PDB info stream (stream 1): version, GUID, age and the named-stream map. */
export function readPdbInfo(r: Reader): PdbInfo {
  const h = PDB_INFO_HEADER.read(r, 0);
  const namedStreams = new Map<string, number>();
  // Named stream map: string buffer, then a serialized hash table (size, capacity, present and deleted bit vectors, key/value pairs).
  let p = PDB_INFO_HEADER.size;
  const bufSize = r.u32(p);
  r.check(p + 4, bufSize, 'named stream names');
  const buf = p + 4;
  p = buf + bufSize;
  const size = Math.min(r.u32(p), MAX_NAMED);
  p += 8; // size, capacity
  const presentWords = r.count(r.u32(p), 4, p + 4, 'present bit vector');
  p += 4 + presentWords * 4;
  const deletedWords = r.count(r.u32(p), 4, p + 4, 'deleted bit vector');
  p += 4 + deletedWords * 4;
  for (let i = 0; i < size && r.has(p, 8); i++, p += 8) {
    const key = r.u32(p);
    const value = r.u32(p + 4);
    if (key < bufSize) namedStreams.set(r.cstring(buf + key, bufSize - key), value);
  }
  return { version: h.Version, guid: guidHex(h.UniqueId), age: h.Age, namedStreams };
}
