import { decodeLatin1 } from '../../bytes/reader';
import { baseName, guidHex } from '../minidump/codeView';
import {
  CV_INFO_PDB20, CV_INFO_PDB70, CV_SIGNATURE_NB10, CV_SIGNATURE_RSDS, IMAGE_DEBUG_DIRECTORY,
  IMAGE_DEBUG_TYPE_CODEVIEW, IMAGE_DIRECTORY_ENTRY_DEBUG,
} from './structs';
import type { PeImage } from './peImage';

/** What the CodeView debug record says about the PDB that matches this image. */
export interface CodeViewInfo {
  format: 'RSDS' | 'NB10';
  /** Path as the linker wrote it ("C:\\build\\app.pdb"). */
  pdbPath: string;
  /** File name only ("app.pdb"): the symbol-server key. */
  debugFile: string;
  /** GUID (RSDS) or 8-digit signature (NB10), then age in hex; uppercase, no dashes. */
  debugId: string;
}

const MAX_DEBUG_ENTRIES = 64;

/** The first CodeView entry of the debug directory, or undefined when there is none. */
export function readCodeView(pe: PeImage): CodeViewInfo | undefined {
  const dir = pe.directory(IMAGE_DIRECTORY_ENTRY_DEBUG);
  if (!dir) return undefined;
  const n = Math.min(Math.floor(dir.size / IMAGE_DEBUG_DIRECTORY.size), MAX_DEBUG_ENTRIES);
  for (let i = 0; i < n; i++) {
    const off = pe.offsetOf(dir.rva + i * IMAGE_DEBUG_DIRECTORY.size, IMAGE_DEBUG_DIRECTORY.size, 'IMAGE_DEBUG_DIRECTORY');
    const d = IMAGE_DEBUG_DIRECTORY.read(pe.reader, off);
    if (d.Type !== IMAGE_DEBUG_TYPE_CODEVIEW || d.SizeOfData < 4) continue;
    // A file has the data at PointerToRawData; a mapped image at AddressOfRawData.
    const dataOff = pe.layout === 'file' && d.PointerToRawData ? d.PointerToRawData : pe.offsetOf(d.AddressOfRawData, d.SizeOfData, 'CodeView record');
    const size = Math.min(d.SizeOfData, 4096);
    const bytes = pe.reader.bytes(dataOff, size, 'CodeView record');
    const sig = pe.reader.u32(dataOff);
    const tail = (from: number) => {
      const t = bytes.subarray(from);
      const end = t.indexOf(0);
      return decodeLatin1(end < 0 ? t : t.subarray(0, end));
    };
    if (sig === CV_SIGNATURE_RSDS && size >= CV_INFO_PDB70.size) {
      const cv = CV_INFO_PDB70.read(pe.reader, dataOff);
      const pdbPath = tail(CV_INFO_PDB70.size);
      return { format: 'RSDS', pdbPath, debugFile: baseName(pdbPath), debugId: guidHex(cv.Signature) + cv.Age.toString(16).toUpperCase() };
    }
    if (sig === CV_SIGNATURE_NB10 && size >= CV_INFO_PDB20.size) {
      const cv = CV_INFO_PDB20.read(pe.reader, dataOff);
      const pdbPath = tail(CV_INFO_PDB20.size);
      const id = cv.Signature.toString(16).toUpperCase().padStart(8, '0') + cv.Age.toString(16).toUpperCase();
      return { format: 'NB10', pdbPath, debugFile: baseName(pdbPath), debugId: id };
    }
  }
  return undefined;
}
