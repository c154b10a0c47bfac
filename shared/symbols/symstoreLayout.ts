import type { DumpModule } from '../dump/types';
import { peCodeId } from '../formats/common/codeId';
import { baseName } from '../formats/minidump/codeView';

/**
 * Symbol-server (symstore) relative paths, always with forward slashes:
 *   name.pdb/GUIDAGE/name.pdb     the PDB
 *   name.pdb/GUIDAGE/name.sym     a Breakpad symbol file, stored beside it (Breakpad/Mozilla convention)
 *   name.exe/TIMESTAMPSIZE/name.exe   the PE image, keyed by its code id
 * and `file.ptr` in the same folder may point elsewhere (handled by stores).
 */
export type SymbolFileKind = 'sym' | 'pdb' | 'pe';

export interface SymbolFileRequest {
  kind: SymbolFileKind;
  /** "kernel32.pdb/BCE8785C57B44245A669896B6A19B9542/kernel32.sym" */
  path: string;
  /** The folder holding it: where a file.ptr would be. */
  folder: string;
  /** File name alone, for plain (flat) folders. */
  file: string;
}

/** Breakpad's .sym name for a debug file: "kernel32.pdb" → "kernel32.sym". */
export function symFileName(debugFile: string): string {
  return debugFile.toLowerCase().endsWith('.pdb') ? debugFile.slice(0, -4) + '.sym' : debugFile + '.sym';
}


/**
 * Files that could symbolize `m`, best first: the Breakpad .sym (cheap, and
 * carries CFI), the PDB, then the PE image (exports, .pdata).
 */
export function symbolFileRequests(m: DumpModule): SymbolFileRequest[] {
  const out: SymbolFileRequest[] = [];
  if (m.debugFile && m.debugId) {
    const dbg = baseName(m.debugFile);
    const folder = `${dbg}/${m.debugId.toUpperCase()}`;
    const sym = symFileName(dbg);
    out.push({ kind: 'sym', folder, path: `${folder}/${sym}`, file: sym });
    if (dbg.toLowerCase().endsWith('.pdb')) out.push({ kind: 'pdb', folder, path: `${folder}/${dbg}`, file: dbg });
  }
  const code = baseName(m.name || m.path);
  const codeId = m.codeId ?? (m.timestamp && m.size ? peCodeId(m.timestamp, m.size) : undefined);
  if (code && codeId) {
    const folder = `${code}/${codeId.toUpperCase()}`;
    out.push({ kind: 'pe', folder, path: `${folder}/${code}`, file: code });
  }
  return out;
}

/** Identity of a module for caches: base name + ids, case-insensitive. */
export function moduleKey(m: DumpModule): string {
  return `${m.name.toLowerCase()}|${m.debugId ?? ''}|${m.codeId ?? ''}|${m.base.toString(16)}`;
}
