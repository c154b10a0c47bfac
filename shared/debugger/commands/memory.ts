import { defineCommand, type CommandContext, type CommandDef } from '../command';
import { CommandError } from '../errors';
import { hexN, ptr } from '../format';
import type { DebugSession } from '../session';
import { MinidumpDump } from '../../formats/minidump/minidumpDump';
import { MEMORY_STATE, MEMORY_TYPE, protectName } from '../../formats/minidump/memoryInfo';
import { parseRange } from './range';
import { ExpressionParser } from '../expression/evaluator';
import type { OutputBuilder } from '../output';

function readUnsigned(b: Uint8Array, at: number, size: number): bigint {
  let v = 0n;
  for (let k = size - 1; k >= 0; k--) v = (v << 8n) | BigInt(b[at + k]!);
  return v;
}

/** Printable ASCII for the db column; everything else is '.'. */
function asciiChar(c: number | undefined): string {
  if (c === undefined) return '?';
  return c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
}

function addressLink(out: OutputBuilder, s: DebugSession, a: bigint): void {
  out.link(ptr(a, s.is64), 'address', `0x${a.toString(16)}`);
}

/** Reads one element per slot; undefined where the dump has no memory. */
function readElements(s: DebugSession, start: bigint, count: number, size: number): (bigint | undefined)[] {
  const whole = s.read(start, count * size);
  const out: (bigint | undefined)[] = [];
  for (let i = 0; i < count; i++) {
    if (whole) out.push(readUnsigned(whole, i * size, size));
    else {
      const b = s.read(start + BigInt(i * size), size);
      out.push(b ? readUnsigned(b, 0, size) : undefined);
    }
  }
  return out;
}

interface DumpFormat {
  name: string;
  size: number | 'ptr';
  perLine: number;
  summary: string;
}

const FORMATS: DumpFormat[] = [
  { name: 'db', size: 1, perLine: 16, summary: 'display bytes and ASCII' },
  { name: 'dw', size: 2, perLine: 8, summary: 'display words (16-bit)' },
  { name: 'dd', size: 4, perLine: 4, summary: 'display double words (32-bit)' },
  { name: 'dq', size: 8, perLine: 2, summary: 'display quad words (64-bit)' },
  { name: 'dp', size: 'ptr', perLine: 0, summary: 'display pointer-sized values' },
];

/** 64-bit values as WinDbg writes them in dq: high`low. */
function valueText(v: bigint | undefined, size: number): string {
  if (v === undefined) return size === 8 ? '????????`????????' : '?'.repeat(size * 2);
  if (size === 8) {
    const h = hexN(v, 16);
    return `${h.slice(0, 8)}\`${h.slice(8)}`;
  }
  return hexN(v, size * 2);
}

function displayValues(ctx: CommandContext, f: DumpFormat): void {
  const s = ctx.session;
  const size = f.size === 'ptr' ? s.pointerSize : f.size;
  const perLine = f.perLine || (size === 8 ? 2 : 4);
  const range = parseRange(ctx, ctx.args, { start: s.lastDumpAddress, count: 0x80 / size, elementSize: size });
  const values = readElements(s, range.start, range.count, size);
  for (let i = 0; i < values.length; i += perLine) {
    const a = range.start + BigInt(i * size);
    addressLink(ctx.out, s, a);
    ctx.out.text('  ');
    const row = values.slice(i, i + perLine);
    if (size === 1) {
      const hex = row.map((v) => (v === undefined ? '??' : hexN(v, 2)));
      const text = hex.map((h, k) => (k === 8 ? '-' : k ? ' ' : '') + h).join('');
      ctx.out.text(text.padEnd(16 * 3 - 1)).line('  ' + row.map((v) => asciiChar(v === undefined ? undefined : Number(v))).join(''));
    } else {
      ctx.out.line(row.map((v) => valueText(v, size)).join(' '));
    }
  }
  s.lastDumpAddress = range.start + BigInt(range.count * size);
}

function displayCommand(f: DumpFormat): CommandDef {
  return defineCommand({
    name: f.name,
    family: 'Registers and memory',
    syntax: `${f.name} [Address] [L Count | EndAddress]`,
    summary: f.summary,
    help: `Counts are in elements; default 0x80 bytes. Unreadable memory shows ?? as in WinDbg.\nExamples: ${f.name} @esp, ${f.name} 7c90eb94 L8, ${f.name} poi(@esp) L4`,
    run: (ctx) => displayValues(ctx, f),
  });
}

