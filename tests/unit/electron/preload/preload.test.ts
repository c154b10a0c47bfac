/** The preload with `electron` mocked: it exposes exactly `window.dumpdesk`, built from the contract, and never ipcRenderer. */
import { describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => ({
  exposed: [] as [string, unknown][],
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: 'pong' })), on: vi.fn(), removeListener: vi.fn() },
  getPathForFile: vi.fn(() => 'C:\\dumps\\dropped.dmp'),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => h.exposed.push([key, value]) },
  ipcRenderer: h.ipcRenderer,
  webUtils: { getPathForFile: h.getPathForFile },
}));

await import('../../../../electron/preload/preload');
const { api } = await import('../../../../shared/api');

describe('preload', () => {
  it('exposes one global, dumpdesk, with the contract services, events and pathForFile', () => {
    expect(h.exposed.map(([k]) => k)).toEqual(['dumpdesk']);
    const value = h.exposed[0]![1] as Record<string, unknown>;
    expect(Object.keys(value).sort()).toEqual([...Object.keys(api), 'events', 'pathForFile'].sort());
    expect(Object.values(value)).not.toContain(h.ipcRenderer);
  });

  it('invokes the dd: channel of a call and returns its envelope', async () => {
    const value = h.exposed[0]![1] as { history: { notes(id: string): Promise<unknown> } };
    await expect(value.history.notes('7')).resolves.toEqual({ ok: true, value: 'pong' });
    expect(h.ipcRenderer.invoke).toHaveBeenCalledWith('dd:history.notes', '7');
  });

  it('answers a dropped file\'s path through webUtils, and "" when it has none', () => {
    const value = h.exposed[0]![1] as { pathForFile(f: unknown): string };
    expect(value.pathForFile({ name: 'dropped.dmp' })).toBe('C:\\dumps\\dropped.dmp');
    h.getPathForFile.mockImplementationOnce(() => {
      throw new TypeError('not a File');
    });
    expect(value.pathForFile('nope')).toBe('');
  });
});
