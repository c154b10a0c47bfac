import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCfi, parseCfiRules, parseSym, runPostfix, type PostfixContext } from '../../../../../shared/formats/breakpad/index';
import { corpusPath } from '../../../../helpers/corpus';

const text = (...p: string[]) => readFileSync(corpusPath(...p), 'utf8');
const count = (t: string, re: RegExp) => (t.match(re) ?? []).length;

describe('parseSym on corpus .sym files', () => {
  const files = [
    ['symbols', 'kernel32.pdb', 'BCE8785C57B44245A669896B6A19B9542', 'kernel32.sym'],
    ['symbols', 'test_app.pdb', '5A9832E5287241C1838ED98914E9B7FF1', 'test_app.sym'],
    ['pe-pdb', 'crash.sym'],
    ['pe-pdb', 'CrashWithException.pdb.sym'],
  ];
  for (const f of files) {
    it(`${f[f.length - 1]}: record counts equal the file's line counts`, () => {
      const t = text(...f);
      const s = parseSym(t);
      expect(s.problems).toEqual([]);
      expect(s.funcs.length).toBe(count(t, /^FUNC /gm));
      expect(s.publics.length).toBe(count(t, /^PUBLIC /gm));
      expect(s.files.size).toBe(count(t, /^FILE /gm));
      expect(s.cfi.length).toBe(count(t, /^STACK CFI INIT /gm));
      expect(s.cfi.reduce((n, c) => n + c.deltas.length, 0)).toBe(count(t, /^STACK CFI [0-9a-f]/gm));
      expect(s.stackWin.length).toBe(count(t, /^STACK WIN /gm));
      expect(s.funcs.reduce((n, fn) => n + fn.lines.length, 0)).toBe(count(t, /^[0-9a-f]+ [0-9a-f]+ \d+ \d+$/gm));
      expect(s.module?.debugId).toBe(t.split(' ')[3]);
    });
  }

  it('test_app.sym: lookups by address give function, line and file', () => {
    const s = parseSym(text('symbols', 'test_app.pdb', '5A9832E5287241C1838ED98914E9B7FF1', 'test_app.sym'));
    // Pick a FUNC line from the text itself and probe inside its first line record.
    const m = /^FUNC ([0-9a-f]+) ([0-9a-f]+) [0-9a-f]+ (.+)\n(?:[0-9a-f]+ 0 \d+ \d+\n)?([0-9a-f]+) ([1-9a-f][0-9a-f]*) (\d+) (\d+)$/m.exec(text('symbols', 'test_app.pdb', '5A9832E5287241C1838ED98914E9B7FF1', 'test_app.sym'))!;
    const probe = parseInt(m[4]!, 16) + parseInt(m[5]!, 16) - 1;
    const f = s.func(probe)!;
    expect(f.name).toBe(m[3]);
    expect(s.line(f, probe)?.line).toBe(Number(m[6]));
    expect(s.files.get(Number(m[7]))).toBeDefined();
    expect(s.func(parseInt(m[1]!, 16) + parseInt(m[2]!, 16))?.name).not.toBe(m[3]);
  });

  it('kernel32.sym: publics with parameter sizes, STACK WIN type 4 preferred over type 0', () => {
    const s = parseSym(text('symbols', 'kernel32.pdb', 'BCE8785C57B44245A669896B6A19B9542', 'kernel32.sym'));
    expect(s.publicAt(0xb5ae + 3)).toMatchObject({ rva: 0xb5ae, paramSize: 0xc, name: 'BaseDllInitialize' });
    const fpo = s.stackWin.find((w) => w.type === 0)!;
    expect(fpo.program).toBeUndefined();
    const w = s.stackWinAt(0xb5ae);
    if (w) expect(w.rva).toBeLessThanOrEqual(0xb5ae);
    const t4 = s.stackWin.find((x) => x.type === 4 && x.program)!;
    expect(s.stackWinAt(t4.rva)?.type).toBe(4);
  });

  it('malformed lines are reported, not thrown; a non-.sym file is BadSignature', () => {
    const s = parseSym('MODULE windows x86 0123 a.pdb\nFUNC zz 1 0 f\nFUNC 10 5 0 good\n10 zz 1 1\nPUBLIC 20 0 p\n');
    expect(s.funcs.map((f) => f.name)).toEqual(['good']);
    expect(s.problems).toEqual(['line 2: "zz" is not a hex number', 'line 4: "zz" is not a hex number']);
    expect(() => parseSym('hello')).toThrow(expect.objectContaining({ code: 'BadSignature' }));
  });

  it('INLINE and INLINE_ORIGIN records attach to their FUNC', () => {
    const s = parseSym('MODULE Linux x86_64 00 a\nINLINE_ORIGIN 0 inlined()\nFUNC m 100 40 0 outer()\nINLINE 0 12 3 0 110 8 130 4\n100 40 10 3\n');
    expect(s.inlineOrigins.get(0)).toBe('inlined()');
    expect(s.funcs[0]!.multiple).toBe(true);
    expect(s.funcs[0]!.inlines).toEqual([{ depth: 0, callLine: 12, callFile: 3, origin: 0, ranges: [{ rva: 0x110, size: 8 }, { rva: 0x130, size: 4 }] }]);
  });
});

