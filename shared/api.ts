/**
 * The bridge contract: every call and event between the renderer and the
 * host (Electron main over IPC, or `dumpdesk serve` over HTTP), declared
 * once. Channels (`dd:<service>.<method>`), the renderer's client, the
 * service interfaces and argument validation are all derived from `api` and
 * `apiEvents`; nothing else names a channel.
 *
 * Results never contain bigint: 64-bit values travel as "0x…" hex strings.
 */
import { appApi } from './api/app';
import type { ClientOf, EventsClientOf, EventSinkOf, ServicesOf } from './api/define';
import { dumpApi } from './api/dump';
import { apiEvents } from './api/events';
import { historyApi } from './api/history';
import { settingsApi } from './api/settings';
import { sourcesApi } from './api/sources';
import { symbolsApi } from './api/symbols';
import { verifierApi } from './api/verifier';

export const api = {
  app: appApi,
  dump: dumpApi,
  history: historyApi,
  sources: sourcesApi,
  settings: settingsApi,
  verifier: verifierApi,
  symbols: symbolsApi,
};
export { apiEvents };

export type Api = typeof api;
export type ApiEvents = typeof apiEvents;
/** What the renderer sees as `window.dumpdesk` (plus `events`). */
export type ApiClient = ClientOf<Api>;
/** What a host implements: one object per service, arguments already validated. */
export type ApiServices = ServicesOf<Api>;
export type ApiEventsClient = EventsClientOf<ApiEvents>;
export type ApiEventSink = EventSinkOf<ApiEvents>;

export type * from './api/app';
export type * from './api/common';
export type * from './api/dump';
export type * from './api/events';
export type * from './api/history';
export type * from './api/settings';
export type * from './api/sources';
export type * from './api/symbols';
export type * from './api/verifier';
export { ApiError, type ApiErrorCode, type Envelope, type WireError } from './api/errors';
export { callChannel, eventChannel, listCalls, listEvents, CHANNEL_PREFIX } from './api/define';
