/**
 * `dumpdesk verifier preset NAME …` and `dumpdesk verifier query [FILE.txt]`:
 * Driver Verifier presets as exact verifier.exe command lines (printed,
 * exported as .cmd, or run on Windows), and verifier output read back.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { hex } from '../../../shared/settings/formatValue';
import { VERIFIER_PRESETS, verifierRequestProblems, type VerifierPresetId, type VerifierRequest } from '../../../shared/settings/verifier';
import { VERIFIER_FLAGS, VERIFIER_RESERVED_FLAGS } from '../../../shared/settings/verifierFlags';
import { parseVerifierOutput, type VerifierStatus } from '../../../shared/settings/verifierOutput';
import { createVerifierService, VerifierRunError, VerifierUnavailableError, type VerifierService } from '../../services/verifier';
import { type CliCommand, type CliIO, EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../command';

/** verifier.exe ran and reported an error. */
export const EXIT_VERIFIER_FAILED = 3;
/** verifier.exe cannot be run here: not Windows, or not administrator. */
export const EXIT_UNAVAILABLE = 5;

const USAGE = `usage: dumpdesk verifier preset NAME [--driver X.sys]... [--all] [--flags 0x…]
                                 [--reset-on-boot-fail] [--dry-run | --export FILE.cmd]
       dumpdesk verifier query [FILE.txt] [--json]

Driver Verifier checks chosen drivers and stops Windows when one breaks a rule,
so that the crash names the culprit. Presets:
${VERIFIER_PRESETS.map((p) => `  ${p.id.padEnd(9)} ${p.label}`).join('\n')}

  --driver X.sys          a driver to verify (repeat for more); file names only
  --all                   verify every driver (standard and custom only)
  --flags 0x…             option bits for the custom preset (hex, decimal, 0b…)
  --reset-on-boot-fail    also run "verifier /bootmode resetonbootfail"
  --dry-run               print the exact verifier.exe command lines, run nothing
  --export FILE.cmd       write them as a .cmd file to run as administrator on Windows

Without --dry-run or --export the commands run now: Windows only, as
administrator; the settings take effect after a restart.

query FILE.txt reads saved output of "verifier /querysettings", "verifier
/query" or WinDbg's "!verifier"; without FILE it runs "verifier /querysettings"
(Windows only). --json prints the parsed model (64-bit numbers as "0x…").

Exit codes: 0 ok, 1 usage, 2 invalid request or unreadable file,
3 verifier.exe reported an error, 5 cannot run here (not Windows or not administrator).`;

interface PresetOptions {
  request: VerifierRequest;
  dryRun: boolean;
  exportFile?: string;
}

function parseFlags(text: string | undefined): number {
  if (text === undefined) throw new UsageError('--flags needs a value such as 0x209BB');
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new UsageError(`--flags ${text}: not a 32-bit number (write hex like 0x209BB, or decimal)`);
  return n;
}

function parsePresetArgs(args: string[]): PresetOptions {
  const [name, ...rest] = args;
  if (!name) throw new UsageError(`preset needs a NAME: ${VERIFIER_PRESETS.map((p) => p.id).join(', ')}`);
  if (!VERIFIER_PRESETS.some((p) => p.id === name)) throw new UsageError(`unknown preset '${name}' (${VERIFIER_PRESETS.map((p) => p.id).join(', ')})`);
  const request: VerifierRequest = { preset: name as VerifierPresetId, drivers: [] };
  const o: PresetOptions = { request, dryRun: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--driver') {
      const d = rest[++i];
      if (!d) throw new UsageError('--driver needs a driver file name such as foo.sys');
      (request.drivers as string[]).push(d);
    } else if (a === '--all') request.all = true;
    else if (a === '--flags') request.flags = parseFlags(rest[++i]);
    else if (a === '--reset-on-boot-fail') request.resetOnBootFail = true;
    else if (a === '--dry-run') o.dryRun = true;
    else if (a === '--export') {
      const f = rest[++i];
      if (!f) throw new UsageError('--export needs a FILE.cmd');
      o.exportFile = f;
    } else throw new UsageError(`unknown option ${a}`);
  }
  if (o.dryRun && o.exportFile) throw new UsageError('--dry-run and --export cannot be combined');
  return o;
}

async function preset(args: string[], io: CliIO, service: VerifierService): Promise<number> {
  const o = parsePresetArgs(args);
  const problems = verifierRequestProblems(o.request);
  if (problems.length) {
    for (const p of problems) io.err(`dumpdesk verifier: ${p}\n`);
    return EXIT_BAD_INPUT;
  }
  const lines = service.commandLines(o.request);
  const warn = () => {
    if (o.request.preset !== 'reset') io.err(`${service.bootLoopWarning}\n\n`);
  };
  if (o.dryRun) {
    warn();
    io.out(lines.map((l) => l + '\n').join(''));
    return EXIT_OK;
  }
  if (o.exportFile) {
    await writeFile(o.exportFile, service.exportCmd(o.request));
    io.out(`wrote ${o.exportFile}: run it as administrator on the Windows machine, then restart.\n`);
    return EXIT_OK;
  }
  warn();
  try {
    const result = await service.apply(o.request);
    for (const c of result.commands) io.out(`${c.commandLine}\n${c.output.trim() ? c.output.trim() + '\n' : ''}`);
    if (result.restartNeeded) io.out('Restart Windows for the new Driver Verifier settings to take effect.\n');
    return EXIT_OK;
  } catch (e) {
    return verifierFailure(e, io, `for example: dumpdesk verifier preset ${args.filter((a) => a !== '--dry-run').join(' ')} --export verifier.cmd`);
  }
}