export const displayCommands = FORMATS.map(displayCommand);

/** da/du: a NUL-terminated string, 48 characters per line like WinDbg. */
function displayString(ctx: CommandContext, wide: boolean): void {
  const s = ctx.session;
  const unit = wide ? 2 : 1;
  const range = parseRange(ctx, ctx.args, { start: s.lastDumpAddress, count: 256, elementSize: unit });
  const chars: number[] = [];
  let readable = true;
  for (let i = 0; i < range.count; i++) {
    const b = s.read(range.start + BigInt(i * unit), unit);
    if (!b) {
      readable = chars.length > 0;
      break;
    }
    const c = wide ? b[0]! | (b[1]! << 8) : b[0]!;
    if (c === 0) break;
    chars.push(c);
  }
  if (!readable) {
    addressLink(ctx.out, s, range.start);
    ctx.out.line('  ????');
    return;
  }
  const text = String.fromCharCode(...chars.map((c) => (c < 0x20 ? 0x2e : c)));
  for (let i = 0; i === 0 || i < text.length; i += 48) {
    addressLink(ctx.out, s, range.start + BigInt(i * unit));
    const piece = text.slice(i, i + 48);
    ctx.out.line(`  "${piece}"`);
  }
  s.lastDumpAddress = range.start + BigInt((chars.length + 1) * unit);
}

export const da = defineCommand({
  name: 'da',
  family: 'Registers and memory',
  syntax: 'da [Address] [L MaxChars]',
  summary: 'display an ASCII string',
  help: 'Reads up to the terminating NUL (or L characters, default 256).',
  run: (ctx) => displayString(ctx, false),
});

export const du = defineCommand({
  name: 'du',
  family: 'Registers and memory',
  syntax: 'du [Address] [L MaxChars]',
  summary: 'display a UTF-16 (Unicode) string',
  help: 'Reads up to the terminating NUL (or L characters, default 256).',
  run: (ctx) => displayString(ctx, true),
});

/** dps/dds/dqs: one pointer per line with the symbol it points into. */
function displaySymbols(ctx: CommandContext, size: number): void {
  const s = ctx.session;
  const range = parseRange(ctx, ctx.args, { start: s.lastDumpAddress ?? s.registers()?.sp, count: 0x80 / size, elementSize: size });
  const values = readElements(s, range.start, range.count, size);
  values.forEach((v, i) => {
    addressLink(ctx.out, s, range.start + BigInt(i * size));
    ctx.out.text('  ').text(valueText(v, size));
    if (v !== undefined) {
      const sym = s.symbolize(v);
      if (sym.module) ctx.out.text(' ').link(sym.text, 'symbol', `0x${v.toString(16)}`);
    }
    ctx.out.line();
  });
  s.lastDumpAddress = range.start + BigInt(range.count * size);
}

export const dps = defineCommand({
  name: 'dps',
  family: 'Registers and memory',
  syntax: 'dps [Address] [L Count]',
  summary: 'display pointer-sized values with symbols (stack contents)',
  help: 'Each value that points into a module is shown as module!symbol+offset.\nExample: dps @esp L20',
  run: (ctx) => displaySymbols(ctx, ctx.session.pointerSize),
});
export const dds = defineCommand({
  name: 'dds',
  family: 'Registers and memory',
  syntax: 'dds [Address] [L Count]',
  summary: 'display 32-bit values with symbols',
  help: 'Like dps with 4-byte values.',
  run: (ctx) => displaySymbols(ctx, 4),
});
export const dqs = defineCommand({
  name: 'dqs',
  family: 'Registers and memory',
  syntax: 'dqs [Address] [L Count]',
  summary: 'display 64-bit values with symbols',
  help: 'Like dps with 8-byte values.',
  run: (ctx) => displaySymbols(ctx, 8),
});

