/**
 * Checks on Windows paths stored in the registry. The values are read by the
 * kernel, services or WER long after the user typed them, with no current
 * directory that means anything, so every path must be absolute.
 */

/** Characters Windows never allows in a file or folder name. */
const FORBIDDEN = /[<>"|?*]/;

/**
 * Why `path` is not an absolute Windows path, or undefined when it is.
 * Accepted: `C:\…`, `\\server\share\…`, and (when `allowEnv`) a leading
 * `%VAR%\…` such as `%SystemRoot%\MEMORY.DMP`, which Windows expands for
 * REG_EXPAND_SZ values.
 */
export function absolutePathProblem(path: string, opts: { allowEnv: boolean }): string | undefined {
  if (path.trim() === '') return 'is empty; give a full path such as C:\\Dumps';
  if (path !== path.trim()) return 'starts or ends with spaces, which Windows would keep as part of the name';
  if (path.startsWith('"')) return 'is quoted; a registry path value holds the bare path without quotes';
  if (/^%[^%\\]+%/.test(path)) {
    if (!opts.allowEnv) return 'uses an environment variable, but this value is REG_SZ and Windows does not expand it';
    const rest = path.replace(/^%[^%\\]+%/, '');
    if (rest !== '' && !rest.startsWith('\\')) return 'must continue with a backslash after the environment variable';
    return forbiddenProblem(rest);
  }
  if (/^[A-Za-z]:\\/.test(path)) return forbiddenProblem(path.slice(2));
  if (/^\\\\[^\\]+\\[^\\]+/.test(path)) return forbiddenProblem(path.slice(2));
  if (/^[A-Za-z]:/.test(path)) return 'is relative to the current folder of drive ' + path[0]!.toUpperCase() + ': (write ' + path.slice(0, 2) + '\\…)';
  if (path.startsWith('\\')) return 'has no drive letter, so it depends on the current drive (write C:\\…)';
  return 'is a relative path; Windows resolves it against no folder you control (write a full path such as C:\\…)';
}

function forbiddenProblem(rest: string): string | undefined {
  const m = FORBIDDEN.exec(rest);
  return m ? `contains '${m[0]}', which Windows does not allow in a path` : undefined;
}

/** True when a string contains a `%NAME%` reference Windows would expand in REG_EXPAND_SZ. */
export function hasEnvReference(text: string): boolean {
  return /%[^%\s\\]+%/.test(text);
}

/** What a path probe says about a path on the machine being configured. */
export type PathKind = 'file' | 'directory' | 'missing' | 'unknown';

/**
 * Looks a path up on the machine the settings are for (environment variables
 * expanded by the probe). Injected so that the models stay pure: the Electron
 * side passes a stat-based probe, tests pass a table.
 */
export type PathProbe = (path: string) => PathKind;
