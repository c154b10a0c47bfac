import type { ByteSource } from '../../bytes/byteSource';
import type {
  Bugcheck, CpuArch, Diagnostic, Dump, DumpException, DumpModule, DumpThread, MemoryReader, MemoryRegion,
  RegisterContext, SystemInfo, UnloadedModule,
} from '../../dump/types';
import { isDumpDeskError } from '../../errors';
import { readComments } from './comments';
import { archFromContextSize, decodeContext } from './context/index';
import { type DecodedException, readException } from './exception';
import { type HandleInfo, readHandleData } from './handles';
import { MinidumpFile } from './minidumpFile';
import { MinidumpMemory, type MemoryRange, readMemory64List, readMemoryList } from './memory';
import { type RawMemoryInfo, readMemoryInfoList } from './memoryInfo';
import { type MiscInfo, readMiscInfo } from './miscInfo';
import { type DecodedModule, readModuleList, readUnloadedModuleList } from './modules';
import { type DecodedSystemInfo, readSystemInfo } from './systemInfo';
import { filetimeToDate, type RawThread, type RawThreadInfo, readThreadInfoList, readThreadList, readThreadNames } from './threads';
import { type BreakpadInfo, type CrashpadInfo, readBreakpadInfo, readCrashpadInfo } from './vendorInfo';

/** Decodes on first call, then returns the cached value (or rethrows the cached error). */
function lazy<T>(compute: () => T): () => T {
  let state: { ok: true; v: T } | { ok: false; e: unknown } | undefined;
  return () => {
    if (!state) {
      try {
        state = { ok: true, v: compute() };
      } catch (e) {
        state = { ok: false, e };
      }
    }
    if (state.ok) return state.v;
    throw state.e;
  };
}

/**
 * A user-mode minidump behind the `Dump` interface.
 *
 * Error policy, one rule for every stream:
 * - Core streams — SystemInfo, ThreadList/ThreadExList (with each thread's
 *   CONTEXT), ModuleList, MemoryList/Memory64List and Exception — are what a
 *   crash report is made of. If one is present but cannot be decoded, its
 *   accessor throws a `DumpFormatError` naming the stream (every call, the
 *   error is cached). A missing core stream is not an error: the accessor
 *   returns empty/undefined.
 * - Auxiliary streams — MiscInfo, ThreadInfoList, ThreadNames,
 *   UnloadedModuleList, MemoryInfoList, HandleData, Comment, Breakpad and
 *   Crashpad info — only add detail. If one cannot be decoded we record a
 *   `StreamUnreadable` diagnostic and return empty/undefined.
 */
export class MinidumpDump implements Dump {
  readonly format = 'minidump' as const;
  readonly kind = 'user-minidump' as const;
  readonly diagnostics: Diagnostic[] = [];
  readonly file: MinidumpFile;
  readonly fileSize: number;
  readonly memory: MemoryReader;

  constructor(source: ByteSource) {
    this.file = new MinidumpFile(source, this.diagnostics);
    this.fileSize = source.size;
    const getMemory = this.memoryReader;
    this.memory = {
      read: (address: bigint, size: number) => getMemory().read(address, size),
      regions: (): readonly MemoryRegion[] => getMemory().regions(),
    };
  }

  // --- raw decoded streams (cached) -------------------------------------

  readonly systemInfoStream = lazy((): DecodedSystemInfo | undefined => readSystemInfo(this.file));
  readonly rawThreads = lazy((): RawThread[] => readThreadList(this.file));
  readonly decodedModules = lazy((): DecodedModule[] => readModuleList(this.file));
  readonly exceptionStream = lazy((): DecodedException | undefined => readException(this.file));
  readonly memoryRanges = lazy((): MemoryRange[] => [...readMemoryList(this.file), ...readMemory64List(this.file)]);

  readonly miscInfo = lazy(() => this.optional('MiscInfo', () => readMiscInfo(this.file), undefined as MiscInfo | undefined));
  readonly threadInfos = lazy(() => this.optional('ThreadInfoList', () => readThreadInfoList(this.file), [] as RawThreadInfo[]));
  readonly threadNames = lazy(() => this.optional('ThreadNames', () => readThreadNames(this.file), new Map<number, string>()));
  readonly unloaded = lazy(() => this.optional('UnloadedModuleList', () => readUnloadedModuleList(this.file), []));
  readonly memoryInfo = lazy(() => this.optional('MemoryInfoList', () => readMemoryInfoList(this.file), [] as RawMemoryInfo[]));
  readonly handles = lazy(() => this.optional('HandleData', () => readHandleData(this.file), [] as HandleInfo[]));
  readonly comments = lazy(() => this.optional('Comment', () => readComments(this.file), {}));
  readonly breakpadInfo = lazy(() => this.optional('BreakpadInfo', () => readBreakpadInfo(this.file), undefined as BreakpadInfo | undefined));
  readonly crashpadInfo = lazy(() => this.optional('CrashpadInfo', () => readCrashpadInfo(this.file), undefined as CrashpadInfo | undefined));

