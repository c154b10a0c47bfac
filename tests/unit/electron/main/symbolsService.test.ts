import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { symbolsService } from '../../../../electron/main/backend/symbolsService';

const dir = mkdtempSync(join(tmpdir(), 'dd-symbols-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('symbols service', () => {
  const options = (env: NodeJS.ProcessEnv = {}) => ({ file: join(dir, 'symbol-path.json'), defaultCacheDir: join(dir, 'cache'), env });

  it('uses _NT_SYMBOL_PATH until a path is set, then the saved one', async () => {
    const s = symbolsService(options({ _NT_SYMBOL_PATH: 'D:\\pdbs' }));
    expect(await s.getPath()).toEqual({ path: 'D:\\pdbs', elements: [{ kind: 'folder', folder: 'D:\\pdbs', url: null }], cacheDir: join(dir, 'cache') });
    const set = await s.setPath(' srv*C:\\symbols*https://msdl.microsoft.com/download/symbols;srv*https://symbols.example ');
    expect(set.elements).toEqual([
      { kind: 'server', folder: 'C:\\symbols', url: 'https://msdl.microsoft.com/download/symbols' },
      { kind: 'server', folder: join(dir, 'cache'), url: 'https://symbols.example' },
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'symbol-path.json'), 'utf8'))).toEqual({ path: set.path });
    expect((await symbolsService(options({ _NT_SYMBOL_PATH: 'D:\\pdbs' })).getPath()).path).toBe(set.path);
  });

  it('refuses a path with elements it cannot use, and keeps the old one', async () => {
    const s = symbolsService(options());
    const before = (await s.getPath()).path;
    expect(() => s.setPath('srv*')).toThrow(expect.objectContaining({ code: 'Invalid', message: expect.stringContaining('needs a store') }));
    expect((await s.getPath()).path).toBe(before);
  });

  it('accepts an empty path (no symbols)', async () => {
    expect(await symbolsService(options()).setPath('')).toMatchObject({ path: '', elements: [] });
  });
});
