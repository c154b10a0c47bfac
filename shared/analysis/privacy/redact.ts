import { DumpFormatError } from '../../errors';
import type { MinidumpDump } from '../../formats/minidump/minidumpDump';
import type { DirectoryEntry, MinidumpFile } from '../../formats/minidump/minidumpFile';
import { readCountedList, readSizedList } from '../../formats/minidump/sizedList';
import { StreamType } from '../../formats/minidump/streamTypes';
import {
  MINIDUMP_DIRECTORY, MINIDUMP_HEADER, MINIDUMP_MEMORY64_LIST, MINIDUMP_MEMORY_DESCRIPTOR, MINIDUMP_MEMORY_DESCRIPTOR64,
  MINIDUMP_MODULE, MINIDUMP_SYSTEM_INFO, MINIDUMP_THREAD, MINIDUMP_THREAD_EX, MINIDUMP_UNLOADED_MODULE, MINIDUMP_UNLOADED_MODULE_LIST,
  MINIDUMP_EXCEPTION_STREAM,
} from '../../formats/minidump/structs';
import { findStrings } from './strings';

/**
 * `dumpdesk redact`: a copy of a user-mode minidump that keeps what analysis
 * needs and zero-fills everything else.
 *
 * Kept: the header and directory, SystemInfo (with its CSD string), the
 * exception and every thread's registers, the module and unloaded-module
 * lists (names, CodeView and misc records), MiscInfo, ThreadInfoList,
 * MemoryInfoList, the code pages of loaded modules (stack walking checks the
 * call before each return address) and, with `keepStacks`, the crashing
 * thread's stack. Everything else — other stacks, heap and data memory,
 * comments, handles, thread names, vendor streams — is zero-filled, dropped
 * streams become unused directory entries and dropped memory leaves the
 * memory lists, so readers see "not in the dump" rather than zeros.
 *
 * The layout never moves (every RVA stays valid), which is what makes the
 * result a valid minidump for any reader.
 */
export interface RedactOptions {
  /** Keep the crashing thread's stack memory (needed for its frames beyond the first). */
  keepStacks?: boolean;
  /** Also zero readable strings (ASCII/UTF-16, 6+ chars) inside the memory that is kept. */
  stripStrings?: boolean;
  /** User names to replace in kept paths; found by the privacy scan when not given. */
  userNames?: string[];
}

export interface RedactResult {
  bytes: Uint8Array;
  keptStreams: string[];
  droppedStreams: string[];
  keptMemoryBytes: number;
  droppedMemoryBytes: number;
  /** Real user name → the same-length stand-in written instead. */
  replacedUsers: Record<string, string>;
}

const KEPT_STREAMS = new Set<number>([
  StreamType.ThreadList, StreamType.ThreadExList, StreamType.ModuleList, StreamType.MemoryList, StreamType.Memory64List,
  StreamType.Exception, StreamType.SystemInfo, StreamType.UnloadedModuleList, StreamType.MiscInfo,
  StreamType.MemoryInfoList, StreamType.ThreadInfoList,
]);

/** Byte ranges of the file to keep; everything else is zeroed at the end. */
class KeepMask {
  readonly mask: Uint8Array;
  constructor(size: number) {
    this.mask = new Uint8Array(size);
  }
  keep(offset: number, size: number): void {
    if (size <= 0 || offset < 0) return;
    this.mask.fill(1, offset, Math.min(offset + size, this.mask.length));
  }
}

function setU32(out: Uint8Array, at: number, v: number): void {
  new DataView(out.buffer, out.byteOffset).setUint32(at, v >>> 0, true);
}
function setU64(out: Uint8Array, at: number, v: bigint): void {
  new DataView(out.buffer, out.byteOffset).setBigUint64(at, v, true);
}

/** A MINIDUMP_STRING (u32 byte length + UTF-16) at `rva`: its whole extent. */
function stringExtent(file: MinidumpFile, rva: number): number {
  if (!file.reader.has(rva, 4)) return 0;
  const len = file.reader.u32(rva);
  return file.reader.has(rva + 4, len) ? 4 + len + 2 : 0;
}

/** Same-length stand-ins, distinct for distinct names ("alice" → "user1"). */
export function pseudonyms(names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const used = new Set<string>();
  let i = 1;
  for (const name of names) {
    let candidate = '';
    do {
      const tag = i.toString(36);
      i++;
      candidate = name.length >= tag.length + 4 ? ('user' + tag).padEnd(name.length, '_') : ('u' + tag).padEnd(name.length, '_').slice(-name.length);
    } while (used.has(candidate.toLowerCase()) || candidate.toLowerCase() === name.toLowerCase());
    used.add(candidate.toLowerCase());
    out[name] = candidate;
  }
  return out;
}

