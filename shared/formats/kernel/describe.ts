import type { Reader } from '../../bytes/reader';
import type { FieldList, StructDef } from '../../bytes/struct';
import { padHex } from '../../hex';
import type { KernelDump } from './kernelDump';
import {
  BITMAP_DUMP_HEADER,
  DUMP_HEADER32,
  DUMP_HEADER64,
  KDDEBUGGER_DATA64,
  RDMP_HEADER64,
  TRIAGE_DUMP32,
  TRIAGE_DUMP64,
} from './structs';

/** Byte-array fields that are printed as text rather than skipped. */
const TEXT_FIELDS = new Set(['Comment', 'VersionUser']);
/** Byte-array fields shown in their own section (or not at all). */
const SKIPPED = new Set(['PhysicalMemoryBlock', 'ContextRecord', 'Exception', 'Reserved0', 'Reserved2', 'Reserved3', 'Spare3', 'Unused2', 'Padding', 'Padding1', 'Padding2', 'Padding3']);

const PAGE_FILLER = 0x45474150;

function fourCC(v: number): string {
  let s = '';
  for (let i = 0; i < 4; i++) {
    const c = (v >>> (i * 8)) & 0xff;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
  }
  return s;
}

/**
 * One struct as kdmp-parser's Show() prints it: every field with its offset
 * inside the struct and its absolute file offset.
 */
function describeStruct<F extends FieldList>(def: StructDef<F>, r: Reader, at: number, only?: readonly string[]): string[] {
  if (!r.has(at, def.size)) return [`${def.name} at 0x${at.toString(16)}: (truncated)`];
  const v = def.read(r, at) as Record<string, number | bigint | Uint8Array>;
  const lines = [`${def.name} (file offset 0x${at.toString(16)}):`];
  for (const [name] of def.fields) {
    if (SKIPPED.has(name) || (only && !only.includes(name))) continue;
    const off = def.offsetOf(name as F[number][0]);
    const value = v[name]!;
    let text: string;
    if (value instanceof Uint8Array) {
      if (!TEXT_FIELDS.has(name)) continue;
      const s = Array.from(value, (c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : c === 0 ? '\0' : '.')).join('').split('\0')[0]!;
      text = /^(PAGE)+/.test(s) || s === '' ? '(absent)' : JSON.stringify(s);
    } else if (typeof value === 'bigint') {
      text = `0x${padHex(value, 16)}`;
    } else {
      const type = def.fields.find(([n]) => n === name)![1];
      const width = type === 'u8' ? 2 : type === 'u16' ? 4 : 8;
      text = `0x${padHex(value, width)}`;
      if (/Signature|ValidDump|OwnerTag/.test(name)) text += ` '${fourCC(value)}'`;
      else if (width === 8 && value === PAGE_FILLER) text += ' (PAGE filler: absent)';
      else if (name === 'MinorVersion') text += ` (build ${value})`;
      else if (name === 'NumberProcessors' || name === 'DriverCount' || name === 'DumpType') text += ` (${value})`;
    }
    lines.push(`  +0x${padHex(off, 4)} [0x${padHex(at + off, 5)}] ${name.padEnd(28)} ${text}`);
  }
  return lines;
}

/** `dumpdesk info` for kernel dumps: the raw header fields with offsets, then the type-specific header. */
export function describeKernelDump(dump: KernelDump): string {
  const r = dump.reader;
  const h = dump.header;
  const out: string[] = [`kernel dump: ${dump.kind}, ${dump.is64 ? 'PAGEDU64' : 'PAGEDUMP'}, ${dump.arch}, layout ${dump.layout.type}`, ''];
  out.push(...(dump.is64 ? describeStruct(DUMP_HEADER64, r, 0) : describeStruct(DUMP_HEADER32, r, 0)), '');
  const pm = h.physicalMemory;
  const pmAt = (dump.is64 ? DUMP_HEADER64 : DUMP_HEADER32).offsetOf('PhysicalMemoryBlock');
  if (pm) {
    out.push(`PHYSICAL_MEMORY_DESCRIPTOR (file offset 0x${pmAt.toString(16)}): ${pm.runs.length} runs, ${pm.numberOfPages} pages`);
    pm.runs.forEach((run, i) => out.push(`  run ${i}: BasePage 0x${run.basePage.toString(16)}, PageCount 0x${run.pageCount.toString(16)}`));
  } else out.push(`PHYSICAL_MEMORY_DESCRIPTOR (file offset 0x${pmAt.toString(16)}): (PAGE filler: absent)`);
  out.push(`CONTEXT at 0x${h.contextOffset.toString(16)}, EXCEPTION_RECORD at 0x${h.exceptionOffset.toString(16)}`, '');

  const layout = dump.layout;
  if (layout.type === 'triage' && dump.triage) {
    const at = dump.triage.header.offset;
    out.push(...(dump.is64 ? describeStruct(TRIAGE_DUMP64, r, at) : describeStruct(TRIAGE_DUMP32, r, at)), '');
  } else if (layout.type === 'bitmap') {
    out.push(...describeStruct(BITMAP_DUMP_HEADER, r, h.headerSize));
    out.push(`  bitmap at 0x${layout.bitmapOffset.toString(16)}${layout.legacy ? ' (Windows 2000/XP SUMMARY_DUMP layout)' : ''}, ${layout.physical.storedPages} pages stored`, '');
  } else if (layout.type === 'runs' && layout.rdmp) {
    out.push(...describeStruct(RDMP_HEADER64, r, h.headerSize));
    out.push(`  debugger-written dump (${layout.rdmp}): ${layout.physical.storedPages} pages stored`, '');
  } else if (layout.type === 'runs') {
    out.push(`physical pages follow the header from 0x${h.headerSize.toString(16)}: ${layout.physical.storedPages} pages stored`, '');
  }
  const kdbg = dump.debuggerData();
  if (kdbg) {
    out.push(`KDDEBUGGER_DATA64${kdbg.wasEncoded ? ' (decoded)' : ''}: Size 0x${kdbg.size.toString(16)}`);
    const fields: [string, bigint | undefined][] = [
      ['KernBase', kdbg.kernBase], ['PsLoadedModuleList', kdbg.psLoadedModuleList], ['PsActiveProcessHead', kdbg.psActiveProcessHead],
      ['MmPfnDatabase', kdbg.mmPfnDatabase], ['KiProcessorBlock', kdbg.kiProcessorBlock], ['MmUnloadedDrivers', kdbg.mmUnloadedDrivers],
    ];
    for (const [name, v] of fields) {
      if (v === undefined) continue;
      out.push(`  +0x${padHex(KDDEBUGGER_DATA64.offsetOf(name as Parameters<typeof KDDEBUGGER_DATA64.offsetOf>[0]), 4)} ${name.padEnd(28)} 0x${padHex(v, 16)}`);
    }
    out.push('');
  }
  const mods = dump.modules();
  out.push(`drivers: ${mods.length}`);
  for (const m of mods) out.push(`  0x${padHex(m.base, dump.is64 ? 16 : 8)} ${m.size.toString(16).padStart(8)} ${padHex(m.timestamp, 8)} ${m.path}`);
  const unloaded = dump.unloadedModules();
  if (unloaded.length) {
    out.push(`unloaded drivers: ${unloaded.length}`);
    for (const u of unloaded) out.push(`  0x${padHex(u.base, dump.is64 ? 16 : 8)} ${u.size.toString(16).padStart(8)} ${u.name}`);
  }
  for (const d of dump.diagnostics) out.push(`warning: ${d.code}: ${d.message}`);
  return out.join('\n') + '\n';
}
