import type { CommandDef } from '../command';

/** !locks: ERESOURCE locks held and waited on. */
export const lockCommands: readonly CommandDef[] = [];
