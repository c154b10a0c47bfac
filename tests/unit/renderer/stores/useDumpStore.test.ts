// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { installApi } from '../../../../renderer/api';
import { useDumpStore } from '../../../../renderer/stores/useDumpStore';
import { fakeApi, type FakeApi } from '../../../helpers/fakeApi';
import { fakeDumpService, type FakeDump } from '../support/fakeServices';

let dump: FakeDump;
let f: FakeApi;

beforeEach(() => {
  localStorage.clear();
  setActivePinia(createPinia());
  dump = fakeDumpService();
  f = fakeApi({ dump: dump.service });
  installApi(f.client, f.events);
});

describe('useDumpStore', () => {
  it('opens a dump, then analyzes it', async () => {
    const s = useDumpStore();
    await s.open('/dumps/a.dmp');
    expect(f.calls).toEqual(['dump.open', 'dump.analyze']);
    expect(s.session?.file.name).toBe('a.dmp');
    expect(s.report?.culprit?.image).toBe('acme.sys');
    expect(s.busy).toBeNull();
    expect(s.error).toBeNull();
  });

  it('says in words why a dump could not be opened', async () => {
    const s = useDumpStore();
    await s.open('/elsewhere/a.dmp');
    expect(s.session).toBeNull();
    expect(s.error).toBe('/elsewhere/a.dmp does not exist');
  });

  it('closes the previous session when another dump is opened', async () => {
    const s = useDumpStore();
    await s.open('/dumps/a.dmp');
    await s.open('/dumps/b.dmp');
    expect(dump.closed).toEqual(['s1']);
    expect(s.session?.sessionId).toBe('s2');
  });

  it('keeps console history per dump file across reloads (localStorage)', async () => {
    const s = useDumpStore();
    await s.open('/dumps/a.dmp');
    await s.run('lm kv');
    await s.run('k');
    await s.run('k'); // a repeat is not stored twice
    await s.open('/dumps/b.dmp');
    expect(s.history).toEqual([]);
    await s.run('!analyze -v');

    setActivePinia(createPinia()); // a new window: state comes only from storage
    const again = useDumpStore();
    await again.open('/dumps/a.dmp');
    expect(again.history).toEqual(['lm kv', 'k']);
    await again.open('/dumps/b.dmp');
    expect(again.history).toEqual(['!analyze -v']);
  });

  it('appends outputs, and .cls clears them', async () => {
    const s = useDumpStore();
    await s.open('/dumps/a.dmp');
    await s.run('lm');
    await s.run('k');
    expect(s.outputs.map((o) => o.line)).toEqual(['lm', 'k']);
    expect(s.outputs[0]!.spans.map((x) => x.command)).toEqual(['u fffff800`01000000', 'lmv m acme']);
    await s.run('.cls');
    expect(s.outputs).toEqual([]);
    expect(dump.commands).toEqual(['lm', 'k', '.cls']);
  });

  it('shows a failed command as error output instead of throwing', async () => {
    const s = useDumpStore();
    await s.open('/dumps/a.dmp');
    const out = await s.run('bad');
    expect(out?.text).toBe("Couldn't resolve error at 'bad'");
    expect(s.outputs).toHaveLength(1);
    expect(s.outputs[0]!.spans).toEqual([{ start: 0, length: out!.text.length, kind: 'error' }]);
  });

  it('ignores blank lines and commands without a session', async () => {
    const s = useDumpStore();
    expect(await s.run('k')).toBeUndefined();
    await s.open('/dumps/a.dmp');
    expect(await s.run('   ')).toBeUndefined();
    expect(dump.commands).toEqual([]);
  });

  it('keeps progress only for its own session', async () => {
    const s = useDumpStore();
    await s.open('/dumps/a.dmp');
    s.onProgress({ sessionId: 'other', phase: 'symbols', fraction: 0.5, message: 'x' });
    expect(s.progress).toBeNull();
    s.onProgress({ sessionId: 's1', phase: 'symbols', fraction: 0.5, message: 'Loading symbols' });
    expect(s.progress?.message).toBe('Loading symbols');
  });
});
