/**
 * The renderer's one way out: `createBridge()` picks the transport at start —
 * the preload's `window.dumpdesk` inside Electron (IPC), else HTTP to the web
 * host with the token from the page address — and returns the same typed
 * client either way, derived from the contract.
 */
import { api, apiEvents, type ApiClient, type ApiEventsClient } from '../../shared/api';
import { createClient } from '../../shared/api/client';
import { WINDOW_KEY, type DumpDeskWindowApi } from '../../shared/api/window';
import { httpTransport, TOKEN_HEADER, type FetchLike } from './httpTransport';
import { ipcTransport } from './ipcTransport';

export interface Bridge {
  readonly transport: 'ipc' | 'http';
  readonly api: ApiClient;
  readonly events: ApiEventsClient;
  /** Path on disk of a dropped File (desktop only; '' in a browser, where files have no path). */
  pathForFile(file: unknown): string;
}

/** The browser globals the bridge uses, so it can be created in tests without a DOM. */
export interface BridgeGlobals {
  dumpdesk?: DumpDeskWindowApi;
  location?: { origin: string; search: string; pathname: string; hash: string };
  history?: { replaceState(data: unknown, unused: string, url: string): void };
  sessionStorage?: { getItem(k: string): string | null; setItem(k: string, v: string): void };
  fetch?: FetchLike;
  EventSource?: new (url: string) => EventSourceLike;
}

export interface EventSourceLike {
  addEventListener(type: string, listener: (e: { data: string }) => void): void;
  close(): void;
}

const TOKEN_KEY = 'dumpdesk.token';

/** The token from `?token=` (then removed from the address bar so it is not bookmarked or shared), or the one kept for this tab. */
function takeToken(g: BridgeGlobals): string {
  const params = new URLSearchParams(g.location?.search ?? '');
  const fromUrl = params.get('token');
  if (fromUrl) {
    g.sessionStorage?.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    g.history?.replaceState(null, '', `${g.location!.pathname}${rest ? `?${rest}` : ''}${g.location!.hash}`);
    return fromUrl;
  }
  const kept = g.sessionStorage?.getItem(TOKEN_KEY);
  if (kept) return kept;
  throw new Error('DumpDesk: no access token in the address. Open the address `dumpdesk serve` printed (it ends with ?token=…).');
}

function httpEvents(g: BridgeGlobals, baseUrl: string, token: string): ApiEventsClient {
  let source: EventSourceLike | undefined;
  const listeners = new Map<string, Set<(payload: never) => void>>();
  return {
    on(name, listener) {
      if (!Object.hasOwn(apiEvents, name)) throw new Error(`events.on: unknown event '${name}'`);
      if (!source) {
        if (!g.EventSource) throw new Error('events need EventSource, which this browser lacks');
        source = new g.EventSource(`${baseUrl}/api/events?token=${encodeURIComponent(token)}`);
      }
      let set = listeners.get(name);
      if (!set) {
        const created = new Set<(payload: never) => void>();
        listeners.set(name, created);
        source.addEventListener(name, (e) => {
          const payload = JSON.parse(e.data) as never;
          for (const l of created) l(payload);
        });
        set = created;
      }
      const l = listener as (payload: never) => void;
      set.add(l);
      return () => void set.delete(l);
    },
  };
}

export function createBridge(g: BridgeGlobals = globalThis as unknown as BridgeGlobals): Bridge {
  const preload = (g as Record<string, unknown>)[WINDOW_KEY] as DumpDeskWindowApi | undefined;
  if (preload) {
    return {
      transport: 'ipc',
      api: createClient(api, ipcTransport(preload)),
      events: preload.events,
      pathForFile: (file) => preload.pathForFile(file),
    };
  }
  if (!g.location || !g.fetch) throw new Error('DumpDesk: neither the desktop preload nor a browser location is available');
  const token = takeToken(g);
  const baseUrl = g.location.origin;
  const fetchImpl = g.fetch.bind(g) as FetchLike;
  return {
    transport: 'http',
    api: createClient(api, httpTransport(baseUrl, token, fetchImpl)),
    events: httpEvents(g, baseUrl, token),
    pathForFile: () => '',
  };
}

export { TOKEN_HEADER };
