/**
 * `mod!prefix` completion in the engine: the prefix search over a module's
 * listing, and EngineCore.completeSymbols over test.dmp with the corpus PDBs
 * (the same symbols `x test_app!ma*` lists), without a symbol path, and for
 * modules that list nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ListedSymbol } from '../../../../shared/symbols/types';
import { EngineCore, type OpenedDumpHandle } from '../../../../electron/engine/engineCore';
import { engineDeps } from '../../../../electron/engine/engineDeps';
import { namesWithPrefix } from '../../../../electron/engine/symbolCompletion';
import { openDumpFile } from '../../../../electron/services/openDumpFile';
import { NodeSymbolSupplier } from '../../../../electron/services/symbols/nodeSymbolSupplier';
import { corpusPath } from '../../../helpers/corpus';
import { testEngineDeps } from './testEngineDeps';

const sym = (name: string, rva: number): ListedSymbol => ({ name, rva });

describe('namesWithPrefix', () => {
  const list = [sym('RtlFreeHeap', 0x30), sym('main', 0x10), sym('rtlAlpha', 0x40), sym('RtlAllocateHeap', 0x20), sym('RtlFreeHeap', 0x50), sym('Zw', 0x60)];

  it('matches without case, sorts by name and lists each name once', () => {
    expect(namesWithPrefix(list, 'rtl', 200)).toEqual(['RtlAllocateHeap', 'rtlAlpha', 'RtlFreeHeap']);
    expect(namesWithPrefix(list, 'RTLF', 200)).toEqual(['RtlFreeHeap']);
    expect(namesWithPrefix(list, 'x', 200)).toEqual([]);
  });

  it('answers every name for an empty prefix, at most `limit`', () => {
    expect(namesWithPrefix(list, '', 200)).toEqual(['main', 'RtlAllocateHeap', 'rtlAlpha', 'RtlFreeHeap', 'Zw']);
    expect(namesWithPrefix(list, '', 2)).toEqual(['main', 'RtlAllocateHeap']);
    expect(namesWithPrefix(list, 'rtl', 1)).toEqual(['RtlAllocateHeap']);
  });
});

/** test.dmp with the corpus symbol folder, as the engine worker opens it when a symbol path is set. */
async function openWithCorpusSymbols(path: string): Promise<OpenedDumpHandle> {
  const opened = openDumpFile(path);
  const supplier = new NodeSymbolSupplier(corpusPath('symbols'));
  await supplier.prepare(opened.dump.modules());
  return {
    dump: opened.dump,
    symbols: { resolver: supplier.resolver, unwinders: supplier.unwinders, describe: () => corpusPath('symbols') },
    close: () => {
      supplier.close();
      opened.close();
    },
  };
}

describe('EngineCore.completeSymbols', () => {
  it('offers the PDB names of test_app starting with the prefix, like `x test_app!ma*`', async () => {
    const core = new EngineCore(testEngineDeps({ openFile: openWithCorpusSymbols }));
    await core.open('s1', corpusPath('user', 'test.dmp'));
    const x = core.runCommand('s1', 'x test_app!ma*');
    const listed = [...x.text.matchAll(/test_app!(\S+)/g)].map((m) => m[1]!);
    expect(listed).toEqual(['main', 'mainCRTStartup', 'malloc']);
    expect(core.completeSymbols('s1', 'test_app', 'ma', 200)).toEqual(['main', 'mainCRTStartup', 'malloc']);
    // WinDbg matches names and modules without case; the image's file name works too.
    expect(core.completeSymbols('s1', 'TEST_APP', 'MA', 200)).toEqual(['main', 'mainCRTStartup', 'malloc']);
    expect(core.completeSymbols('s1', 'test_app.exe', 'mai', 200)).toEqual(['main', 'mainCRTStartup']);
    expect(core.completeSymbols('s1', 'test_app', 'ma', 1)).toEqual(['main']);
    const all = core.completeSymbols('s1', 'test_app', '', 1000);
    expect(all.length).toBeGreaterThan(100);
    expect(all).toEqual([...all].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : a < b ? -1 : 1)));
    expect(new Set(all).size).toBe(all.length);
    core.closeAll();
  });

  it('answers an empty list for a module that lists nothing or that the dump does not have', async () => {
    const core = new EngineCore(testEngineDeps({ openFile: openWithCorpusSymbols }));
    await core.open('s1', corpusPath('user', 'test.dmp'));
    // psapi: no symbol file in the corpus and no mapped headers in this small dump.
    expect(core.runCommand('s1', 'x psapi!*').text).not.toMatch(/psapi!\w/);
    expect(core.completeSymbols('s1', 'psapi', '', 200)).toEqual([]);
    expect(core.completeSymbols('s1', 'nosuchmodule', 'a', 200)).toEqual([]);
    core.closeAll();
  });

  it('answers an empty list at once, without building a debugger, when the dump was opened without a symbol path', async () => {
    const createDebugger = vi.fn(engineDeps.createDebugger);
    const core = new EngineCore(testEngineDeps({ createDebugger }));
    await core.open('s1', corpusPath('user', 'test.dmp'));
    expect(core.completeSymbols('s1', 'test_app', 'ma', 200)).toEqual([]);
    expect(createDebugger).not.toHaveBeenCalled();
    expect(() => core.completeSymbols('nope', 'test_app', 'ma', 200)).toThrow(expect.objectContaining({ code: 'UnknownSession' }));
    core.closeAll();
  });
});
