import type { FieldList, StructDef, StructValue } from '../../bytes/struct';
import type { DirectoryEntry, MinidumpFile } from './minidumpFile';

export interface ListShape {
  sizeOfHeader: number;
  sizeOfEntry: number;
  count: number | bigint;
}

/**
 * The offsets of the entries of a list stream whose header gives its own
 * SizeOfHeader and SizeOfEntry (UnloadedModuleList, MemoryInfoList,
 * ThreadInfoList, HandleData). We trust neither: SizeOfHeader must cover the
 * header we know and SizeOfEntry the entry we read (newer, bigger entries are
 * fine, smaller ones are not), and every entry must lie inside the stream.
 */
export function readSizedList<F extends FieldList>(
  file: MinidumpFile,
  entry: DirectoryEntry,
  header: StructDef<F>,
  minEntrySize: number,
  shape: (h: StructValue<F>) => ListShape,
): number[] {
  if (entry.dataSize < header.size) file.fail(entry, `${entry.dataSize} bytes, its ${header.name} header needs ${header.size}`, 'Truncated');
  const { sizeOfHeader, sizeOfEntry, count } = shape(header.read(file.reader, entry.rva));
  if (sizeOfHeader < header.size || sizeOfHeader > entry.dataSize) file.fail(entry, `SizeOfHeader ${sizeOfHeader} is outside ${header.size}..${entry.dataSize}`);
  if (sizeOfEntry < minEntrySize) file.fail(entry, `SizeOfEntry ${sizeOfEntry} is smaller than the ${minEntrySize}-byte entry`);
  const available = Math.floor((entry.dataSize - sizeOfHeader) / sizeOfEntry);
  if (BigInt(count) > BigInt(available)) {
    file.fail(entry, `claims ${count} entries of ${sizeOfEntry} bytes, the stream holds ${available}`, 'BadCount');
  }
  return Array.from({ length: Number(count) }, (_, i) => entry.rva + sizeOfHeader + i * sizeOfEntry);
}

/**
 * The entries of a list stream that starts with a u32 count (ThreadList,
 * ModuleList, MemoryList): the count is checked against the stream's own
 * DataSize, which the directory already checked against the file. Some
 * writers pad the count to 8 bytes; that layout is accepted when the sizes say so.
 */
export function readCountedList(file: MinidumpFile, entry: DirectoryEntry, elementSize: number, what: string): { count: number; first: number } {
  if (entry.dataSize < 4) file.fail(entry, `too small for its ${what} count`, 'Truncated');
  const count = file.reader.u32(entry.rva);
  if (entry.dataSize === 8 + count * elementSize) return { count, first: entry.rva + 8 };
  if (4 + count * elementSize > entry.dataSize) {
    file.fail(entry, `${count} ${what} need ${4 + count * elementSize} bytes, the stream has ${entry.dataSize}`, 'BadCount');
  }
  return { count, first: entry.rva + 4 };
}
