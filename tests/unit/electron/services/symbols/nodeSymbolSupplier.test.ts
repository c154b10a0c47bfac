// Kernel dumps name their drivers without a PDB identity (no CodeView record in the loaded-module
// list): the supplier finds the image by its code id, then the PDB its CodeView record names. On the
// corpus symbol store: amdppm.sys (code id C9C030003B000) and the amdppm.pdb its debug directory names.
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeSymbolSupplier } from '../../../../../electron/services/symbols/nodeSymbolSupplier';
import type { DumpModule } from '../../../../../shared/dump/types';
import { PdbFile } from '../../../../../shared/formats/pdb/pdbFile';
import { MemoryByteSource } from '../../../../../shared/bytes/byteSource';
import { corpusPath, readCorpus } from '../../../../helpers/corpus';

const suppliers: NodeSymbolSupplier[] = [];
afterAll(() => suppliers.forEach((s) => s.close()));

/** A driver as a kernel dump's module list gives it: name, base, size, timestamp; no CodeView. */
const driver = (name: string, timestamp: number, size: number): DumpModule => ({
  name, path: `\\SystemRoot\\System32\\drivers\\${name}`, base: 0xfffff80761400000n, size, timestamp,
});

describe('NodeSymbolSupplier on a module without its PDB identity', () => {
  it('finds the image by code id, then the PDB its CodeView record names, and names code from the PDB', async () => {
    const supplier = new NodeSymbolSupplier(corpusPath('symstore'));
    suppliers.push(supplier);
    const m = driver('amdppm.sys', 0xc9c03000, 0x3b000);
    await supplier.prepare([m]);
    const [pdbFolder] = readdirSync(corpusPath('symstore', 'amdppm.pdb'));
    expect(supplier.notes.map((n) => [n.file, n.result === 'not found' ? 'not found' : 'found'])).toEqual([
      ['amdppm.sys/C9C030003B000/amdppm.sys', 'found'],
      [`amdppm.pdb/${pdbFolder}/amdppm.sym`, 'not found'],
      [`amdppm.pdb/${pdbFolder}/amdppm.pdb`, 'found'],
    ]);
    const files = supplier.files.get(m)!;
    expect(files.pe).toBeDefined();
    expect(files.pdb?.debugId).toBe(pdbFolder);
    // A procedure of the PDB, looked up through the resolver at its RVA.
    const pdb = new PdbFile(new MemoryByteSource(readCorpus('symstore', 'amdppm.pdb', pdbFolder!, 'amdppm.pdb')));
    const f = pdb.allFunctions().find((x) => x.size > 8)!;
    expect(supplier.resolver.lookup(m, f.rva + 1)).toMatchObject({ function: f.name, functionOffset: 1 });
  });

  it('a module the symbol path has no image for stays unnamed, with one note', async () => {
    const supplier = new NodeSymbolSupplier(corpusPath('symstore'));
    suppliers.push(supplier);
    const m = driver('acme.sys', 0x12345678, 0x10000);
    await supplier.prepare([m]);
    expect(supplier.notes).toEqual([{ module: 'acme.sys', file: 'acme.sys/1234567810000/acme.sys', result: 'not found' }]);
    expect(supplier.files.get(m)).toEqual({});
  });
});
