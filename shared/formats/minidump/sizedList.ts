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
