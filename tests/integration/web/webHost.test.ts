/**
 * The web host over real HTTP on 127.0.0.1: every contract call through the
 * renderer's HTTP bridge (valid arguments reach the service, invalid ones are
 * refused with BadArguments and never reach it), and the security checks —
 * token (401), Origin and Host (403), loopback-only binding, system calls
 * gated by --allow-settings, file arguments and static paths confined.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBridge, type Bridge } from '../../../renderer/bridge/createBridge';
import { startWebHost, type WebHost } from '../../../electron/web/webHost';
import { everyCall, recordingServices, type RecordedCall } from '../../unit/shared/api/contractFixtures';

const tmp = mkdtempSync(join(tmpdir(), 'dd-web-'));
const served = join(tmp, 'dumps');
const renderer = join(tmp, 'renderer');
mkdirSync(served);
mkdirSync(join(renderer, 'assets'), { recursive: true });
writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>DumpDesk test page</title>');
writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(tmp, 'secret.txt'), 'top secret');
symlinkSync(tmp, join(served, 'escape'));

let host: WebHost;
let calls: RecordedCall[];

beforeAll(async () => {
  const r = recordingServices();
  calls = r.calls;
  host = await startWebHost({ services: r.services, port: 0, staticDir: renderer, servedFolders: [served], allowSettings: false });
});
afterAll(async () => {
  await host.close();
  rmSync(tmp, { recursive: true, force: true });
});

function browserBridge(url = host.url): Bridge {
  const u = new URL(url);
  const store = new Map<string, string>();
  return createBridge({
    location: { origin: u.origin, search: u.search, pathname: u.pathname, hash: u.hash },
    history: { replaceState: () => {} },
    sessionStorage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
    // Same-origin fetch from the page: browsers send the Origin header on POST.
    fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, Origin: u.origin } }),
  });
}

/** A raw request, so tests control every header (fetch would add or normalise some). */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

type AnyClient = Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>;

