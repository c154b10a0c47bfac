/** Pushes contract events to every open window (the app) — the web host has its own SSE sink. */
import type { ApiEventSink } from '../../shared/api';
import { eventChannel } from '../../shared/api/define';

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

export function createIpcEventSink(targets: () => Iterable<EventTarget>): ApiEventSink {
  return (name, payload) => {
    const channel = eventChannel(name);
    for (const t of targets()) if (!t.isDestroyed()) t.send(channel, payload);
  };
}
