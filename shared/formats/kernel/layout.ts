import type { Reader } from '../../bytes/reader';
import { DumpFormatError } from '../../errors';
import type { KernelHeader, PhysicalRun } from './header';
import { BitmapPhysicalMemory, RunPhysicalMemory, type PhysicalMemory } from './physical';
import {
  BITMAP_BITS_OFFSET,
  BITMAP_DUMP_HEADER,
  BITMAP_FULL_SIGNATURE,
  BITMAP_SUMMARY_SIGNATURE,
  DUMP_VALID_DUMP,
  DumpType,
  RDMP_HEADER64,
  RDMP_PFN_RANGE,
  RDMP_SIGNATURE,
} from './structs';

/** How the body after the main header is laid out. */
export type KernelLayout =
  | { type: 'triage' }
  | { type: 'header-only' }
  /** `rdmp`: a debugger-written dump (DumpType 8 kernel, 9 kernel + user, 10 complete). */
  | { type: 'runs'; physical: PhysicalMemory; rdmp?: 'kernel' | 'kernel-user' | 'complete' }
  | { type: 'bitmap'; physical: PhysicalMemory; full: boolean; bitmapOffset: number; legacy: boolean };

/**
 * Decides the layout from the sub-header signature first and DumpType second
 * (facts §3.2: DumpType alone is ambiguous), then builds the PFN index.
 */
export function readLayout(r: Reader, h: KernelHeader): KernelLayout {
  const sub = h.headerSize;
  const subSig = r.has(sub, 4) ? r.u32(sub) : undefined;
  if (subSig === BITMAP_SUMMARY_SIGNATURE || subSig === BITMAP_FULL_SIGNATURE) {
    return readBitmap(r, sub, subSig === BITMAP_FULL_SIGNATURE, h.dumpType === DumpType.Summary, h.is64);
  }
  if (r.has(sub + 4, 4) && r.u32(sub + 4) === RDMP_SIGNATURE) return readRdmp(r, sub, h.dumpType);
  switch (h.dumpType) {
    case DumpType.Triage:
      return { type: 'triage' };
    case DumpType.Header:
      return { type: 'header-only' };
    case DumpType.Full: {
      if (!h.physicalMemory) {
        throw new DumpFormatError('BadValue', 'kernel dump: full dump (DumpType 1) without a PHYSICAL_MEMORY_DESCRIPTOR in its header', { offset: 0 });
      }
      return { type: 'runs', physical: new RunPhysicalMemory(r, h.physicalMemory.runs, sub) };
    }
    case DumpType.BitmapFull:
    case DumpType.BitmapKernel:
    case DumpType.Summary:
    case DumpType.Automatic:
      throw new DumpFormatError('BadSignature', `kernel dump: DumpType ${h.dumpType} needs an "SDMP"/"FDMP" bitmap header at 0x${sub.toString(16)}, found ${subSig === undefined ? 'end of file' : '0x' + subSig.toString(16)}`, { offset: sub });
    default:
      throw new DumpFormatError('Unsupported', `kernel dump: unknown DumpType ${h.dumpType}`, { offset: h.is64 ? 0xf98 : 0xf88 });
  }
}

/**
 * Debugger-written dumps (kdmp-parser's reading): after RDMP_HEADER64 come
 * {PageFileNumber, NumberOfPages} ranges until a zero PFN, bounded by
 * MetadataSize and by FirstPageOffset; the ranges' pages are stored in order
 * from FirstPageOffset — the same shape as a full dump's runs.
 */
