import type { CommandDef } from '../command';

/** !object, !drvobj, !devobj, !devstack: object manager, driver and device objects. */
export const objectCommands: readonly CommandDef[] = [];
