import type { CommandDef } from '../command';

/** !idt: the interrupt descriptor table. */
export const idtCommands: readonly CommandDef[] = [];
