import type { CommandDef } from '../command';

/** !vm and !memusage: memory manager counters and the PFN database. */
export const memoryUsageCommands: readonly CommandDef[] = [];
