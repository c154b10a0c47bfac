/**
 * Every error DumpDesk's platform-neutral code throws carries a stable `code`
 * from this single union, so callers (CLI exit codes, the bridge, the UI) can
 * react without parsing messages.
 */
export type ErrorCode =
  | 'OutOfBounds' // a read past the end of the data, or an offset/size that overflows
  | 'BadSignature' // the file is not the format we were asked to read
  | 'BadVersion' // right format, unsupported version
  | 'BadCount' // a count read from the file cannot fit in the bytes that follow it
  | 'BadValue' // a field holds a value the format does not allow
  | 'Truncated' // the file ends before a structure it promises
  | 'Loop' // a linked structure or page table points back into itself
  | 'Unsupported' // valid, but a variant we do not read (yet)
  | 'NotFound' // the thing asked for is not in the file
  | 'Invalid'; // generic validation failure (settings, arguments)

/** Base class: a problem with data DumpDesk was given, never a bug in DumpDesk. */
export class DumpDeskError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * A file that does not follow its format: truncated, corrupt or hostile.
 * `offset` is where in the file the problem was found, when known.
 */
export class DumpFormatError extends DumpDeskError {
  readonly offset?: number;
  readonly size?: number;
  readonly limit?: number;
  constructor(code: ErrorCode, message: string, where?: { offset?: number; size?: number; limit?: number }) {
    super(code, message);
    this.offset = where?.offset;
    this.size = where?.size;
    this.limit = where?.limit;
  }
}

export function isDumpDeskError(e: unknown): e is DumpDeskError {
  return e instanceof DumpDeskError;
}
