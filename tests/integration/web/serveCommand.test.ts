/**
 * `dumpdesk serve` as a user runs it: a child process printing one line with
 * the address, the real engine worker, history store and watcher behind the
 * web host. A dump copied into the served folder arrives as a crashIndexed
 * event and a history row; it opens and analyses through the API; SIGTERM
 * stops the server with exit code 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBridge, type Bridge } from '../../../renderer/bridge/createBridge';
import { corpusPath, repoRoot } from '../../helpers/corpus';

const tmp = mkdtempSync(join(tmpdir(), 'dd-serve-'));
const dumps = join(tmp, 'dumps');
mkdirSync(dumps);
copyFileSync(corpusPath('user', 'null_read_av.dmp'), join(dumps, 'first.dmp'));

let child: ChildProcess;
let url: URL;
let bridge: Bridge;
let stderr = '';

beforeAll(async () => {
  child = spawn(process.execPath, [join(repoRoot, 'bin/dumpdesk.js'), 'serve', '--port', '0', '--dir', dumps, '--db', join(tmp, 'history.sqlite')], {
    env: { ...process.env, DUMPDESK_HOME: join(tmp, 'home') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+\n$/);
  url = new URL(line.trim());
  const kept = new Map<string, string>();
  bridge = createBridge({
    location: { origin: url.origin, search: url.search, pathname: url.pathname, hash: '' },
    sessionStorage: { getItem: (k) => kept.get(k) ?? null, setItem: (k, v) => void kept.set(k, v) },
    history: { replaceState: () => {} },
    fetch: (u, init) => fetch(u, init),
  });
});

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

/** Reads Server-Sent Events until one named `name` arrives. */
async function nextEvent(name: string, trigger: () => void): Promise<unknown> {
  const res = await fetch(`${url.origin}/api/events?token=${url.searchParams.get('token')}`);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = decoder.decode((await reader.read()).value);
  trigger();
  for (;;) {
    const m = new RegExp(`event: ${name}\\ndata: (.*)\\n\\n`).exec(text);
    if (m) {
      await reader.cancel();
      return JSON.parse(m[1]!);
    }
    const chunk = await reader.read();
    if (chunk.done) throw new Error(`the event stream ended before a ${name} event; got: ${text}`);
    text += decoder.decode(chunk.value);
  }
}

describe('dumpdesk serve', () => {
  it('serves the API with the printed token and reports itself as the web host', async () => {
    const info = await bridge.api.app.info();
    expect(info).toMatchObject({ name: 'DumpDesk', host: 'web', settingsAllowed: false, servedFolders: [dumps] });
    expect((await fetch(`${url.origin}/api/app/info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
  });

  it('indexes the served folder at start, then announces a new dump as crashIndexed', async () => {
    await expect.poll(async () => (await bridge.api.history.list({})).total, { timeout: 30_000 }).toBe(1);
    const row = (await nextEvent('crashIndexed', () => copyFileSync(corpusPath('user', 'null_write_av.dmp'), join(dumps, 'second.dmp')))) as { fileName: string; state: string; code: string };
    expect(row).toMatchObject({ fileName: 'second.dmp', state: 'ok', code: '0xc0000005' });
    const page = await bridge.api.history.list({ sort: 'path', descending: false });
    expect(page.rows.map((r) => r.fileName)).toEqual(['first.dmp', 'second.dmp']);
    const sources = await bridge.api.sources.list();
    expect(sources).toMatchObject([{ path: dumps, reachable: true, dumpCount: 2, origin: 'user' }]);
  });

  it('opens and analyses a served dump in the engine, and refuses one outside the folder', async () => {
    const session = await bridge.api.dump.open(join(dumps, 'first.dmp'));
    const report = await bridge.api.dump.analyze(session.sessionId);
    expect(report.crash.code).toBe('0xc0000005');
    await bridge.api.dump.close(session.sessionId);
    await expect(bridge.api.dump.open(corpusPath('user', 'null_read_av.dmp'))).rejects.toMatchObject({ code: 'Forbidden' });
  });

  it('stops on SIGTERM with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });
});
