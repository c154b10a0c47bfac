import { DumpDeskError, type ErrorCode } from '../../errors';

/**
 * A .reg file that does not follow the format, or a value the format cannot
 * hold. `line` is the 1-based line number in the file when known, so the
 * message can point the user at the exact place to fix.
 */
export class RegFileError extends DumpDeskError {
  readonly line?: number;
  constructor(code: ErrorCode, message: string, line?: number) {
    super(code, line === undefined ? message : `line ${line}: ${message}`);
    this.line = line;
  }
}
