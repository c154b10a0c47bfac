/**
 * The browser transport for `dumpdesk serve`: each call is a POST to
 * /api/<service>/<method> with the token in a header; events come over
 * Server-Sent Events (/api/events?token=…, since EventSource cannot send
 * headers). `fetch` and `EventSource` are injected so tests can run it in Node.
 */
import type { Transport } from '../../shared/api/client';
import type { Envelope } from '../../shared/api/errors';

export const TOKEN_HEADER = 'x-dumpdesk-token';

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{ status: number; json(): Promise<unknown> }>;

export function httpTransport(baseUrl: string, token: string, fetchImpl: FetchLike): Transport {
  return async (service, method, args) => {
    let response: { status: number; json(): Promise<unknown> };
    try {
      response = await fetchImpl(`${baseUrl}/api/${service}/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify({ args }),
      });
    } catch (e) {
      return { ok: false, error: { code: 'Internal', message: `the DumpDesk web host did not answer (${(e as Error).message}); is \`dumpdesk serve\` still running?` } };
    }
    try {
      return (await response.json()) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'Internal', message: `the web host answered HTTP ${response.status} without a JSON body` } };
    }
  };
}
