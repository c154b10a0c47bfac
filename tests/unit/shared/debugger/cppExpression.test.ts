// `??`: WinDbg's C++ evaluator — literals and their types, C precedence, casts, sizes,
// signedness, memory through pointers, registers, @@masm() / @@c++() — and its result lines.
// Memory values are checked against the dump's bytes at esp (tests/golden/test/dd_at_esp_L10.txt:
// "0012f320  7c90e9c0 7c8025cb 000007b8 00000000").
import { describe, expect, it } from 'vitest';
import { evaluateCpp } from '../../../../shared/debugger/expression/cppEvaluator';
import { MinidumpBuilder } from '../../../synth/minidump/builder';
import { corpusEngine, engineFor, run } from './helpers';

const x86 = corpusEngine('user', 'test.dmp');
const x64 = corpusEngine('user', 'rizinorg_calc.dmp');
const q = (e: string): string => run(x86, `?? ${e}`).replace(/\n$/, '');
const q64 = (e: string): string => run(x64, `?? ${e}`).replace(/\n$/, '');

describe('literals: decimal by default, C types', () => {
  it('int, and the next type that holds the value', () => {
    expect(q('1')).toBe('int 0n1');
    expect(q('10')).toBe('int 0n10');
    expect(q('0x10')).toBe('int 0n16');
    expect(q('010')).toBe('int 0n8');
    expect(q('0xffffffff')).toBe('unsigned int 0xffffffff'); // hex: int, then unsigned int
    expect(q('4294967295')).toBe('int64 0n4294967295'); // decimal: int, then int64
    expect(q('3000000000')).toBe('int64 0n3000000000');
    expect(q('10u')).toBe('unsigned int 0xa');
    expect(q('5i64')).toBe('int64 0n5');
    expect(q("'A'")).toBe("char 0n65 'A'");
    expect(q('true')).toBe('bool true');
  });
  it('bad literals are syntax errors', () => {
    expect(q('08')).toBe("Syntax error at '08'");
    expect(q('1abc')).toBe("Syntax error at '1abc'");
  });
});

describe('operators and C precedence', () => {
  it('arithmetic', () => {
    expect(q('1+2*3')).toBe('int 0n7');
    expect(q('(1+2)*3')).toBe('int 0n9');
    expect(q('10-4-3')).toBe('int 0n3'); // left to right
    expect(q('-7/2')).toBe('int 0n-3'); // truncates toward zero
    expect(q('-7%3')).toBe('int 0n-1');
    expect(q('0x7fffffff+1')).toBe('int 0n-2147483648'); // wraps at int's width
  });
  it('shifts bind looser than +, bitwise operators in C order', () => {
    expect(q('1<<2+1')).toBe('int 0n8');
    expect(q('1<<4|1')).toBe('int 0n17');
    expect(q('6&3^1|8')).toBe('int 0n11'); // ((6&3)^1)|8
    expect(q('-16>>2')).toBe('int 0n-4'); // arithmetic shift of a signed value
    expect(q('0x80000000>>4')).toBe('unsigned int 0x8000000');
  });
  it('comparisons and logic give bool; ?: chooses', () => {
    expect(q('1==1')).toBe('bool true');
    expect(q('5 > 3 == 1')).toBe('bool true');
    expect(q('1 && 0')).toBe('bool false');
    expect(q('0 || 2')).toBe('bool true');
    expect(q('!0')).toBe('bool true');
    expect(q('!1+1')).toBe('int 0n1'); // ! binds tighter than +
    expect(q('2>1 ? 10 : 20')).toBe('int 0n10');
    expect(q('0 ? 1 : 0 ? 2 : 3')).toBe('int 0n3'); // right-associative
    expect(q('~0')).toBe('int 0n-1');
    expect(q('~0u')).toBe('unsigned int 0xffffffff');
  });
  it('signedness follows the usual arithmetic conversions', () => {
    expect(q('-1 < 0')).toBe('bool true');
    expect(q('-1 < 0u')).toBe('bool false'); // -1 becomes unsigned int 0xffffffff
    expect(q('1u - 2')).toBe('unsigned int 0xffffffff');
    expect(q('(unsigned char)200 > (char)-56')).toBe('bool true'); // both promote to int
    expect(q('(__int64)-1 < 0u')).toBe('bool true'); // int64 holds every unsigned int
  });
  it("division by zero is WinDbg's error", () => {
    expect(q('7/0')).toBe("Divide by zero error at '/0'");
    expect(q('7 % (1-1)')).toBe("Divide by zero error at '% (1-1)'");
  });
});

