import { defineCommand } from '../command';
import type { DecodedInstruction, DisassemblyMode } from '../disassembler';
import { CommandError } from '../errors';
import { ptr } from '../format';
import type { OutputBuilder } from '../output';
import type { DebugSession } from '../session';
import { parseRange } from './range';

/** Longest instruction in bytes: x86's 15; ARM64's are all 4; Thumb-2's 2 or 4. */
const maxLength = (mode: DisassemblyMode) => (mode === 'x86' || mode === 'x64' ? 15 : 4);
const isArm = (mode: DisassemblyMode) => mode === 'arm64' || mode === 'thumb';

function modeOf(s: DebugSession): DisassemblyMode {
  const arch = s.dump.system().cpuArch;
  if (arch === 'x86') return 'x86';
  if (arch === 'amd64') return 'x64';
  if (arch === 'arm64') return 'arm64';
  if (arch === 'arm') return 'thumb'; // Windows on 32-bit ARM runs Thumb-2 only
  throw new CommandError(`Disassembly of ${arch} code is not supported: DumpDesk disassembles x86, x64, ARM64 and ARM (Thumb-2)`);
}

function disassembler(s: DebugSession) {
  if (!s.disassembler) throw new CommandError('No disassembler in this session (the CLI provides iced-x86 and Capstone)');
  return s.disassembler;
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

/** Decodes; a disassembler that cannot (Capstone still loading or failed) answers as a command error. */
function decodeBytes(s: DebugSession, bytes: Uint8Array, address: bigint, mode: DisassemblyMode, count: number): DecodedInstruction[] {
  try {
    return disassembler(s).decode(bytes, address, mode, count);
  } catch (e) {
    if (e instanceof CommandError) throw e;
    throw new CommandError((e as Error).message);
  }
}

function decode(s: DebugSession, address: bigint, count: number): DecodedInstruction[] {
  const mode = modeOf(s);
  disassembler(s);
  const want = count * maxLength(mode);
  const bytes = readPrefix(s, address, want);
  const list = bytes.length ? decodeBytes(s, bytes, address, mode, count) : [];
  // When readable memory ended early, a last "instruction" cut by that end is not one.
  const end = address + BigInt(bytes.length);
  while (bytes.length < want && list.length && list[list.length - 1]!.invalid && list[list.length - 1]!.address + BigInt(maxLength(mode)) > end) list.pop();
  return list;
}


/**
 * Branch targets named as WinDbg does: "call    ntdll!RtlFoo (7c90e4f4)" on
 * x86/x64; "bl          nt!KeBugCheck2" and "ldr         w0,amsi!Foo+0xe8"
 * on ARM (the symbol alone, in place of the address the adapter wrote:
 * "fffff803`f318f560" on ARM64, "0040275c" on Thumb-2).
 */
function instructionText(s: DebugSession, ins: DecodedInstruction, mode: DisassemblyMode): string {
  const target = ins.branchTarget ?? (isArm(mode) ? ins.operandTarget : undefined);
  if (target === undefined) return ins.text;
  const sym = s.symbolize(target);
  if (isArm(mode)) return sym.module ? ins.text.replace(ptr(target, mode === 'arm64'), sym.text) : ins.text;
  // Outside any module WinDbg writes the bare address: "jmp     00000001`80243810".
  return `${ins.mnemonic.padEnd(7)} ${sym.module ? `${sym.text} (${ptr(target, s.is64)})` : ptr(target, s.is64)}`;
}

/**
 * The instruction-bytes column: x86 bytes 16 wide; ARM64's 32-bit
 * instruction word ("d503237f"); Thumb-2's halfwords in order, 8 wide
 * ("defe    ", "e92d4800").
 */
function bytesColumn(ins: DecodedInstruction, mode: DisassemblyMode): string {
  const b = ins.bytes;
  if (mode === 'arm64' && b.length === 4) return ((b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0).toString(16).padStart(8, '0') + ' ';
  if (mode === 'thumb') {
    let halves = '';
    for (let i = 0; i + 1 < b.length; i += 2) halves += (b[i]! | (b[i + 1]! << 8)).toString(16).padStart(4, '0');
    return halves.padEnd(8) + ' ';
  }
  const hex = Array.from(ins.bytes, (x) => x.toString(16).padStart(2, '0')).join('');
  return hex.length >= 16 ? hex + ' ' : hex.padEnd(16);
}

/** One "address bytes text" line. */
function instructionLine(s: DebugSession, out: OutputBuilder, ins: DecodedInstruction, mode: DisassemblyMode, suffix = ''): void {
  out
    .link(ptr(ins.address, s.is64), 'address', `0x${ins.address.toString(16)}`)
    .text(' ')
    .text(bytesColumn(ins, mode))
    .line((ins.invalid ? '???' : instructionText(s, ins, mode)) + suffix);
}

/** "address ??              ???" where memory ends (x86's 16-wide column; ARM64's 8-wide word). */
function unreadableLine(s: DebugSession, out: OutputBuilder, address: bigint, mode: DisassemblyMode): void {
  out.link(ptr(address, s.is64), 'address', `0x${address.toString(16)}`).line(isArm(mode) ? ' ????????  ???' : ' ??              ???');
}

/**
 * Prints `count` instructions from `address`, WinDbg-style: a "symbol:"
 * label first (and wherever a symbol starts), then
 * "address bytes mnemonic operands". Unreadable memory prints
 * "address ??              ???" as WinDbg does. Returns the next address.
 */
export function disassembleAt(s: DebugSession, out: OutputBuilder, address: bigint, count: number, label: boolean): bigint {
  let decoded: DecodedInstruction[];
  let mode: DisassemblyMode;
  try {
    mode = modeOf(s);
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
    instructionLine(s, out, ins, mode);
    next = ins.address + BigInt(ins.bytes.length || 1);
  }
  if (decoded.length < count) unreadableLine(s, out, next, mode);
  return next;
}

/** Start address from which decoding lands exactly on `end` after `count` instructions (ub). */
function backwardStart(s: DebugSession, end: bigint, count: number): bigint {
  const mode = modeOf(s);
  disassembler(s);
  if (mode === 'arm64') {
    // Fixed-width words: count back, then keep what memory holds.
    for (let n = count; n > 0; n--) if (s.read(end - BigInt(4 * n), 4 * n)) return end - BigInt(4 * n);
    throw new CommandError(`Memory access error: cannot disassemble backwards from ${ptr(end, s.is64)}`);
  }
  // x86 decoding falls into step with the real instruction stream within a few instructions, so the
  // earliest start that lands exactly on `end` is the likeliest true one (a late start can begin inside
  // an instruction: the CC CC tail of "mov eax,0CCCCCCCCh" decodes as two int 3).
  // Thumb-2 instructions are 2 or 4 bytes on halfword boundaries.
  const step = mode === 'thumb' ? 2 : 1;
  for (let back = count * maxLength(mode); back >= count * step; back -= step) {
    const start = end - BigInt(back);
    const bytes = s.read(start, back);
    if (!bytes) continue;
    const ins = decodeBytes(s, bytes, start, mode, back);
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
  summary: 'disassemble forwards (8 instructions by default): x86/x64 with iced-x86 (MASM), ARM64 and Thumb-2 with Capstone',
  help: 'u alone continues after the last u, or starts at the instruction pointer.\nExamples: u, u @rip, u ntdll+0x1000 L20, u eip-10 eip+10, u @pc L4',
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
  help: 'Finds a start from which decoding lands exactly on Address (ARM64: Count words back).\nExample: ub @eip L4, ub @pc L4',
  run(ctx) {
    const s = ctx.session;
    const range = parseRange(ctx, ctx.args, { start: s.registers()?.ip, count: 8, elementSize: 1 });
    const count = Math.min(range.count, 256);
    const start = backwardStart(s, range.start, count);
    disassembleAt(s, ctx.out, start, count, true);
  },
});

/** uf's limits: a function bigger than this is cut, and says so. */
export const UF_MAX_INSTRUCTIONS = 10_000;
export const UF_MAX_SPAN = 1024 * 1024;
/** Instructions decoded per read while following a block. */
const CHUNK = 32;

export interface FunctionFlow {
  /** Every instruction reached, by address. */
  instructions: Map<bigint, DecodedInstruction>;
  /** Addresses that begin a basic block: the start, branch targets, and what follows a conditional branch. */
  blockStarts: Set<bigint>;
  /** Unreadable or undecodable code was met (WinDbg: "Flow analysis was incomplete"). */
  incomplete: boolean;
  /** The instruction or span limit stopped the walk. */
  capped: boolean;
}

/**
 * WinDbg's uf walk: from `start`, follow fall-through, jumps and conditional
 * branches (not calls) to every reachable instruction. A block ends at a
 * jump, a return, an indirect jump (a jump table: its targets are not
 * followed) or an instruction that does not come back (ud2, brk #0xF003).
 */
export function functionFlow(s: DebugSession, start: bigint, limits = { instructions: UF_MAX_INSTRUCTIONS, span: UF_MAX_SPAN }): FunctionFlow {
  modeOf(s);
  disassembler(s);
  const flow: FunctionFlow = { instructions: new Map(), blockStarts: new Set([start]), incomplete: false, capped: false };
  const work: bigint[] = [start];
  const queued = new Set<bigint>([start]);
  const within = (a: bigint) => (a >= start ? a - start : start - a) < BigInt(limits.span);
  const follow = (target: bigint | undefined) => {
    if (target === undefined) return;
    flow.blockStarts.add(target);
    if (!within(target)) {
      flow.capped = true;
      return;
    }
    if (!queued.has(target)) {
      queued.add(target);
      work.push(target);
    }
  };
  while (work.length) {
    let at = work.pop()!;
    block: for (;;) {
      if (flow.instructions.has(at)) break; // joined code already walked
      if (flow.instructions.size >= limits.instructions) {
        flow.capped = true;
        break;
      }
      const chunk = decode(s, at, CHUNK);
      if (!chunk.length) {
        flow.incomplete = true;
        break;
      }
      for (const ins of chunk) {
        if (flow.instructions.has(ins.address)) break block;
        if (flow.instructions.size >= limits.instructions) {
          flow.capped = true;
          break block;
        }
        flow.instructions.set(ins.address, ins);
        const next = ins.address + BigInt(ins.bytes.length || 1);
        if (ins.invalid) {
          flow.incomplete = true;
          break block;
        }
        switch (ins.flow) {
          case 'jump':
            follow(ins.branchTarget);
            if (ins.branchTarget === undefined) flow.incomplete = true;
            break block;
          case 'conditional':
            follow(ins.branchTarget);
            follow(next);
            break block;
          case 'return':
          case 'indirectJump':
          case 'stop':
            break block;
          default:
            at = next;
        }
      }
      // Memory ended inside the chunk: what follows cannot be read.
      if (chunk.length < CHUNK) {
        flow.incomplete = true;
        break;
      }
    }
  }
  return flow;
}

export const uf = defineCommand({
  name: 'uf',
  family: 'Registers and memory',
  syntax: 'uf [/c] [/i] [/o] Address',
  summary: 'disassemble a whole function by following its branches',
  help:
    'Follows jumps and conditional branches (not calls) from Address and prints every basic block\n' +
    'reached, in address order, each after a blank line and its "symbol:" label.\n' +
    '/c lists only the calls, /i counts the instructions, /o sorts by address (the default here).\n' +
    `At most ${UF_MAX_INSTRUCTIONS.toLocaleString('en-US')} instructions within 1 MiB of Address.\n` +
    'Examples: uf ntdll!RtlFoo, uf /c @rip, uf /i 7c90eb94',
  run(ctx) {
    const s = ctx.session;
    let rest = ctx.args.trim();
    const options = new Set<string>();
    for (let m = /^\/([a-z])\s*/i.exec(rest); m; m = /^\/([a-z])\s*/i.exec(rest)) {
      if (!'cioOmD'.includes(m[1]!)) throw new CommandError(`Unknown option '/${m[1]}': uf takes /c, /i, /o (and /m, /O, /D, which change nothing here)`);
      options.add(m[1]!);
      rest = rest.slice(m[0].length);
    }
    if (!rest) throw new CommandError('Usage: uf [/c] [/i] [/o] Address');
    const start = ctx.evaluate(rest);
    const mode = modeOf(s);
    const f = functionFlow(s, start);
    const out = ctx.out;
    if (!f.instructions.size) {
      // Nothing readable at the start: the one-line answer u gives.
      disassembleAt(s, out, start, 1, true);
      return;
    }
    if (f.incomplete || f.capped) out.line('Flow analysis was incomplete, some code may be missing');
    if (f.capped) out.line(`(uf stops after ${UF_MAX_INSTRUCTIONS.toLocaleString('en-US')} instructions or 1 MiB from the start address)`);
    if (options.has('i')) out.line(`${f.instructions.size} instruction${f.instructions.size === 1 ? '' : 's'} scanned`).line();
    const sorted = [...f.instructions.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
    if (options.has('c')) {
      // "msvcrt!malloc (000007fe`fe6612dc)", then each call under the address it is made from.
      const head = s.symbolize(start);
      out.line(`${head.module ? head.text : ptr(start, s.is64)} (${ptr(start, s.is64)})`);
      for (const ins of sorted) {
        if (!ins.isCall) continue;
        const from = s.symbolize(ins.address);
        out.text('  ').link(from.module ? from.text : ptr(ins.address, s.is64), 'address', `0x${ins.address.toString(16)}`).line(` (${ptr(ins.address, s.is64)}):`);
        if (ins.branchTarget !== undefined) {
          const to = s.symbolize(ins.branchTarget);
          out.line(`    call to ${to.module ? `${to.text} (${ptr(ins.branchTarget, s.is64)})` : ptr(ins.branchTarget, s.is64)}`);
        } else {
          out.line(`    unresolvable call: ${ins.text}`);
        }
      }
      return;
    }
    let previousEnd: bigint | undefined;
    for (const ins of sorted) {
      if (previousEnd === undefined || ins.address !== previousEnd || f.blockStarts.has(ins.address)) {
        if (previousEnd !== undefined) out.line();
        const sym = s.symbolize(ins.address);
        if (sym.module) out.line(`${sym.text}:`);
      }
      // Newer WinDbg marks conditional branches in uf with "  Branch".
      instructionLine(s, out, ins, mode, ins.flow === 'conditional' ? '  Branch' : '');
      previousEnd = ins.address + BigInt(ins.bytes.length || 1);
    }
  },
});
