// The HTTP symbol-server client against a real server on 127.0.0.1 serving a symstore
// folder built from ../shared/corpus (symbols/ and symstore/) in a temp dir.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpSymbolServer } from '../../../../../electron/services/symbols/httpSymbolServer';
import { LocalSymbolStore } from '../../../../../electron/services/symbols/localSymbolStore';
import { NodeSymbolSupplier } from '../../../../../electron/services/symbols/nodeSymbolSupplier';
import { openDumpFile } from '../../../../../electron/services/openDumpFile';
import { analyze } from '../../../../../shared/analysis/analyze';
import type { SymbolFileRequest } from '../../../../../shared/symbols/symstoreLayout';
import { corpusPath } from '../../../../helpers/corpus';

type Mode = 'ok' | 'slow' | 'garbage' | 'flaky';
let mode: Mode = 'ok';
let hits: string[] = [];
let failuresLeft = 0;
let server: Server;
let baseUrl: string;
let root: string;
let work: string;

const KERNEL32_SYM: SymbolFileRequest = {
  kind: 'sym', folder: 'kernel32.pdb/BCE8785C57B44245A669896B6A19B9542',
  path: 'kernel32.pdb/BCE8785C57B44245A669896B6A19B9542/kernel32.sym', file: 'kernel32.sym',
};
const USER32_PDB: SymbolFileRequest = {
  kind: 'pdb', folder: 'user32.pdb/15F778B3671D4EFDBDCDE79905308B792',
  path: 'user32.pdb/15F778B3671D4EFDBDCDE79905308B792/user32.pdb', file: 'user32.pdb',
};
const MISSING: SymbolFileRequest = { kind: 'pdb', folder: 'nope.pdb/00', path: 'nope.pdb/00/nope.pdb', file: 'nope.pdb' };

function serve(req: IncomingMessage, res: ServerResponse): void {
  const path = decodeURIComponent(req.url ?? '/').replace(/^\/+/, '');
  hits.push(path);
  if (mode === 'slow') {
    setTimeout(() => { if (!res.writableEnded) res.end('late'); }, 2000).unref();
    return;
  }
  if (mode === 'flaky' && failuresLeft > 0) {
    failuresLeft--;
    res.writeHead(503).end('busy');
    return;
  }
  if (mode === 'garbage') {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>proxy login</html>');
    return;
  }
  const file = join(root, ...path.split('/'));
  if (!path.includes('..') && existsSync(file) && statSync(file).isFile()) res.writeHead(200).end(readFileSync(file));
  else res.writeHead(404).end();
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dumpdesk-symsrv-'));
  root = join(work, 'store');
  cpSync(corpusPath('symbols'), root, { recursive: true });
  cpSync(corpusPath('symstore'), root, { recursive: true });
  server = createServer(serve);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(work, { recursive: true, force: true });
});

let cacheN = 0;
const freshCache = () => join(work, `cache${cacheN++}`);
beforeEach(() => {
  mode = 'ok';
  hits = [];
  failuresLeft = 0;
});

describe('HttpSymbolServer', () => {
  it('downloads into the cache in symstore layout, then never asks the server again (even a new client)', async () => {
    const cacheDir = freshCache();
    const s = new HttpSymbolServer(baseUrl, { cacheDir });
    const first = await s.fetch(USER32_PDB);
    expect(first.status).toBe('downloaded');
    const cached = join(cacheDir, 'user32.pdb', '15F778B3671D4EFDBDCDE79905308B792', 'user32.pdb');
    expect(first).toEqual({ status: 'downloaded', path: cached });
    expect(readFileSync(cached)).toEqual(readFileSync(corpusPath('symstore', 'user32.pdb', '15F778B3671D4EFDBDCDE79905308B792', 'user32.pdb')));
    expect(await s.fetch(USER32_PDB)).toEqual({ status: 'cached', path: cached });
    const again = new HttpSymbolServer(baseUrl, { cacheDir });
    expect((await again.fetch(USER32_PDB)).status).toBe('cached');
    expect(hits).toEqual([USER32_PDB.path]);
    expect(readdirSync(join(cacheDir, 'user32.pdb', '15F778B3671D4EFDBDCDE79905308B792'))).toEqual(['user32.pdb']);
  });

  it('remembers a missing file: a hundred frames ask the server once', async () => {
    const s = new HttpSymbolServer(baseUrl, { cacheDir: freshCache() });
    const results = await Promise.all(Array.from({ length: 100 }, () => s.fetch(MISSING)));
    expect(results[0]).toEqual({ status: 'missing', reason: 'HTTP 404' });
    expect(results.slice(1).every((r) => r.status === 'missing' || r.status === 'remembered-missing')).toBe(true);
    expect((await s.fetch(MISSING)).status).toBe('remembered-missing');
    expect(hits).toEqual([MISSING.path]);
  });

  it('the negative cache expires', async () => {
    let now = 1000;
    const s = new HttpSymbolServer(baseUrl, { cacheDir: freshCache(), negativeTtlMs: 50, now: () => now });
    await s.fetch(MISSING);
    now += 100;
    await s.fetch(MISSING);
    expect(hits).toEqual([MISSING.path, MISSING.path]);
  });

  it('a slow server times out (after its retries) and is then not asked again', async () => {
    mode = 'slow';
    const s = new HttpSymbolServer(baseUrl, { cacheDir: freshCache(), timeoutMs: 100, retries: 1, retryDelayMs: 10 });
    expect(await s.fetch(KERNEL32_SYM)).toEqual({ status: 'failed', reason: 'timed out after 100 ms' });
    expect(hits).toHaveLength(2);
    expect((await s.fetch(KERNEL32_SYM)).status).toBe('remembered-missing');
    expect((await s.fetch(USER32_PDB)).status).toBe('server-down');
    expect(hits).toHaveLength(2);
  });

  it('a server that is down fails cleanly', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const s = new HttpSymbolServer(`http://127.0.0.1:${port}`, { cacheDir: freshCache(), retries: 1, retryDelayMs: 10, timeoutMs: 2000 });
    const r = await s.fetch(KERNEL32_SYM);
    expect(r.status).toBe('failed');
    expect(s.requests).toBe(2);
    // The next module's file is not even asked for: the server is marked down for a while.
    expect(await s.fetch(USER32_PDB)).toEqual({ status: 'server-down', reason: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+: /) });
    expect(s.requests).toBe(2);
  });

  it('garbage (an HTML page with 200) is rejected and never cached', async () => {
    mode = 'garbage';
    const cacheDir = freshCache();
    const s = new HttpSymbolServer(baseUrl, { cacheDir });
    expect(await s.fetch(KERNEL32_SYM)).toEqual({ status: 'garbage', reason: 'the response is not a sym file (24 bytes)' });
    expect(existsSync(join(cacheDir, 'kernel32.pdb'))).toBe(false);
  });

  it('5xx is retried, and the retry succeeds', async () => {
    mode = 'flaky';
    failuresLeft = 1;
    const s = new HttpSymbolServer(baseUrl, { cacheDir: freshCache(), retryDelayMs: 10 });
    expect((await s.fetch(KERNEL32_SYM)).status).toBe('downloaded');
    expect(hits).toEqual([KERNEL32_SYM.path, KERNEL32_SYM.path]);
  });
});