describe('casts, sizes and result lines', () => {
  it('casts to built-in types wrap and sign-extend', () => {
    expect(q('(unsigned char)0x41')).toBe("unsigned char 0x41 'A'");
    expect(q('(unsigned char)0x1ff')).toBe("unsigned char 0xff ''");
    expect(q('(char)65')).toBe("char 0n65 'A'");
    expect(q('(short)0xffff')).toBe('short 0n-1');
    expect(q('(unsigned short)0x1234')).toBe('unsigned short 0x1234');
    expect(q('(unsigned int)5')).toBe('unsigned int 5'); // 0…9 without 0x, as WinDbg prints them
    expect(q('(unsigned long)-1')).toBe('unsigned long 0xffffffff');
    expect(q('(__int64)5')).toBe('int64 0n5');
    expect(q('(unsigned __int64)0x123456789abcdef0')).toBe('unsigned int64 0x12345678`9abcdef0');
    expect(q('(long long)-2')).toBe('int64 0n-2');
    expect(q('(bool)5')).toBe('bool true');
  });
  it('sizeof of built-in types is a size_t: unsigned int on x86, unsigned int64 on x64', () => {
    expect(q('sizeof(char)')).toBe('unsigned int 1');
    expect(q('sizeof(short)')).toBe('unsigned int 2');
    expect(q('sizeof(long)')).toBe('unsigned int 4');
    expect(q('sizeof(__int64)')).toBe('unsigned int 8');
    expect(q('sizeof(int*)')).toBe('unsigned int 4');
    expect(q64('sizeof(int*)')).toBe('unsigned int64 8');
    expect(q64('sizeof(1)')).toBe('unsigned int64 4');
    expect(q64('(unsigned __int64)0 - 1')).toBe('unsigned int64 0xffffffff`ffffffff');
  });
  it('pointers print at the target width', () => {
    expect(q('(int*)0x0012f54e')).toBe('int * 0x0012f54e');
    expect(q('(void*)0')).toBe('void * 0x00000000');
    expect(q64('(int*)@rsp')).toBe('int * 0x00000000`03a7ff08');
  });
});

