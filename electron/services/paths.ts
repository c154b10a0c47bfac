/**
 * Where DumpDesk keeps its own files (settings backups, the stand-in registry
 * file on machines that are not Windows, …).
 * `DUMPDESK_HOME` wins, so tests and portable installs can point it anywhere;
 * otherwise %APPDATA%\DumpDesk on Windows and ~/.config/dumpdesk elsewhere
 * ($XDG_CONFIG_HOME when set).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.DUMPDESK_HOME) return env.DUMPDESK_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'DumpDesk');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'dumpdesk');
}

/** Backups of registry values taken before each settings change: one .reg file per change. */
export function backupsDir(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string {
  return join(userDataDir(env, platform), 'backups');
}

/** The .reg file that stands in for the registry when there is no Windows registry (or `--registry` is not given). */
export function defaultRegistryFile(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string {
  return join(userDataDir(env, platform), 'dumpdesk-registry.reg');
}