describe('web host: the contract over HTTP', () => {
  const cases = everyCall(served);

  it.each(cases)('$service.$method: valid arguments reach the service (or a system call is refused without --allow-settings)', async ({ service, method, valid }) => {
    const bridge = browserBridge();
    expect(bridge.transport).toBe('http');
    const before = calls.length;
    const result = (bridge.api as unknown as AnyClient)[service]![method]!(...valid);
    if (['settings.apply', 'settings.undo', 'verifier.run', 'history.trash'].includes(`${service}.${method}`)) {
      await expect(result).rejects.toMatchObject({ code: 'Forbidden', message: expect.stringContaining('--allow-settings') });
      expect(calls.length).toBe(before);
    } else {
      await expect(result).resolves.toEqual({ echo: `${service}.${method}` });
      expect(calls.slice(before).map((c) => `${c.service}.${c.method}`)).toEqual([`${service}.${method}`]);
    }
  });

  it.each(cases)('$service.$method: invalid arguments are refused with a schema error (HTTP 400)', async ({ service, method, invalid }) => {
    const before = calls.length;
    await expect((browserBridge().api as unknown as AnyClient)[service]![method]!(...invalid)).rejects.toMatchObject({ name: 'ApiError', code: 'BadArguments' });
    const res = await raw(`/api/${service}/${method}`, { 'x-dumpdesk-token': host.token, 'content-type': 'application/json' }, 'POST', JSON.stringify({ args: invalid }));
    expect(res.status).toBe(400);
    expect(calls.length).toBe(before);
  });

  it('allows system calls when started with --allow-settings', async () => {
    const r = recordingServices();
    const open = await startWebHost({ services: r.services, port: 0, servedFolders: [], allowSettings: true });
    try {
      await expect(browserBridge(open.url).api.settings.apply('p1')).resolves.toEqual({ echo: 'settings.apply' });
      expect(r.calls.map((c) => c.method)).toEqual(['apply']);
    } finally {
      await open.close();
    }
  });

  it('pushes events over Server-Sent Events', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/events?token=${host.token}`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    host.emit('navigate', { view: 'settings' });
    const more = async () => {
      const chunk = await reader.read();
      if (chunk.done) throw new Error(`the event stream ended early: ${text}`);
      text += decoder.decode(chunk.value);
    };
    while (!text.includes('\n\nevent: navigate')) await more();
    while (!text.endsWith('\n\n')) await more();
    expect(text).toContain('event: navigate\ndata: {"view":"settings"}\n\n');
    await reader.cancel();
  });
});

describe('web host: security', () => {
  it('answers 401 to API calls and pages without the token, or with a wrong one', async () => {
    const post = (headers: Record<string, string>) => raw('/api/app/info', { 'content-type': 'application/json', ...headers }, 'POST', '{"args":[]}');
    const none = await post({});
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'Unauthorized' } });
    expect((await post({ 'x-dumpdesk-token': host.token.slice(1) + 'x' })).status).toBe(401);
    expect((await raw('/api/events')).status).toBe(401);
    expect((await raw('/')).status).toBe(401);
    expect((await raw('/assets/app.js')).status).toBe(401);
    expect((await post({ 'x-dumpdesk-token': host.token })).status).toBe(200);
    expect((await raw(`/api/app/info?token=${host.token}`, { 'content-type': 'application/json' }, 'POST', '{"args":[]}')).status).toBe(200);
  });

  it('does not accept the page cookie for API calls, but does for assets', async () => {
    const page = await raw(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('DumpDesk test page');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toMatch(/^dumpdesk_token=/);
    expect((await raw('/assets/app.js', { cookie })).status).toBe(200);
    expect((await raw('/api/app/info', { cookie, 'content-type': 'application/json' }, 'POST', '{"args":[]}')).status).toBe(401);
  });

  it('answers 403 to a foreign Origin or Host, even with the token', async () => {
    const headers = { 'x-dumpdesk-token': host.token, 'content-type': 'application/json' };
    const foreign = await raw('/api/app/info', { ...headers, origin: 'https://evil.example' }, 'POST', '{"args":[]}');
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.message).toContain('https://evil.example');
    expect((await raw('/api/app/info', { ...headers, origin: `http://127.0.0.1:${host.port + 1}` }, 'POST', '{"args":[]}')).status).toBe(403);
    expect((await raw('/api/app/info', { ...headers, host: `evil.example:${host.port}` }, 'POST', '{"args":[]}')).status).toBe(403);
    expect((await raw('/api/app/info', { ...headers, 'sec-fetch-site': 'cross-site' }, 'POST', '{"args":[]}')).status).toBe(403);
    expect((await raw('/api/app/info', { ...headers, origin: `http://127.0.0.1:${host.port}` }, 'POST', '{"args":[]}')).status).toBe(200);
  });

  it('is bound to the loopback address only', async () => {
    expect(host.address).toBe('127.0.0.1');
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`));
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      // Reaching the same port on a non-loopback address must fail: nothing listens there.
      await expect(fetch(`http://${external.address}:${host.port}/?token=${host.token}`)).rejects.toThrow();
    }
  });

  it('refuses file arguments outside the served folders: .., absolute elsewhere, symlinks out', async () => {
    const { api } = browserBridge();
    const before = calls.length;
    for (const p of [`${served}/../secret.txt`, join(tmp, 'secret.txt'), '/etc/passwd', `${served}/escape/secret.txt`]) {
      await expect(api.dump.open(p)).rejects.toMatchObject({ code: 'Forbidden', message: expect.stringContaining('outside the folders') });
    }
    await expect(api.sources.add(`${served}/..`)).rejects.toMatchObject({ code: 'Forbidden' });
    await expect(api.settings.exportReg(`${served}/escape/out.reg`)).rejects.toMatchObject({ code: 'Forbidden' });
    expect(calls.length).toBe(before);
    await expect(api.dump.open(`${served}/sub/../crash.dmp`)).resolves.toEqual({ echo: 'dump.open' });
  });

  it('refuses static paths that climb out of the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      const res = await raw(`${path}${path.includes('?') ? '&' : '?'}token=${host.token}`);
      expect(res.body).not.toContain('top secret');
      expect([403, 404, 200]).toContain(res.status);
      if (res.status === 200) expect(res.body).toContain('DumpDesk test page'); // a route: the renderer's index.html
    }
  });

  it('answers a missing favicon with 204 (no console noise) and a missing asset with 404', async () => {
    expect((await raw(`/favicon.ico?token=${host.token}`)).status).toBe(204);
    expect((await raw(`/assets/missing.js?token=${host.token}`)).status).toBe(404);
  });

  it('answers 404 for unknown API routes and 405 for GET on a call', async () => {
    const h = { 'x-dumpdesk-token': host.token, 'content-type': 'application/json' };
    expect((await raw('/api/dump/format', h, 'POST', '{"args":[]}')).status).toBe(404);
    expect((await raw('/api/__proto__/x', h, 'POST', '{"args":[]}')).status).toBe(404);
    expect((await raw('/api/app/info', h, 'GET')).status).toBe(405);
    expect((await raw('/api/app/info', h, 'POST', 'not json')).status).toBe(400);
  });
});
