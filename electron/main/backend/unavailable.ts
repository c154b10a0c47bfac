/**
 * A stand-in for a service that has not landed in this build: every method
 * answers a typed NotAvailable error naming what is missing, so the UI can
 * say so and the real service can replace it without touching callers.
 */
import type { CallSpec } from '../../../shared/api/define';
import { notAvailable } from '../../../shared/api/errors';

type Unavailable<M extends Record<string, CallSpec>> = { readonly [K in keyof M]: () => never };

export function unavailableService<M extends Record<string, CallSpec>>(service: string, methods: M, why: string): Unavailable<M> {
  const out: Record<string, () => never> = {};
  for (const method of Object.keys(methods)) {
    out[method] = () => {
      throw notAvailable(`${service}.${method}`, why);
    };
  }
  return out as Unavailable<M>;
}