describe('LocalSymbolStore', () => {
  it('matches folders case-insensitively, follows file.ptr, and finds files in a flat folder', () => {
    const store = new LocalSymbolStore(corpusPath('symstore'));
    // The symstore folder for amdppm.sys is lower-case; the request is upper-case as code ids are.
    const amd = { kind: 'pe' as const, folder: 'amdppm.sys/C9C030003B000', path: 'amdppm.sys/C9C030003B000/amdppm.sys', file: 'amdppm.sys' };
    expect(store.find(amd)).toBe(corpusPath('symstore', 'amdppm.sys', 'c9c030003b000', 'amdppm.sys'));

    const dir = join(work, 'ptr');
    const target = join(work, 'elsewhere.sym');
    cpSync(corpusPath('symbols', 'kernel32.pdb', 'BCE8785C57B44245A669896B6A19B9542', 'kernel32.sym'), target);
    cpSync(corpusPath('symbols', 'kernel32.pdb', 'BCE8785C57B44245A669896B6A19B9542', 'kernel32.sym'), join(work, 'kernel32.sym'));
    const folder = join(dir, 'kernel32.pdb', 'BCE8785C57B44245A669896B6A19B9542');
    cpSync(corpusPath('symbols', 'kernel32.pdb'), join(dir, 'kernel32.pdb'), { recursive: true });
    rmSync(join(folder, 'kernel32.sym'));
    writeFileSync(join(folder, 'file.ptr'), `PATH:${target}\r\n`);
    expect(new LocalSymbolStore(dir).find(KERNEL32_SYM)).toBe(target);
    writeFileSync(join(folder, 'file.ptr'), 'MSG: withheld by policy');
    expect(new LocalSymbolStore(dir).find(KERNEL32_SYM)).toBeUndefined();
    expect(new LocalSymbolStore(work).find(KERNEL32_SYM)).toBe(join(work, 'kernel32.sym'));
  });
});

describe('NodeSymbolSupplier over HTTP', () => {
  it('srv*CACHE*URL symbolizes test.dmp like the local folder does, and a second run downloads nothing', async () => {
    const cache = freshCache();
    const frames = async () => {
      const o = openDumpFile(corpusPath('user', 'test.dmp'));
      const sup = new NodeSymbolSupplier(`srv*${cache}*${baseUrl}`);
      try {
        await sup.prepare(o.dump.modules());
        return analyze(o.dump, { symbols: sup.resolver, unwinders: sup.unwinders, allThreads: false }).threads[0]!.frames
          .map((f) => `${f.module}!${f.function ?? ''} ${f.line ?? ''} ${f.trust}`);
      } finally {
        sup.close();
        o.close();
      }
    };
    const first = await frames();
    expect(first).toEqual([
      "test_app.exe!`anonymous namespace'::CrashFunction 58 context",
      'test_app.exe!main 65 cfi',
      'test_app.exe!__tmainCRTStartup 327 cfi',
      'kernel32.dll!BaseProcessStart  cfi',
    ]);
    const cachedFiles = (readdirSync(cache, { recursive: true }) as string[]).filter((f) => statSync(join(cache, f)).isFile()).map((f) => f.split(/[\\/]/).join('/')).sort();
    expect(cachedFiles).toEqual(['kernel32.pdb/BCE8785C57B44245A669896B6A19B9542/kernel32.sym', 'test_app.pdb/5A9832E5287241C1838ED98914E9B7FF1/test_app.sym']);
    // The .sym was enough: neither the PDB nor the PE of a module with a .sym was asked for.
    expect(hits.filter((h) => h.startsWith('kernel32') || h.startsWith('test_app')).sort()).toEqual(cachedFiles);
    const before = hits.length;
    const second = await frames();
    expect(second).toEqual(first);
    // Only files that were missing are asked for again (a new process has an empty negative cache); nothing cached is re-downloaded.
    expect(hits.slice(before).filter((h) => cachedFiles.includes(h))).toEqual([]);
    expect(hits.length - before).toBe(before - cachedFiles.length);
  });
});
