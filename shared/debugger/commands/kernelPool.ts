import type { CommandDef } from '../command';

/** !pool and !poolused: pool pages and the pool tag tracker. */
export const poolCommands: readonly CommandDef[] = [];
