// An ApiClient for renderer tests that goes through the real contract
// dispatcher (argument schemas included) to in-memory services the test
// supplies. A call the test did not implement answers NotAvailable, as a
// host whose service has not landed would.
import { api as contract, type ApiClient, type ApiEventsClient, type ApiServices } from '../../shared/api';
import { createClient } from '../../shared/api/client';
import { createDispatcher } from '../../shared/api/dispatch';

type PartialServices = { [S in keyof ApiServices]?: Partial<ApiServices[S]> };

export interface FakeApi {
  client: ApiClient;
  events: ApiEventsClient;
  /** Pushes an event to the listeners the renderer registered. */
  emit(name: string, payload: unknown): void;
  /** Every call made, in order: "history.list". */
  calls: string[];
}

export function fakeApi(services: PartialServices): FakeApi {
  const calls: string[] = [];
  const dispatch = createDispatcher(contract, services as unknown as ApiServices);
  const client = createClient(contract, async (service, method, args) => {
    calls.push(`${service}.${method}`);
    return dispatch(service, method, args);
  });
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const events: ApiEventsClient = {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(name, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
  };
  return { client, events, calls, emit: (name, payload) => listeners.get(name)?.forEach((l) => l(payload)) };
}