describe('postfix machine', () => {
  const mem = new Map<bigint, bigint>([[0x1000n, 0xdeadn], [0x0ffcn, 0x2000n]]);
  const ctx = (vars: Record<string, bigint>, bits: 32 | 64 = 32): PostfixContext => ({
    vars: new Map(Object.entries(vars)), deref: (a) => mem.get(a), bits,
  });

  it('evaluates arithmetic, align and dereference', () => {
    expect(runPostfix('$esp 4 +', ctx({ $esp: 0xffcn }))).toBe(0x1000n);
    expect(runPostfix('$esp 4 + ^', ctx({ $esp: 0xffcn }))).toBe(0xdeadn);
    expect(runPostfix('17 8 @', ctx({}))).toBe(16n);
    expect(runPostfix('7 2 /', ctx({}))).toBe(3n);
    expect(runPostfix('7 2 %', ctx({}))).toBe(1n);
    expect(runPostfix('0 4 -', ctx({}))).toBe(0xfffffffcn);
    expect(runPostfix('0 4 -', ctx({}, 64))).toBe(0xfffffffffffffffcn);
  });

  it('runs a STACK WIN program string with assignments (symbol_files.md example shape)', () => {
    const c = ctx({ $ebp: 0xffcn, $esp: 0xf00n });
    runPostfix('$T0 $ebp = $eip $T0 4 + ^ = $ebp $T0 ^ = $esp $T0 8 + =', c);
    expect(c.vars.get('$eip')).toBe(0xdeadn);
    expect(c.vars.get('$ebp')).toBe(0x2000n);
    expect(c.vars.get('$esp')).toBe(0x1004n);
  });

  it('fails (null) on unknown variables, unreadable memory, division by zero and underflow', () => {
    expect(runPostfix('$nope 4 +', ctx({}))).toBeNull();
    expect(runPostfix('16 ^', ctx({}))).toBeNull();
    expect(runPostfix('1 0 /', ctx({}))).toBeNull();
    expect(runPostfix('+', ctx({}))).toBeNull();
  });

  it('CFI rules: parse and apply', () => {
    expect([...parseCfiRules('.cfa: $rsp 16 + .ra: .cfa 8 - ^ $rbx: .cfa 16 - ^')]).toEqual([
      ['.cfa', '$rsp 16 +'], ['.ra', '.cfa 8 - ^'], ['$rbx', '.cfa 16 - ^'],
    ]);
    const r = applyCfi(['.cfa: $rsp 16 + .ra: .cfa 8 - ^', '$rbx: .cfa 8 - ^'], { rsp: 0xff4n, rbx: 1n }, (a) => mem.get(a), 64, (k) => '$' + k, (n) => n.slice(1))!;
    expect(r.cfa).toBe(0x1004n);
    expect(r.ra).toBe(0x2000n);
    expect(r.regs.rbx).toBe(0x2000n);
  });
});

describe('UTF-8 decoding without TextDecoder', () => {
  it('the portable decoder equals TextDecoder, including multi-byte, astral and invalid sequences', async () => {
    const { decodeUtf8Portable } = await import('../../../../../shared/formats/breakpad/utf8');
    const samples = [
      new TextEncoder().encode('FUNC 10 4 0 naïve::函数<😀>()'),
      new Uint8Array([0x41, 0xc3, 0x28, 0xe2, 0x82, 0xff, 0xf0, 0x9f, 0x98, 0x80, 0x80, 0x42]),
    ];
    for (const b of samples) expect(decodeUtf8Portable(b)).toBe(new TextDecoder().decode(b));
  });
});

describe('hostile .sym input', () => {
  it('byte flips in a real file never throw (except a broken MODULE line), and lookups still answer', () => {
    const base = new TextEncoder().encode(text('pe-pdb', 'crash.sym'));
    let seed = 99;
    for (let k = 0; k < 100; k++) {
      const b = base.slice();
      for (let j = 0; j < 40; j++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        b[64 + (seed % (b.length - 64))] = [0x20, 0x0a, 0x30, 0x66, 0x5e, 0xff][seed % 6]!;
      }
      const s = parseSym(b);
      expect(s.module?.debugFile).toBeDefined();
      for (const a of [0, 0x1000, 0x2910, 0x3726, 0xffffffff]) {
        const f = s.func(a);
        if (f) s.line(f, a);
        s.publicAt(a);
        s.cfiRules(a);
        s.stackWinAt(a);
      }
    }
  });
});
