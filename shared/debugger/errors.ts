/**
 * An error a command reports to the user in WinDbg's own words
 * ("Couldn't resolve error at 'foo'"). The engine prints `message` as the
 * command's output; it never escapes as an exception.
 */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

/** WinDbg's expression errors, each pointing at the rest of the input where it stopped. */
export const ExprErrors = {
  couldNotResolve: (at: string): CommandError => new CommandError(`Couldn't resolve error at '${at}'`),
  syntax: (at: string): CommandError => new CommandError(`Syntax error at '${at}'`),
  memoryAccess: (at: string): CommandError => new CommandError(`Memory access error at '${at}'`),
  divideByZero: (at: string): CommandError => new CommandError(`Divide by zero error at '${at}'`),
  numericOverflow: (at: string): CommandError => new CommandError(`Numeric expression missing from '${at}'`),
};
