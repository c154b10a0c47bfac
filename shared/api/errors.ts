/**
 * Errors as they cross the bridge. Electron's `ipcRenderer.invoke` keeps only
 * the message of a thrown error and HTTP has no exceptions at all, so every
 * call answers an envelope, `{ ok: true, value }` or `{ ok: false, error }`,
 * and the client turns a failed envelope back into an `ApiError` with the
 * same stable `code`.
 */
import { isDumpDeskError, type ErrorCode } from '../errors';

export type ApiErrorCode =
  | ErrorCode // a DumpDeskError thrown by a service (bad dump, bad settings value…)
  | 'BadArguments' // the arguments do not match the call's schema; the service was not called
  | 'UnknownCall' // no such service/method in the contract
  | 'NotAvailable' // the service behind this call is not part of this build yet
  | 'Unauthorized' // no or wrong web-host token
  | 'Forbidden' // the caller may not make this call (foreign frame, settings not allowed, path outside the served folders)
  | 'UnknownSession' // the dump session id is not (or no longer) open
  | 'Cancelled' // the operation was cancelled by the user
  | 'Internal'; // a bug: the message says what failed

export interface WireIssue {
  /** Where in the argument list: [0, "query", "limit"]. */
  path: (string | number)[];
  message: string;
}

export interface WireError {
  code: ApiErrorCode;
  message: string;
  issues?: WireIssue[];
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError };

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues?: WireIssue[];
  constructor(code: ApiErrorCode, message: string, issues?: WireIssue[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (issues) this.issues = issues;
  }
}

/** A call whose service has not landed yet: a clear answer, never a made-up result. */
export function notAvailable(what: string, why: string): ApiError {
  return new ApiError('NotAvailable', `${what} is not available yet: ${why}`);
}

/** Any thrown value → what goes over the wire. Unknown errors keep their message but become 'Internal'. */
export function toWireError(e: unknown): WireError {
  if (e instanceof ApiError) return e.issues ? { code: e.code, message: e.message, issues: e.issues } : { code: e.code, message: e.message };
  if (isDumpDeskError(e)) return { code: e.code, message: e.message };
  if (e instanceof Error) return { code: 'Internal', message: e.message };
  return { code: 'Internal', message: String(e) };
}

export function fromWireError(w: WireError): ApiError {
  return new ApiError(w.code, w.message, w.issues);
}

/** Unwraps an envelope on the client side: the value, or the error thrown as an ApiError. */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw fromWireError(envelope.error);
}
