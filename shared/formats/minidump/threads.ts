import type { StructValue } from '../../bytes/struct';
import type { MinidumpFile } from './minidumpFile';
import { readCountedList, readSizedList } from './sizedList';
import { MINIDUMP_THREAD, MINIDUMP_THREAD_EX, MINIDUMP_THREAD_INFO, MINIDUMP_THREAD_INFO_LIST, MINIDUMP_THREAD_NAME } from './structs';
import { StreamType } from './streamTypes';

export type RawThread = StructValue<typeof MINIDUMP_THREAD.fields>;
export type RawThreadInfo = StructValue<typeof MINIDUMP_THREAD_INFO.fields>;

/**
 * ThreadList (or, when absent, ThreadExList) stream: the raw MINIDUMP_THREAD
 * records. Contexts are decoded by the caller, who knows the architecture.
 */
export function readThreadList(file: MinidumpFile): RawThread[] {
  const entry = file.stream(StreamType.ThreadList) ?? file.stream(StreamType.ThreadExList);
  if (!entry) return [];
  const elem = entry.type === StreamType.ThreadExList ? MINIDUMP_THREAD_EX : MINIDUMP_THREAD;
  const { count, first } = readCountedList(file, entry, elem.size, 'threads');
  return Array.from({ length: count }, (_, i) => MINIDUMP_THREAD.read(file.reader, first + i * elem.size));
}

/** ThreadInfoList stream: times, start address and exit status per thread id. */
export function readThreadInfoList(file: MinidumpFile): RawThreadInfo[] {
  const entry = file.stream(StreamType.ThreadInfoList);
  if (!entry) return [];
  const offsets = readSizedList(file, entry, MINIDUMP_THREAD_INFO_LIST, MINIDUMP_THREAD_INFO.size, (h) => ({
    sizeOfHeader: h.SizeOfHeader, sizeOfEntry: h.SizeOfEntry, count: h.NumberOfEntries,
  }));
  return offsets.map((o) => MINIDUMP_THREAD_INFO.read(file.reader, o));
}

/** ThreadNames stream (Windows 10 1607+, SetThreadDescription): thread id → name. */
export function readThreadNames(file: MinidumpFile): Map<number, string> {
  const names = new Map<number, string>();
  const entry = file.stream(StreamType.ThreadNames);
  if (!entry) return names;
  const r = file.reader;
  const { count, first } = readCountedList(file, entry, MINIDUMP_THREAD_NAME.size, 'thread names');
  for (let i = 0; i < count; i++) {
    const t = MINIDUMP_THREAD_NAME.read(r, first + i * MINIDUMP_THREAD_NAME.size);
    if (t.ThreadNameRva > BigInt(r.size)) file.fail(entry, `name ${i} RVA 0x${t.ThreadNameRva.toString(16)} is past the end of the file`);
    names.set(t.ThreadId, file.string(Number(t.ThreadNameRva), `thread 0x${t.ThreadId.toString(16)} name`));
  }
  return names;
}

/** FILETIME (100 ns ticks since 1601) → Date; undefined for 0 or out of range. */
export function filetimeToDate(ft: bigint): Date | undefined {
  if (ft === 0n) return undefined;
  const ms = Number(ft / 10000n) - 11644473600000;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
