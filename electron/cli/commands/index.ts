import type { CliCommand } from '../command';

/** Every `dumpdesk` subcommand, in the order `--help` lists them. Add one line per command. */
export const commands: CliCommand[] = [];
