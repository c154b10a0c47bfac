/**
 * The one place a call from outside reaches a service: look the call up in
 * the contract, validate the arguments with its schema, let the host's gate
 * refuse it, then call the service. The IPC binding and the web host both go
 * through here, so they cannot drift apart.
 */
import type { CallSpec, Contract, ServicesOf } from './define';
import { ApiError, toWireError, type Envelope, type WireIssue } from './errors';

export interface CallContext {
  service: string;
  method: string;
  spec: CallSpec;
  /** Arguments after schema validation (defaults filled in). */
  args: unknown[];
}

/** Host policy run after validation, before the service: throw an ApiError('Forbidden', …) to refuse. */
export type CallGate = (call: CallContext) => void | Promise<void>;

export type Dispatcher = (service: string, method: string, rawArgs: unknown) => Promise<Envelope<unknown>>;

function lookup(contract: Contract, service: string, method: string): CallSpec | undefined {
  if (!Object.hasOwn(contract, service)) return undefined;
  const methods = contract[service]!;
  return Object.hasOwn(methods, method) ? methods[method] : undefined;
}

export function createDispatcher<C extends Contract>(contract: C, services: ServicesOf<C>, gate?: CallGate): Dispatcher {
  return async (service, method, rawArgs) => {
    try {
      const spec = lookup(contract, service, method);
      if (!spec) throw new ApiError('UnknownCall', `no call ${service}.${method} in the contract`);
      const parsed = spec.args.safeParse(rawArgs);
      if (!parsed.success) {
        const issues: WireIssue[] = parsed.error.issues.map((i) => ({
          path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          message: i.message,
        }));
        const first = issues[0];
        const where = first && first.path.length > 0 ? ` at argument ${first.path.join('.')}` : '';
        throw new ApiError('BadArguments', `${service}.${method}: ${first?.message ?? 'invalid arguments'}${where}`, issues);
      }
      const args = parsed.data as unknown[];
      if (gate) await gate({ service, method, spec, args });
      const impl = (services as Record<string, Record<string, (...a: unknown[]) => unknown>>)[service]?.[method];
      if (typeof impl !== 'function') throw new ApiError('NotAvailable', `${service}.${method} has no implementation in this host`);
      const value = await impl(...args);
      return { ok: true, value };
    } catch (e) {
      return { ok: false, error: toWireError(e) };
    }
  };
}
