// Runs a `dumpdesk` command in-process with captured output, as the CLI tests need it.
import type { CliIO } from '../../electron/cli/command';
import { main } from '../../electron/cli/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `dumpdesk ARGS` (or one command's `run`) with stdout/stderr captured; not a TTY. */
export async function runCli(args: string[], run: (args: string[], io: CliIO) => Promise<number> = main): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}