/** Replaces `\Users\NAME` (and `\Documents and Settings\NAME`) in a text, same length. */
function replaceUsers(text: string, map: Record<string, string>): string {
  let t = text;
  for (const [name, alias] of Object.entries(map)) {
    const re = new RegExp(`(\\\\(?:Users|Documents and Settings)\\\\)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\\\|$)`, 'gi');
    t = t.replace(re, `$1${alias}`);
  }
  return t;
}

export function redactMinidump(dump: MinidumpDump, original: Uint8Array, userNames: readonly string[], options: RedactOptions = {}): RedactResult {
  const file = dump.file;
  if (original.length !== file.reader.size) throw new DumpFormatError('BadValue', 'redact: the bytes given are not the bytes the dump was opened from');
  const out = original.slice();
  const keep = new KeepMask(out.length);
  const users = pseudonyms(userNames);
  const kept: string[] = [];
  const dropped: string[] = [];

  keep.keep(0, MINIDUMP_HEADER.size);
  const dirRva = file.header.StreamDirectoryRva;
  keep.keep(dirRva, file.directory.length * MINIDUMP_DIRECTORY.size);

  // Which memory survives: module code pages always, the crashing stack on request.
  const modules = dump.modules();
  const inModule = (start: bigint, size: number) => modules.some((m) => start >= m.base && start + BigInt(size) <= m.base + BigInt(m.size));
  // The crashing stack: the crashing thread's, and the one holding the exception context's sp
  // (some writers, e.g. Unreal's crash reporter, record the context of a thread other than the one named).
  const crashIndex = dump.crashingThreadIndex();
  const crashThread = crashIndex === undefined ? undefined : dump.threads()[crashIndex];
  const crashSp = dump.exception()?.context?.sp;
  const stacks = options.keepStacks
    ? dump.threads().filter((t) => t.stack && (t === crashThread || (crashSp !== undefined && crashSp >= t.stack.start && crashSp < t.stack.start + BigInt(t.stack.size))))
    : [];
  const keptThreadIds = new Set(stacks.map((t) => t.id));
  const overlapsStack = (start: bigint, size: number) =>
    stacks.some((t) => start < t.stack!.start + BigInt(t.stack!.size) && t.stack!.start < start + BigInt(size));
  // A memory range that overlaps a kept stack is kept whole (writers often capture a larger region).
  const keepRange = (start: bigint, size: number) => inModule(start, size) || overlapsStack(start, size);
  let keptMemory = 0;
  let droppedMemory = 0;

  for (const entry of file.directory) {
    const name = streamName(entry.type);
    const at = dirRva + entry.index * MINIDUMP_DIRECTORY.size;
    if (entry.type === StreamType.Unused) continue;
    if (!KEPT_STREAMS.has(entry.type) || file.stream(entry.type) !== entry) {
      // Dropped (or a duplicate the readers ignore anyway): an unused entry, bytes zeroed.
      setU32(out, at, StreamType.Unused);
      setU32(out, at + 4, 0);
      setU32(out, at + 8, 0);
      dropped.push(name);
      continue;
    }
    kept.push(name);
    keep.keep(entry.rva, entry.dataSize);
    switch (entry.type) {
      case StreamType.SystemInfo: {
        const csd = file.reader.u32(entry.rva + MINIDUMP_SYSTEM_INFO.offsetOf('CSDVersionRva'));
        keep.keep(csd, stringExtent(file, csd));
        break;
      }
      case StreamType.Exception: {
        const e = MINIDUMP_EXCEPTION_STREAM.read(file.reader, entry.rva);
        keep.keep(e.ContextRva, e.ContextDataSize);
        break;
      }
      case StreamType.ThreadList:
      case StreamType.ThreadExList:
        keepThreads(file, entry, out, keep, keptThreadIds);
        break;
      case StreamType.ModuleList:
        keepModules(file, entry, out, keep, users);
        break;
      case StreamType.UnloadedModuleList:
        keepUnloaded(file, entry, out, keep, users);
        break;
      case StreamType.MemoryList: {
        const r = compactMemoryList(file, entry, out, keep, keepRange);
        setU32(out, at + 4, r.streamSize); // DataSize shrinks with the list, keeping count and size consistent
        keptMemory += r.kept;
        droppedMemory += r.dropped;
        break;
      }
      case StreamType.Memory64List: {
        const r = compactMemory64List(file, entry, out, keep, keepRange);
        keptMemory += r.kept;
        droppedMemory += r.dropped;
        break;
      }
    }
  }

  for (let i = 0; i < out.length; i++) if (!keep.mask[i]) out[i] = 0;

  // User names in paths inside kept memory (a path on the crashing stack) get the same stand-ins.
  for (const r of dump.memoryRanges()) {
    if (keepRange(r.start, r.size)) replaceUsersInBytes(out.subarray(r.rva, r.rva + r.size), users);
  }

  if (options.stripStrings) {
    // Strings inside kept memory only: structures and names were handled above.
    for (const r of dump.memoryRanges()) {
      if (!keepRange(r.start, r.size)) continue;
      for (const s of findStrings(out.subarray(r.rva, r.rva + r.size), 6)) {
        out.fill(0, r.rva + s.offset, r.rva + s.offset + s.text.length * (s.encoding === 'utf16' ? 2 : 1));
      }
    }
  }
  return { bytes: out, keptStreams: kept, droppedStreams: dropped, keptMemoryBytes: keptMemory, droppedMemoryBytes: droppedMemory, replacedUsers: users };
}

