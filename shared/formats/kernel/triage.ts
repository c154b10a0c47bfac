import type { Reader } from '../../bytes/reader';
import { decodeUtf16 } from '../../bytes/reader';
import { DumpFormatError } from '../../errors';
import type { StoredRange } from './memory';
import {
  DUMP_DRIVER_ENTRY32,
  DUMP_DRIVER_ENTRY64,
  DUMP_STRING,
  DUMP_UNLOADED_DRIVERS32,
  DUMP_UNLOADED_DRIVERS64,
  DUMP_UNLOADED_DRIVERS_HEAD32,
  DUMP_UNLOADED_DRIVERS_HEAD64,
  KLDR_DATA_TABLE_ENTRY32,
  KLDR_DATA_TABLE_ENTRY64,
  TRIAGE_DATA_BLOCK,
  TRIAGE_DUMP32,
  TRIAGE_DUMP64,
  TRIAGE_VALID_MARKER,
} from './structs';

/** One entry of a small dump's driver list. */
export interface TriageDriver {
  /** As stored: bare ("ntoskrnl.exe", build 19041) or full ("\SystemRoot\system32\ntoskrnl.exe", 22000). */
  path: string;
  base: bigint;
  size: number;
  checksum: number;
  timestamp: number;
}

/** One MmUnloadedDrivers entry (name truncated by Windows to 12 characters). */
export interface TriageUnloadedDriver {
  name: string;
  start: bigint;
  end: bigint;
}

/** A copied kernel structure: where it is in the file. */
export interface Blob {
  offset: number;
  size: number;
}

/** TRIAGE_DUMP32/64 normalised; every offset checked against the file. */
export interface TriageHeader {
  offset: number;
  sizeOfDump: number;
  validOffset: number;
  contextOffset: number;
  exceptionOffset: number;
  mmOffset: number;
  unloadedDriversOffset: number;
  prcbOffset: number;
  processOffset: number;
  threadOffset: number;
  callStackOffset: number;
  sizeOfCallStack: number;
  driverListOffset: number;
  driverCount: number;
  stringPoolOffset: number;
  stringPoolSize: number;
  brokenDriverOffset: number;
  triageOptions: number;
  topOfStack: bigint;
  dataPageAddress: bigint;
  dataPageOffset: number;
  dataPageSize: number;
  debuggerDataOffset: number;
  debuggerDataSize: number;
  dataBlocksOffset: number;
  dataBlocksCount: number;
}

export function readTriageHeader(r: Reader, offset: number, is64: boolean): TriageHeader {
  if (!r.has(offset, is64 ? TRIAGE_DUMP64.size : TRIAGE_DUMP32.size)) {
    throw new DumpFormatError('Truncated', `small memory dump: the file ends before the TRIAGE_DUMP header at 0x${offset.toString(16)}`, { offset, limit: r.size });
  }
  const t = is64 ? TRIAGE_DUMP64.read(r, offset) : TRIAGE_DUMP32.read(r, offset);
  return {
    offset,
    sizeOfDump: t.SizeOfDump,
    validOffset: t.ValidOffset,
    contextOffset: t.ContextOffset,
    exceptionOffset: t.ExceptionOffset,
    mmOffset: t.MmOffset,
    unloadedDriversOffset: t.UnloadedDriversOffset,
    prcbOffset: t.PrcbOffset,
    processOffset: t.ProcessOffset,
    threadOffset: t.ThreadOffset,
    callStackOffset: t.CallStackOffset,
    sizeOfCallStack: t.SizeOfCallStack,
    driverListOffset: t.DriverListOffset,
    driverCount: t.DriverCount,
    stringPoolOffset: t.StringPoolOffset,
    stringPoolSize: t.StringPoolSize,
    brokenDriverOffset: t.BrokenDriverOffset,
    triageOptions: t.TriageOptions,
    topOfStack: BigInt(t.TopOfStack),
    dataPageAddress: BigInt(t.DataPageAddress),
    dataPageOffset: t.DataPageOffset,
    dataPageSize: t.DataPageSize,
    debuggerDataOffset: t.DebuggerDataOffset,
    debuggerDataSize: t.DebuggerDataSize,
    dataBlocksOffset: t.DataBlocksOffset,
    dataBlocksCount: t.DataBlocksCount,
  };
}

