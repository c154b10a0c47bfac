import { defineCommand } from '../command';
import type { DecodedInstruction } from '../disassembler';
import { CommandError } from '../errors';
import { ptr } from '../format';
import type { OutputBuilder } from '../output';
import type { DebugSession } from '../session';
import { parseRange } from './range';

const MAX_INSTRUCTION = 15;

function bitness(s: DebugSession): 32 | 64 {
  const arch = s.dump.system().cpuArch;
  if (arch !== 'x86' && arch !== 'amd64') throw new CommandError(`Disassembly of ${arch} code is not supported: DumpDesk disassembles x86 and x64`);
  return arch === 'amd64' ? 64 : 32;
}

/** The longest readable prefix of [address, address+size), or an empty array. */
function readPrefix(s: DebugSession, address: bigint, size: number): Uint8Array {
  const all = s.read(address, size);
  if (all) return all;
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (s.read(address, mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo ? s.read(address, lo)! : new Uint8Array(0);
}

function decode(s: DebugSession, address: bigint, count: number): DecodedInstruction[] {
  const dis = s.disassembler;
  if (!dis) throw new CommandError('No disassembler in this session (the CLI provides iced-x86)');
  const bits = bitness(s);
  const want = count * MAX_INSTRUCTION;
  const bytes = readPrefix(s, address, want);
  const list = bytes.length ? dis.decode(bytes, address, bits, count) : [];
  // When readable memory ended early, a last "instruction" cut by that end is not one.
  const end = address + BigInt(bytes.length);
  while (bytes.length < want && list.length && list[list.length - 1]!.invalid && list[list.length - 1]!.address + BigInt(MAX_INSTRUCTION) > end) list.pop();
  return list;
}

/** "call    ntdll!RtlFoo (7c90e4f4)": branch targets named as WinDbg does. */
function instructionText(s: DebugSession, ins: DecodedInstruction): string {
  if (ins.branchTarget === undefined) return ins.text;
  const sym = s.symbolize(ins.branchTarget);
  if (!sym.module) return ins.text;
  const mnemonic = ins.text.split(/\s+/)[0]!;
  return `${mnemonic.padEnd(7)} ${sym.text} (${ptr(ins.branchTarget, s.is64)})`;
}

/**
 * Prints `count` instructions from `address`, WinDbg-style: a "symbol:"
 * label first (and wherever a symbol starts), then
 * "address bytes(16 wide) mnemonic operands". Unreadable memory prints
 * "address ??              ???" as WinDbg does. Returns the next address.
 */
export function disassembleAt(s: DebugSession, out: OutputBuilder, address: bigint, count: number, label: boolean): bigint {
  let decoded: DecodedInstruction[];
  try {
    decoded = decode(s, address, count);
  } catch (e) {
    if (e instanceof CommandError && label) {
      // `r` shows registers even when the instruction cannot be shown.
      const sym = s.symbolize(address);
      if (sym.module) out.line(sym.text + ':');
      out.line(`${ptr(address, s.is64)} ${e.message}`);
      return address;
    }
    throw e;
  }
  let next = address;
  // WinDbg labels the first line with its symbol; a bare address gets no label.
  const first = s.symbolize(address);
  if ((label || decoded.length) && first.module) out.line(`${first.text}:`);
  for (const ins of decoded) {
    if (ins.address !== address) {
      const sym = s.symbolize(ins.address);
      if (sym.module && !sym.text.includes('+') && s.symbols) out.line(`${sym.text}:`);
    }
    const hex = Array.from(ins.bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    out.link(ptr(ins.address, s.is64), 'address', `0x${ins.address.toString(16)}`).text(' ').text(hex.length >= 16 ? hex + ' ' : hex.padEnd(16)).line(ins.invalid ? '???' : instructionText(s, ins));
    next = ins.address + BigInt(ins.bytes.length || 1);
  }
  if (decoded.length < count) {
    out.link(ptr(next, s.is64), 'address', `0x${next.toString(16)}`).line(' ??              ???');
  }
  return next;
}

/** Start address from which decoding lands exactly on `end` after `count` instructions (ub). */
function backwardStart(s: DebugSession, end: bigint, count: number): bigint {
  const dis = s.disassembler;
  if (!dis) throw new CommandError('No disassembler in this session (the CLI provides iced-x86)');
  const bits = bitness(s);
  for (let back = count; back <= count * MAX_INSTRUCTION; back++) {
    const start = end - BigInt(back);
    const bytes = s.read(start, back);
    if (!bytes) continue;
    const ins = dis.decode(bytes, start, bits, back);
    let at = start;
    const starts: bigint[] = [];
    for (const i of ins) {
      if (i.invalid || i.bytes.length === 0) break;
      starts.push(at);
      at += BigInt(i.bytes.length);
    }
    if (at === end && starts.length >= count) return starts[starts.length - count]!;
  }
  throw new CommandError(`Memory access error: cannot disassemble ${count} instructions backwards from ${ptr(end, s.is64)}`);
}

export const u = defineCommand({
  name: 'u',
  family: 'Registers and memory',
  syntax: 'u [Address] [L Count | EndAddress]',
  summary: 'disassemble forwards (8 instructions by default) with iced-x86, MASM syntax',
  help: 'u alone continues after the last u, or starts at the instruction pointer.\nExamples: u, u @rip, u ntdll+0x1000 L20, u eip-10 eip+10',
  run(ctx) {
    const s = ctx.session;
    const range = parseRange(ctx, ctx.args, { start: s.lastDisasmAddress ?? s.registers()?.ip, count: 8, elementSize: 1 });
    // An end address gives a byte range; show enough instructions to cover it.
    s.lastDisasmAddress = disassembleAt(s, ctx.out, range.start, Math.min(range.count, 4096), true);
  },
});

export const ub = defineCommand({
  name: 'ub',
  family: 'Registers and memory',
  syntax: 'ub [Address] [L Count]',
  summary: 'disassemble backwards: the instructions that end at Address',
  help: 'Finds a start from which decoding lands exactly on Address.\nExample: ub @eip L4',
  run(ctx) {
    const s = ctx.session;
    const range = parseRange(ctx, ctx.args, { start: s.registers()?.ip, count: 8, elementSize: 1 });
    const count = Math.min(range.count, 256);
    const start = backwardStart(s, range.start, count);
    disassembleAt(s, ctx.out, start, count, true);
  },
});

export const uf = defineCommand({
  name: 'uf',
  family: 'Registers and memory',
  syntax: 'uf Address',
  summary: 'disassemble a function (from Address up to its first ret)',
  help: 'Without function bounds from symbols, DumpDesk disassembles linearly from Address\nto the first ret (at most 512 instructions); WinDbg follows every branch.',
  run(ctx) {
    const s = ctx.session;
    const a = ctx.args.trim();
    if (!a) throw new CommandError('Usage: uf Address');
    const start = ctx.evaluate(a);
    const ins = decode(s, start, 512);
    const end = ins.findIndex((i) => i.isReturn);
    disassembleAt(s, ctx.out, start, end < 0 ? ins.length || 1 : end + 1, true);
  },
});