/** In-place, case-insensitive `\Users\NAME\` → `\Users\ALIAS\` over raw bytes, ASCII and UTF-16LE. */
function replaceUsersInBytes(bytes: Uint8Array, users: Record<string, string>): void {
  for (const [name, alias] of Object.entries(users)) {
    for (const prefix of ['\\users\\', '\\documents and settings\\']) {
      for (const wide of [false, true]) {
        const pattern = (prefix + name.toLowerCase()).split('').map((c) => c.charCodeAt(0));
        const step = wide ? 2 : 1;
        const span = pattern.length * step;
        for (let i = 0; i + span <= bytes.length; i++) {
          let hit = true;
          for (let k = 0; k < pattern.length && hit; k++) {
            const b = bytes[i + k * step]!;
            const lower = b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
            hit = lower === pattern[k] && (!wide || bytes[i + k * step + 1] === 0);
          }
          if (!hit) continue;
          const at = i + prefix.length * step;
          for (let k = 0; k < alias.length; k++) bytes[at + k * step] = alias.charCodeAt(k);
          i += span - 1;
        }
      }
    }
  }
}

function streamName(type: number): string {
  const hit = Object.entries(StreamType).find(([, v]) => v === type);
  return hit ? hit[0] : `0x${type.toString(16)}`;
}

function keepThreads(file: MinidumpFile, entry: DirectoryEntry, out: Uint8Array, keep: KeepMask, keptStackIds: ReadonlySet<number>): void {
  const elem = entry.type === StreamType.ThreadExList ? MINIDUMP_THREAD_EX : MINIDUMP_THREAD;
  const { count, first } = readCountedList(file, entry, elem.size, 'threads');
  for (let i = 0; i < count; i++) {
    const at = first + i * elem.size;
    const t = MINIDUMP_THREAD.read(file.reader, at);
    keep.keep(t.ContextRva, t.ContextDataSize);
    if (keptStackIds.has(t.ThreadId)) keep.keep(t.StackRva, t.StackDataSize);
    else {
      // Stack memory dropped: the descriptor says "no bytes captured".
      setU32(out, at + MINIDUMP_THREAD.offsetOf('StackDataSize'), 0);
      setU32(out, at + MINIDUMP_THREAD.offsetOf('StackRva'), 0);
    }
  }
}

/** Rewrites a MINIDUMP_STRING in place with user names replaced (same length). */
function keepName(file: MinidumpFile, rva: number, out: Uint8Array, keep: KeepMask, users: Record<string, string>): void {
  const extent = stringExtent(file, rva);
  if (!extent) return;
  keep.keep(rva, extent);
  const len = file.reader.u32(rva);
  const text = file.string(rva, 'module name');
  const replaced = replaceUsers(text, users);
  if (replaced === text || replaced.length * 2 !== len) return;
  for (let i = 0; i < replaced.length; i++) {
    out[rva + 4 + i * 2] = replaced.charCodeAt(i) & 0xff;
    out[rva + 5 + i * 2] = replaced.charCodeAt(i) >> 8;
  }
}

/** The PDB path of a CodeView record is 8-bit text after its header: replace user names there too. */
function keepCodeView(file: MinidumpFile, rva: number, size: number, out: Uint8Array, keep: KeepMask, users: Record<string, string>): void {
  if (!file.reader.has(rva, size) || size === 0) return;
  keep.keep(rva, size);
  const headerSize = file.reader.u32(rva) === 0x53445352 ? 24 : 16; // RSDS vs NB10
  if (size <= headerSize) return;
  const bytes = file.reader.bytes(rva + headerSize, size - headerSize);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  const replaced = replaceUsers(text, users);
  for (let i = 0; i < replaced.length; i++) out[rva + headerSize + i] = replaced.charCodeAt(i) & 0xff;
}

