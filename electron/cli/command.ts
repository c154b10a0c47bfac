/**
 * One `dumpdesk` subcommand. Each lives in its own file under ./commands and
 * is listed once in ./commands/index.ts.
 */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars, colours). */
  isTTY: boolean;
}

export interface CliCommand {
  name: string;
  /** One line for `dumpdesk --help`. */
  summary: string;
  /** Full usage text for `dumpdesk NAME --help`. */
  usage: string;
  /** Returns the process exit code: 0 ok, 1 usage, 2 unreadable/invalid input, others as documented. */
  run(args: string[], io: CliIO): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_USAGE = 1;
export const EXIT_BAD_INPUT = 2;

/** Thrown by argument parsing; main() turns it into exit code 1 with the usage line. */
export class UsageError extends Error {}
