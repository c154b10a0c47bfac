// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiServices } from '../../../../shared/api';
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

describe('useDumpStore.completeSymbols', () => {
  /** Module → names, answered as the engine does (prefix without case, sorted, at most `limit`); records each ask. */
  const MODULES: Record<string, string[]> = {
    ntdll: ['RtlAllocateHeap', 'RtlFreeHeap', 'rtlAlpha', 'NtClose', 'LdrLoadDll'],
    big: Array.from({ length: 1500 }, (_, i) => `Fn${String(i).padStart(4, '0')}`),
  };
  let asks: [string, string, string, number][];
  let failNext: boolean;

  beforeEach(() => {
    asks = [];
    failNext = false;
    const completeSymbols: ApiServices['dump']['completeSymbols'] = (id, module, prefix, limit) => {
      asks.push([id, module, prefix, limit]);
      if (failNext) {
        failNext = false;
        throw new Error('engine busy');
      }
      const p = prefix.toLowerCase();
      const names = MODULES[module.toLowerCase()] ?? [];
      const lower = (n: string) => n.toLowerCase();
      return names.filter((n) => lower(n).startsWith(p)).sort((a, b) => (lower(a) < lower(b) ? -1 : lower(a) > lower(b) ? 1 : 0)).slice(0, limit);
    };
    f = fakeApi({ dump: { ...dump.service, completeSymbols } });
    installApi(f.client, f.events);
  });

  it('asks the engine once per module and prefix, and narrows a complete answer as the user types', async () => {
    const s = useDumpStore();
    await s.open('/dumps/a.dmp');
    expect(await s.completeSymbols('ntdll', 'Rtl')).toEqual({ names: ['RtlAllocateHeap', 'rtlAlpha', 'RtlFreeHeap'], complete: true });
    expect(await s.completeSymbols('ntdll', 'RtlA')).toEqual({ names: ['RtlAllocateHeap', 'rtlAlpha'], complete: true });
    expect(await s.completeSymbols('NTDLL', 'rtlal')).toEqual({ names: ['RtlAllocateHeap', 'rtlAlpha'], complete: true });
    expect(await s.completeSymbols('ntdll', 'Rtl')).toEqual({ names: ['RtlAllocateHeap', 'rtlAlpha', 'RtlFreeHeap'], complete: true });
    // The contract's largest batch, so later keystrokes narrow it here.
    expect(asks).toEqual([['s1', 'ntdll', 'Rtl', 1000]]);
    // Another prefix the first answer does not cover is a new question; a module that lists nothing answers [].
    expect(await s.completeSymbols('ntdll', 'Zw')).toEqual({ names: [], complete: true });
    expect(await s.completeSymbols('psapi', '')).toEqual({ names: [], complete: true });
    expect(await s.completeSymbols('psapi', 'Enum')).toEqual({ names: [], complete: true });
    expect(asks.map((a) => `${a[1]}!${a[2]}`)).toEqual(['ntdll!Rtl', 'ntdll!Zw', 'psapi!']);
    expect(f.calls.filter((c) => c === 'dump.completeSymbols')).toHaveLength(3);
  });

  it('shows at most 200 names and asks again only when the answer it has may miss names', async () => {
    const s = useDumpStore();
    await s.open('/dumps/a.dmp');
    const all = await s.completeSymbols('big', '');
    expect(all.complete).toBe(false);
    expect(all.names).toEqual(MODULES.big!.slice(0, 200));
    // The first answer was cut at Fn0999 (1000 names): all Fn05… are in it, Fn1… may not be.
    expect(await s.completeSymbols('big', 'Fn05')).toEqual({ names: MODULES.big!.slice(500, 600), complete: true });
    const fn1 = await s.completeSymbols('big', 'fn1');
    expect(fn1).toEqual({ names: MODULES.big!.slice(1000, 1200), complete: false });
    expect(await s.completeSymbols('big', 'Fn14')).toEqual({ names: MODULES.big!.slice(1400, 1500), complete: true });
    // Fn0… ends exactly at the cut: the store cannot know that, so it asks.
    expect(await s.completeSymbols('big', 'FN0')).toEqual({ names: MODULES.big!.slice(0, 200), complete: false });
    expect(await s.completeSymbols('big', 'Fn08')).toEqual({ names: MODULES.big!.slice(800, 900), complete: true });
    expect(asks).toEqual([['s1', 'big', '', 1000], ['s1', 'big', 'fn1', 1000], ['s1', 'big', 'FN0', 1000]]);
  });

  it('asks nothing for an empty module part or without a dump, and asks again for another dump', async () => {
    const s = useDumpStore();
    expect(await s.completeSymbols('ntdll', 'Rtl')).toEqual({ names: [], complete: true });
    await s.open('/dumps/a.dmp');
    expect(await s.completeSymbols('', 'Rtl')).toEqual({ names: [], complete: true });
    expect(asks).toEqual([]);
    await s.completeSymbols('ntdll', 'Rtl');
    await s.open('/dumps/b.dmp');
    expect(await s.completeSymbols('ntdll', 'RtlF')).toEqual({ names: ['RtlFreeHeap'], complete: true });
    expect(asks).toEqual([['s1', 'ntdll', 'Rtl', 1000], ['s2', 'ntdll', 'RtlF', 1000]]);
  });

  it('shares one ask between keystrokes typed before the answer arrives, and does not keep a failed one', async () => {
    const s = useDumpStore();
    await s.open('/dumps/a.dmp');
    const [a, b] = await Promise.all([s.completeSymbols('ntdll', 'Rtl'), s.completeSymbols('ntdll', 'RtlF')]);
    expect(a.names).toEqual(['RtlAllocateHeap', 'rtlAlpha', 'RtlFreeHeap']);
    expect(b).toEqual({ names: ['RtlFreeHeap'], complete: true });
    expect(asks).toHaveLength(1);
    failNext = true;
    expect(await s.completeSymbols('ntdll', 'Nt')).toEqual({ names: [], complete: false });
    expect(await s.completeSymbols('ntdll', 'Nt')).toEqual({ names: ['NtClose'], complete: true });
    expect(asks.map((x) => x[2])).toEqual(['Rtl', 'Nt', 'Nt']);
  });
});
