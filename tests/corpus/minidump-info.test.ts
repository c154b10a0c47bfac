// `dumpdesk info FILE` over every corpus user dump: exit codes, and the
// decoded streams agree with Breakpad's minidump_dump (NAME.dump.txt).
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { corpusPath, listCorpus, readExpected } from '../helpers/corpus';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

const MALFORMED = ['invalid-range.dmp', 'invalid-record-count.dmp'];

describe('dumpdesk info', () => {
  it.each(listCorpus('user', '.dmp').filter((f) => !MALFORMED.includes(f)))('%s: every stream decoded, matching minidump_dump', async (name) => {
    const { code, out, err } = await run(['info', corpusPath('user', name)]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const expected = readExpected(name.replace(/\.dmp$/, '.dump.txt'));
    const threads = Number(/thread_count = (\d+)/.exec(expected)![1]);
    const modules = Number(/module_count = (\d+)/.exec(expected)![1]);
    expect(out).toContain(`ThreadList (${threads} threads)`);
    expect(out).toContain(`ModuleList (${modules} modules)`);
    // Every module's code file and code identifier, as minidump_dump prints them.
    for (const m of expected.matchAll(/\(code_file\)\s+= "(.*)"\n {2}\(code_identifier\)\s+= "(.*)"/g)) {
      expect(out).toContain(`(code_file)        = ${JSON.stringify(m[1])}`);
      expect(out).toContain(`(code_identifier)  = "${m[2]}"`);
    }
    // The directory lists every entry with its type and location.
    const count = Number(/stream_count\s+= (\d+)/.exec(expected)![1]);
    expect(out).toContain(`Stream directory (${count} entries)`);
    for (const m of expected.matchAll(/stream_type\s+= (0x[0-9a-f]+).*\n {2}location\.data_size = (\d+)\n {2}location\.rva\s+= (0x[0-9a-f]+)/g)) {
      expect(out).toMatch(new RegExp(`type 0x${m[1]!.slice(2).padStart(8, '0')}  size +${m[2]}  rva ${m[3]}`));
    }
  });

  it.each(MALFORMED)('%s: exit 2 with one line naming the file', async (name) => {
    const path = corpusPath('user', name);
    const { code, out, err } = await run(['info', path]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain(`dumpdesk info: ${path}: minidump: stream directory entry 0`);
  });

  it('a missing file is exit 2; no file or two files is a usage error (exit 1)', async () => {
    const missing = await run(['info', corpusPath('user', 'no-such.dmp')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no-such\.dmp: cannot open: no such file/);
    expect((await run(['info'])).code).toBe(1);
    expect((await run(['info', 'a', 'b'])).code).toBe(1);
    expect((await run(['info', '--bogus', 'a'])).err).toMatch(/unknown option --bogus/);
  });

  it('a non-dump file says what it starts with', async () => {
    const { code, err } = await run(['info', corpusPath('SOURCES.md')]);
    expect(code).toBe(2);
    expect(err).toMatch(/not a Windows crash dump: expected 'MDMP', 'PAGEDUMP' or 'PAGEDU64', but it starts with/);
  });

  it('exec_av_on_stack.dmp lists the overlapping memory range as a diagnostic', async () => {
    const { code, out } = await run(['info', corpusPath('user', 'exec_av_on_stack.dmp')]);
    expect(code).toBe(0);
    expect(out).toMatch(/warning OverlappingMemory: memory range 0x3df8c4\+0x100 overlaps 0x3df288\+0xd78/);
  });
});
