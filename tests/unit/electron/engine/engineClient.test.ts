/**
 * The client ↔ host protocol over a real MessageChannel (same thread): calls
 * resolve with the core's answers, errors keep their codes, progress events
 * arrive, and cancel rejects pending calls at once and drops queued ones.
 */
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionProgress } from '../../../../shared/api';
import type { Dump } from '../../../../shared/dump/types';
import { createEngineClient } from '../../../../electron/engine/engineClient';
import { EngineCore, type EngineDeps } from '../../../../electron/engine/engineCore';
import { serveEngine } from '../../../../electron/engine/engineHost';
import type { FromEngine, ToEngine } from '../../../../electron/engine/protocol';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

const fakeDump = {
  format: 'minidump',
  kind: 'user-minidump',
  is64: true,
  fileSize: 100,
  system: () => ({ os: 'Windows 10', osVersion: '10.0.19041', buildNumber: 19041, cpuArch: 'amd64', cpuCount: 4 }),
  timestamp: () => undefined,
  diagnostics: [],
  memory: { read: () => undefined, regions: () => [] },
} as unknown as Dump;

function connect(deps: Partial<EngineDeps> = {}) {
  const closed: string[] = [];
  const full: EngineDeps = {
    openFile: (path) => ({ dump: fakeDump, close: () => closed.push(path) }),
    analyze: () => {
      throw new Error('no analysis in this test');
    },
    createDebugger: () => ({ run: (line) => ({ line, text: line.toUpperCase(), spans: [{ start: 0, length: 1, kind: 'address', command: 'u 0' }] }) }),
    summarize: () => {
      throw new Error('no summaries in this test');
    },
    ...deps,
  };
  const channel = new MessageChannel();
  channels.push(channel);
  const { port1, port2 } = channel;
  const core = new EngineCore(full, (progress) => port2.postMessage({ kind: 'progress', progress } satisfies FromEngine));
  serveEngine(core, { post: (m) => port2.postMessage(m), onMessage: (l) => port2.on('message', (m: ToEngine) => l(m)) });
  const client = createEngineClient({ post: (m) => port1.postMessage(m), onMessage: (l) => port1.on('message', (m: FromEngine) => l(m)) });
  return { client, closed };
}

describe('engine client ↔ host', () => {
  it('opens, runs commands and closes through the queue', async () => {
    const { client, closed } = connect();
    const progress: SessionProgress[] = [];
    client.onProgress((p) => progress.push(p));
    const info = await client.open('/d/a.dmp');
    expect(info.sessionId).toBe('s1');
    expect(info.system.build).toBe(19041);
    await expect(client.runCommand('s1', 'lm')).resolves.toEqual({ line: 'lm', text: 'LM', spans: [{ start: 0, length: 1, kind: 'address', command: 'u 0' }] });
    expect((await client.list()).map((s) => s.file.name)).toEqual(['a.dmp']);
    await client.close('s1');
    expect(closed).toEqual(['/d/a.dmp']);
    expect(progress.map((p) => p.phase)).toEqual(['open', 'open']);
  });

  it('keeps error codes across the port', async () => {
    const { client } = connect();
    await expect(client.runCommand('s9', 'k')).rejects.toMatchObject({ name: 'ApiError', code: 'UnknownSession' });
    await client.open('/d/a.dmp');
    await expect(client.analyze('s1')).rejects.toMatchObject({ code: 'Internal', message: 'no analysis in this test' });
  });

  it('cancel rejects the pending calls of a session at once and drops its queued steps', async () => {
    let runs = 0;
    const { client } = connect({ createDebugger: () => ({ run: (line) => (runs++, { line, text: '', spans: [] }) }) });
    await client.open('/d/a.dmp');
    const a = client.runCommand('s1', 'k');
    const b = client.runCommand('s1', 'lm');
    client.cancel('s1');
    await expect(a).rejects.toMatchObject({ code: 'Cancelled' });
    await expect(b).rejects.toMatchObject({ code: 'Cancelled' });
    // The session is still usable afterwards, and the dropped steps never ran.
    await expect(client.runCommand('s1', 'r')).resolves.toMatchObject({ line: 'r' });
    expect(runs).toBe(1);
  });

  it('drops an open that was cancelled before it started', async () => {
    const { client, closed } = connect();
    const opening = client.open('/d/queued.dmp');
    client.cancel('s1');
    await expect(opening).rejects.toMatchObject({ code: 'Cancelled' });
    expect(await client.list()).toEqual([]);
    expect(closed).toEqual([]);
  });

  it('closes a session whose open finishes after it was cancelled', async () => {
    const closedEarly: string[] = [];
    // Client and host share this thread, so the cancel can be sent from inside the running open.
    const holder: { cancel?: () => void } = {};
    const { client, closed } = connect({
      openFile: (path) => {
        holder.cancel?.();
        return { dump: fakeDump, close: () => closedEarly.push(path) };
      },
    });
    const opening = client.open('/d/late.dmp');
    holder.cancel = () => client.cancel('s1');
    await expect(opening).rejects.toMatchObject({ code: 'Cancelled' });
    // The late result made the client close the session it never handed out.
    await expect.poll(async () => (await client.list()).length).toBe(0);
    expect(closedEarly).toEqual(['/d/late.dmp']);
    expect(closed).toEqual([]);
  });
});
