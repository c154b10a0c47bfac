// Every real .reg file in ../shared/corpus/reg goes through the whole settings
// flow on a .reg-file registry: dry run, apply (validated, backed up, read
// back), export, undo back to an empty registry.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRegFile, regFileToChanges } from '../../shared/formats/regfile/index';
import { runCli } from '../helpers/cli';
import { corpusPath, listCorpus, readCorpus } from '../helpers/corpus';

let saved: string | undefined;
beforeAll(() => {
  saved = process.env.DUMPDESK_HOME;
});
afterAll(() => {
  if (saved === undefined) delete process.env.DUMPDESK_HOME;
  else process.env.DUMPDESK_HOME = saved;
});

const cli = (...args: string[]) => runCli(['settings', ...args]);

describe.each(listCorpus('reg'))('%s', (name) => {
  it('dry run lists every value, apply writes exactly them, undo removes them again', async () => {
    const home = mkdtempSync(join(tmpdir(), 'dumpdesk-corpus-'));
    process.env.DUMPDESK_HOME = home;
    const registry = join(home, 'registry.reg');
    const file = corpusPath('reg', name);
    const sets = regFileToChanges(parseRegFile(readCorpus('reg', name))).filter((c) => c.op === 'set');

    const dry = await cli('apply', file, '--dry-run', '--registry', registry);
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.out.split('\n').filter((l) => /: \(not set[^)]*\)+ -> /.test(l))).toHaveLength(sets.length);

    const applied = await cli('apply', file, '--registry', registry);
    expect(applied.code).toBe(0);
    const now = regFileToChanges(parseRegFile(new Uint8Array(readFileSync(registry))));
    for (const s of sets) expect(now).toContainEqual(s);
    expect(now.filter((c) => c.op === 'set')).toHaveLength(sets.length);

    const undo = await cli('undo', '--registry', registry);
    expect(undo.code).toBe(0);
    expect(parseRegFile(new Uint8Array(readFileSync(registry))).keys).toEqual([]);
  });
});
