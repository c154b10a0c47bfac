/**
 * Binds every call of the contract to ipcMain: one `handle` per channel,
 * derived from the key list. Each invocation is refused unless it comes from
 * DumpDesk's own renderer frame, then validated against the call's schema
 * (shared/api/dispatch.ts) before the service sees it. Answers are envelopes,
 * so error codes survive IPC.
 */
import { api, type ApiServices } from '../../shared/api';
import { listCalls } from '../../shared/api/define';
import { createDispatcher, type CallGate } from '../../shared/api/dispatch';
import { ApiError, toWireError } from '../../shared/api/errors';

/** The part of Electron's IpcMainInvokeEvent we read. */
export interface IpcInvokeEventLike {
  senderFrame: { url: string } | null | undefined;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface BindIpcOptions {
  /** Decides whether the frame that sent a call is DumpDesk's renderer (see trustedSender.ts). */
  isTrustedSender(frameUrl: string | undefined): boolean;
  /** Extra host policy after validation (the app has none today). */
  gate?: CallGate;
}

/** Registers the handlers; returns a function that removes them again. */
export function bindIpc(ipcMain: IpcMainLike, services: ApiServices, options: BindIpcOptions): () => void {
  const dispatch = createDispatcher(api, services, options.gate);
  const calls = listCalls(api);
  for (const { service, method, channel } of calls) {
    ipcMain.handle(channel, (event, ...args) => {
      const url = event.senderFrame?.url;
      if (!options.isTrustedSender(url)) {
        const error = new ApiError('Forbidden', `${service}.${method}: refused a call from a frame that is not DumpDesk's renderer (${url ?? 'unknown'})`);
        return { ok: false, error: toWireError(error) };
      }
      return dispatch(service, method, args);
    });
  }
  return () => {
    for (const { channel } of calls) ipcMain.removeHandler(channel);
  };
}
