/**
 * A fake ipcMain/ipcRenderer pair with Electron's semantics where they
 * matter here: one handler per channel (a second `handle` throws), invoke
 * without a handler rejects, arguments and answers are structured-cloned,
 * and the renderer's listeners get (event, payload).
 */
import type { IpcInvokeEventLike, IpcMainLike } from '../../../../electron/main/bindIpc';
import type { EventTarget } from '../../../../electron/main/eventSink';
import type { IpcRendererLike } from '../../../../electron/preload/exposeApi';

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;
type Listener = (event: unknown, ...args: unknown[]) => void;

export function fakeIpcPair(frame: { url: string }) {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Set<Listener>>();
  const ipcMain: IpcMainLike = {
    handle(channel, handler) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  const ipcRenderer: IpcRendererLike = {
    async invoke(channel, ...args) {
      const h = handlers.get(channel);
      if (!h) throw new Error(`Error invoking remote method '${channel}': No handler registered for '${channel}'`);
      return structuredClone(await h({ senderFrame: { url: frame.url } }, ...structuredClone(args)));
    },
    on(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
  };
  const webContents: EventTarget = {
    isDestroyed: () => false,
    send(channel, payload) {
      for (const l of listeners.get(channel) ?? []) l({ sender: ipcRenderer }, structuredClone(payload));
    },
  };
  return { ipcMain, ipcRenderer, webContents, handlers, listeners };
}
