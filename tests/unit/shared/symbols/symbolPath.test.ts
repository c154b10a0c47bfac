import { describe, expect, it } from 'vitest';
import { parseSymbolPath } from '../../../../shared/symbols/symbolPath';
import { symFileName, symbolFileRequests } from '../../../../shared/symbols/symstoreLayout';
import { undecorateCName } from '../../../../shared/symbols/undecorate';

describe('WinDbg symbol path', () => {
  it('srv*cache*url: the URL is upstream, the folder its cache', () => {
    expect(parseSymbolPath('srv*C:\\symbols*https://msdl.microsoft.com/download/symbols').stores).toEqual([
      { kind: 'server', upstream: 'https://msdl.microsoft.com/download/symbols', caches: ['C:\\symbols'] },
    ]);
  });

  it('srv*url alone uses the default cache (empty list); several caches are kept in order', () => {
    expect(parseSymbolPath('srv*https://s').stores).toEqual([{ kind: 'server', upstream: 'https://s', caches: [] }]);
    expect(parseSymbolPath('SRV*c:\\a*\\\\share\\b*https://s').stores[0]).toEqual({ kind: 'server', upstream: 'https://s', caches: ['c:\\a', '\\\\share\\b'] });
    expect(parseSymbolPath('symsrv*symsrv.dll*c:\\x*https://s').stores[0]).toEqual({ kind: 'server', upstream: 'https://s', caches: ['c:\\x'] });
  });

  it('cache*DIR caches the elements after it; plain folders; ; separated; several strings in order', () => {
    const p = parseSymbolPath('D:\\plain;cache*C:\\cache;srv*https://a;https://b', '/other/folder;;');
    expect(p.stores).toEqual([
      { kind: 'folder', path: 'D:\\plain' },
      { kind: 'server', upstream: 'https://a', caches: ['C:\\cache'] },
      { kind: 'server', upstream: 'https://b', caches: ['C:\\cache'] },
      { kind: 'folder', path: '/other/folder' },
    ]);
    expect(p.ignored).toEqual([]);
  });

  it('a srv element with no store is reported, not guessed', () => {
    const p = parseSymbolPath('srv*;x');
    expect(p.stores).toEqual([{ kind: 'folder', path: 'x' }]);
    expect(p.ignored).toEqual(['srv*: a symbol server needs a store after "srv*"']);
  });
});

describe('symstore layout', () => {
  it('asks for name.pdb/GUIDAGE/name.sym, name.pdb/GUIDAGE/name.pdb, then name.exe/TIMESTAMPSIZE/name.exe', () => {
    const reqs = symbolFileRequests({
      name: 'kernel32.dll', path: 'C:\\Windows\\system32\\kernel32.dll', base: 0x7c800000n, size: 0xf4000, timestamp: 0x44ab9a84,
      debugFile: 'kernel32.pdb', debugId: 'bce8785c57b44245a669896b6a19b9542',
    });
    expect(reqs.map((r) => [r.kind, r.path])).toEqual([
      ['sym', 'kernel32.pdb/BCE8785C57B44245A669896B6A19B9542/kernel32.sym'],
      ['pdb', 'kernel32.pdb/BCE8785C57B44245A669896B6A19B9542/kernel32.pdb'],
      ['pe', 'kernel32.dll/44AB9A84F4000/kernel32.dll'],
    ]);
    expect(symFileName('ntkrnlmp.PDB')).toBe('ntkrnlmp.sym');
    expect(symFileName('app.dbg')).toBe('app.dbg.sym');
  });

  it('a module without CodeView info is only looked up by code id; a debug path keeps its file name only', () => {
    expect(symbolFileRequests({ name: 'a.sys', path: 'a.sys', base: 0n, size: 0x1000, timestamp: 1 }).map((r) => r.path)).toEqual(['a.sys/000000011000/a.sys']);
    expect(symbolFileRequests({ name: 'b.dll', path: 'b.dll', base: 0n, size: 0, timestamp: 0, debugFile: 'C:\\out\\b.pdb', debugId: 'AA1' })[0]!.path).toBe('b.pdb/AA1/b.sym');
  });
});

describe('C name undecoration (PUBLIC records)', () => {
  it('drops one leading underscore and stdcall/fastcall parameter sizes, keeps C++ names', () => {
    expect(undecorateCName('_printf')).toEqual({ name: 'printf', paramSize: 0 });
    expect(undecorateCName('_CxxThrowException@8')).toEqual({ name: 'CxxThrowException', paramSize: 8 });
    expect(undecorateCName('@fast@12')).toEqual({ name: 'fast', paramSize: 12 });
    expect(undecorateCName('___CxxFrameHandler3')).toEqual({ name: '__CxxFrameHandler3', paramSize: 0 });
    expect(undecorateCName('exit')).toEqual({ name: 'exit', paramSize: 0 });
    expect(undecorateCName('?f@@YAXXZ')).toEqual({ name: '?f@@YAXXZ', paramSize: 0 });
  });
});
