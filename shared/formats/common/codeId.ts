/**
 * The symbol-server code id of a PE image: TimeDateStamp as 8 uppercase hex
 * digits, then SizeOfImage in uppercase hex without padding
 * (the `<file>/<codeId>/<file>` folder of a symbol store, Breakpad's INFO CODE_ID).
 */
export function peCodeId(timestamp: number, sizeOfImage: number): string {
  return timestamp.toString(16).toUpperCase().padStart(8, '0') + sizeOfImage.toString(16).toUpperCase();
}
