import { defineStruct } from '../../bytes/struct';

/**
 * CodeView debug records (cvinfo.h), the link from an image to its PDB. A PE's
 * IMAGE_DEBUG_DIRECTORY and a minidump's MINIDUMP_MODULE.CvRecord hold the same bytes.
 */

/** CV_INFO_PDB70 ("RSDS") header; the NUL-terminated PDB path follows. */
export const CV_INFO_PDB70 = defineStruct('CV_INFO_PDB70', [
  ['CvSignature', 'u32'],
  ['Signature', { bytes: 16 }], // GUID
  ['Age', 'u32'],
] as const);

/** CV_INFO_PDB20 ("NB10") header; the NUL-terminated PDB path follows. */
export const CV_INFO_PDB20 = defineStruct('CV_INFO_PDB20', [
  ['CvSignature', 'u32'],
  ['Offset', 'u32'],
  ['Signature', 'u32'], // a TimeDateStamp (seconds since 1970), used as the id
  ['Age', 'u32'],
] as const);

export const CV_SIGNATURE_RSDS = 0x53445352; // "RSDS"
export const CV_SIGNATURE_NB10 = 0x3031424e; // "NB10"
