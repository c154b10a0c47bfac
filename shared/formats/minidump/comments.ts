import { decodeLatin1, decodeUtf16 } from '../../bytes/reader';
import type { MinidumpFile } from './minidumpFile';
import { StreamType } from './streamTypes';

/**
 * CommentStreamA (8-bit, NUL-terminated) and CommentStreamW (UTF-16) text,
 * as written by MiniDumpWriteDump's UserStreamParam or `.dump /c`.
 */
export function readComments(file: MinidumpFile): { ansi?: string; wide?: string } {
  const out: { ansi?: string; wide?: string } = {};
  const a = file.stream(StreamType.CommentA);
  if (a) {
    const b = file.reader.bytes(a.rva, a.dataSize);
    const end = b.indexOf(0);
    out.ansi = decodeLatin1(end < 0 ? b : b.subarray(0, end));
  }
  const w = file.stream(StreamType.CommentW);
  if (w) {
    const s = decodeUtf16(file.reader.bytes(w.rva, w.dataSize & ~1));
    const end = s.indexOf('\0');
    out.wide = end < 0 ? s : s.slice(0, end);
  }
  return out;
}
