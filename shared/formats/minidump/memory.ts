import type { Diagnostic, MemoryReader, MemoryRegion } from '../../dump/types';
import type { MinidumpFile } from './minidumpFile';
import { MINIDUMP_MEMORY64_LIST, MINIDUMP_MEMORY_DESCRIPTOR, MINIDUMP_MEMORY_DESCRIPTOR64 } from './structs';
import { StreamType } from './streamTypes';
import { readCountedList } from './sizedList';

/** A range of process memory and where its bytes are in the file. */
export interface MemoryRange {
  start: bigint;
  size: number;
  /** File offset of the first byte. */
  rva: number;
}

/** MemoryList stream: descriptors with their own RVAs. Each must lie in the file. */
export function readMemoryList(file: MinidumpFile): MemoryRange[] {
  const entry = file.stream(StreamType.MemoryList);
  if (!entry) return [];
  const r = file.reader;
  const { count: n, first } = readCountedList(file, entry, MINIDUMP_MEMORY_DESCRIPTOR.size, 'memory ranges');
  const out: MemoryRange[] = [];
  for (let i = 0; i < n; i++) {
    const d = MINIDUMP_MEMORY_DESCRIPTOR.read(r, first + i * MINIDUMP_MEMORY_DESCRIPTOR.size);
    if (!r.has(d.Rva, d.DataSize)) file.fail(entry, `range ${i} (0x${d.StartOfMemoryRange.toString(16)}) claims ${d.DataSize} bytes at file offset 0x${d.Rva.toString(16)}, past the end of the file`);
    out.push({ start: d.StartOfMemoryRange, size: d.DataSize, rva: d.Rva });
  }
  return out;
}

/** Memory64List stream (full-memory dumps): the data lie back to back from BaseRva. */
export function readMemory64List(file: MinidumpFile): MemoryRange[] {
  const entry = file.stream(StreamType.Memory64List);
  if (!entry) return [];
  const r = file.reader;
  if (entry.dataSize < MINIDUMP_MEMORY64_LIST.size) file.fail(entry, `too small for its ${MINIDUMP_MEMORY64_LIST.size}-byte header`, 'Truncated');
  const h = MINIDUMP_MEMORY64_LIST.read(r, entry.rva);
  const fits = Math.floor((entry.dataSize - MINIDUMP_MEMORY64_LIST.size) / MINIDUMP_MEMORY_DESCRIPTOR64.size);
  if (h.NumberOfMemoryRanges > BigInt(fits)) file.fail(entry, `claims ${h.NumberOfMemoryRanges} ranges, the stream holds ${fits}`, 'BadCount');
  if (h.BaseRva > BigInt(r.size)) file.fail(entry, `BaseRva 0x${h.BaseRva.toString(16)} is past the end of the file`);
  const n = Number(h.NumberOfMemoryRanges);
  let rva = Number(h.BaseRva);
  const out: MemoryRange[] = [];
  for (let i = 0; i < n; i++) {
    const d = MINIDUMP_MEMORY_DESCRIPTOR64.read(r, entry.rva + MINIDUMP_MEMORY64_LIST.size + i * MINIDUMP_MEMORY_DESCRIPTOR64.size);
    if (d.DataSize > BigInt(r.size - rva)) file.fail(entry, `range ${i} (0x${d.StartOfMemoryRange.toString(16)}) claims 0x${d.DataSize.toString(16)} bytes at file offset 0x${rva.toString(16)}, past the end of the file`);
    const size = Number(d.DataSize);
    out.push({ start: d.StartOfMemoryRange, size, rva });
    rva += size;
  }
  return out;
}

/**
 * Virtual memory over the memory lists: ranges sorted by start, found by
 * binary search; a read may span adjacent ranges. Overlapping ranges keep the
 * first one seen and record an `OverlappingMemory` diagnostic (Breakpad
 * refuses the whole MemoryList in that case; one bad range should not hide
 * the others).
 */
export class MinidumpMemory implements MemoryReader {
  private readonly ranges: MemoryRange[];
  private readonly regionList: MemoryRegion[];

  constructor(private readonly file: MinidumpFile, ranges: MemoryRange[], diagnostics: Diagnostic[]) {
    const sorted = ranges.filter((m) => m.size > 0).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    this.ranges = [];
    for (const m of sorted) {
      const prev = this.ranges[this.ranges.length - 1];
      if (prev && m.start < prev.start + BigInt(prev.size)) {
        if (m.start !== prev.start || m.size !== prev.size) {
          diagnostics.push({
            level: 'warning',
            code: 'OverlappingMemory',
            message: `memory range 0x${m.start.toString(16)}+0x${m.size.toString(16)} overlaps 0x${prev.start.toString(16)}+0x${prev.size.toString(16)}; keeping the first`,
          });
        }
        continue;
      }
      this.ranges.push(m);
    }
    this.regionList = this.ranges.map((m) => ({ start: m.start, size: m.size }));
  }

  regions(): readonly MemoryRegion[] {
    return this.regionList;
  }

  /** Index of the range containing `address`, or -1. */
  private find(address: bigint): number {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = this.ranges[mid]!;
      if (address < m.start) hi = mid - 1;
      else if (address >= m.start + BigInt(m.size)) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  read(address: bigint, size: number): Uint8Array | undefined {
    if (!Number.isSafeInteger(size) || size < 0 || address < 0n) return undefined;
    let i = this.find(address);
    if (i < 0) return undefined;
    const first = this.ranges[i]!;
    const off = Number(address - first.start);
    if (off + size <= first.size) return this.file.reader.bytes(first.rva + off, size);
    // Spans ranges: they must be contiguous in the address space.
    if (size > this.file.reader.size) return undefined;
    const out = new Uint8Array(size);
    let done = 0;
    let cur = address;
    while (done < size) {
      const m = this.ranges[i];
      if (!m || cur < m.start || cur >= m.start + BigInt(m.size)) return undefined;
      const o = Number(cur - m.start);
      const n = Math.min(m.size - o, size - done);
      out.set(this.file.reader.bytes(m.rva + o, n), done);
      done += n;
      cur += BigInt(n);
      i++;
    }
    return out;
  }
}