/**
 * A small memory dump's contents (DumpType 4). Decoding is lazy: the
 * constructor only checks what every reader needs (the TRGD marker and the
 * context offset); lists are decoded on first use and cached.
 */
export class TriageDump {
  private driversCache?: TriageDriver[];
  private unloadedCache?: TriageUnloadedDriver[];
  /** Soft problems found while decoding lists; copied into dump.diagnostics by the owner. */
  readonly problems: string[] = [];

  constructor(
    private readonly r: Reader,
    readonly header: TriageHeader,
    readonly is64: boolean,
  ) {
    const h = header;
    // dbgeng checks the TRGD marker at ValidOffset; real dumps can be shorter than
    // SizeOfDump says (facts §6), so a missing marker is a warning, not an error.
    if (!r.has(h.validOffset, 4) || r.u32(h.validOffset) !== TRIAGE_VALID_MARKER) {
      this.problems.push(`TRIAGE_DUMP.ValidOffset 0x${h.validOffset.toString(16)} does not hold the "TRGD" marker`);
    }
  }

  /** The blob at `offset` if it lies in the file, sized up to the next known structure. */
  private blob(offset: number, explicitSize?: number): Blob | undefined {
    if (offset === 0 || !this.r.has(offset, 1)) return undefined;
    if (explicitSize !== undefined && this.r.has(offset, explicitSize)) return { offset, size: explicitSize };
    const h = this.header;
    const starts = [
      h.contextOffset, h.exceptionOffset, h.mmOffset, h.unloadedDriversOffset, h.prcbOffset, h.processOffset,
      h.threadOffset, h.callStackOffset, h.driverListOffset, h.stringPoolOffset, h.brokenDriverOffset,
      h.debuggerDataOffset, h.dataBlocksOffset, h.dataPageOffset, h.validOffset, this.r.size,
    ].filter((o) => o > offset);
    const end = Math.min(...starts);
    return { offset, size: Math.min(end, this.r.size) - offset };
  }

  prcb(size?: number): Blob | undefined {
    return this.blob(this.header.prcbOffset, size);
  }
  process(size?: number): Blob | undefined {
    return this.blob(this.header.processOffset, size);
  }
  thread(size?: number): Blob | undefined {
    return this.blob(this.header.threadOffset, size);
  }

  /** The faulting thread's stack as copied: it starts at TopOfStack (the stack pointer at the bugcheck). */
  callStack(): StoredRange | undefined {
    const h = this.header;
    if (h.callStackOffset === 0 || h.sizeOfCallStack === 0) return undefined;
    this.r.check(h.callStackOffset, h.sizeOfCallStack, 'TRIAGE_DUMP call stack');
    return { start: h.topOfStack, size: h.sizeOfCallStack, fileOffset: h.callStackOffset };
  }

  /** The raw KDDEBUGGER_DATA64 copy, if the dump carries one. */
  debuggerData(): Blob | undefined {
    const h = this.header;
    if (h.debuggerDataOffset === 0 || h.debuggerDataSize === 0) return undefined;
    this.r.check(h.debuggerDataOffset, h.debuggerDataSize, 'TRIAGE_DUMP debugger data');
    return { offset: h.debuggerDataOffset, size: h.debuggerDataSize };
  }

  /** TRIAGE_DATA_BLOCKs plus the data page: the extra virtual memory the dump carries. */
  dataBlocks(): StoredRange[] {
    const h = this.header;
    const out: StoredRange[] = [];
    if (h.dataBlocksOffset !== 0 && h.dataBlocksCount !== 0) {
      const n = this.r.count(h.dataBlocksCount, TRIAGE_DATA_BLOCK.size, h.dataBlocksOffset, 'TRIAGE_DUMP.DataBlocksCount');
      for (let i = 0; i < n; i++) {
        const b = TRIAGE_DATA_BLOCK.read(this.r, h.dataBlocksOffset + i * TRIAGE_DATA_BLOCK.size);
        if (!this.r.has(b.Offset, b.Size)) {
          this.problems.push(`data block ${i} (0x${b.Size.toString(16)} bytes at file offset 0x${b.Offset.toString(16)}) lies outside the file`);
          continue;
        }
        out.push({ start: b.Address, size: b.Size, fileOffset: b.Offset });
      }
    }
    if (h.dataPageOffset !== 0 && h.dataPageSize !== 0 && this.r.has(h.dataPageOffset, h.dataPageSize)) {
      out.push({ start: h.dataPageAddress, size: h.dataPageSize, fileOffset: h.dataPageOffset });
    }
    return out;
  }

