/** .reg files (REGEDIT4 and Windows Registry Editor Version 5.00): parse, write, convert to registry changes. */
export { changesToRegFile, regFileToChanges, regFileToOps, type RegOp } from './changes';
export {
  defaultLayout,
  type RegFile,
  type RegFileKey,
  type RegFileLayout,
  type RegFileValue,
  type RegFileVersion,
} from './model';
export { parseRegFile, parseRegText } from './parse';
export { RegFileError } from './regFileError';
export type { RegTextEncoding } from './textCodecs';
export { formatRegText, writeRegFile } from './write';
