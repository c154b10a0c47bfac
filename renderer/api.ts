/**
 * The renderer's one way out: the typed client of shared/api.ts. main.ts
 * installs the client the bridge picked (IPC in the app, HTTP in a browser);
 * component tests install a fake. Stores call `api()`, never a transport.
 */
import type { ApiClient, ApiEventsClient } from '../shared/api';

let client: ApiClient | undefined;
let events: ApiEventsClient | undefined;
let pathOf: (file: unknown) => string = () => '';

export function installApi(c: ApiClient, e: ApiEventsClient, pathForFile?: (file: unknown) => string): void {
  client = c;
  events = e;
  if (pathForFile) pathOf = pathForFile;
}

/** Path on disk of a dropped File: the desktop app knows it, a browser never does (''). */
export function pathForFile(file: unknown): string {
  return pathOf(file);
}

export function api(): ApiClient {
  if (!client) throw new Error('DumpDesk bridge not installed (renderer/main.ts installs it at start)');
  return client;
}

export function apiEvents(): ApiEventsClient {
  if (!events) throw new Error('DumpDesk bridge not installed (renderer/main.ts installs it at start)');
  return events;
}

/** An error from a call, in words for the user. */
export function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}
