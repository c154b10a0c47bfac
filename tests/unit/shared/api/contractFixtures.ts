/**
 * Test fixtures for every call in the contract: one valid and one invalid
 * argument list each, and a recording fake of every service. The table is
 * typed against the contract, so adding a call without fixtures fails the
 * type check — "every call is tested" cannot silently stop being true.
 * Used by the IPC binding tests and the web-host integration tests.
 */
import { api, type Api, type ApiServices } from '../../../../shared/api';
import type { CallSpec } from '../../../../shared/api/define';
import type { z } from 'zod';

type ArgsIn<C> = C extends CallSpec<infer A, unknown> ? z.input<A> : never;

export type CallFixtures = {
  [S in keyof Api]: { [M in keyof Api[S]]: { valid: ArgsIn<Api[S][M]>; invalid: unknown[] } };
};

/** An absolute path inside `root`; the web tests serve `root`, so it passes confinement. */
export function callFixtures(root: string): CallFixtures {
  const dmp = `${root}/crash.dmp`;
  return {
    app: { info: { valid: [], invalid: ['extra'] } },
    dump: {
      open: { valid: [dmp], invalid: ['relative/crash.dmp'] },
      close: { valid: ['s1'], invalid: ['s 1; rm'] },
      analyze: { valid: ['s1'], invalid: [42] },
      privacy: { valid: ['s1'], invalid: ['../etc'] },
      runCommand: { valid: ['s1', 'lm kv'], invalid: ['s1', 'x'.repeat(5000)] },
      completeSymbols: { valid: ['s1', 'ntdll', 'Rtl', 200], invalid: ['s1', 'ntdll', 'Rtl', 1001] },
      readMemory: { valid: ['s1', '0x7ff600001000', 256], invalid: ['s1', '7ff6', 256] },
      cancel: { valid: ['s1'], invalid: [] },
      list: { valid: [], invalid: [1] },
    },
    history: {
      list: { valid: [{ text: 'nvlddmkm', limit: 50 }], invalid: [{ limit: 1_000_000 }] },
      buckets: { valid: [], invalid: [{}] },
      breakdown: { valid: [], invalid: ['all'] },
      timeline: { valid: [{ groupBy: 'culprit' }], invalid: [{ groupBy: 'weekday' }] },
      whatChanged: { valid: ['0xD1_nvlddmkm!foo'], invalid: [null] },
      notes: { valid: ['17'], invalid: ['17; DROP TABLE'] },
      bucketNotes: { valid: ['0xD1_nvlddmkm!foo'], invalid: [''] },
      trash: { valid: ['17'], invalid: [''] },
      addNote: { valid: ['17', 'after driver update'], invalid: ['17', ''] },
    },
    sources: {
      list: { valid: [], invalid: ['x'] },
      add: { valid: [root], invalid: ['..'] },
      remove: { valid: ['user-1'], invalid: [''] },
    },
    settings: {
      read: { valid: [], invalid: [true] },
      preview: { valid: ['crashControl', { crashDumpEnabled: 3 }], invalid: ['bootSector', {}] },
      apply: { valid: ['p1'], invalid: [''] },
      undo: { valid: ['c1'], invalid: [{}] },
      exportReg: { valid: [`${root}/settings.reg`], invalid: ['settings.reg'] },
      importReg: { valid: [`${root}/settings.reg`], invalid: ['C:relative.reg'] },
    },
    verifier: {
      presets: { valid: [], invalid: [null] },
      commandLine: { valid: [{ preset: 'standard', drivers: ['foo.sys'] }], invalid: [{ drivers: ['..\\..\\evil.sys'] }] },
      run: { valid: [{ preset: 'custom', flags: '0x209bb', drivers: ['foo.sys'] }], invalid: [{ preset: 'custom', drivers: 'foo.sys' }] },
      query: { valid: [], invalid: [0] },
    },
    symbols: {
      getPath: { valid: [], invalid: ['x'] },
      setPath: { valid: ['srv*C:\\symbols*https://msdl.microsoft.com/download/symbols'], invalid: [42] },
    },
  };
}

export interface RecordedCall {
  service: string;
  method: string;
  args: unknown[];
}

/**
 * Services that record every call and answer `{ echo: service.method }`: the
 * tests check which calls reached a service and with what, not what the real
 * services compute (their own tests do that).
 */
export function recordingServices(): { services: ApiServices; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const services: Record<string, Record<string, (...args: unknown[]) => unknown>> = {};
  for (const [service, methods] of Object.entries(api)) {
    services[service] = {};
    for (const method of Object.keys(methods)) {
      services[service][method] = (...args: unknown[]) => {
        calls.push({ service, method, args });
        return { echo: `${service}.${method}` };
      };
    }
  }
  return { services: services as unknown as ApiServices, calls };
}

/** Every (service, method) pair of the contract with its fixtures, for table-driven tests. */
export function everyCall(root: string): { service: string; method: string; valid: unknown[]; invalid: unknown[] }[] {
  const fx = callFixtures(root) as unknown as Record<string, Record<string, { valid: unknown[]; invalid: unknown[] }>>;
  return Object.entries(api).flatMap(([service, methods]) =>
    Object.keys(methods).map((method) => ({ service, method, ...fx[service]![method]! })),
  );
}