/** Reports a failed verifier.exe call and returns its exit code (`hint` follows "unavailable"); other errors propagate. */
function verifierFailure(e: unknown, io: CliIO, hint: string): number {
  if (e instanceof VerifierUnavailableError) {
    io.err(`dumpdesk verifier: ${e.message}\n  ${hint}\n`);
    return EXIT_UNAVAILABLE;
  }
  if (e instanceof VerifierRunError) {
    io.err(`dumpdesk verifier: ${e.message}\n`);
    return EXIT_VERIFIER_FAILED;
  }
  throw e;
}

function flagNames(flags: number): string {
  const names = VERIFIER_FLAGS.filter((f) => flags & f.mask).map((f) => f.name);
  if (flags & VERIFIER_RESERVED_FLAGS) names.push('Unused or reserved flag');
  return names.join(', ') || 'none';
}

/** A short human summary of parsed verifier output. */
export function formatVerifierStatus(s: VerifierStatus): string {
  const out: string[] = [`kind: ${s.kind}`];
  if (s.command) out.push(`command: ${s.command}`);
  if (s.timestamp) out.push(`time: ${s.timestamp}`);
  if (s.flags !== undefined) out.push(`flags: ${hex(s.flags)} (${flagNames(s.flags)})`);
  if (s.bootMode) out.push(`boot mode: ${s.bootMode}`);
  if (s.allDrivers) out.push('drivers: all');
  else if (s.drivers.length) out.push(`drivers: ${s.drivers.join(' ')}`);
  if (s.lowResources) {
    const lr = s.lowResources;
    out.push(`low resources: probability ${lr.probability ?? '?'}, pool tags ${lr.poolTags?.length ? lr.poolTags.join(' ') : 'any'}, applications ${lr.applications?.length ? lr.applications.join(' ') : 'any'}${lr.bootDelayMinutes !== undefined ? `, boot delay ${lr.bootDelayMinutes} min` : ''}`);
  }
  for (const [name, value] of Object.entries(s.counters)) out.push(`  ${name}: ${value}`);
  for (const d of s.driverStatistics) out.push(`driver ${d.name}: loads ${d.loads ?? '?'}, unloads ${d.unloads ?? '?'}, ${Object.entries(d.counters).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const [i, e] of s.logEntries.entries()) out.push(`entry ${i + 1}: ${Object.entries(e.fields).map(([k, v]) => `${k} ${v}`).join(', ')}; ${e.frames.length} frames${e.frames[0] ? `, top ${e.frames[0].symbol}` : ''}`);
  return out.join('\n') + '\n';
}

/** JSON with 64-bit numbers as "0x…" strings, as everywhere at DumpDesk's edges. */
function toJson(s: VerifierStatus): string {
  return JSON.stringify(s, (_k, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v), 2) + '\n';
}

async function query(args: string[], io: CliIO, service: VerifierService): Promise<number> {
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  const unknown = files.find((a) => a.startsWith('-'));
  if (unknown) throw new UsageError(`unknown option ${unknown}`);
  if (files.length > 1) throw new UsageError('query takes at most one FILE.txt');
  let status: VerifierStatus;
  if (files[0]) {
    let text: string;
    try {
      text = await readFile(files[0], 'utf8');
    } catch (e) {
      io.err(`dumpdesk verifier: cannot read ${files[0]}: ${(e as Error).message}\n`);
      return EXIT_BAD_INPUT;
    }
    status = parseVerifierOutput(text.replace(/^\uFEFF/, ''));
  } else {
    try {
      status = await service.query('settings');
    } catch (e) {
      return verifierFailure(e, io, 'To read saved output instead: dumpdesk verifier query FILE.txt');
    }
  }
  io.out(json ? toJson(status) : formatVerifierStatus(status));
  return EXIT_OK;
}

/** The command, with the service injectable for tests. */
export function makeVerifierCommand(service: () => VerifierService = () => createVerifierService()): CliCommand {
  return {
    name: 'verifier',
    summary: 'Driver Verifier presets as exact verifier.exe command lines; read verifier output',
    usage: USAGE,
    async run(args, io) {
      const [sub, ...rest] = args;
      if (sub === 'preset') return preset(rest, io, service());
      if (sub === 'query') return query(rest, io, service());
      throw new UsageError(sub ? `unknown subcommand '${sub}' (preset, query)` : 'needs a subcommand: preset or query');
    },
  };
}

export const verifierCommand = makeVerifierCommand();
