/** verifier.*: Driver Verifier presets, the exact verifier.exe command, running it and reading its state. */
import { z } from 'zod';
import { call, returns } from './define';

export interface VerifierPreset {
  id: string;
  name: string;
  description: string;
  /** verifier.exe /flags value, "0x…"; null when the user picks the flags (custom) or none apply (reset). */
  flags: string | null;
  /** The preset needs a driver list (no /all). */
  needsDrivers?: boolean;
  /** Shown before enabling: boot loops, slowdowns. */
  warning: string | null;
}

export const VerifierRequestSchema = z.object({
  /** A preset id from `presets()` (checked by the service); `custom` takes `flags`. Defaults to `custom` when only flags are given. */
  preset: z.string().max(64).optional(),
  flags: z.string().regex(/^0x[0-9a-fA-F]{1,8}$/).optional(),
  /** Driver file names ("foo.sys"); never paths. */
  drivers: z.array(z.string().regex(/^[A-Za-z0-9_.\- ]{1,128}$/, 'expected a driver file name like foo.sys')).max(64),
  /** `reset` turns Driver Verifier off whatever the preset says. */
  action: z.enum(['enable', 'reset']).default('enable'),
  /** Verify every driver (/all): standard and custom only. */
  all: z.boolean().optional(),
  /** Also run `verifier /bootmode resetonbootfail`, so a boot failure turns verifier off. */
  resetOnBootFail: z.boolean().optional(),
});
export type VerifierRequest = z.input<typeof VerifierRequestSchema>;

export interface VerifierCommand {
  /** argv for verifier.exe of the first command, without the program name. */
  argv: string[];
  /** Every command line, to copy into an elevated prompt (one per line). */
  text: string;
  /** Each command line (the preset, then /bootmode when asked for). */
  commands?: string[];
  rebootRequired: boolean;
  /** Shown before applying anything but reset. */
  warning?: string | null;
}

export interface VerifierRunResult {
  exitCode: number;
  output: string;
  rebootRequired: boolean;
}

export interface VerifierState {
  enabled: boolean;
  flags: string | null;
  drivers: string[];
  /** Every driver is verified (/all). */
  allDrivers?: boolean;
  /** Raw `verifier /querysettings` output when the service keeps it; null otherwise. */
  raw: string | null;
}

export const verifierApi = {
  presets: call({
    summary: 'The presets the Driver Verifier page offers.',
    args: z.tuple([]),
    result: returns<VerifierPreset[]>(),
    effect: 'read',
  }),
  commandLine: call({
    summary: 'The exact verifier.exe command a request would run.',
    args: z.tuple([VerifierRequestSchema]),
    result: returns<VerifierCommand>(),
    effect: 'read',
  }),
  run: call({
    summary: 'Run verifier.exe (needs an elevated app; takes effect after reboot).',
    args: z.tuple([VerifierRequestSchema]),
    result: returns<VerifierRunResult>(),
    effect: 'system',
  }),
  query: call({
    summary: 'Current Driver Verifier settings.',
    args: z.tuple([]),
    result: returns<VerifierState>(),
    effect: 'read',
  }),
};