/** Bytes of a search pattern: hex values of the element size, or a quoted string for -a/-u. */
function patternBytes(kind: string, text: string, evaluate: (e: string) => bigint): Uint8Array {
  const str = /^"(.*)"$/s.exec(text.trim());
  if (kind === 'a' || kind === 'u') {
    if (!str) throw new CommandError(`s -${kind}: the pattern must be a quoted string`);
    const chars = [...str[1]!].map((c) => c.charCodeAt(0));
    return kind === 'a' ? Uint8Array.from(chars.map((c) => c & 0xff)) : Uint8Array.from(chars.flatMap((c) => [c & 0xff, c >> 8]));
  }
  const size = { b: 1, w: 2, d: 4, q: 8 }[kind] ?? 1;
  const out: number[] = [];
  for (const w of text.trim().split(/\s+/).filter(Boolean)) {
    const v = evaluate(w);
    for (let k = 0; k < size; k++) out.push(Number((v >> BigInt(8 * k)) & 0xffn));
  }
  if (!out.length) throw new CommandError('s: no pattern to search for');
  return Uint8Array.from(out);
}

/** Cap on reported hits, so a search for 00 does not flood the console. */
const MAX_HITS = 256;

export const search = defineCommand({
  name: 's',
  family: 'Registers and memory',
  syntax: 's [-b|-w|-d|-q|-a|-u] Range Pattern',
  summary: 'search memory the dump holds for bytes, words, dwords, qwords or a string',
  help: 'Range is Address L Count (L? for large ranges) or Address EndAddress.\nExamples: s -a 0 L?7fffffff "kernel32", s -d @esp L100 7c90eb94, s -b 401000 L1000 cc cc',
  run(ctx) {
    const s = ctx.session;
    const m = /^\s*(?:-([bwdqau]))?\s*(.*)$/s.exec(ctx.args)!;
    const kind = m[1] ?? 'b';
    const rest = m[2]!;
    // Range first, then the pattern: parse the start and length by hand.
    const p = ctx.parser();
    const startAt = ctx.args.indexOf(rest);
    if (!rest.trim()) throw new CommandError('Usage: s [-b|-w|-d|-q|-a|-u] Range Pattern');
    const first = p.parse(startAt);
    const after = ctx.args.slice(first.end);
    const lm = /^\s*l(\?)?\s*(\S+)\s*(.*)$/is.exec(after);
    let length: bigint;
    let patternText: string;
    if (lm) {
      length = ctx.evaluate(lm[2]!);
      patternText = lm[3]!;
    } else {
      const q = new ExpressionParser(s, ctx.args);
      const second = q.parse(first.end);
      length = second.value - first.value + 1n;
      patternText = ctx.args.slice(second.end);
    }
    if (length <= 0n) throw new CommandError(`Range error in 's${ctx.args}'`);
    const pattern = patternBytes(kind, patternText, ctx.evaluate);
    const end = first.value + length;
    let hits = 0;
    for (const region of s.dump.memory.regions()) {
      const rs = region.start > first.value ? region.start : first.value;
      const re = region.start + BigInt(region.size) < end ? region.start + BigInt(region.size) : end;
      if (rs >= re) continue;
      const bytes = s.read(rs, Number(re - rs));
      if (!bytes) continue;
      for (let i = bytes.indexOf(pattern[0]!); i >= 0 && i + pattern.length <= bytes.length; i = bytes.indexOf(pattern[0]!, i + 1)) {
        if (!pattern.every((b, k) => bytes[i + k] === b)) continue;
        if (++hits > MAX_HITS) {
          ctx.out.line(`Search stopped after ${MAX_HITS} hits`);
          return;
        }
        const at = rs + BigInt(i);
        addressLink(ctx.out, s, at);
        const line = s.read(at, 16) ?? bytes.subarray(i, i + 16);
        const size = { w: 2, d: 4, q: 8 }[kind];
        if (size) {
          // s -w/-d/-q show the hit as dw/dd/dq would.
          const n = Math.floor(line.length / size);
          ctx.out.line('  ' + Array.from({ length: n }, (_, k) => valueText(readUnsigned(line, k * size, size), size)).join(' '));
          continue;
        }
        const hex = Array.from(line, (b) => hexN(b, 2)).map((h, k) => (k === 8 ? '-' : k ? ' ' : '') + h).join('');
        ctx.out.line(`  ${hex.padEnd(47)}  ${Array.from(line, (c) => asciiChar(c)).join('')}`);
      }
    }
  },
});