describe('registers and memory', () => {
  it('@registers are typed by width; @$pseudo-registers are pointer-sized', () => {
    expect(q('@esp')).toBe('unsigned int 0x12f320');
    expect(q('@ax')).toBe('unsigned short 0');
    expect(q('@$tid')).toBe('unsigned int 0xbf4');
    expect(q64('@rsp')).toBe('unsigned int64 0x3a7ff08');
    expect(q64('@$ip')).toBe('unsigned int64 0x7776ae10');
    expect(q('@nosuchreg')).toBe("Bad register error at '@nosuchreg'");
  });
  it('*, [] and pointer arithmetic read target memory', () => {
    expect(q('*(int*)@esp')).toBe(`int 0n${0x7c90e9c0}`);
    expect(q('*(unsigned short*)@esp')).toBe('unsigned short 0xe9c0');
    expect(q('((unsigned char*)@esp)[3]')).toBe("unsigned char 0x7c '|'");
    expect(q('((int*)@esp)[2]')).toBe('int 0n1976'); // 0x7b8
    expect(q('*((int*)@esp+1)')).toBe(`int 0n${0x7c8025cb}`);
    expect(q('((int*)@esp+4)-(int*)@esp')).toBe('int 0n4');
    expect(q('*(int**)@esp')).toBe('int * 0x7c90e9c0');
    expect(q('&*(int*)@esp')).toBe('int * 0x0012f320');
    expect(q('*(int*)0')).toBe("Memory access error at ' '");
  });
  it('char * and wchar_t * also show the string they point at (test.dmp holds "0012f54e" text, see da/du goldens)', () => {
    // tests/golden/test/da_0012f54e.txt: "t"; du_0012f54e.txt: "test_app.exe" (UTF-16 there).
    expect(q('(char*)0x0012f54e')).toBe('char * 0x0012f54e\n "t"');
    expect(q('(wchar_t*)0x0012f54e')).toBe('wchar_t * 0x0012f54e\n "test_app.exe"');
    expect(q('(char*)0')).toBe('char * 0x00000000');
    expect(q('(unsigned int64)0 - 1')).toBe('unsigned int64 0xffffffff`ffffffff'); // WinDbg's own type name
    expect(q('(((unsigned int64)0 - 1) >= 0)')).toBe('bool true');
  });
  it('@@masm() inside C++, @@c++() inside MASM', () => {
    expect(q('@@masm(esp+10)')).toBe('unsigned int64 0x12f330'); // MASM: hex, 64-bit
    expect(q('*(int*)@@masm(esp+8)')).toBe('int 0n1976');
    expect(run(x86, '? @@c++(sizeof(int) * 2)')).toBe('Evaluate expression: 8 = 00000008\n');
    expect(run(x86, '? @@c++(10) + 10')).toBe('Evaluate expression: 26 = 0000001a\n'); // 0n10 + 0x10
    expect(run(x86, '? @@(1 << 3)')).toBe('Evaluate expression: 8 = 00000008\n');
    expect(evaluateCpp(x86.session, '@@c++(2) * @@masm(10)').v).toBe(0x20n);
  });
});

describe("without PDB types: WinDbg's errors", () => {
  it('unknown names, struct types and fields', () => {
    expect(q('foo')).toBe("Couldn't resolve error at 'foo'");
    expect(q('foo + 1')).toBe("Couldn't resolve error at 'foo + 1'");
    expect(q('sizeof(_TEB)')).toBe("Couldn't resolve error at '_TEB)'");
    expect(q('@$teb->ProcessEnvironmentBlock')).toBe('Type information missing error for ProcessEnvironmentBlock');
    expect(q('*(void*)0')).toBe('Type information missing error for void');
  });
  it('a symbol the symbols know has an address but no type', () => {
    const bytes = new MinidumpBuilder('amd64')
      .systemInfo()
      .module({ name: 'C:\\app\\app.exe', base: 0x7ff700000000n, size: 0x10000 })
      .thread({ id: 0x10, regs: { rip: 0x7ff700001000n, rsp: 0x5000n } })
      .build();
    const e = engineFor(bytes, 'synthetic', { lookup: () => undefined, findSymbol: (m, name) => (m.name.endsWith('app.exe') && name === 'main' ? 0x1100 : undefined) });
    expect(run(e, '?? app!main')).toBe('Type information missing error for app!main\n');
    expect(run(e, '?? main')).toBe('Type information missing error for main\n');
    expect(run(e, '?? app!other')).toBe("Couldn't resolve error at 'app!other'\n");
    expect(run(e, '? @@masm(app!main) + 0')).toBe('Evaluate expression: 140698833654016 = 00007ff7`00001100\n');
  });
  it('syntax errors point at where reading stopped', () => {
    expect(run(x86, '??')).toBe("Syntax error at ' '\n");
    expect(q('1 +')).toBe("Syntax error at ' '");
    expect(q('(1')).toBe("Syntax error at ' '");
    expect(q('1 2')).toBe("Syntax error at '2'");
    expect(q('(int)')).toBe("Syntax error at ' '");
  });
});
