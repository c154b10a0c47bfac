/**
 * Driver Verifier presets and the exact verifier.exe command lines for them
 * (reference §2.1). DumpDesk drives verifier.exe rather than writing
 * VerifyDrivers/VerifyDriverLevel itself: verifier.exe knows what the
 * running Windows accepts.
 */
import { hex } from './formatValue';
import { dwordBits, stringValue } from './valueDef';
import { KNOWN_VERIFIER_FLAGS, VERIFIER_FLAGS, VERIFIER_RESERVED_FLAGS, verifierFlagsIn } from './verifierFlags';

/** Flags as verifier.exe accepts them and people read them: 0x209BB. */
const flagArg = (n: number) => `0x${(n >>> 0).toString(16).toUpperCase()}`;

export type VerifierPresetId = 'classic' | 'standard' | 'unsigned' | 'custom' | 'reset';

/**
 * The classic advice for finding a bad driver: every option except low
 * resources simulation (randomized 0x4 and systematic 0x40000), for chosen
 * drivers. Also left out: options deprecated since 20H2 (0x8000, 0x80000,
 * 0x800000), the unused Enhanced I/O bit (0x40), the reserved bit, and the
 * options that only apply to one kind of driver (port/miniport 0x10000,
 * NDIS/Wi-Fi 0x200000, VM switch 0x1000000). Result: 0x2026FBB.
 */
export const CLASSIC_FLAGS =
  VERIFIER_FLAGS.filter((f) => !f.deprecated && !f.specialPurpose && f.mask !== 0x4 && f.mask !== 0x40).reduce((acc, f) => acc | f.mask, 0) >>> 0;

export interface VerifierPreset {
  id: VerifierPresetId;
  label: string;
  help: string;
  /** The driver list is required (no /all). */
  needsDrivers: boolean;
}

export const VERIFIER_PRESETS: readonly VerifierPreset[] = [
  {
    id: 'classic', label: 'Find a bad driver (classic)', needsDrivers: true,
    help: `Every check except low resources simulation (/flags ${flagArg(CLASSIC_FLAGS)}) for the drivers you suspect — the usual advice when a machine keeps crashing and the stack does not name the culprit. Leave Microsoft drivers out.`,
  },
  { id: 'standard', label: 'Standard settings', needsDrivers: false, help: 'What "verifier /standard" turns on (0x209BB on Windows 8+ plus WDF checks): the checks Microsoft recommends for driver testing.' },
  {
    id: 'unsigned', label: 'Unsigned drivers', needsDrivers: true,
    help: 'Standard settings for the drivers that are not signed. verifier.exe has no command-line switch for "all unsigned drivers" (only its window has that checkbox), so DumpDesk passes the unsigned drivers by name with /driver.',
  },
  { id: 'custom', label: 'Custom flags', needsDrivers: false, help: 'Exactly the option bits you choose.' },
  { id: 'reset', label: 'Turn Driver Verifier off', needsDrivers: false, help: 'Deletes all Driver Verifier settings (verifier /reset). Takes effect after a restart.' },
];

export interface VerifierRequest {
  preset: VerifierPresetId;
  drivers?: readonly string[];
  /** Verify every driver (/all) instead of naming them: standard and custom only. */
  all?: boolean;
  /** Option bits for 'custom'. */
  flags?: number;
  /** Also run `verifier /bootmode resetonbootfail`, so that a boot failure turns verifier off. */
  resetOnBootFail?: boolean;
}

/** Why a request cannot become a command line; empty when it can. Each message names the value. */
export function verifierRequestProblems(r: VerifierRequest): string[] {
  const problems: string[] = [];
  const preset = VERIFIER_PRESETS.find((p) => p.id === r.preset);
  if (!preset) return [`preset '${r.preset}' is not one of ${VERIFIER_PRESETS.map((p) => p.id).join(', ')}`];
  const drivers = r.drivers ?? [];
  for (const d of drivers) {
    if (/[*?]/.test(d)) problems.push(`driver '${d}': verifier.exe does not accept wildcards; name each driver`);
    else if (/[\\/:]/.test(d)) problems.push(`driver '${d}': give the file name only (like foo.sys), not a path`);
    else if (!/^[^\s"<>|]+\.(sys|exe|dll)$/i.test(d)) problems.push(`driver '${d}': not a driver file name like foo.sys`);
  }
  if (r.preset === 'reset') {
    if (drivers.length || r.all || r.flags !== undefined) problems.push('reset: takes no drivers, --all or flags; it turns Driver Verifier off for everything');
    return problems;
  }
  if (r.all && drivers.length) problems.push('--all and named drivers cannot be combined (use /driver.exclude semantics only through verifier.exe itself)');
  if (preset.needsDrivers && r.all) problems.push(`${r.preset}: is meant for chosen drivers; name them instead of --all`);
  if (!r.all && drivers.length === 0) problems.push(`${r.preset}: name at least one driver (--driver foo.sys)${preset.needsDrivers ? '' : ', or verify all drivers with --all'}`);
  if (r.preset === 'custom') {
    if (r.flags === undefined) problems.push('custom: needs --flags 0x… (the option bits)');
    else problems.push(...customFlagProblems(r.flags));
  } else if (r.flags !== undefined) {
    problems.push(`${r.preset}: sets its own options; --flags is only for the custom preset`);
  }
  return problems;
}

/** Why custom option bits are wrong: unknown, reserved, missing prerequisites, zero. */
export function customFlagProblems(flags: number): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(flags) || flags < 0 || flags > 0xffffffff) return [`flags ${flags}: must be a 32-bit number such as 0x209BB`];
  if (flags === 0) return ['flags 0x0: turns on no checks; use the reset preset to turn Driver Verifier off'];
  if (flags & VERIFIER_RESERVED_FLAGS) problems.push(`flags ${hex(flags)}: bit 0x100000 is reserved; verifier does not support setting it`);
  const unknown = (flags & ~KNOWN_VERIFIER_FLAGS & ~VERIFIER_RESERVED_FLAGS) >>> 0;
  if (unknown) problems.push(`flags ${hex(flags)}: bits ${hex(unknown)} are not Driver Verifier options`);
  for (const f of verifierFlagsIn(flags)) {
    if (f.requires && (flags & f.requires) === 0) problems.push(`flags ${hex(flags)}: ${f.name} (${hex(f.mask)}) needs ${VERIFIER_FLAGS.find((x) => x.mask === f.requires)!.name} (${hex(f.requires)})`);
  }
  return problems;
}

