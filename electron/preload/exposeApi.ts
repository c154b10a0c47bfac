/**
 * Builds `window.dumpdesk` from the contract's key list over an
 * ipcRenderer-like object. Kept apart from preload.ts (which touches
 * Electron) so it is tested with a fake ipcRenderer. Never hands out
 * ipcRenderer itself, nor the IPC event object (its `sender` is ipcRenderer).
 */
import { api, apiEvents } from '../../shared/api';
import { callChannel, eventChannel } from '../../shared/api/define';
import type { DumpDeskWindowApi } from '../../shared/api/window';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function buildWindowApi(ipc: IpcRendererLike, pathForFile: (file: unknown) => string): DumpDeskWindowApi {
  const calls: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const [service, methods] of Object.entries(api)) {
    const group: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const method of Object.keys(methods)) {
      const channel = callChannel(service, method);
      group[method] = (...args) => ipc.invoke(channel, ...args);
    }
    calls[service] = Object.freeze(group);
  }
  const events = Object.freeze({
    on(name: string, listener: (payload: unknown) => void): () => void {
      if (!Object.hasOwn(apiEvents, name)) throw new Error(`dumpdesk.events.on: unknown event '${name}'`);
      const channel = eventChannel(name);
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(channel, wrapped);
      return () => void ipc.removeListener(channel, wrapped);
    },
  });
  return Object.freeze({ ...calls, events, pathForFile }) as unknown as DumpDeskWindowApi;
}
