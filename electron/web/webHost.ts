/**
 * `dumpdesk serve`: the contract over HTTP on 127.0.0.1, for a browser on
 * any OS and for end-to-end tests in Chromium.
 *
 *   POST /api/<service>/<method>   body {"args":[…]} → the call's envelope (JSON)
 *   GET  /api/events               Server-Sent Events (contract events)
 *   GET  /…                        the built renderer (dist/renderer)
 *
 * Every request needs the random token (header `x-dumpdesk-token`, query
 * `?token=`, or the cookie set when the page was opened with it) → 401
 * without. Requests from another Origin, or with a Host header that is not
 * this address (DNS rebinding), → 403. Bound to 127.0.0.1 only.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { api, type ApiEventSink, type ApiServices } from '../../shared/api';
import { createDispatcher } from '../../shared/api/dispatch';
import { ApiError, toWireError, type ApiErrorCode, type Envelope } from '../../shared/api/errors';
import { CONTENT_SECURITY_POLICY } from '../main/contentSecurityPolicy';
import { PathConfinement } from './confinePaths';
import { EventStream } from './eventStream';
import { serveStatic } from './staticFiles';
import { webGate } from './webGate';

export const LOOPBACK = '127.0.0.1';
export const TOKEN_HEADER = 'x-dumpdesk-token';
const TOKEN_COOKIE = 'dumpdesk_token';
const MAX_BODY = 1024 * 1024;

export interface WebHostOptions {
  services: ApiServices;
  /** 0 picks a free port. */
  port: number;
  /** Folder of the built renderer; undefined serves a "run npm run build" page. */
  staticDir?: string;
  /** Folders file arguments must stay inside (`--dir`, plus the history's sources); a function when they can change. */
  servedFolders: readonly string[] | (() => readonly string[]);
  allowSettings: boolean;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

export interface WebHost {
  /** What to open: http://127.0.0.1:PORT/?token=… */
  url: string;
  port: number;
  address: string;
  token: string;
  /** Pushes a contract event to every connected tab. */
  emit: ApiEventSink;
  close(): Promise<void>;
}

const STATUS: Partial<Record<ApiErrorCode, number>> = {
  BadArguments: 400,
  Forbidden: 403,
  UnknownCall: 404,
  UnknownSession: 404,
  NotFound: 404,
  Cancelled: 409,
  Internal: 500,
  NotAvailable: 501,
};

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ApiError('BadArguments', `request body over ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebHost(o: WebHostOptions): Promise<WebHost> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  const folders = o.servedFolders;
  const confinement = new PathConfinement(typeof folders === 'function' ? folders : () => folders);
  const dispatch = createDispatcher(api, o.services, webGate({ allowSettings: o.allowSettings, confinement }));
  const events = new EventStream();
  let port = 0;

  const baseHeaders = (): Record<string, string> => ({
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  });

  const json = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...baseHeaders(), 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  };
  const refuse = (res: ServerResponse, status: number, code: ApiErrorCode, message: string) =>
    json(res, status, { ok: false, error: { code, message } } satisfies Envelope<never>);

  const ownOrigins = () => [`http://${LOOPBACK}:${port}`, `http://localhost:${port}`];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    // Host check first: a page on evil.example whose name resolves to 127.0.0.1 sends Host: evil.example.
    if (!ownOrigins().some((o) => o === `http://${req.headers.host ?? ''}`)) return refuse(res, 403, 'Forbidden', 'unexpected Host header');
    const origin = req.headers.origin;
    if (origin !== undefined && !ownOrigins().includes(origin)) return refuse(res, 403, 'Forbidden', `requests from ${origin} are not allowed`);
    if (req.headers['sec-fetch-site'] === 'cross-site') return refuse(res, 403, 'Forbidden', 'cross-site requests are not allowed');

    const headerToken = req.headers[TOKEN_HEADER];
    const given = (typeof headerToken === 'string' ? headerToken : undefined) ?? url.searchParams.get('token') ?? undefined;
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    // Pages and assets may also use the cookie set when the page was opened with ?token=; the API may not.
    const authorised = sameToken(given, token) || (!isApi && sameToken(cookie(req, TOKEN_COOKIE), token));
    if (!authorised) return refuse(res, 401, 'Unauthorized', 'missing or wrong token: open the address `dumpdesk serve` printed');

    if (!isApi) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Forbidden', 'only GET here');
      const headers: Record<string, string> = { ...baseHeaders(), 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Cache-Control': 'no-cache' };
      if (sameToken(url.searchParams.get('token') ?? undefined, token)) {
        headers['Set-Cookie'] = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      }
      return serveStatic(o.staticDir, url.pathname, req.method === 'HEAD', res, headers);
    }

    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return refuse(res, 405, 'Forbidden', 'events are read with GET');
      return events.attach(res, baseHeaders());
    }
    const m = /^\/api\/([A-Za-z]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) return refuse(res, 404, 'UnknownCall', `no API route ${url.pathname}`);
    if (req.method !== 'POST') return refuse(res, 405, 'BadArguments', 'API calls are POST requests');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'BadArguments', 'send the arguments as application/json');
    let args: unknown;
    try {
      const body = JSON.parse(await readBody(req)) as { args?: unknown };
      args = body?.args ?? [];
    } catch (e) {
      return json(res, 400, { ok: false, error: e instanceof ApiError ? toWireError(e) : { code: 'BadArguments', message: 'the body is not JSON' } });
    }
    const envelope = await dispatch(m[1]!, m[2]!, args);
    json(res, envelope.ok ? 200 : (STATUS[envelope.error.code] ?? 422), envelope);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) json(res, 500, { ok: false, error: toWireError(e) });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, LOOPBACK, () => resolve());
  });
  const address = server.address() as AddressInfo;
  port = address.port;
  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    port,
    address: address.address,
    token,
    emit: events.emit,
    close: async () => {
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
