/**
 * Builds the renderer's typed client from the contract and one transport
 * function (IPC invoke or HTTP POST). The transport only moves envelopes;
 * the client turns failed ones back into ApiError.
 */
import type { ClientOf, Contract } from './define';
import { unwrap, type Envelope } from './errors';

export type Transport = (service: string, method: string, args: unknown[]) => Promise<Envelope<unknown>>;

export function createClient<C extends Contract>(contract: C, transport: Transport): ClientOf<C> {
  const client: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const [service, methods] of Object.entries(contract)) {
    const group: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const method of Object.keys(methods)) {
      group[method] = async (...args) => unwrap(await transport(service, method, args));
    }
    client[service] = Object.freeze(group);
  }
  return Object.freeze(client) as unknown as ClientOf<C>;
}
