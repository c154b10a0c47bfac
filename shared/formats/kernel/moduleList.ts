import { MemoryByteSource } from '../../bytes/byteSource';
import { decodeUtf16, Reader } from '../../bytes/reader';
import type { MemoryReader } from '../../dump/types';
import { baseName } from '../minidump/codeView';
import { KLDR_DATA_TABLE_ENTRY32, KLDR_DATA_TABLE_ENTRY64 } from './structs';

export interface LoadedModule {
  /** BaseDllName ("ntoskrnl.exe"); falls back to the FullDllName's last part. */
  name: string;
  /** FullDllName ("\SystemRoot\system32\ntoskrnl.exe"). */
  path: string;
  base: bigint;
  size: number;
  checksum: number;
  timestamp: number;
  /** VA of the KLDR_DATA_TABLE_ENTRY. */
  entry: bigint;
}

/** More entries than any system loads: the cap that ends a corrupted list. */
const MAX_MODULES = 4096;

export interface ModuleWalk {
  modules: LoadedModule[];
  /** Why the walk stopped early, if it did. */
  problem?: string;
}

/**
 * Walks PsLoadedModuleList (LIST_ENTRY of KLDR_DATA_TABLE_ENTRY, InLoadOrderLinks
 * first) through the dump's virtual memory. Stops at the list head, at an entry
 * already seen (a loop), at unreadable memory, or after MAX_MODULES entries.
 */
export function walkLoadedModuleList(memory: MemoryReader, head: bigint, is64: boolean): ModuleWalk {
  const def = is64 ? KLDR_DATA_TABLE_ENTRY64 : KLDR_DATA_TABLE_ENTRY32;
  const ptr = is64 ? 8 : 4;
  const readPtr = (va: bigint): bigint | undefined => {
    const b = memory.read(va, ptr);
    if (!b) return undefined;
    const r = new Reader(new MemoryByteSource(b));
    return is64 ? r.u64(0) : BigInt(r.u32(0));
  };
  const readName = (len: number, buf: bigint): string => {
    if (len === 0 || len > 0x1000 || buf === 0n) return '';
    const b = memory.read(buf, len & ~1);
    return b ? decodeUtf16(b) : '';
  };
  const modules: LoadedModule[] = [];
  const seen = new Set<bigint>();
  let next = readPtr(head);
  if (next === undefined) return { modules, problem: `PsLoadedModuleList head 0x${head.toString(16)} is not in the dump` };
  while (next !== head) {
    if (seen.has(next)) return { modules, problem: `the module list loops back to 0x${next.toString(16)}` };
    if (modules.length >= MAX_MODULES) return { modules, problem: `the module list has more than ${MAX_MODULES} entries` };
    seen.add(next);
    const bytes = memory.read(next, def.size);
    if (!bytes) return { modules, problem: `module list entry 0x${next.toString(16)} is not in the dump` };
    const e = def.read(new Reader(new MemoryByteSource(bytes), def.name), 0);
    const path = readName(e.FullDllNameLength, BigInt(e.FullDllNameBuffer));
    const base = readName(e.BaseDllNameLength, BigInt(e.BaseDllNameBuffer));
    modules.push({
      name: base || baseName(path),
      path: path || base,
      base: BigInt(e.DllBase),
      size: e.SizeOfImage,
      checksum: e.CheckSum,
      timestamp: e.TimeDateStamp,
      entry: next,
    });
    next = BigInt(e.InLoadOrderLinksFlink);
  }
  return { modules };
}
