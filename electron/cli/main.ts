import { type CliIO, EXIT_USAGE, UsageError } from './command';
import { commands } from './commands/index';

const stdio: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stdout.isTTY),
};

function help(): string {
  const w = Math.max(...commands.map((c) => c.name.length), 4);
  return [
    'dumpdesk — Windows crash dumps without WinDbg',
    '',
    'usage: dumpdesk COMMAND [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    '',
    'dumpdesk COMMAND --help shows the options of one command.',
    '',
  ].join('\n');
}

/** Entry point of the CLI; returns the exit code. */
export async function main(argv: string[], io: CliIO = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : EXIT_USAGE;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.err(`dumpdesk: unknown command '${name}'\n\n${help()}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(cmd.usage.endsWith('\n') ? cmd.usage : cmd.usage + '\n');
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`dumpdesk ${name}: ${e.message}\n${cmd.usage}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
