import { DumpDeskError } from '../../../shared/errors';
import type { RegOp } from '../../../shared/formats/regfile/index';

/** One value that cannot be written, and why (the shape shared/settings validateChanges returns). */
export interface ValueProblem {
  key: string;
  name: string;
  message: string;
}

/**
 * A settings change that was refused or failed. `problems` lists invalid
 * values (nothing was written); `failedChange` is the write that failed;
 * `backupFile` is the .reg that undoes what was written, and `restored` says
 * whether the protocol already applied it.
 */
export class SettingsError extends DumpDeskError {
  readonly problems: ValueProblem[];
  readonly failedChange?: RegOp;
  readonly backupFile?: string;
  readonly restored?: boolean;
  constructor(
    message: string,
    details: { problems?: ValueProblem[]; failedChange?: RegOp; backupFile?: string; restored?: boolean } = {},
  ) {
    super('Invalid', message);
    this.problems = details.problems ?? [];
    this.failedChange = details.failedChange;
    this.backupFile = details.backupFile;
    this.restored = details.restored;
  }
}