  private optional<T>(stream: string, read: () => T, empty: T): T {
    try {
      return read();
    } catch (e) {
      if (!isDumpDeskError(e)) throw e;
      this.diagnostics.push({ level: 'warning', code: 'StreamUnreadable', message: `${stream} stream skipped: ${e.message}` });
      return empty;
    }
  }

  private readonly memoryReader = lazy((): MemoryReader => {
    const ranges = this.memoryRanges();
    // Thread stacks are normally also in the MemoryList; add those that are not.
    for (const t of this.rawThreads()) {
      if (t.StackDataSize > 0 && t.StackRva > 0 && this.file.reader.has(t.StackRva, t.StackDataSize)) {
        ranges.push({ start: t.StackStart, size: t.StackDataSize, rva: t.StackRva });
      }
    }
    return new MinidumpMemory(this.file, ranges, this.diagnostics);
  });

  // --- Dump ---------------------------------------------------------------

  /** CPU architecture from SystemInfo, else guessed from the first thread's CONTEXT size. */
  readonly arch = lazy((): CpuArch => {
    const si = this.systemInfoStream();
    if (si && si.info.cpuArch !== 'unknown') return si.info.cpuArch;
    const t = this.rawThreads()[0];
    return t ? archFromContextSize(t.ContextDataSize) : 'unknown';
  });

  get is64(): boolean {
    const a = this.arch();
    return a === 'amd64' || a === 'arm64';
  }

  system(): SystemInfo {
    const si = this.systemInfoStream();
    if (si) return si.info;
    return { os: 'unknown', osVersion: '', cpuArch: this.arch(), cpuCount: 0 };
  }

  timestamp(): Date | undefined {
    return this.file.time;
  }

  /** Decodes a CONTEXT record; undefined (with a diagnostic) for architectures we do not read. */
  context(rva: number, size: number, what: string): RegisterContext | undefined {
    if (size === 0) return undefined;
    const arch = this.arch();
    if (arch === 'unknown') {
      this.diagnostics.push({ level: 'info', code: 'UnknownArchitecture', message: `${what}: CPU architecture unknown, registers not decoded` });
      return undefined;
    }
    return decodeContext(this.file.reader, rva, size, arch);
  }

  readonly threadList = lazy((): DumpThread[] => {
    const names = this.threadNames();
    const infos = new Map(this.threadInfos().map((i) => [i.ThreadId, i]));
    return this.rawThreads().map((t) => {
      const info = infos.get(t.ThreadId);
      const thread: DumpThread = {
        id: t.ThreadId,
        name: names.get(t.ThreadId),
        context: this.context(t.ContextRva, t.ContextDataSize, `thread 0x${t.ThreadId.toString(16)}`),
        stack: t.StackDataSize ? { start: t.StackStart, size: t.StackDataSize } : undefined,
        teb: t.Teb,
        priority: t.Priority,
        suspendCount: t.SuspendCount,
      };
      if (info) {
        thread.createTime = filetimeToDate(info.CreateTime);
        thread.kernelTimeMs = Number(info.KernelTime / 10000n);
        thread.userTimeMs = Number(info.UserTime / 10000n);
      }
      return thread;
    });
  });

  threads(): readonly DumpThread[] {
    return this.threadList();
  }

  modules(): readonly DumpModule[] {
    return this.decodedModules().map((m) => m.module);
  }

  unloadedModules(): readonly UnloadedModule[] {
    return this.unloaded().map((u) => u.module);
  }

  private readonly exceptionValue = lazy((): DumpException | undefined => {
    const e = this.exceptionStream();
    if (!e) return undefined;
    return {
      code: e.raw.ExceptionCode,
      flags: e.raw.ExceptionFlags,
      address: e.raw.ExceptionAddress,
      parameters: e.parameters,
      threadId: e.raw.ThreadId,
      context: this.context(e.raw.ContextRva, e.raw.ContextDataSize, 'exception'),
    };
  });

  exception(): DumpException | undefined {
    return this.exceptionValue();
  }

  bugcheck(): Bugcheck | undefined {
    return undefined;
  }

  /** The thread the Exception stream names; without one, Breakpad's requesting thread. */
  crashingThreadIndex(): number | undefined {
    const id = this.exceptionStream()?.raw.ThreadId ?? this.breakpadInfo()?.requestingThreadId;
    if (id === undefined) return undefined;
    const i = this.rawThreads().findIndex((t) => t.ThreadId === id);
    return i < 0 ? undefined : i;
  }

  process(): { name?: string; id?: number; createTime?: Date; uptimeSeconds?: number } | undefined {
    const main = this.decodedModules()[0]?.module;
    const misc = this.miscInfo();
    const created = misc?.processCreateTime;
    const written = this.file.time;
    if (!main && !misc) return undefined;
    return {
      name: main?.name,
      id: misc?.processId,
      createTime: created,
      uptimeSeconds: created && written ? Math.max(0, Math.round((written.getTime() - created.getTime()) / 1000)) : undefined,
    };
  }
}
