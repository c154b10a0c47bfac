// dumpdesk kb: the shipped base, a dump matched against it, and a user file imported and exported.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../../electron/cli/command';
import { main } from '../../../../electron/cli/main';
import { corpusPath } from '../../../helpers/corpus';

let home: string;
let saved: string | undefined;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'dumpdesk-kb-'));
  saved = process.env.DUMPDESK_HOME;
  process.env.DUMPDESK_HOME = home;
});
afterEach(() => {
  if (saved === undefined) delete process.env.DUMPDESK_HOME;
  else process.env.DUMPDESK_HOME = saved;
  rmSync(home, { recursive: true, force: true });
});

async function kb(...args: string[]) {
  let out = '';
  let err = '';
  const io: CliIO = { out: (s) => { out += s; }, err: (s) => { err += s; }, isTTY: false };
  return { code: await main(['kb', ...args], io), out, err };
}

const entry = (id: string, title: string) => ({
  id, title, match: { bugcheck: '0x1c8' }, explanation: 'Held power button on this laptop model.', fix: 'Update the EC firmware.', source: 'Vendor advisory 123',
});

describe('dumpdesk kb', () => {
  it('matches the power-button dump with the shipped entry', async () => {
    const r = await kb('match', corpusPath('kernel', 'rizinorg_triage_arm64.dmp'));
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('Power button held down (0x1C8)');
    expect(r.out).toContain('Source: Microsoft Learn, Bug Check 0x1C8');
  });

  it('imports a valid user file, lets it win over a shipped id, and exports the merge', async () => {
    const file = join(home, 'mine.json');
    writeFileSync(file, JSON.stringify({ schema: 'dumpdesk.known-issues/1', version: 1, issues: [entry('power-button-hold', 'Our laptops: power button'), entry('ec-firmware', 'EC firmware hang')] }));
    const imp = await kb('import', file);
    expect(imp.out).toMatch(/^2 entries added, 0 replaced in /);
    const match = await kb('match', corpusPath('kernel', 'rizinorg_triage_arm64.dmp'));
    expect(match.out.split('\n')[0]).toBe('Our laptops: power button');
    expect(match.out).toContain('EC firmware hang');
    const out = join(home, 'all.json');
    const exp = await kb('export', out);
    const merged = JSON.parse(readFileSync(out, 'utf8')) as { issues: { id: string }[] };
    expect(exp.out).toBe(`${merged.issues.length} entries written to ${out}\n`);
    expect(merged.issues.filter((i) => i.id === 'power-button-hold')).toHaveLength(1);
  });

  it('refuses an invalid file naming the field, and leaves the user base untouched', async () => {
    const file = join(home, 'bad.json');
    writeFileSync(file, JSON.stringify({ schema: 'dumpdesk.known-issues/1', version: 1, issues: [{ ...entry('Bad Id', 'x'), match: { bugcheck: '124' } }] }));
    const r = await kb('import', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/issues\.0\.id: lowercase words[\s\S]*issues\.0\.match\.bugcheck: a code like "0x124"/);
    expect((await kb('list')).out).not.toMatch(/Bad Id/);
  });
});
