import { defineCommand } from '../command';
import { CommandError } from '../errors';
import { evaluateCpp, pointeeString } from '../expression/cppEvaluator';
import { formatTyped } from '../expression/cppTypes';
import { hexN, windbgDate } from '../format';

function signed64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

export const evaluateExpr = defineCommand({
  name: '?',
  family: 'Expressions',
  syntax: '? Expression',
  summary: 'evaluate a MASM expression',
  help: [
    'Numbers are hex by default: 0n10 is decimal, 0x10 hex, 0t10 octal, 0y10 binary,',
    'fffff800`12345678 a 64-bit value. Registers: rax, @rip; pseudo-registers: $ip, $csp,',
    '$retreg, $exentry, $peb, $teb, $tid, $tpid, $ptrsize. Modules and symbols: ntdll,',
    'ntdll!RtlUserThreadStart+0x21. Memory: poi(addr), dwo(), qwo(), wo(), by().',
    'Operators: + - * / % mod & | ^ << >> == != < > <= >= and parentheses.',
    'C++ inside @@c++(...): ? @@c++(sizeof(int) * 2).',
    'Examples: ? 10+0n10, ? poi(@esp), ? ntdll+0x1000',
  ].join('\n'),
  run({ args, evaluate, out, session }) {
    const e = args.trim();
    if (!e) throw new CommandError("Syntax error at ' '");
    const v = evaluate(e);
    // 32-bit targets print 32-bit values signed as 32-bit numbers (? -1 → -1 = ffffffff).
    const dec = session.is64 || v > 0xffffffffn ? signed64(v) : BigInt.asIntN(32, v);
    out.line(`Evaluate expression: ${dec} = ${session.is64 || v > 0xffffffffn ? `${hexN(v >> 32n, 8)}\`${hexN(v, 8)}` : hexN(v, 8)}`);
  },
});

export const cppExpr = defineCommand({
  name: '??',
  family: 'Expressions',
  syntax: '?? Expression',
  summary: 'evaluate a C++ expression',
  help: [
    'C++ syntax: numbers are decimal (0x10 hex, 010 octal), C operators and precedence',
    '(?:, ||, &&, ==, <<, casts), registers as @eax / @rip, pseudo-registers as @$teb,',
    'MASM inside @@masm(...). Memory: *(int*)addr, ((unsigned char*)@esp)[2]. sizeof of',
    'built-in types. Struct fields and variables need PDB type information.',
    'Examples: ?? 1+2*3, ?? (unsigned char)0x41, ?? *(unsigned short*)@esp, ?? sizeof(__int64)',
  ].join('\n'),
  run({ args, out, session }) {
    const v = evaluateCpp(session, args);
    out.line(formatTyped(v, session.pointerSize));
    const text = pointeeString(session, v);
    if (text !== undefined) out.line(text);
  },
});

export const formats = defineCommand({
  name: '.formats',
  family: 'Expressions',
  syntax: '.formats Expression',
  summary: 'show a value in every number format',
  help: 'Hex, decimal, octal, binary, characters, time and floating-point views of one value.\nExample: .formats 0n1234',
  run({ args, evaluate, out }) {
    const e = args.trim();
    if (!e) throw new CommandError('Usage: .formats Expression');
    const v = evaluate(e);
    const bytes = Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(56 - 8 * i)) & 0xffn));
    const chars = bytes.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    const bin = Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(56 - 8 * i)) & 0xffn).toString(2).padStart(8, '0')).join(' ');
    const lo = Number(v & 0xffffffffn);
    const dv = new DataView(new ArrayBuffer(8));
    dv.setBigUint64(0, v);
    const time = lo ? windbgDate(new Date(lo * 1000)) : 'Thu Jan  1 00:00:00 1970';
    out.line(`Evaluate expression:`);
    out.line(`  Hex:     ${hexN(v >> 32n, 8)}\`${hexN(v, 8)}`);
    out.line(`  Decimal: ${signed64(v)}`);
    out.line(`  Decimal (unsigned) : ${v}`);
    out.line(`  Octal:   ${v.toString(8).padStart(22, '0')}`);
    out.line(`  Binary:  ${bin}`);
    out.line(`  Chars:   ${chars}`);
    out.line(`  Time:    ${time}`);
    out.line(`  Float:   low ${dv.getFloat32(4).toPrecision(6)} high ${dv.getFloat32(0).toPrecision(6)}`);
    out.line(`  Double:  ${dv.getFloat64(0).toPrecision(6)}`);
  },
});