/** Thrown for a request that cannot become a command line; the message lists every problem. */
export class VerifierRequestError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'VerifierRequestError';
  }
}

/**
 * The verifier.exe command lines for a request, in order: the preset itself,
 * then `/bootmode resetonbootfail` when asked for. argv[0] is "verifier.exe".
 */
export function verifierCommands(r: VerifierRequest): string[][] {
  const problems = verifierRequestProblems(r);
  if (problems.length) throw new VerifierRequestError(problems);
  const target = r.all ? ['/all'] : ['/driver', ...(r.drivers ?? [])];
  let main: string[];
  switch (r.preset) {
    case 'reset':
      return [['verifier.exe', '/reset']];
    case 'classic':
      main = ['verifier.exe', '/flags', flagArg(CLASSIC_FLAGS), ...target];
      break;
    case 'standard':
    case 'unsigned':
      main = ['verifier.exe', '/standard', ...target];
      break;
    case 'custom':
      main = ['verifier.exe', '/flags', flagArg(r.flags!), ...target];
      break;
  }
  return r.resetOnBootFail ? [main, ['verifier.exe', '/bootmode', 'resetonbootfail']] : [main];
}

/** The main command line of a request (`verifierCommands(r)[0]`). */
export function verifierCommandLine(preset: VerifierPresetId, drivers: readonly string[], flags?: number, opts: { all?: boolean } = {}): string[] {
  return verifierCommands({ preset, drivers, flags, all: opts.all })[0]!;
}

/** argv as one line for copying into cmd.exe: quotes only what needs them. */
export function formatCommandLine(argv: readonly string[]): string {
  return argv.map((a) => (/[\s&|<>^"]/.test(a) || a === '' ? `"${a.replace(/"/g, '""')}"` : a)).join(' ');
}

/** Shown before any preset except reset, and in exported .cmd files. */
export const BOOT_LOOP_WARNING = [
  'Driver Verifier stops the machine (bug check 0xC4 and others) as soon as a verified driver breaks a rule.',
  'If that driver loads during boot, Windows can crash on every start: a boot loop.',
  'To get out: boot into Safe Mode (hold Shift while choosing Restart, then Troubleshoot > Advanced options > Startup Settings),',
  'open an administrator command prompt and run "verifier /reset", then restart.',
  'To make Windows do this by itself, run "verifier /bootmode resetonbootfail" first: verifier then turns itself off after a failed boot.',
  'Save your work and keep a restore point; the settings take effect after the next restart.',
].join('\n');

/**
 * The text of a .cmd file that applies a request on a Windows machine: asks
 * for elevation, shows the warning, runs each command and stops on error.
 */
export function verifierCmdFile(r: VerifierRequest): string {
  const commands = verifierCommands(r);
  const lines = [
    '@echo off',
    'rem Driver Verifier settings exported by DumpDesk.',
    ...(r.preset === 'reset' ? [] : BOOT_LOOP_WARNING.split('\n').map((l) => `rem ${l}`)),
    'net session >nul 2>&1',
    'if errorlevel 1 (',
    '  echo This file must be run as administrator: right-click it and choose "Run as administrator".',
    '  exit /b 1',
    ')',
  ];
  for (const argv of commands) {
    lines.push(formatCommandLine(argv));
    // verifier.exe exits with 2 when a restart is needed, which is success here.
    lines.push('if errorlevel 3 exit /b %errorlevel%', 'if errorlevel 1 if not errorlevel 2 exit /b 1');
  }
  lines.push('echo Restart Windows for the new Driver Verifier settings to take effect.');
  return lines.join('\r\n') + '\r\n';
}

/** VerifyDrivers and VerifyDriverLevel, which verifier.exe writes (Memory Management key), for describe/validate. */
export const VERIFY_DRIVERS = stringValue({
  name: 'VerifyDrivers',
  label: 'Verified drivers',
  help: 'Drivers Driver Verifier checks after the next restart, separated by spaces; * means all drivers. Written by verifier.exe.',
  check: (s) => (s.trim() === '' ? 'is empty; delete it (verifier /reset) to verify no driver' : /[\\/]/.test(s) ? 'lists a path; verifier expects file names like foo.sys' : undefined),
  meaning: (s) => (s.trim() === '*' ? 'all drivers' : undefined),
});

export const VERIFY_DRIVER_LEVEL = dwordBits({
  name: 'VerifyDriverLevel',
  label: 'Driver Verifier options',
  help: 'The option bits (verifier /flags) in effect after the next restart. Written by verifier.exe.',
  bits: [...VERIFIER_FLAGS.map((f) => ({ mask: f.mask, name: f.name })), { mask: VERIFIER_RESERVED_FLAGS, name: 'Unused or reserved flag' }],
});
