/**
 * Dump files named on the command line: `dumpdesk-app FILE.dmp`, the file
 * association (Windows passes the path as an argument), and the argv a
 * second instance forwards to the first.
 */
import { isAbsolute, resolve } from 'node:path';

const DUMP_EXTENSIONS = /\.(dmp|mdmp|hdmp)$/i;

/** The dump paths in `argv` (flags, the executable and the app path are skipped), made absolute against `cwd`. */
export function dumpPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .filter((a) => !a.startsWith('-') && DUMP_EXTENSIONS.test(a))
    .map((a) => (isAbsolute(a) ? a : resolve(cwd, a)));
}
