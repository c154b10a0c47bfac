import type { ByteSource } from '../../bytes/byteSource';
import { Reader } from '../../bytes/reader';
import type { StructValue } from '../../bytes/struct';
import type { Diagnostic } from '../../dump/types';
import { DumpFormatError } from '../../errors';
import { MINIDUMP_DIRECTORY, MINIDUMP_HEADER, MINIDUMP_SIGNATURE, MINIDUMP_VERSION } from './structs';
import { StreamType, streamTypeName } from './streamTypes';

export type MinidumpHeader = StructValue<typeof MINIDUMP_HEADER.fields>;

/** One row of the stream directory, with its position in it. */
export interface DirectoryEntry {
  index: number;
  type: number;
  dataSize: number;
  rva: number;
}

/**
 * The parts of a minidump every stream reader needs: the bounds-checked
 * reader, the header and the stream directory. Opening reads only these
 * (rust-minidump's `Minidump::read`); streams are decoded on demand.
 *
 * Every directory entry's location must lie inside the file, otherwise
 * opening fails: a stream that points outside the file means the file is
 * truncated or is not a minidump (invalid-range.dmp, invalid-record-count.dmp).
 * Unused (type 0) entries are skipped (with an `UnusedStreamEntry` info
 * diagnostic when one is not all zero); a second entry of the same type is
 * ignored with a `DuplicateStream` diagnostic (the first one wins, as in
 * rust-minidump and Breakpad).
 */
export class MinidumpFile {
  readonly reader: Reader;
  readonly header: MinidumpHeader;
  /** Every directory entry in file order, including unused ones. */
  readonly directory: readonly DirectoryEntry[];
  private readonly byType = new Map<number, DirectoryEntry>();

  constructor(source: ByteSource, readonly diagnostics: Diagnostic[]) {
    this.reader = new Reader(source, 'minidump');
    const r = this.reader;
    if (!r.has(0, MINIDUMP_HEADER.size)) {
      throw new DumpFormatError('Truncated', `minidump: file is ${r.size} bytes, too short for the 32-byte MINIDUMP_HEADER`, { offset: 0, size: MINIDUMP_HEADER.size, limit: r.size });
    }
    this.header = MINIDUMP_HEADER.read(r, 0);
    if (this.header.Signature !== MINIDUMP_SIGNATURE) {
      throw new DumpFormatError('BadSignature', `minidump: signature is 0x${this.header.Signature.toString(16)}, not 'MDMP'`, { offset: 0 });
    }
    if ((this.header.Version & 0xffff) !== MINIDUMP_VERSION) {
      throw new DumpFormatError('BadVersion', `minidump: version 0x${(this.header.Version & 0xffff).toString(16)} is not 0xa793`, { offset: 4 });
    }
    const dirRva = this.header.StreamDirectoryRva;
    const n = r.count(this.header.NumberOfStreams, MINIDUMP_DIRECTORY.size, dirRva, 'stream directory (MINIDUMP_HEADER.NumberOfStreams)');
    r.check(dirRva, n * MINIDUMP_DIRECTORY.size, 'stream directory');
    const entries: DirectoryEntry[] = [];
    for (let i = 0; i < n; i++) {
      const d = MINIDUMP_DIRECTORY.read(r, dirRva + i * MINIDUMP_DIRECTORY.size);
      const entry: DirectoryEntry = { index: i, type: d.StreamType, dataSize: d.DataSize, rva: d.Rva };
      entries.push(entry);
      if (entry.type === StreamType.Unused) {
        // All-zero entries are normal padding (Breakpad writes them); an unused entry that
        // still points somewhere is worth a note, but is never read.
        if (entry.dataSize !== 0 || entry.rva !== 0) {
          diagnostics.push({ level: 'info', code: 'UnusedStreamEntry', message: `stream directory entry ${i} is unused (type 0) but claims ${entry.dataSize} bytes at 0x${entry.rva.toString(16)}; ignored` });
        }
        continue;
      }
      if (!r.has(entry.rva, entry.dataSize)) {
        throw new DumpFormatError(
          'OutOfBounds',
          `minidump: stream directory entry ${i} (${streamTypeName(entry.type)}) claims ${entry.dataSize} bytes at 0x${entry.rva.toString(16)}, past the end of the ${r.size}-byte file`,
          { offset: entry.rva, size: entry.dataSize, limit: r.size },
        );
      }
      const first = this.byType.get(entry.type);
      if (first) {
        diagnostics.push({
          level: 'warning',
          code: 'DuplicateStream',
          message: `stream directory entry ${i} repeats ${streamTypeName(entry.type)} (first at entry ${first.index}); using the first`,
        });
        continue;
      }
      this.byType.set(entry.type, entry);
    }
    this.directory = entries;
  }

  stream(type: number): DirectoryEntry | undefined {
    return this.byType.get(type);
  }

  /** When the dump was written (MINIDUMP_HEADER.TimeDateStamp), undefined when 0. */
  get time(): Date | undefined {
    return this.header.TimeDateStamp ? new Date(this.header.TimeDateStamp * 1000) : undefined;
  }

  /** A MINIDUMP_STRING {Length in bytes, UTF-16LE}; throws when it does not fit. */
  string(rva: number, what: string): string {
    const r = this.reader;
    r.check(rva, 4, what);
    const len = r.u32(rva);
    r.check(rva + 4, len, what);
    return r.utf16(rva + 4, len);
  }

  /** A NUL-terminated UTF-8 string of at most `max` bytes, for vendor streams. */
  utf8(offset: number, length: number): string {
    const b = this.reader.bytes(offset, length);
    const end = b.indexOf(0);
    return decodeUtf8(end < 0 ? b : b.subarray(0, end));
  }

  /** Throws a DumpFormatError naming the stream, for decoders. */
  fail(entry: DirectoryEntry, message: string, code: 'BadValue' | 'BadCount' | 'Truncated' = 'BadValue'): never {
    throw new DumpFormatError(code, `minidump: ${streamTypeName(entry.type)} stream (directory entry ${entry.index}): ${message}`, { offset: entry.rva, size: entry.dataSize });
  }
}

/** UTF-8 → string; malformed sequences become U+FFFD (shared/ has no TextDecoder type). */
export function decodeUtf8(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xf0 && c < 0xf8 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : -1;
    if (n < 0) {
      s += '\ufffd';
      i++;
      continue;
    }
    let cp = n === 0 ? c : c & (0x3f >> n);
    let ok = true;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) { ok = false; break; }
      cp = (cp << 6) | (d & 0x3f);
    }
    if (!ok) { s += '\ufffd'; i++; continue; }
    s += String.fromCodePoint(cp > 0x10ffff ? 0xfffd : cp);
    i += n + 1;
  }
  return s;
}