function keepModules(file: MinidumpFile, entry: DirectoryEntry, out: Uint8Array, keep: KeepMask, users: Record<string, string>): void {
  const { count, first } = readCountedList(file, entry, MINIDUMP_MODULE.size, 'modules');
  for (let i = 0; i < count; i++) {
    const m = MINIDUMP_MODULE.read(file.reader, first + i * MINIDUMP_MODULE.size);
    keepName(file, m.ModuleNameRva, out, keep, users);
    keepCodeView(file, m.CvRecordRva, m.CvRecordDataSize, out, keep, users);
    keep.keep(m.MiscRecordRva, m.MiscRecordDataSize);
  }
}

function keepUnloaded(file: MinidumpFile, entry: DirectoryEntry, out: Uint8Array, keep: KeepMask, users: Record<string, string>): void {
  const offsets = readSizedList(file, entry, MINIDUMP_UNLOADED_MODULE_LIST, MINIDUMP_UNLOADED_MODULE.size, (h) => ({
    sizeOfHeader: h.SizeOfHeader, sizeOfEntry: h.SizeOfEntry, count: h.NumberOfEntries,
  }));
  for (const o of offsets) keepName(file, MINIDUMP_UNLOADED_MODULE.read(file.reader, o).ModuleNameRva, out, keep, users);
}

type KeepRange = (start: bigint, size: number) => boolean;

/** Moves the kept descriptors to the front of the list and lowers the count; their bytes stay where they are. */
function compactMemoryList(file: MinidumpFile, entry: DirectoryEntry, out: Uint8Array, keep: KeepMask, keepRange: KeepRange) {
  const { count, first } = readCountedList(file, entry, MINIDUMP_MEMORY_DESCRIPTOR.size, 'memory ranges');
  const descs = Array.from({ length: count }, (_, i) => MINIDUMP_MEMORY_DESCRIPTOR.read(file.reader, first + i * MINIDUMP_MEMORY_DESCRIPTOR.size));
  const survivors = descs.filter((d) => keepRange(d.StartOfMemoryRange, d.DataSize));
  out.fill(0, first, first + count * MINIDUMP_MEMORY_DESCRIPTOR.size);
  survivors.forEach((d, i) => {
    const at = first + i * MINIDUMP_MEMORY_DESCRIPTOR.size;
    setU64(out, at, d.StartOfMemoryRange);
    setU32(out, at + 8, d.DataSize);
    setU32(out, at + 12, d.Rva);
    keep.keep(d.Rva, d.DataSize);
  });
  setU32(out, entry.rva, survivors.length);
  const kept = survivors.reduce((n, d) => n + d.DataSize, 0);
  const streamSize = first - entry.rva + survivors.length * MINIDUMP_MEMORY_DESCRIPTOR.size;
  return { kept, dropped: descs.reduce((n, d) => n + d.DataSize, 0) - kept, streamSize };
}

/** Memory64List data lie back to back: kept ranges are moved to the front of the data area. */
function compactMemory64List(file: MinidumpFile, entry: DirectoryEntry, out: Uint8Array, keep: KeepMask, keepRange: KeepRange) {
  const h = MINIDUMP_MEMORY64_LIST.read(file.reader, entry.rva);
  const n = Number(h.NumberOfMemoryRanges);
  const first = entry.rva + MINIDUMP_MEMORY64_LIST.size;
  let rva = Number(h.BaseRva);
  const ranges = Array.from({ length: n }, (_, i) => {
    const d = MINIDUMP_MEMORY_DESCRIPTOR64.read(file.reader, first + i * MINIDUMP_MEMORY_DESCRIPTOR64.size);
    const r = { start: d.StartOfMemoryRange, size: Number(d.DataSize), rva };
    rva += r.size;
    return r;
  });
  const survivors = ranges.filter((r) => keepRange(r.start, r.size));
  const data = survivors.map((r) => file.reader.bytes(r.rva, r.size));
  out.fill(0, first, first + n * MINIDUMP_MEMORY_DESCRIPTOR64.size);
  let write = Number(h.BaseRva);
  survivors.forEach((r, i) => {
    const at = first + i * MINIDUMP_MEMORY_DESCRIPTOR64.size;
    setU64(out, at, r.start);
    setU64(out, at + 8, BigInt(r.size));
    out.set(data[i]!, write);
    keep.keep(write, r.size);
    write += r.size;
  });
  setU64(out, entry.rva, BigInt(survivors.length));
  const kept = survivors.reduce((s, r) => s + r.size, 0);
  return { kept, dropped: ranges.reduce((s, r) => s + r.size, 0) - kept };
}
