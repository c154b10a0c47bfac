import { IMAGE_DIRECTORY_ENTRY_EXPORT, IMAGE_EXPORT_DIRECTORY } from './structs';
import type { PeImage } from './peImage';

export interface PeExport {
  /** Undefined for exports by ordinal only. */
  name?: string;
  ordinal: number;
  rva: number;
  /** "KERNELBASE.Sleep": the address points into the export directory, so it names another DLL's export. */
  forwarder?: string;
}

/** The export table, sorted by RVA; empty when the image has none. */
export function readExports(pe: PeImage): PeExport[] {
  const dir = pe.directory(IMAGE_DIRECTORY_ENTRY_EXPORT);
  if (!dir) return [];
  const ed = IMAGE_EXPORT_DIRECTORY.read(pe.reader, pe.offsetOf(dir.rva, IMAGE_EXPORT_DIRECTORY.size, 'IMAGE_EXPORT_DIRECTORY'));
  const r = pe.reader;
  const funcsOff = pe.offsetOf(ed.AddressOfFunctions, 0, 'AddressOfFunctions');
  const nFuncs = r.count(ed.NumberOfFunctions, 4, funcsOff, 'NumberOfFunctions');
  const namesOff = ed.NumberOfNames ? pe.offsetOf(ed.AddressOfNames, 0, 'AddressOfNames') : 0;
  const nNames = ed.NumberOfNames ? r.count(ed.NumberOfNames, 4, namesOff, 'NumberOfNames') : 0;
  const ordsOff = nNames ? pe.offsetOf(ed.AddressOfNameOrdinals, 0, 'AddressOfNameOrdinals') : 0;
  if (nNames) r.check(ordsOff, nNames * 2, 'AddressOfNameOrdinals');
  r.check(funcsOff, nFuncs * 4, 'AddressOfFunctions');

  const names = new Map<number, string>();
  for (let i = 0; i < nNames; i++) {
    const idx = r.u16(ordsOff + i * 2);
    if (!names.has(idx)) names.set(idx, pe.cstringAt(r.u32(namesOff + i * 4), 1024));
  }
  const out: PeExport[] = [];
  for (let i = 0; i < nFuncs; i++) {
    const rva = r.u32(funcsOff + i * 4);
    if (rva === 0) continue; // unused ordinal slot
    const e: PeExport = { ordinal: ed.Base + i, rva, name: names.get(i) };
    if (rva >= dir.rva && rva < dir.rva + dir.size) e.forwarder = pe.cstringAt(rva, 1024);
    out.push(e);
  }
  return out.sort((a, b) => a.rva - b.rva);
}
