import { describe, expect, it } from 'vitest';
import { api, apiEvents, ApiError, callChannel, listCalls, listEvents } from '../../../../shared/api';
import { createClient } from '../../../../shared/api/client';
import { createDispatcher } from '../../../../shared/api/dispatch';
import { everyCall, recordingServices } from './contractFixtures';

describe('the bridge contract', () => {
  it('derives one dd:<service>.<method> channel per call, all distinct', () => {
    const calls = listCalls(api);
    const channels = calls.map((c) => c.channel);
    expect(new Set(channels).size).toBe(channels.length);
    expect(channels).toContain('dd:dump.runCommand');
    expect(channels).toContain('dd:settings.apply');
    expect(channels.every((c) => /^dd:[a-z]+\.[A-Za-z]+$/.test(c))).toBe(true);
    expect(listEvents(apiEvents).map((e) => e.channel)).toEqual([
      'dd:event.crashIndexed',
      'dd:event.sourcesChanged',
      'dd:event.sessionProgress',
      'dd:event.openRequested',
      'dd:event.navigate',
    ]);
  });

  it('marks registry and verifier writes, and deleting dumps, as system calls and only those', () => {
    const system = listCalls(api).filter((c) => c.spec.effect === 'system').map((c) => `${c.service}.${c.method}`);
    expect(system.sort()).toEqual(['history.trash', 'settings.apply', 'settings.undo', 'verifier.run']);
  });

  it('names the file arguments of every call that takes a path', () => {
    const withPaths = listCalls(api).filter((c) => c.spec.paths).map((c) => `${c.service}.${c.method}`);
    expect(withPaths.sort()).toEqual(['dump.open', 'settings.exportReg', 'settings.importReg', 'sources.add']);
    expect(api.dump.open.paths!(['/d/a.dmp'])).toEqual(['/d/a.dmp']);
  });
});

describe('dump.completeSymbols', () => {
  it('is a read call with bounded arguments: module 1–256 chars, prefix ≤ 256, limit 1–1000', async () => {
    expect(api.dump.completeSymbols.effect).toBe('read');
    expect(api.dump.completeSymbols.paths).toBeUndefined();
    const { services, calls } = recordingServices();
    const dispatch = createDispatcher(api, services);
    const ok = async (args: unknown[]) => (await dispatch('dump', 'completeSymbols', args)).ok;
    expect(await ok(['s1', 'm'.repeat(256), 'p'.repeat(256), 1000])).toBe(true);
    expect(await ok(['s1', 'ntdll', '', 1])).toBe(true);
    expect(await ok(['s1', 'm'.repeat(257), 'Rtl', 200])).toBe(false);
    expect(await ok(['s1', '', 'Rtl', 200])).toBe(false);
    expect(await ok(['s1', 'ntdll', 'p'.repeat(257), 200])).toBe(false);
    expect(await ok(['s1', 'ntdll', 'Rtl', 0])).toBe(false);
    expect(await ok(['s1', 'ntdll', 'Rtl', 1.5])).toBe(false);
    expect(await ok(['s1', 'ntdll', 'Rtl'])).toBe(false);
    expect(calls.map((c) => c.args)).toEqual([['s1', 'm'.repeat(256), 'p'.repeat(256), 1000], ['s1', 'ntdll', '', 1]]);
  });
});

describe('createDispatcher + createClient', () => {
  const cases = everyCall('/srv/dumps');

  it.each(cases)('$service.$method: valid arguments reach the service', async ({ service, method, valid }) => {
    const { services, calls } = recordingServices();
    const dispatch = createDispatcher(api, services);
    const env = await dispatch(service, method, valid);
    expect(env).toEqual({ ok: true, value: { echo: `${service}.${method}` } });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.service).toBe(service);
  });

  it.each(cases)('$service.$method: invalid arguments are refused before the service', async ({ service, method, invalid }) => {
    const { services, calls } = recordingServices();
    const env = await createDispatcher(api, services)(service, method, invalid);
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.code).toBe('BadArguments');
      expect(env.error.message).toContain(`${service}.${method}`);
      expect(env.error.issues!.length).toBeGreaterThan(0);
    }
    expect(calls).toEqual([]);
  });

  it('fills schema defaults before the service sees the arguments', async () => {
    const { services, calls } = recordingServices();
    await createDispatcher(api, services)('history', 'list', [{ text: 'x' }]);
    expect(calls[0]!.args).toEqual([{ text: 'x', sort: 'crashTime', descending: true, offset: 0, limit: 500 }]);
    await createDispatcher(api, services)('history', 'whatChanged', ['b']);
    expect(calls[1]!.args).toEqual(['b', 7]);
  });

  it('refuses unknown calls and prototype keys', async () => {
    const { services } = recordingServices();
    const dispatch = createDispatcher(api, services);
    for (const [s, m] of [['dump', 'nope'], ['__proto__', 'x'], ['dump', 'constructor'], ['toString', '']]) {
      const env = await dispatch(s!, m!, []);
      expect(env.ok ? null : env.error.code).toBe('UnknownCall');
    }
  });

  it('lets the gate refuse a call after validation', async () => {
    const { services, calls } = recordingServices();
    const dispatch = createDispatcher(api, services, ({ spec }) => {
      if (spec.effect === 'system') throw new ApiError('Forbidden', 'settings are read-only here');
    });
    const env = await dispatch('settings', 'apply', ['p1']);
    expect(env).toEqual({ ok: false, error: { code: 'Forbidden', message: 'settings are read-only here' } });
    expect(calls).toEqual([]);
  });

  it('turns a service error into a typed ApiError on the client', async () => {
    const { services } = recordingServices();
    const failing = { ...services, dump: { ...services.dump, close: () => { throw new ApiError('UnknownSession', 'no session s9'); } } };
    const dispatch = createDispatcher(api, failing);
    const client = createClient(api, (s, m, a) => dispatch(s, m, a));
    await expect(client.dump.close('s9')).rejects.toMatchObject({ name: 'ApiError', code: 'UnknownSession', message: 'no session s9' });
    await expect(client.app.info()).resolves.toEqual({ echo: 'app.info' });
  });

  it('builds channel names from service and method', () => {
    expect(callChannel('history', 'whatChanged')).toBe('dd:history.whatChanged');
  });
});
