/**
 * The web host's policy for calls, applied after argument validation:
 * system-changing calls (registry, Driver Verifier) only with
 * `--allow-settings`, and every file argument inside the served folders.
 */
import type { CallGate } from '../../shared/api/dispatch';
import { ApiError } from '../../shared/api/errors';
import type { PathConfinement } from './confinePaths';

export function webGate(options: { allowSettings: boolean; confinement: PathConfinement }): CallGate {
  return ({ service, method, spec, args }) => {
    if (spec.effect === 'system' && !options.allowSettings) {
      throw new ApiError('Forbidden', `${service}.${method} changes system settings; start the web host with --allow-settings to allow it`);
    }
    for (const p of spec.paths?.(args as never) ?? []) {
      if (!options.confinement.allows(p)) {
        throw new ApiError('Forbidden', `${service}.${method}: ${p} is outside the folders this web host serves (${options.confinement.folders.join(', ') || 'none; add --dir'})`);
      }
    }
  };
}
