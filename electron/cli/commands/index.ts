import type { CliCommand } from '../command';
import { analyzeCommand } from './analyze';
import { historyCommand } from './history';
import { indexCommand } from './index-cmd';
import { infoCommand } from './info';
import { kbCommand } from './kb';
import { runCommand } from './run';
import { consoleCommand } from './console';
import { serveCommand } from './serve';
import { privacyCommand } from './privacy';
import { redactCommand } from './redact';
import { settingsCommand } from './settings';
import { symbolsCommand } from './symbols';
import { verifierCommand } from './verifier';

/** Every `dumpdesk` subcommand, in the order `--help` lists them. Add one line per command. */
export const commands: CliCommand[] = [
  analyzeCommand,
  indexCommand,
  historyCommand,
  infoCommand,
  runCommand,
  consoleCommand,
  serveCommand,
  privacyCommand,
  kbCommand,
  redactCommand,
  symbolsCommand,
  settingsCommand,
  verifierCommand,
];
