// dumpdesk run / console over corpus dumps, and `u` against iced-x86's own decoding.
import { Readable, Writable } from 'node:stream';
import { Decoder, DecoderOptions, Formatter, FormatterSyntax } from 'iced-x86';
import { describe, expect, it } from 'vitest';
import { completer, runConsole } from '../../electron/cli/commands/console';
import { main } from '../../electron/cli/main';
import { corpusPath, readExpected } from '../helpers/corpus';
import { corpusEngine, run } from '../unit/shared/debugger/helpers';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

describe('dumpdesk run', () => {
  const dump = corpusPath('user', 'test.dmp');
  it('runs ;-separated commands, each after a WinDbg prompt line', async () => {
    const { code, out, err } = await cli(['run', dump, '-c', 'lm m nt*; .ecxr; kc; ~1s; ~']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('0:000> lm m nt*\nstart    end        module name\n7c900000 7c9b0000   ntdll      (deferred)\n');
    expect(out).toContain('0:000> kc\n # Call Site\n00 test_app+0x429e\n01 test_app+0x4200\n');
    // ~1s switches the thread, and the prompt follows.
    expect(out).toContain('0:001> ~\n#  0  Id: f5c.bf4'); // '#' marks the event thread, '.' the current one
  });
  it('stops at q, like cdb -c "…; q"', async () => {
    const { code, out } = await cli(['run', dump, '-c', '.lastevent; q; lm']);
    expect(code).toBe(0);
    expect(out).toBe('0:000> .lastevent\nLast event: f5c.bf4: Access violation - code c0000005 (first/second chance not available)\n0:000> q\nquit:\n');
  });
  it('--json prints one document per command with spans inside the text', async () => {
    const { code, out } = await cli(['run', dump, '--json', '-c', 'lm; foo']);
    expect(code).toBe(0);
    const docs = out.trim().split('\n').map((l) => JSON.parse(l) as { command: string; ok: boolean; text: string; spans: { start: number; end: number; kind: string; value: string }[] });
    expect(docs.map((d) => [d.command, d.ok])).toEqual([['lm', true], ['foo', false]]);
    const ntdll = docs[0]!.spans.find((s) => s.kind === 'module' && s.value === 'ntdll')!;
    expect(docs[0]!.text.slice(ntdll.start, ntdll.end)).toBe('ntdll');
    expect(docs[1]!.text).toBe("^ Syntax error in 'foo'\n");
  });
  it('exit codes: 1 for usage, 2 for an unreadable dump with one line naming it', async () => {
    expect((await cli(['run', dump])).code).toBe(1);
    expect((await cli(['run', '-c', 'k'])).code).toBe(1);
    const bad = await cli(['run', corpusPath('user', 'invalid-range.dmp'), '-c', 'k']);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toContain('invalid-range.dmp: minidump: stream directory entry 0');
  });
});

describe('dumpdesk console', () => {
  it('reads commands, repeats d* on an empty line, quits on q', async () => {
    const engine = corpusEngine('user', 'test.dmp');
    let out = '';
    const sink = new Writable({ write(chunk, _enc, cb) { out += String(chunk); cb(); } });
    await runConsole(engine, Readable.from(['dd @esp L4\n', '\n', 'q\n', 'lm\n']), sink, { terminal: false });
    expect(out).toContain('0012f320  7c90e9c0 7c8025cb 000007b8 00000000\n');
    // The empty line continued at esp+0x10 with dd's default length.
    expect(out).toContain('0012f330  00000000 0012ff34 0012feb0 7c883780\n');
    expect(out).not.toContain('module name'); // nothing runs after q
  });
  it('tab completion completes command names of the last ;-part', () => {
    const complete = completer(corpusEngine('user', 'test.dmp'));
    expect(complete('!an')).toEqual([['!analyze'], '!an']);
    expect(complete('lm; .ex')).toEqual([['.exr'], '.ex']);
    expect(complete('vert')).toEqual([['vertarget'], 'vert']);
    expect(complete('lm m nt')[0]).toEqual([]);
  });
});

describe('u agrees with iced-x86', () => {
  it('tiny-exe-with-cet-xsave.dmp: 40 instructions at rip, same addresses, bytes and mnemonics', () => {
    const engine = corpusEngine('user', 'tiny-exe-with-cet-xsave.dmp');
    const rip = engine.session.registers()!.ip;
    const lines = run(engine, 'u @rip L28').split('\n').filter((l) => /^[0-9a-f]{8}`[0-9a-f]{8} /.test(l));
    expect(lines).toHaveLength(0x28);
    // The longest run of dump memory from rip that covers 40 instructions.
    let n = 0x28 * 15;
    while (!engine.session.read(rip, n)) n -= 1;
    const bytes = engine.session.read(rip, n)!;
    const decoder = new Decoder(64, bytes, DecoderOptions.None);
    decoder.ip = rip;
    const formatter = new Formatter(FormatterSyntax.Masm);
    for (const line of lines) {
      const ins = decoder.decode();
      const [addr, hex, mnemonic] = line.split(/\s+/);
      expect(BigInt('0x' + addr!.replace('`', ''))).toBe(ins.ip);
      expect(hex!.length / 2).toBe(ins.length);
      expect(mnemonic).toBe(formatter.format(ins).split(' ')[0]);
      ins.free();
    }
    decoder.free();
    formatter.free();
  });
});

describe('with symbols (--symbols ../shared/corpus/symbols)', () => {
  const dump = corpusPath('user', 'test.dmp');
  const symbols = corpusPath('symbols');
  it('k after .ecxr names the same functions as Breakpad (test.stackwalk-m.txt, thread 0)', async () => {
    const { code, out } = await cli(['run', dump, '--symbols', symbols, '-c', '.ecxr; kc']);
    expect(code).toBe(0);
    const ours = out.split('\n').filter((l) => /^[0-9a-f]{2} /.test(l)).map((l) => l.slice(3).replace(/\+0x[0-9a-f]+$/, ''));
    const breakpad = readExpected('test.stackwalk-m.txt').split('\n').filter((l) => l.startsWith('0|')).map((l) => {
      const f = l.split('|');
      return `${f[2]!.replace(/\.(exe|dll)$/, '')}!${f[3]}`;
    });
    expect(ours).toEqual(breakpad);
  });
  it('module!symbol expressions and x use the .sym FUNC records', async () => {
    const { out } = await cli(['run', dump, '--symbols', symbols, '-c', '? test_app!main; x test_app!*Crash*']);
    expect(out).toContain('Evaluate expression: 4211120 = 004041b0');
    expect(out).toContain("00404290 test_app!`anonymous namespace'::CrashFunction");
  });
});