function readRdmp(r: Reader, at: number, dumpType: number): KernelLayout {
  if (!r.has(at, RDMP_HEADER64.size)) {
    throw new DumpFormatError('Truncated', `kernel dump: the file ends inside the RDMP header at 0x${at.toString(16)}`, { offset: at, limit: r.size });
  }
  const h = RDMP_HEADER64.read(r, at);
  if (h.ValidDump !== DUMP_VALID_DUMP) {
    throw new DumpFormatError('BadSignature', `kernel dump: RDMP header at 0x${at.toString(16)} has ValidDump 0x${h.ValidDump.toString(16)}, expected "DUMP"`, { offset: at + 8 });
  }
  const rangesAt = at + RDMP_HEADER64.size;
  if (h.FirstPageOffset < BigInt(rangesAt) || h.FirstPageOffset > BigInt(r.size)) {
    throw new DumpFormatError('BadValue', `kernel dump: RDMP FirstPageOffset 0x${h.FirstPageOffset.toString(16)} is outside [0x${rangesAt.toString(16)}, end of file]`, { offset: at + 0x18 });
  }
  const firstPage = Number(h.FirstPageOffset);
  const area = Math.min(firstPage - rangesAt, Number(h.MetadataSize < BigInt(r.size) ? h.MetadataSize : BigInt(r.size)));
  const runs: PhysicalRun[] = [];
  for (let o = rangesAt; o + RDMP_PFN_RANGE.size <= rangesAt + area; o += RDMP_PFN_RANGE.size) {
    const range = RDMP_PFN_RANGE.read(r, o);
    if (range.PageFileNumber === 0n) break;
    runs.push({ basePage: range.PageFileNumber, pageCount: range.NumberOfPages });
  }
  const rdmp = dumpType === DumpType.RdmpComplete ? 'complete' : dumpType === DumpType.RdmpKernelAndUser ? 'kernel-user' : 'kernel';
  return { type: 'runs', physical: new RunPhysicalMemory(r, runs, firstPage), rdmp };
}

function readBitmap(r: Reader, at: number, full: boolean, legacyFirst: boolean, is64: boolean): KernelLayout {
  if (!r.has(at, BITMAP_DUMP_HEADER.size)) {
    throw new DumpFormatError('Truncated', `kernel dump: the file ends inside the bitmap dump header at 0x${at.toString(16)}`, { offset: at, limit: r.size });
  }
  const b = BITMAP_DUMP_HEADER.read(r, at);
  if (b.ValidDump !== DUMP_VALID_DUMP) {
    throw new DumpFormatError('BadSignature', `kernel dump: bitmap header at 0x${at.toString(16)} has ValidDump 0x${b.ValidDump.toString(16)}, expected "DUMP"`, { offset: at + 4 });
  }
  const modern = (): KernelLayout | undefined => {
    const bitmapOffset = at + BITMAP_BITS_OFFSET;
    if (!looksSane(r, bitmapOffset, b.Pages, b.FirstPage, b.TotalPresentPages)) return undefined;
    const physical = new BitmapPhysicalMemory(r, bitmapOffset, b.Pages, Number(b.FirstPage), b.TotalPresentPages);
    return { type: 'bitmap', physical, full, bitmapOffset, legacy: false };
  };
  // Windows 2000/XP SUMMARY_DUMP (DumpType 2): u32 HeaderSize +0xC (first page), BitmapSize
  // +0x10 (bits), Pages +0x14 (set bits), then RTL_BITMAP {SizeOfBitMap; Buffer} and the bits
  // (+0x20 with a 32-bit Buffer pointer, +0x28 with a 64-bit one).
  const legacy = (): KernelLayout | undefined => {
    const firstPage = BigInt(r.u32(at + 0xc));
    const bits = BigInt(r.u32(at + 0x10));
    const pages = BigInt(r.u32(at + 0x14));
    const bitmapOffset = at + (is64 ? 0x28 : 0x20);
    if (!looksSane(r, bitmapOffset, bits, firstPage, pages)) return undefined;
    const physical = new BitmapPhysicalMemory(r, bitmapOffset, bits, Number(firstPage), pages);
    return { type: 'bitmap', physical, full, bitmapOffset, legacy: true };
  };
  const found = legacyFirst ? legacy() ?? modern() : modern() ?? legacy();
  if (found) return found;
  throw new DumpFormatError('BadValue', `kernel dump: bitmap header at 0x${at.toString(16)} is inconsistent (FirstPage 0x${b.FirstPage.toString(16)}, ${b.Pages} bits, ${b.TotalPresentPages} pages present)`, { offset: at });
}

function looksSane(r: Reader, bitsOffset: number, bits: bigint, firstPage: bigint, present: bigint): boolean {
  const bitmapEnd = BigInt(bitsOffset) + (bits + 7n) / 8n;
  return bits > 0n && present <= bits && firstPage >= bitmapEnd &&
    firstPage <= BigInt(r.size);
}
