import { DumpDeskError, type ErrorCode } from '../../../shared/errors';
import type { RegOp } from '../../../shared/formats/regfile/index';

/** Why a registry operation failed, for callers that react differently (e.g. "run as administrator"). */
export type RegistryFailure =
  | 'access-denied' // missing admin rights or an ACL: nothing of this change was written
  | 'unsupported' // the backend cannot store this value faithfully, so it refuses before writing
  | 'write-failed' // the backend reported an error while writing
  | 'read-failed'
  | 'mismatch'; // the value read back is not the value written

/**
 * A registry read or write that did not happen as asked. `change` is the
 * change that failed (and `index` its position in the list applied), so the
 * message can say exactly which value and why.
 */
export class RegistryError extends DumpDeskError {
  readonly failure: RegistryFailure;
  readonly change?: RegOp;
  readonly index?: number;
  constructor(failure: RegistryFailure, message: string, where?: { change?: RegOp; index?: number }) {
    super(codeOf(failure), message);
    this.failure = failure;
    this.change = where?.change;
    this.index = where?.index;
  }
}

function codeOf(failure: RegistryFailure): ErrorCode {
  return failure === 'unsupported' ? 'Unsupported' : 'Invalid';
}

/** "[KEY] name" as messages show a change. */
export function describeTarget(change: RegOp): string {
  if (change.op === 'delete-key' || change.op === 'create-key') return `[${change.key}]`;
  return `[${change.key}] ${change.name === '' ? '@ (default value)' : `"${change.name}"`}`;
}
