import type { CliCommand } from '../command';
import { infoCommand } from './info';
import { symbolsCommand } from './symbols';

/** Every `dumpdesk` subcommand, in the order `--help` lists them. Add one line per command. */
export const commands: CliCommand[] = [
  infoCommand,
  symbolsCommand,
];
