import type { Reader } from '../../bytes/reader';
import { CV_INFO_PDB20, CV_INFO_PDB70, CV_SIGNATURE_NB10, CV_SIGNATURE_RSDS } from './structs';

/** What a module's CodeView record says about its PDB. */
export interface CodeViewInfo {
  kind: 'RSDS' | 'NB10' | 'other';
  /** PDB path as recorded by the linker ("c:\\test_app.pdb"). */
  pdbPath: string;
  /**
   * Symbol-server debug id: GUID (RSDS) or timestamp (NB10) in uppercase hex,
   * no dashes, then the age in lowercase hex without padding — exactly what
   * Breakpad prints ("1B5043085F174DA385521DD4740D17301d" for age 0x1d).
   */
  debugId: string;
  /** GUID in registry form "5a9832e5-2872-41c1-838e-d98914e9b7ff" (RSDS only). */
  guid?: string;
  age: number;
}

/** GUID bytes (Data1 u32 LE, Data2 u16 LE, Data3 u16 LE, Data4 8 bytes) → 32 uppercase hex digits. */
export function guidHex(g: Uint8Array): string {
  const dv = new DataView(g.buffer, g.byteOffset, 16);
  const h = (n: number, w: number): string => n.toString(16).padStart(w, '0');
  let s = h(dv.getUint32(0, true), 8) + h(dv.getUint16(4, true), 4) + h(dv.getUint16(6, true), 4);
  for (let i = 8; i < 16; i++) s += h(g[i]!, 2);
  return s.toUpperCase();
}

/** GUID bytes → "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" lowercase. */
export function guidString(g: Uint8Array): string {
  const s = guidHex(g).toLowerCase();
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Decodes the CodeView record at [rva, rva+size); undefined for an empty or unknown record. */
export function readCodeView(r: Reader, rva: number, size: number): CodeViewInfo | undefined {
  if (size < 4) return undefined;
  r.check(rva, size, 'CodeView record');
  const sig = r.u32(rva);
  if (sig === CV_SIGNATURE_RSDS && size >= CV_INFO_PDB70.size) {
    const cv = CV_INFO_PDB70.read(r, rva);
    const pdbPath = r.cstring(rva + CV_INFO_PDB70.size, size - CV_INFO_PDB70.size);
    return { kind: 'RSDS', pdbPath, debugId: guidHex(cv.Signature) + cv.Age.toString(16), guid: guidString(cv.Signature), age: cv.Age };
  }
  if (sig === CV_SIGNATURE_NB10 && size >= CV_INFO_PDB20.size) {
    const cv = CV_INFO_PDB20.read(r, rva);
    const pdbPath = r.cstring(rva + CV_INFO_PDB20.size, size - CV_INFO_PDB20.size);
    const ts = cv.Signature.toString(16).padStart(8, '0').toUpperCase();
    return { kind: 'NB10', pdbPath, debugId: ts + cv.Age.toString(16), age: cv.Age };
  }
  return undefined;
}

/** The last path component, for either separator. */
export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return i < 0 ? path : path.slice(i + 1);
}