export const address = defineCommand({
  name: '!address',
  family: 'Registers and memory',
  syntax: '!address [Address]',
  summary: 'memory regions (from the MemoryInfoList stream) or the region of one address',
  help: 'Needs a dump written with MiniDumpWithFullMemoryInfo; otherwise lists the memory ranges\nthe dump holds. Example: !address @esp',
  run({ session: s, out, args, evaluate }) {
    const infos = s.dump instanceof MinidumpDump ? s.dump.memoryInfo() : [];
    const stacks = s.dump.threads().filter((t) => t.stack);
    const usage = (base: bigint, size: bigint, type: number): string => {
      if (type === 0x1000000) return s.moduleAt(base)?.module.name ? 'Image' : 'Image';
      const st = stacks.find((t) => t.stack!.start < base + size && base < t.stack!.start + BigInt(t.stack!.size));
      return st ? `Stack [~${s.dump.threads().indexOf(st)}; ${st.id.toString(16)}]` : type === 0 ? 'Free' : '<unknown>';
    };
    const a = args.trim();
    if (!infos.length) {
      out.line('The dump has no MemoryInfoList stream (written without MiniDumpWithFullMemoryInfo):');
      out.line('region types and protections are unknown. Memory ranges the dump holds:');
      const regions = s.dump.memory.regions();
      const target = a ? evaluate(a) : undefined;
      for (const r of regions) {
        if (target !== undefined && !(target >= r.start && target < r.start + BigInt(r.size))) continue;
        out.text('  ');
        addressLink(out, s, r.start);
        out.line(` - ${ptr(r.start + BigInt(r.size), s.is64)}  size ${hexN(r.size, 8)}`);
      }
      if (target !== undefined && !regions.some((r) => target >= r.start && target < r.start + BigInt(r.size))) {
        out.line(`  ${ptr(target, s.is64)} is not in any memory range of the dump`);
      }
      return;
    }
    if (a) {
      const target = evaluate(a);
      const m = infos.find((i) => target >= i.BaseAddress && target < i.BaseAddress + i.RegionSize);
      if (!m) throw new CommandError(`Invalid address ${ptr(target, s.is64)}: not in the MemoryInfoList`);
      const mod = s.moduleAt(target);
      const kb = (Number(m.RegionSize) / 1024).toFixed(3);
      out.line(`Usage:                  ${usage(m.BaseAddress, m.RegionSize, m.Type)}`);
      out.line(`Base Address:           ${ptr(m.BaseAddress, s.is64)}`);
      out.line(`End Address:            ${ptr(m.BaseAddress + m.RegionSize, s.is64)}`);
      out.line(`Region Size:            ${ptr(m.RegionSize, s.is64)} (${kb.padStart(8)} kB)`);
      out.line(`State:                  ${hexN(m.State, 8)}          ${MEMORY_STATE[m.State] ?? ''}`.trimEnd());
      out.line(`Protect:                ${hexN(m.Protect, 8)}          ${protectName(m.Protect)}`.trimEnd());
      out.line(`Type:                   ${hexN(m.Type, 8)}          ${MEMORY_TYPE[m.Type] ?? ''}`.trimEnd());
      out.line(`Allocation Base:        ${ptr(m.AllocationBase, s.is64)}`);
      out.line(`Allocation Protect:     ${hexN(m.AllocationProtect, 8)}          ${protectName(m.AllocationProtect)}`.trimEnd());
      if (mod) {
        out.line(`Image Path:             ${mod.module.path}`);
        out.text('Module Name:            ').link(mod.name, 'module', mod.name).line();
      }
      return;
    }
    const w = s.is64 ? 17 : 8;
    out.line(`  ${'BaseAddress'.padStart(w)} ${'EndAddress+1'.padStart(w)} ${'RegionSize'.padStart(w)} ${'Type'.padEnd(12)} ${'State'.padEnd(12)} ${'Protect'.padEnd(28)} Usage`);
    out.line('-'.repeat(w * 3 + 72));
    for (const m of infos) {
      out.text('+ ');
      out.link(ptr(m.BaseAddress, s.is64).padStart(w), 'address', `0x${m.BaseAddress.toString(16)}`);
      const mod = m.Type === 0x1000000 ? s.moduleAt(m.BaseAddress) : undefined;
      out.line(` ${ptr(m.BaseAddress + m.RegionSize, s.is64).padStart(w)} ${ptr(m.RegionSize, s.is64).padStart(w)} ${(MEMORY_TYPE[m.Type] ?? '').padEnd(12)} ${(MEMORY_STATE[m.State] ?? '').padEnd(12)} ${protectName(m.Protect).padEnd(28)} ${usage(m.BaseAddress, m.RegionSize, m.Type)}${mod ? `  [${mod.name}]` : ''}`.trimEnd());
    }
  },
});
