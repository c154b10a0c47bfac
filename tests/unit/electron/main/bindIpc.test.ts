/**
 * Every call of the contract through the real IPC binding: renderer bridge →
 * preload's window API → fake ipcRenderer → fake ipcMain → bindIpc →
 * dispatcher → services. Valid arguments reach the service; invalid ones are
 * refused with BadArguments and never reach it; foreign frames are refused.
 */
import { describe, expect, it } from 'vitest';
import { api, ApiError, type CrashRow } from '../../../../shared/api';
import { listCalls } from '../../../../shared/api/define';
import { bindIpc } from '../../../../electron/main/bindIpc';
import { createIpcEventSink } from '../../../../electron/main/eventSink';
import { isTrustedFrameUrl } from '../../../../electron/main/trustedSender';
import { buildWindowApi } from '../../../../electron/preload/exposeApi';
import { createBridge } from '../../../../renderer/bridge/createBridge';
import { everyCall, recordingServices } from '../../shared/api/contractFixtures';
import { fakeIpcPair } from './fakeIpc';

const RENDERER = 'file:///opt/DumpDesk/resources/app.asar/dist/renderer/index.html';

function desktop(frameUrl = RENDERER) {
  const frame = { url: frameUrl };
  const pair = fakeIpcPair(frame);
  const { services, calls } = recordingServices();
  const unbind = bindIpc(pair.ipcMain, services, { isTrustedSender: (url) => isTrustedFrameUrl(url, RENDERER) });
  const windowApi = buildWindowApi(pair.ipcRenderer, () => '/dropped/file.dmp');
  const bridge = createBridge({ dumpdesk: windowApi });
  return { ...pair, frame, calls, unbind, windowApi, bridge };
}

type AnyClient = Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>;

describe('bindIpc + preload + renderer bridge', () => {
  const cases = everyCall('/data/dumps');

  it('registers exactly one handler per contract call, on its dd: channel', () => {
    const { handlers, unbind } = desktop();
    expect([...handlers.keys()].sort()).toEqual(listCalls(api).map((c) => c.channel).sort());
    unbind();
    expect(handlers.size).toBe(0);
  });

  it.each(cases)('$service.$method: valid arguments reach the service', async ({ service, method, valid }) => {
    const { bridge, calls } = desktop();
    expect(bridge.transport).toBe('ipc');
    await expect((bridge.api as unknown as AnyClient)[service]![method]!(...valid)).resolves.toEqual({ echo: `${service}.${method}` });
    expect(calls.map((c) => `${c.service}.${c.method}`)).toEqual([`${service}.${method}`]);
  });

  it.each(cases)('$service.$method: invalid arguments are refused with a schema error', async ({ service, method, invalid }) => {
    const { bridge, calls } = desktop();
    const call = (bridge.api as unknown as AnyClient)[service]![method]!(...invalid);
    await expect(call).rejects.toMatchObject({ name: 'ApiError', code: 'BadArguments' });
    expect(calls).toEqual([]);
  });

  it('refuses calls from a frame that is not the renderer, before validation', async () => {
    const d = desktop();
    d.frame.url = 'https://evil.example/';
    await expect(d.bridge.api.app.info()).rejects.toMatchObject({ code: 'Forbidden' });
    d.frame.url = 'file:///home/user/Downloads/trap.html';
    await expect(d.bridge.api.dump.open('/etc/passwd')).rejects.toMatchObject({ code: 'Forbidden' });
    expect(d.calls).toEqual([]);
  });

  it('keeps typed error codes from a service across IPC', async () => {
    const frame = { url: RENDERER };
    const pair = fakeIpcPair(frame);
    const { services } = recordingServices();
    bindIpc(pair.ipcMain, { ...services, history: { ...services.history, notes: () => Promise.reject(new ApiError('NotFound', 'no crash 17')) } }, { isTrustedSender: () => true });
    const bridge = createBridge({ dumpdesk: buildWindowApi(pair.ipcRenderer, () => '') });
    await expect(bridge.api.history.notes('17')).rejects.toMatchObject({ name: 'ApiError', code: 'NotFound', message: 'no crash 17' });
  });

  it('delivers events to renderer listeners without the IPC event object, and unsubscribes', () => {
    const d = desktop();
    const emit = createIpcEventSink(() => [d.webContents]);
    const got: unknown[][] = [];
    const off = d.bridge.events.on('crashIndexed', (...args) => got.push(args));
    const row = { id: '1', path: '/d/a.dmp', bucket: 'X' } as CrashRow;
    emit('crashIndexed', row);
    off();
    emit('crashIndexed', row);
    expect(got).toEqual([[row]]);
    expect(() => d.bridge.events.on('nope' as 'crashIndexed', () => {})).toThrow(/unknown event/);
  });

  it('exposes only the contract, events and pathForFile on window.dumpdesk — never ipcRenderer', () => {
    const { windowApi, ipcRenderer } = desktop();
    expect(Object.keys(windowApi).sort()).toEqual([...Object.keys(api), 'events', 'pathForFile'].sort());
    expect(Object.isFrozen(windowApi)).toBe(true);
    const reachable = Object.values(windowApi).flatMap((v) => (typeof v === 'object' ? Object.values(v as object) : [v]));
    expect(reachable).not.toContain(ipcRenderer);
    expect(reachable).not.toContain(ipcRenderer.invoke);
    expect(windowApi.pathForFile({})).toBe('/dropped/file.dmp');
  });
});

describe('isTrustedFrameUrl', () => {
  it('accepts the renderer folder and nothing else', () => {
    expect(isTrustedFrameUrl(RENDERER, RENDERER)).toBe(true);
    expect(isTrustedFrameUrl('file:///opt/DumpDesk/resources/app.asar/dist/renderer/index.html#/dump', RENDERER)).toBe(true);
    expect(isTrustedFrameUrl('file:///opt/DumpDesk/resources/app.asar/dist/renderer/../../evil.html', RENDERER)).toBe(false);
    expect(isTrustedFrameUrl('file:///opt/DumpDesk/resources/app.asar/dist/renderer/%2e%2e/x.html', RENDERER)).toBe(false);
    expect(isTrustedFrameUrl('file:///tmp/index.html', RENDERER)).toBe(false);
    expect(isTrustedFrameUrl('http://localhost:5173/', RENDERER)).toBe(false);
    expect(isTrustedFrameUrl(undefined, RENDERER)).toBe(false);
    expect(isTrustedFrameUrl('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedFrameUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });
});
