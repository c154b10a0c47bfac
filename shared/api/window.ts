/**
 * The shape of `window.dumpdesk` as the preload exposes it: the contract's
 * calls answering envelopes, event subscription, and the one helper the
 * sandbox needs for drag-and-drop (a dropped File's path on disk).
 */
import type { EventsClientOf, EnvelopeClientOf } from './define';
import type { Api, ApiEvents } from '../api';

export type DumpDeskWindowApi = EnvelopeClientOf<Api> & {
  readonly events: EventsClientOf<ApiEvents>;
  /** Path on disk of a File dropped on the window (Electron's webUtils); '' when it has none. */
  pathForFile(file: unknown): string;
};

/** The global the preload defines; absent in a plain browser (the web host). */
export const WINDOW_KEY = 'dumpdesk';
