import type { CommandDef } from '../command';
import { idtCommands } from './kernelIdt';
import { irpCommand } from './kernelIrp';
import { lockCommands } from './kernelLocks';
import { memoryUsageCommands } from './kernelMemoryUsage';
import { objectCommands } from './kernelObjects';
import { poolCommands } from './kernelPool';
import { processCommand } from './kernelProcess';
import { pcrCommand, prcbCommand } from './kernelProcessor';
import { sysinfoCommands } from './kernelSysinfo';
import { threadCommand } from './kernelThread';
import { verifierCommands } from './kernelVerifier';

/** The kernel commands with real decoders (shared/debugger/kernel/); commands/kernel.ts keeps the rest as reasoned answers. */
export const ownKernelCommands: readonly CommandDef[] = [
  processCommand, threadCommand, irpCommand, pcrCommand, prcbCommand,
  ...objectCommands, ...poolCommands, ...memoryUsageCommands, ...lockCommands, ...idtCommands,
  ...verifierCommands,
  ...sysinfoCommands,
];
