import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SymbolFileKind, SymbolFileRequest } from '../../../shared/symbols/symstoreLayout';
import { LocalSymbolStore } from './localSymbolStore';

export interface HttpSymbolServerOptions {
  /** Downstream cache: checked first, downloads are written here. */
  cacheDir: string;
  /** Per attempt; a slow server counts as a failed attempt. Default 10 s. */
  timeoutMs?: number;
  /** Extra attempts after a network error, timeout or 5xx. Default 2. */
  retries?: number;
  /** Pause before a retry, doubled each time. Default 200 ms. */
  retryDelayMs?: number;
  /** How long "not on the server" is remembered. Default 1 hour. */
  negativeTtlMs?: number;
  /** After a request fails every retry (down, timing out, 5xx), the whole server is skipped this long. Default 5 minutes. */
  serverDownMs?: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  now?: () => number;
}

export type FetchOutcome =
  | { status: 'cached' | 'downloaded'; path: string }
  | { status: 'missing' | 'failed' | 'garbage' | 'remembered-missing' | 'server-down'; reason: string };

/** What the first bytes of each kind of symbol file must be: anything else is garbage (an HTML error page…). */
function looksLike(kind: SymbolFileKind, b: Uint8Array): boolean {
  const head = String.fromCharCode(...b.subarray(0, 32));
  switch (kind) {
    case 'sym': return head.startsWith('MODULE ');
    case 'pdb': return head.startsWith('Microsoft C/C++ MSF 7.00');
    case 'pe': return head.startsWith('MZ');
  }
}

/**
 * A symbol server over HTTP (symstore layout under a base URL) with a local
 * cache. A cached file is never downloaded again; a missing one is
 * remembered (negative cache) so a stack of a hundred frames asks once; slow
 * servers time out; network errors and 5xx are retried; a response that is
 * not the file type asked for is rejected and never cached.
 */
export class HttpSymbolServer {
  readonly cache: LocalSymbolStore;
  private readonly negative = new Map<string, { until: number; reason: string }>();
  private readonly inflight = new Map<string, Promise<FetchOutcome>>();
  /** Set when a request exhausted its retries: a dead server must not cost every module its timeouts. */
  private down?: { until: number; reason: string };
  /** Requests actually sent to the server (tests and diagnostics). */
  requests = 0;

  constructor(readonly baseUrl: string, private readonly opts: HttpSymbolServerOptions) {
    this.cache = new LocalSymbolStore(opts.cacheDir);
  }

  async fetch(req: SymbolFileRequest): Promise<FetchOutcome> {
    const cached = this.cache.find(req);
    if (cached) return { status: 'cached', path: cached };
    const now = (this.opts.now ?? Date.now)();
    const neg = this.negative.get(req.path.toLowerCase());
    if (neg && neg.until > now) return { status: 'remembered-missing', reason: neg.reason };
    if (this.down && this.down.until > now) return { status: 'server-down', reason: this.down.reason };
    let p = this.inflight.get(req.path);
    if (!p) {
      p = this.download(req).finally(() => this.inflight.delete(req.path));
      this.inflight.set(req.path, p);
    }
    return p;
  }

  private remember(req: SymbolFileRequest, reason: string): void {
    const now = (this.opts.now ?? Date.now)();
    this.negative.set(req.path.toLowerCase(), { until: now + (this.opts.negativeTtlMs ?? 3_600_000), reason });
  }

  private async download(req: SymbolFileRequest): Promise<FetchOutcome> {
    const url = this.baseUrl.replace(/\/+$/, '') + '/' + req.path.split('/').map(encodeURIComponent).join('/');
    const retries = this.opts.retries ?? 2;
    let delay = this.opts.retryDelayMs ?? 200;
    let lastError = '';
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        await new Promise((r) => setTimeout(r, delay));
        delay *= 2;
      }
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), this.opts.timeoutMs ?? 10_000);
      try {
        this.requests++;
        const res = await (this.opts.fetch ?? fetch)(url, { signal: ctl.signal, headers: { 'User-Agent': 'Microsoft-Symbol-Server/10.0.0.0 DumpDesk' } });
        if (res.status === 404 || res.status === 410) {
          await res.body?.cancel();
          this.remember(req, `${url}: HTTP ${res.status}`);
          return { status: 'missing', reason: `HTTP ${res.status}` };
        }
        if (!res.ok) {
          await res.body?.cancel();
          lastError = `HTTP ${res.status}`;
          if (res.status >= 500) continue;
          this.remember(req, `${url}: ${lastError}`);
          return { status: 'failed', reason: lastError };
        }
        const body = new Uint8Array(await res.arrayBuffer());
        if (!looksLike(req.kind, body)) {
          this.remember(req, `${url}: the response is not a ${req.kind} file`);
          return { status: 'garbage', reason: `the response is not a ${req.kind} file (${body.length} bytes)` };
        }
        const dest = this.cache.destination(req);
        mkdirSync(dirname(dest), { recursive: true });
        // Write beside, then rename: a crash mid-download never leaves a truncated "cached" file.
        const tmp = `${dest}.${process.pid}.partial`;
        writeFileSync(tmp, body);
        renameSync(tmp, dest);
        this.cache.invalidate();
        return { status: 'downloaded', path: dest };
      } catch (e) {
        lastError = ctl.signal.aborted ? `timed out after ${this.opts.timeoutMs ?? 10_000} ms` : (e as Error).message;
      } finally {
        clearTimeout(timer);
      }
    }
    this.remember(req, `${url}: ${lastError}`);
    const now = (this.opts.now ?? Date.now)();
    this.down = { until: now + (this.opts.serverDownMs ?? 300_000), reason: `${this.baseUrl}: ${lastError}` };
    return { status: 'failed', reason: lastError };
  }
}
