/** verifier.*: Driver Verifier presets, the exact verifier.exe command, running it and reading its state. */
import { z } from 'zod';
import { call, returns } from './define';

export interface VerifierPreset {
  id: string;
  name: string;
  description: string;
  /** verifier.exe /flags value, "0x…". */
  flags: string;
  /** Shown before enabling: boot loops, slowdowns. */
  warning: string | null;
}

export const VerifierRequestSchema = z.object({
  /** A preset id, or explicit flags. */
  preset: z.string().max(64).optional(),
  flags: z.string().regex(/^0x[0-9a-fA-F]{1,8}$/).optional(),
  /** Driver file names ("foo.sys"); never paths. */
  drivers: z.array(z.string().regex(/^[A-Za-z0-9_.\- ]{1,128}$/, 'expected a driver file name like foo.sys')).max(64),
  action: z.enum(['enable', 'reset']).default('enable'),
});
export type VerifierRequest = z.input<typeof VerifierRequestSchema>;

export interface VerifierCommand {
  /** argv for verifier.exe, without the program name. */
  argv: string[];
  /** The same as one line to copy into an elevated prompt. */
  text: string;
  rebootRequired: boolean;
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
  /** Raw `verifier /querysettings` output, for the curious. */
  raw: string;
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
