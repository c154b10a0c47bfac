/**
 * verifier.*: the contract answered by the Driver Verifier runner
 * (electron/services/verifier.ts) and the presets of shared/settings. Its
 * errors become API errors the UI can word: not Windows → Unsupported, not
 * elevated → Forbidden, a bad request → Invalid.
 */
import type { ApiServices, VerifierRequest } from '../../../shared/api';
import { ApiError } from '../../../shared/api/errors';
import {
  BOOT_LOOP_WARNING,
  CLASSIC_FLAGS,
  VERIFIER_PRESETS,
  VerifierRequestError,
  formatCommandLine,
  verifierCommands,
  type VerifierPresetId,
  type VerifierRequest as ModelRequest,
} from '../../../shared/settings/verifier';
import { STANDARD_FLAGS } from '../../../shared/settings/verifierFlags';
import { VerifierUnavailableError, type VerifierService } from '../../services/verifier';

const hexFlags = (n: number) => `0x${(n >>> 0).toString(16).toUpperCase()}`;

const PRESET_FLAGS: Record<VerifierPresetId, number | null> = {
  classic: CLASSIC_FLAGS,
  standard: STANDARD_FLAGS,
  unsigned: STANDARD_FLAGS,
  custom: null,
  reset: null,
};

/** Contract request (validated by its schema) → the settings model's request. */
export function toModelRequest(r: VerifierRequest): ModelRequest {
  const wanted = r.action === 'reset' ? 'reset' : (r.preset ?? (r.flags ? 'custom' : 'standard'));
  if (!Object.hasOwn(PRESET_FLAGS, wanted)) throw new ApiError('Invalid', `unknown Driver Verifier preset '${wanted}' (known: ${Object.keys(PRESET_FLAGS).join(', ')})`);
  const preset = wanted as VerifierPresetId;
  return {
    preset,
    drivers: r.drivers,
    ...(r.all ? { all: true } : {}),
    ...(r.flags ? { flags: Number.parseInt(r.flags, 16) } : {}),
    ...(r.resetOnBootFail ? { resetOnBootFail: true } : {}),
  };
}

function apiErrorFrom(e: unknown): unknown {
  if (e instanceof VerifierUnavailableError) return new ApiError(e.reason === 'not-windows' ? 'Unsupported' : 'Forbidden', e.message);
  if (e instanceof VerifierRequestError) return new ApiError('Invalid', e.message);
  return e;
}

async function mapped<T>(f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw apiErrorFrom(e);
  }
}

export function verifierService(runner: VerifierService): ApiServices['verifier'] {
  return {
    presets: () =>
      VERIFIER_PRESETS.map((p) => {
        const flags = PRESET_FLAGS[p.id];
        return { id: p.id, name: p.label, description: p.help, flags: flags === null ? null : hexFlags(flags), needsDrivers: p.needsDrivers, warning: p.id === 'reset' ? null : BOOT_LOOP_WARNING };
      }),
    commandLine: (r) =>
      mapped(() => {
        const request = toModelRequest(r);
        const commands = verifierCommands(request);
        const lines = commands.map(formatCommandLine);
        return { argv: commands[0]!.slice(1), text: lines.join('\n'), commands: lines, rebootRequired: true, warning: request.preset === 'reset' ? null : BOOT_LOOP_WARNING };
      }),
    run: (r) =>
      mapped(async () => {
        const result = await runner.apply(toModelRequest(r));
        const last = result.commands[result.commands.length - 1];
        return {
          exitCode: last?.exitCode ?? 0,
          output: result.commands.map((c) => `> ${c.commandLine}\n${c.output}`).join('\n'),
          rebootRequired: result.restartNeeded,
        };
      }),
    query: () =>
      mapped(async () => {
        const s = await runner.query('settings');
        const enabled = s.kind !== 'not-active' && (s.drivers.length > 0 || s.allDrivers === true);
        return { enabled, flags: s.flags === undefined ? null : hexFlags(s.flags), drivers: s.drivers, allDrivers: s.allDrivers === true, raw: null };
      }),
  };
}
