// The MASM expression evaluator over a synthetic dump with known registers,
// memory and modules.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../shared/debugger/expression/evaluator';
import { parseNumber } from '../../../../shared/debugger/expression/evaluator';
import { MinidumpBuilder } from '../../../synth/minidump/builder';
import { engineFor, run } from './helpers';

const stack = new Uint8Array(0x40);
new DataView(stack.buffer).setBigUint64(0, 0x7ff700001234n, true);
new DataView(stack.buffer).setUint32(8, 0xdeadbeef, true);
const bytes = new MinidumpBuilder('amd64')
  .systemInfo()
  .module({ name: 'C:\\app\\app.exe', base: 0x7ff700000000n, size: 0x10000 })
  .module({ name: 'C:\\Windows\\System32\\api-ms-win-core-x.dll', base: 0x7ffb00000000n, size: 0x1000 })
  .thread({ id: 0x10, regs: { rip: 0x7ff700001000n, rsp: 0x5000n, rax: 0x1122334455667788n, rbx: 2n }, stack: { start: 0x5000n, bytes: stack }, teb: 0x3000n })
  .build();
const symbols = {
  lookup: () => undefined,
  findSymbol: (m: { name: string }, name: string) => (m.name === 'app.exe' && name === 'main' ? 0x1100 : undefined),
};
const engine = engineFor(bytes, 'synthetic', symbols);
const s = engine.session;
const ev = (e: string): bigint => evaluate(s, e);

describe('numbers', () => {
  it('default radix 16, 0n decimal, 0x hex, 0t octal, 0y binary, backtick 64-bit', () => {
    expect(ev('10')).toBe(0x10n);
    expect(ev('0n10')).toBe(10n);
    expect(ev('0x10')).toBe(16n);
    expect(ev('0t10')).toBe(8n);
    expect(ev('0y101')).toBe(5n);
    expect(ev('fffff800`12345678')).toBe(0xfffff80012345678n);
    expect(ev('abc')).toBe(0xabcn); // a word of hex digits is a number, as in WinDbg
    expect(parseNumber('0n1x')).toBeUndefined();
  });
});

describe('operators', () => {
  it('arithmetic with precedence and 64-bit wrap', () => {
    expect(ev('2+3*4')).toBe(0xen);
    expect(ev('(2+3)*4')).toBe(0x14n);
    expect(ev('10/3')).toBe(5n);
    expect(ev('10%3')).toBe(1n);
    expect(ev('10 mod 3')).toBe(1n);
    expect(ev('0-1')).toBe(0xffffffffffffffffn);
    expect(ev('-1')).toBe(0xffffffffffffffffn);
    expect(ev('1<<4|1')).toBe(0x11n);
    expect(ev('ff&0f^1')).toBe(0xen);
  });
  it('comparisons give 1 or 0, signed like WinDbg', () => {
    expect(ev('1==1')).toBe(1n);
    expect(ev('1=2')).toBe(0n);
    expect(ev('1!=2')).toBe(1n);
    expect(ev('-1<0')).toBe(1n);
    expect(ev('5>=5')).toBe(1n);
  });
});

describe('registers, pseudo-registers, modules, symbols, memory', () => {
  it('registers with and without @, and their 32/16/8-bit views', () => {
    expect(ev('@rip')).toBe(0x7ff700001000n);
    expect(ev('rbx+1')).toBe(3n);
    expect(ev('eax')).toBe(0x55667788n);
    expect(ev('ax')).toBe(0x7788n);
    expect(ev('ah')).toBe(0x77n);
    expect(ev('al')).toBe(0x88n);
  });
  it('$ip, $csp, $retreg, $teb, $tid, $ptrsize, $exentry', () => {
    expect(ev('$ip')).toBe(0x7ff700001000n);
    expect(ev('@$csp')).toBe(0x5000n);
    expect(ev('$retreg')).toBe(0x1122334455667788n);
    expect(ev('$teb')).toBe(0x3000n);
    expect(ev('$tid')).toBe(0x10n);
    expect(ev('$ptrsize')).toBe(8n);
    expect(ev('$exentry')).toBe(0x7ff700000000n);
  });
  it('module names, module!symbol+offset and poi/dwo', () => {
    expect(ev('app')).toBe(0x7ff700000000n);
    expect(ev('app!')).toBe(0x7ff700000000n);
    expect(ev('api_ms_win_core_x')).toBe(0x7ffb00000000n); // '-' becomes '_' in module names
    expect(ev('app!main+0x10')).toBe(0x7ff700001110n);
    expect(ev('main')).toBe(0x7ff700001100n);
    expect(ev('poi(@rsp)')).toBe(0x7ff700001234n);
    expect(ev('poi(rsp)-app')).toBe(0x1234n);
    expect(ev('dwo(@rsp+8)')).toBe(0xdeadbeefn);
    expect(ev('by(@rsp+8)')).toBe(0xefn);
    expect(ev('hi(dwo(@rsp+8))')).toBe(0xdeadn);
  });
});

describe('errors in WinDbg\'s words', () => {
  it.each([
    ['? foo+1', "Couldn't resolve error at 'foo+1'"],
    ['? app!nosuch', "Couldn't resolve error at 'app!nosuch'"],
    ['? 1+', "Syntax error at ' '"],
    ['? (1', "Syntax error at ' '"],
    ['? 1 2', "Syntax error at '2'"],
    ['? poi(0)', "Memory access error at ')'"],
    ['? poi(0)+1', "Memory access error at ')+1'"],
    ['? dwo 0', "Memory access error at '0'"],
    ['? 1/0', "Divide by zero error at '/0'"],
    ['? @nosuchreg', "Couldn't resolve error at '@nosuchreg'"],
  ])('%s → %s', (line, message) => {
    const [r] = engine.execute(line);
    expect(r!.ok).toBe(false);
    expect(r!.text.trim()).toBe(message);
  });
});

describe('? and .formats', () => {
  it('? prints decimal and 64-bit hex on a 64-bit target', () => {
    expect(run(engine, '? 0n16')).toBe('Evaluate expression: 16 = 00000000`00000010\n');
    expect(run(engine, '? -1')).toBe('Evaluate expression: -1 = ffffffff`ffffffff\n');
  });
  it('.formats shows hex, decimal, octal and binary of one value', () => {
    const t = run(engine, '.formats 0n1234');
    expect(t).toContain('Hex:     00000000`000004d2');
    expect(t).toContain('Decimal: 1234');
    expect(t).toContain('Octal:   0000000000000000002322');
    expect(t).toContain('00000100 11010010');
  });
});
