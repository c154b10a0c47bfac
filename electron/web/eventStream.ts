/** Server-Sent Events: the web host's way of pushing contract events to browser tabs. */
import type { ServerResponse } from 'node:http';
import type { ApiEventSink } from '../../shared/api';

export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private heartbeat: NodeJS.Timeout | undefined;

  /** Keeps `res` open as an event stream until the client goes away. */
  attach(res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    // A comment line every 25 s keeps proxies and idle timeouts from closing the stream.
    this.heartbeat ??= setInterval(() => this.broadcast(': ping\n\n'), 25_000).unref();
  }

  readonly emit: ApiEventSink = (name, payload) => {
    this.broadcast(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  };

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }

  private broadcast(text: string): void {
    for (const c of this.clients) c.write(text);
  }
}
