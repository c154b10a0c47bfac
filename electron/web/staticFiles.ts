/**
 * Serves the built renderer (dist/renderer) to the browser: GET/HEAD only,
 * confined to the folder, unknown routes fall back to index.html (the
 * renderer routes itself). When no build exists, a short page says how to
 * make one.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

const NO_BUILD = `<!doctype html><meta charset="utf-8"><title>DumpDesk</title>
<p>The DumpDesk web host is running, but the user interface has not been built. Run <code>npm run build</code>, then reload this page.</p>`;

/** A file under `root` for a URL path, or undefined when the path would leave `root`. */
export function resolveStatic(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  // Any '..' segment is refused outright, not normalised away: no legitimate asset URL has one.
  if (decoded.includes('\0') || decoded.split(/[/\\]/).includes('..')) return undefined;
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const full = join(root, rel);
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : undefined;
}

export function serveStatic(root: string | undefined, urlPath: string, head: boolean, res: ServerResponse, headers: Record<string, string>): void {
  const send = (status: number, type: string, body: Buffer | string) => {
    res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(head ? undefined : body);
  };
  if (!root || !existsSync(join(root, 'index.html'))) return send(200, TYPES['.html']!, NO_BUILD);
  const file = resolveStatic(root, urlPath === '/' ? '/index.html' : urlPath);
  if (!file) return send(403, 'text/plain; charset=utf-8', 'Forbidden\n');
  const isFile = existsSync(file) && statSync(file).isFile();
  // Browsers ask for it unprompted; without one, answer "nothing" rather than log a 404.
  if (!isFile && urlPath === '/favicon.ico') {
    res.writeHead(204, headers);
    res.end();
    return;
  }
  // Paths with an extension are assets (404 when missing); others are renderer routes.
  if (!isFile && extname(file) !== '') return send(404, 'text/plain; charset=utf-8', 'Not found\n');
  const target = isFile ? file : join(root, 'index.html');
  send(200, TYPES[extname(target)] ?? 'application/octet-stream', readFileSync(target));
}
