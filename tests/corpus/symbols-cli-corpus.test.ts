// `dumpdesk symbols` over every PDB and PE in the corpus: the output is a well-formed .sym
// whose MODULE line carries the file's own debug id, with as many FUNC records as the PDB
// has distinct procedure addresses; broken files exit 2 with the reason.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '../../shared/bytes/byteSource';
import { parseSym } from '../../shared/formats/breakpad/symFile';
import { PdbFile } from '../../shared/formats/pdb/pdbFile';
import { PeImage, readCodeView, RuntimeFunctionTable } from '../../shared/formats/pe/index';
import { runCli } from '../helpers/cli';
import { corpusPath, listCorpus, readCorpus } from '../helpers/corpus';

const symbols = (path: string) => runCli(['symbols', path]);

const symstore = (name: string) => {
  const dir = readdirSync(corpusPath('symstore', name))[0]!;
  return ['symstore', name, dir, name];
};

const pdbs = [
  ...listCorpus('pe-pdb/rizin', '.pdb').filter((f) => f !== 'fuzzed.pdb').map((f) => ['pe-pdb/rizin', f]),
  symstore('amdppm.pdb'), symstore('user32.pdb'),
];

describe('dumpdesk symbols on every corpus PDB', () => {
  for (const p of pdbs) {
    it(p[p.length - 1]!, async () => {
      const r = await symbols(corpusPath(...p));
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const s = parseSym(r.out);
      expect(s.problems).toEqual([]);
      const pdb = new PdbFile(new MemoryByteSource(readCorpus(...p)));
      expect(s.module!.debugId).toBe(pdb.debugId);
      expect(s.funcs.length).toBe(new Set(pdb.allFunctions().map((f) => f.rva)).size);
      expect(s.funcs.length + s.publics.length).toBeGreaterThan(0);
    });
  }

  it('fuzzed.pdb exits 2 and says why', async () => {
    const r = await symbols(corpusPath('pe-pdb/rizin', 'fuzzed.pdb'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/fuzzed\.pdb: PDB: block map points at block/);
  });
});

describe('dumpdesk symbols on PEs without a PDB beside them', () => {
  for (const name of ['amdppm.sys', 'Wdf01000.sys']) {
    it(`${name}: MODULE from CodeView, CODE_ID, and .pdata as STACK CFI`, async () => {
      const p = symstore(name);
      const r = await symbols(corpusPath(...p));
      expect(r.code).toBe(0);
      const s = parseSym(r.out);
      const pe = PeImage.open(new MemoryByteSource(readCorpus(...p)));
      expect(s.module).toEqual({ os: 'windows', cpu: 'x86_64', debugId: readCodeView(pe)!.debugId, debugFile: readCodeView(pe)!.debugFile });
      expect(s.codeId).toBe(pe.codeId);
      expect(s.cfi.length).toBe(new RuntimeFunctionTable(pe).count);
      expect(s.cfi.every((c) => c.deltas.length === 1 && /^\.cfa: \$r(sp|bp|\w+) \d+ [+-]$/.test(c.deltas[0]!.rules))).toBe(true);
    });
  }
});