  /** The driver list, names resolved through the string pool. */
  drivers(): readonly TriageDriver[] {
    if (this.driversCache) return this.driversCache;
    const h = this.header;
    const out: TriageDriver[] = [];
    if (h.driverListOffset !== 0 && h.driverCount !== 0) {
      const entry = this.is64 ? DUMP_DRIVER_ENTRY64 : DUMP_DRIVER_ENTRY32;
      const ldr = this.is64 ? KLDR_DATA_TABLE_ENTRY64 : KLDR_DATA_TABLE_ENTRY32;
      const ldrAt = entry.offsetOf('LdrEntry');
      const n = this.r.count(h.driverCount, entry.size, h.driverListOffset, 'TRIAGE_DUMP.DriverCount');
      for (let i = 0; i < n; i++) {
        const at = h.driverListOffset + i * entry.size;
        const e = entry.read(this.r, at);
        const l = ldr.read(this.r, at + ldrAt);
        out.push({
          path: this.dumpString(e.DriverNameOffset) ?? '',
          base: BigInt(l.DllBase),
          size: l.SizeOfImage,
          checksum: l.CheckSum,
          timestamp: l.TimeDateStamp,
        });
      }
    }
    this.driversCache = out;
    return out;
  }

  /**
   * DUMP_STRING {Length; WCHAR Buffer[]}. The header comment says Length is in
   * bytes, the corpus says characters (facts §3.2 CONFLICT, §6): take the reading
   * that lands on the terminating NUL, characters first.
   */
  private dumpString(offset: number): string | undefined {
    if (offset === 0 || !this.r.has(offset, DUMP_STRING.size)) {
      this.problems.push(`driver name at 0x${offset.toString(16)} lies outside the file`);
      return undefined;
    }
    const len = DUMP_STRING.read(this.r, offset).Length;
    const text = offset + DUMP_STRING.size;
    for (const bytes of [len * 2, len]) {
      if (bytes <= 0x10000 && this.r.has(text, bytes + 2) && this.r.u16(text + bytes) === 0) {
        return decodeUtf16(this.r.bytes(text, bytes));
      }
    }
    this.problems.push(`driver name at 0x${offset.toString(16)} has no terminating NUL after its ${len}-character length`);
    const max = Math.min(len * 2, 520, Math.max(0, this.r.size - text));
    return decodeUtf16(this.r.bytes(text, max & ~1)).replace(/\0.*$/s, '');
  }

  /** MmUnloadedDrivers as copied into the dump. */
  unloadedDrivers(): readonly TriageUnloadedDriver[] {
    if (this.unloadedCache) return this.unloadedCache;
    const h = this.header;
    const out: TriageUnloadedDriver[] = [];
    if (h.unloadedDriversOffset !== 0) {
      const head = this.is64 ? DUMP_UNLOADED_DRIVERS_HEAD64 : DUMP_UNLOADED_DRIVERS_HEAD32;
      const entry = this.is64 ? DUMP_UNLOADED_DRIVERS64 : DUMP_UNLOADED_DRIVERS32;
      const count = head.read(this.r, h.unloadedDriversOffset).Count;
      const first = h.unloadedDriversOffset + head.size;
      const n = this.r.count(count, entry.size, first, 'unloaded driver count');
      for (let i = 0; i < n; i++) {
        const e = entry.read(this.r, first + i * entry.size);
        const nameBytes = Math.min(e.NameLength, e.DriverName.length);
        out.push({
          name: decodeUtf16(e.DriverName.subarray(0, nameBytes & ~1)).replace(/\0.*$/s, ''),
          start: BigInt(e.StartAddress),
          end: BigInt(e.EndAddress),
        });
      }
    }
    this.unloadedCache = out;
    return out;
  }
}
