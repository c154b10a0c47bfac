// A redacted dump must stay a valid minidump for other tools: Debian's lldb
// (installed by .ci/run) opens each redacted corpus dump and reports the same
// modules, stop reason and crashing-thread frames as it does for the original
// (its output for the originals is ../shared/corpus/expected/NAME.lldb.txt).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redactMinidump } from '../../shared/analysis/privacy/redact';
import { scanPrivacy } from '../../shared/analysis/privacy/scan';
import { MemoryByteSource } from '../../shared/bytes/byteSource';
import { openDump } from '../../shared/dump/openDump';
import type { MinidumpDump } from '../../shared/formats/minidump/minidumpDump';
import { hasExpected, listCorpus, readCorpus, readExpected } from '../helpers/corpus';

const dir = mkdtempSync(join(tmpdir(), 'dumpdesk-redact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lldb(file: string): string {
  // stderr carries Debian lldb-14's harmless python-plugin warnings.
  return execFileSync('lldb', ['--batch', '-c', file, '-o', 'image list', '-o', 'thread list', '-o', 'bt all'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 });
}

/** The parts we compare: module lines, the crashing thread's stop reason and its frames. */
function essentials(out: string, users: Record<string, string>) {
  let text = out;
  for (const [u, alias] of Object.entries(users)) text = text.replace(new RegExp(`(\\\\Users\\\\)${u}(?=\\\\)`, 'gi'), `$1${alias}`);
  const lines = text.split('\n');
  const modules = lines.filter((l) => /^\[\s*\d+\]/.test(l)).map((l) => l.trimEnd());
  const start = lines.findIndex((l) => l.startsWith('(lldb) bt all'));
  const bt = lines.slice(start + 1);
  const crashing: string[] = [];
  let inCrash = false;
  for (const l of bt) {
    if (/^\* thread #/.test(l)) inCrash = true;
    else if (/^ {2}thread #/.test(l) || l.startsWith('(lldb)')) inCrash = false;
    if (inCrash && l.trim()) crashing.push(l.trimEnd());
  }
  return { modules, crashing };
}

const dumps = listCorpus('user', '.dmp').filter((f) => hasExpected(f.replace(/\.dmp$/, '.lldb.txt')) && !f.startsWith('invalid-r'));

describe('lldb reads redacted dumps like the originals', () => {
  it.each(dumps)('%s', (f) => {
    const bytes = readCorpus('user', f);
    const dump = openDump(new MemoryByteSource(bytes)) as MinidumpDump;
    const scan = scanPrivacy(dump);
    const red = redactMinidump(dump, bytes, scan.userNames, { keepStacks: true });
    const out = join(dir, f);
    writeFileSync(out, red.bytes);
    const expected = essentials(readExpected(f.replace(/\.dmp$/, '.lldb.txt')), red.replacedUsers);
    const actual = essentials(lldb(out), {});
    expect(actual.modules).toEqual(expected.modules);
    expect(actual.modules.length).toBeGreaterThan(0);
    expect(actual.crashing).toEqual(expected.crashing);
  });
});
