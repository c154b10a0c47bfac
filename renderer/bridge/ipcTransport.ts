/** The desktop transport: `window.dumpdesk`, exposed by the preload, answering envelopes. */
import type { Transport } from '../../shared/api/client';
import type { Envelope } from '../../shared/api/errors';
import type { DumpDeskWindowApi } from '../../shared/api/window';

export function ipcTransport(windowApi: DumpDeskWindowApi): Transport {
  const calls = windowApi as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<Envelope<unknown>>>>;
  return (service, method, args) => {
    const fn = calls[service]?.[method];
    if (typeof fn !== 'function') return Promise.resolve({ ok: false, error: { code: 'UnknownCall', message: `the preload does not expose ${service}.${method}` } });
    return fn(...args);
  };
}
