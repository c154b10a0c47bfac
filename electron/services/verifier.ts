/**
 * Runs Driver Verifier (verifier.exe) for a preset on Windows, elevated;
 * everywhere else refuses with a clear message and offers the same commands
 * as a .cmd file to run on the Windows machine. The command lines themselves
 * come from shared/settings/verifier.ts, so what is shown, exported and run
 * is the same text.
 *
 * Only a Windows machine can prove: the elevation check (`net session`
 * succeeds only for administrators), verifier.exe's exit codes (0 ok,
 * 1 error, 2 restart needed) and its output encoding (read as UTF-8; it is
 * ASCII in every sample we have).
 */
import { execFile } from 'node:child_process';
import { win32 } from 'node:path';
import {
  BOOT_LOOP_WARNING,
  formatCommandLine,
  verifierCmdFile,
  verifierCommands,
  type VerifierRequest,
} from '../../shared/settings/verifier';
import { parseVerifierOutput, type VerifierStatus } from '../../shared/settings/verifierOutput';

export interface ProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Starts a program without a shell and collects its output. */
export type ProcessRunner = (file: string, args: readonly string[]) => Promise<ProcessResult>;

export const runProcess: ProcessRunner = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { windowsHide: true, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error && typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : error ? undefined : 0;
      if (code === undefined) reject(error);
      else resolve({ exitCode: code, stdout: String(stdout), stderr: String(stderr) });
    });
  });

/** Why verifier.exe cannot be run from here. */
export class VerifierUnavailableError extends Error {
  constructor(
    readonly reason: 'not-windows' | 'not-elevated',
    message: string,
  ) {
    super(message);
    this.name = 'VerifierUnavailableError';
  }
}

/** verifier.exe ran and reported an error. */
export class VerifierRunError extends Error {
  constructor(
    readonly commandLine: string,
    readonly result: ProcessResult,
  ) {
    super(`${commandLine} failed with exit code ${result.exitCode}${result.stdout.trim() || result.stderr.trim() ? `: ${(result.stderr.trim() || result.stdout.trim()).split(/\r?\n/)[0]}` : ''}`);
    this.name = 'VerifierRunError';
  }
}

export interface VerifierServiceOptions {
  platform?: NodeJS.Platform;
  run?: ProcessRunner;
  env?: NodeJS.ProcessEnv;
}

export interface VerifierRunResult {
  commands: { commandLine: string; exitCode: number; output: string }[];
  /** verifier.exe said a restart is needed (exit code 2) — true for every persistent change. */
  restartNeeded: boolean;
}

export interface VerifierService {
  /** The command lines a request runs, for showing and copying. */
  commandLines(request: VerifierRequest): string[];
  /** The warning to show before applying anything but reset. */
  readonly bootLoopWarning: string;
  /** The request as a .cmd file for a Windows machine (CRLF text). */
  exportCmd(request: VerifierRequest): string;
  /** Runs the request's commands with verifier.exe; Windows and administrator only. */
  apply(request: VerifierRequest): Promise<VerifierRunResult>;
  /** `verifier /querysettings` (what applies after the next boot) or `/query` (the running session), parsed. */
  query(what: 'settings' | 'statistics'): Promise<VerifierStatus>;
}

export function createVerifierService(opts: VerifierServiceOptions = {}): VerifierService {
  const platform = opts.platform ?? process.platform;
  const run = opts.run ?? runProcess;
  const env = opts.env ?? process.env;
  const verifierExe = win32.join(env.SystemRoot ?? env.windir ?? 'C:\\Windows', 'System32', 'verifier.exe');

  async function ensureRunnable(): Promise<void> {
    if (platform !== 'win32') {
      throw new VerifierUnavailableError(
        'not-windows',
        `Driver Verifier runs only on Windows (this is ${platform}). Export the commands as a .cmd file and run it as administrator on the Windows machine.`,
      );
    }
    // `net session` lists server sessions, which needs administrator rights: exit code 0 only when elevated.
    const probe = await run('net', ['session']);
    if (probe.exitCode !== 0) {
      throw new VerifierUnavailableError(
        'not-elevated',
        'Driver Verifier needs administrator rights: restart DumpDesk with "Run as administrator", or export the commands as a .cmd file and run that as administrator.',
      );
    }
  }

  async function runVerifier(argv: readonly string[]): Promise<{ commandLine: string; exitCode: number; output: string }> {
    const commandLine = formatCommandLine(argv);
    const result = await run(verifierExe, argv.slice(1));
    // Exit code 2 means "done, restart needed".
    if (result.exitCode !== 0 && result.exitCode !== 2) throw new VerifierRunError(commandLine, result);
    return { commandLine, exitCode: result.exitCode, output: result.stdout };
  }

  return {
    bootLoopWarning: BOOT_LOOP_WARNING,
    commandLines: (request) => verifierCommands(request).map(formatCommandLine),
    exportCmd: (request) => verifierCmdFile(request),
    async apply(request) {
      const commands = verifierCommands(request);
      await ensureRunnable();
      const done: VerifierRunResult['commands'] = [];
      for (const argv of commands) done.push(await runVerifier(argv));
      return { commands: done, restartNeeded: done.some((c) => c.exitCode === 2) };
    },
    async query(what) {
      await ensureRunnable();
      const { output } = await runVerifier(['verifier.exe', what === 'settings' ? '/querysettings' : '/query']);
      return parseVerifierOutput(output);
    },
  };
}
