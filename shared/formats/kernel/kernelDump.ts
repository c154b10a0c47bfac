import type { ByteSource } from '../../bytes/byteSource';
import { MemoryByteSource } from '../../bytes/byteSource';
import { Reader } from '../../bytes/reader';
import type {
  Bugcheck,
  CpuArch,
  Diagnostic,
  Dump,
  DumpException,
  DumpKind,
  DumpModule,
  DumpThread,
  MemoryReader,
  RegisterContext,
  SystemInfo,
  UnloadedModule,
} from '../../dump/types';
import { isDumpDeskError } from '../../errors';
import { peCodeId } from '../common/codeId';
import { baseName } from '../minidump/codeView';
import { readKernelContext } from './context';
import { describeCpu } from './cpuInfo';
import { findCurrentThread, type CurrentThread } from './currentThread';
import { readKernelHeader, type KernelHeader } from './header';
import { parseDebuggerData, type DebuggerData, type KdbgKeys } from './kdbg';
import { readLayout, type KernelLayout } from './layout';
import { PhysicalReader, RangeMemory, TranslatedMemory, type StoredRange } from './memory';
import { walkLoadedModuleList } from './moduleList';
import { readUnloadedDriversFromMemory } from './unloadedList';
import { findImageFileName } from './processName';
import { Machine } from './structs';
import { readTriageHeader, TriageDump } from './triage';
import type { PagingMode } from './translate';

export interface KernelDumpOptions {
  /** Keys to decode an encoded KDDEBUGGER_DATA64 (from nt's symbols). */
  kdbgKeys?: KdbgKeys;
}

/**
 * ETHREAD.Cid offsets (CLIENT_ID {UniqueProcess; UniqueThread}) we have verified: [first build, last build, offset].
 * 19041–19045 (Windows 10 2004–22H2 share one kernel layout): checked against WinDbg's `!thread`
 * (Cid 0cac.11b8) for corpus 083125-14875-01.dmp. 22621–22631 (11 22H2/23H2): the public 22H2
 * _ETHREAD (0x4c8), as in shared/debugger/kernel/layouts.ts. Other builds are unverified: no Cid.
 */
const ETHREAD_CID: Record<string, readonly (readonly [number, number, number])[]> = {
  amd64: [[19041, 19045, 0x478], [22621, 22631, 0x4c8]],
};

/**
 * Codes only live dumps carry (the system kept running): VIDEO_TDR_TIMEOUT_DETECTED,
 * VIDEO_ENGINE_TIMEOUT_DETECTED, CONNECTED_STANDBY_WATCHDOG_TIMEOUT_LIVEDUMP,
 * LIVE_SYSTEM_DUMP, VIDEO_DXGKRNL_LIVEDUMP, WIN32K_CALLOUT_WATCHDOG_LIVEDUMP.
 */
export const LIVE_DUMP_CODES = new Set([0x117, 0x141, 0x15f, 0x161, 0x193, 0x1a1]);

/** FILETIME (100 ns since 1601-01-01) → Date; undefined for 0 or out-of-range values. */
export function fileTimeToDate(ft: bigint | undefined): Date | undefined {
  if (!ft) return undefined;
  const ms = Number(ft / 10000n) - 11644473600000;
  return ms > 0 && ms < 8.64e15 ? new Date(ms) : undefined;
}

function archOf(machine: number): CpuArch {
  switch (machine) {
    case Machine.I386: return 'x86';
    case Machine.AMD64: return 'amd64';
    case Machine.ARM64: return 'arm64';
    case Machine.ARMNT: return 'arm';
    default: return 'unknown';
  }
}

/** NT version for a build number (the kernel header stores only the build). */
export function ntVersionForBuild(build: number): [number, number] {
  if (build >= 10240) return [10, 0];
  if (build >= 9600) return [6, 3];
  if (build >= 9200) return [6, 2];
  if (build >= 7600) return [6, 1];
  if (build >= 6000) return [6, 0];
  if (build >= 3790) return [5, 2];
  if (build >= 2600) return [5, 1];
  return [5, 0];
}

/** Marketing name the way WinDbg's OSNAME prints it. */
export function osNameForBuild(build: number, productType: number | undefined): string {
  const server = productType !== undefined && productType !== 1;
  if (server) {
    if (build >= 26100) return 'Windows Server 2025';
    if (build >= 20348) return 'Windows Server 2022';
    if (build >= 17763) return 'Windows Server 2019';
    if (build >= 14393) return 'Windows Server 2016';
  }
  if (build >= 22000) return 'Windows 11';
  if (build >= 10240) return 'Windows 10';
  if (build >= 9600) return server ? 'Windows Server 2012 R2' : 'Windows 8.1';
  if (build >= 9200) return server ? 'Windows Server 2012' : 'Windows 8';
  if (build >= 7600) return server ? 'Windows Server 2008 R2' : 'Windows 7';
  if (build >= 6000) return server ? 'Windows Server 2008' : 'Windows Vista';
  if (build >= 3790) return 'Windows Server 2003';
  if (build >= 2600) return 'Windows XP';
  return 'Windows 2000';
}

/**
 * A kernel crash dump of any type, behind the shared `Dump` interface.
 * Opening reads the 4/8 KiB header and the type-specific header and builds the
 * physical page index; everything else is decoded on first use.
 */
export class KernelDump implements Dump {
  readonly format = 'kernel' as const;
  readonly kind: DumpKind;
  readonly is64: boolean;
  readonly fileSize: number;
  readonly arch: CpuArch;
  readonly header: KernelHeader;
  readonly layout: KernelLayout;
  readonly triage: TriageDump | undefined;
  readonly memory: MemoryReader;
  /** Paging mode and the table walker, for full/kernel/bitmap dumps. */
  readonly translated: TranslatedMemory | undefined;
  readonly diagnostics: Diagnostic[] = [];
  /** The bounds-checked reader over the file (for describe and tests). */
  readonly reader: Reader;
  private get r(): Reader {
    return this.reader;
  }
  private cache = new Map<string, unknown>();

  constructor(source: ByteSource, private readonly options: KernelDumpOptions = {}) {
    this.reader = new Reader(source, 'kernel dump');
    this.header = readKernelHeader(this.r);
    this.is64 = this.header.is64;
    this.fileSize = source.size;
    this.arch = archOf(this.header.machineImageType);
    this.layout = readLayout(this.r, this.header);
    if (this.arch === 'unknown') this.warn('UnknownMachine', `MachineImageType 0x${this.header.machineImageType.toString(16)} is not one we know`);
    switch (this.layout.type) {
      case 'triage': {
        this.triage = new TriageDump(this.r, readTriageHeader(this.r, this.header.headerSize, this.is64), this.is64);
        this.kind = 'kernel-small';
        this.translated = undefined;
        this.memory = new RangeMemory(this.r, this.triageRanges());
        break;
      }
      case 'header-only':
        this.triage = undefined;
        this.kind = 'kernel-kernel';
        this.translated = undefined;
        this.memory = new RangeMemory(this.r, []);
        break;
      case 'runs':
      case 'bitmap': {
        this.triage = undefined;
        const p = this.layout.physical;
        if (p.truncatedAt !== undefined) {
          this.warn('Truncated', `the file ends at 0x${this.r.size.toString(16)}: pages stored from 0x${p.truncatedAt.toString(16)} on are missing`);
        }
        const complete = this.layout.type === 'runs' ? (this.layout.rdmp ?? 'complete') === 'complete' : this.layout.full;
        this.kind = complete ? 'kernel-complete' : 'kernel-kernel';
        this.translated = new TranslatedMemory(new PhysicalReader(this.r, p), this.pagingMode(), this.header.directoryTableBase);
        this.memory = this.translated;
        break;
      }
    }
    // Live kernel dumps (LiveKernelReports\WATCHDOG-*.dmp, Task Manager) carry a live-dump code
    // instead of a real bugcheck; a small dump keeps its own kind.
    if (LIVE_DUMP_CODES.has(this.header.bugCheckCode) && this.kind !== 'kernel-small') this.kind = 'kernel-live';
  }

  private warn(code: string, message: string): void {
    this.diagnostics.push({ level: 'warning', code, message });
  }

  /** A format problem in one part of the dump becomes a diagnostic; anything else is a bug and propagates. */
  private soft(e: unknown, code: string): void {
    if (!isDumpDeskError(e)) throw e;
    this.warn(code, e.message);
  }

  private once<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }

  /** PAE when the header says so, else by architecture. */
  pagingMode(): PagingMode {
    if (this.arch === 'x86') return this.header.paeEnabled ? 'pae' : 'x86';
    if (this.arch === 'arm64') return 'arm64';
    return 'x64';
  }

  private ptr(v: bigint): bigint {
    return this.is64 ? v : BigInt.asUintN(32, v);
  }

  /** Virtual memory a small dump carries: the call stack, data blocks, and the thread/process copies where their VAs are known. */
  private triageRanges(): StoredRange[] {
    const t = this.triage!;
    const out: StoredRange[] = [];
    try {
      const stack = t.callStack();
      if (stack) out.push(stack);
    } catch (e) {
      this.soft(e, 'CallStackUnreadable');
    }
    try {
      out.push(...t.dataBlocks());
    } catch (e) {
      this.soft(e, 'DataBlocksUnreadable');
    }
    try {
      out.push(...this.blobRanges());
    } catch (e) {
      this.soft(e, 'BlobsUnmapped');
    }
    for (const p of t.problems.splice(0)) this.warn('TriageEntry', p);
    return out;
  }

  /**
   * The ETHREAD and EPROCESS copies mapped at their kernel addresses, using
   * KDDEBUGGER_DATA64's offsets: PRCB.CurrentThread → thread, KTHREAD.ApcState.Process → process.
   */
  private blobRanges(): StoredRange[] {
    const k = this.debuggerData()?.offsets;
    const kthread = this.threadAddress();
    const thread = this.tryTriage(() => this.triage?.thread(k?.sizeEThread || undefined));
    if (!k || kthread === undefined || !thread) return [];
    const out: StoredRange[] = [{ start: kthread, size: thread.size, fileOffset: thread.offset }];
    const w = this.is64 ? 8 : 4;
    const at = thread.offset + k.kthreadApcProcess;
    const process = this.tryTriage(() => this.triage?.process(k.sizeEProcess || undefined));
    if (process && k.kthreadApcProcess + w <= thread.size) {
      const va = this.is64 ? this.r.u64(at) : BigInt(this.r.u32(at));
      out.push({ start: va, size: process.size, fileOffset: process.offset });
    }
    return out;
  }

  /** KDDEBUGGER_DATA64: the triage copy, or read at KdDebuggerDataBlock through memory. */
  debuggerData(): DebuggerData | undefined {
    return this.once('kdbg', () => {
      let bytes: Uint8Array | undefined;
      const blob = this.tryTriage(() => this.triage?.debuggerData());
      if (blob) bytes = this.r.bytes(blob.offset, blob.size);
      else if (this.translated && this.header.kdDebuggerDataBlock !== 0n) {
        const va = this.header.kdDebuggerDataBlock;
        const head = this.memory.read(va, 0x18);
        if (head) {
          const size = new Reader(new MemoryByteSource(head)).u32(0x14);
          // An encoded block has a scrambled Size: read the known KDDEBUGGER_DATA64 length instead.
          bytes = this.memory.read(va, size >= 0x18 && size <= 0x1000 ? size : 0x380);
        }
      }
      if (!bytes) return undefined;
      const d = parseDebuggerData(bytes, this.options.kdbgKeys);
      if (!d) {
        this.warn('KdbgEncoded', 'KDDEBUGGER_DATA64 is encoded and no KiWaitNever/KiWaitAlways keys were given');
        return undefined;
      }
      // 32-bit kernels store sign-extended pointers in the 64-bit block.
      if (!this.is64) {
        const t = (v: bigint | undefined): bigint | undefined => (v === undefined ? undefined : BigInt.asUintN(32, v));
        return {
          ...d, kernBase: t(d.kernBase)!, psLoadedModuleList: t(d.psLoadedModuleList)!, psActiveProcessHead: t(d.psActiveProcessHead)!,
          mmPfnDatabase: t(d.mmPfnDatabase), kiProcessorBlock: t(d.kiProcessorBlock), mmUnloadedDrivers: t(d.mmUnloadedDrivers),
          mmLastUnloadedDriver: t(d.mmLastUnloadedDriver), ntBuildLab: t(d.ntBuildLab),
        };
      }
      return d;
    });
  }

  private tryTriage<T>(f: () => T): T | undefined {
    try {
      return f();
    } catch (e) {
      this.soft(e, 'TriageUnreadable');
      return undefined;
    }
  }

  system(): SystemInfo {
    const build = this.header.minorVersion;
    const [major, minor] = ntVersionForBuild(build);
    return {
      os: osNameForBuild(build, this.header.productType),
      osVersion: `${major}.${minor}.${build}`,
      majorVersion: major,
      minorVersion: minor,
      buildNumber: build,
      productType: this.header.productType,
      cpuArch: this.arch,
      cpuCount: this.header.numberProcessors,
      cpuInfo: this.cpuInfo(),
    };
  }

  /** From the bug-checking KPRCB: the small dump's copy, or the one KiProcessorBlock points to. */
  private cpuInfo(): string | undefined {
    return this.once('cpu', () => {
      const k = this.debuggerData();
      if (!k?.offsets) return undefined;
      let prcb: Uint8Array | undefined;
      if (this.triage) {
        const blob = this.tryTriage(() => this.triage?.prcb());
        prcb = blob ? this.r.bytes(blob.offset, blob.size) : undefined;
      } else {
        const t = this.currentThread();
        if (t) prcb = this.memory.read(this.ptr(t.prcb), Math.min(k.offsets.sizePrcb || 0x1000, 0x20000));
      }
      return prcb ? describeCpu(prcb, k, this.arch) : undefined;
    });
  }

  timestamp(): Date | undefined {
    return fileTimeToDate(this.header.systemTime);
  }

  /** The bug-checking processor's CONTEXT: the small dump's copy, else the header slot. */
  context(): RegisterContext | undefined {
    return this.once('context', () => {
      const off = this.triage?.header.contextOffset || this.header.contextOffset;
      return readKernelContext(this.r, off, this.arch);
    });
  }

  /** VA of the faulting thread (KTHREAD) from PRCB.CurrentThread, when the small dump lets us read it. */
  private threadAddress(): bigint | undefined {
    const k = this.debuggerData();
    const prcb = this.tryTriage(() => this.triage?.prcb());
    if (!k?.offsets || !prcb) return undefined;
    const at = prcb.offset + k.offsets.prcbCurrentThread;
    if (!this.r.has(at, this.is64 ? 8 : 4) || at + (this.is64 ? 8 : 4) > prcb.offset + prcb.size) return undefined;
    return this.is64 ? this.r.u64(at) : BigInt(this.r.u32(at));
  }

  /** Dumps holding kernel memory: the bug-checking thread found through KiProcessorBlock. */
  private currentThread(): CurrentThread | undefined {
    return this.once('current', () => {
      const k = this.debuggerData();
      if (!this.translated || !k) return undefined;
      return findCurrentThread(this.memory, k, this.is64, this.header.numberProcessors, this.context()?.sp);
    });
  }

  /** A copy of the faulting thread's ETHREAD: the small dump's blob, or read from memory. */
  private threadBytes(): Uint8Array | undefined {
    if (this.triage) {
      const th = this.tryTriage(() => this.triage?.thread());
      return th ? this.r.bytes(th.offset, th.size) : undefined;
    }
    const t = this.currentThread();
    const size = this.debuggerData()?.offsets?.sizeEThread || 0x800;
    return t ? this.memory.read(this.ptr(t.thread), size) : undefined;
  }

  /** A copy of the current process's EPROCESS: the small dump's blob, or read from memory. */
  private processBytes(): Uint8Array | undefined {
    const size = this.debuggerData()?.offsets?.sizeEProcess || undefined;
    if (this.triage) {
      const blob = this.tryTriage(() => this.triage?.process(size));
      return blob ? this.r.bytes(blob.offset, blob.size) : undefined;
    }
    const process = this.currentThread()?.process;
    return process ? this.memory.read(this.ptr(process), size ?? 0x800) : undefined;
  }

  private cid(): { pid: number; tid: number } | undefined {
    return this.once('cid', () => {
      const th = this.threadBytes();
      const rows = ETHREAD_CID[this.arch] ?? [];
      const build = this.header.minorVersion;
      const off = rows.find(([from, to]) => build >= from && build <= to)?.[2];
      if (!th || off === undefined || off + 16 > th.length) return undefined;
      const r = new Reader(new MemoryByteSource(th));
      const pid = r.u64(off);
      const tid = r.u64(off + 8);
      return pid < 0x100000000n && tid < 0x100000000n ? { pid: Number(pid), tid: Number(tid) } : undefined;
    });
  }

  /**
   * The faulting thread's stack: the small dump's copy, or — with kernel memory —
   * the readable pages from the stack pointer up (kernel stacks are at most a few pages).
   */
  private stackRange(sp: bigint | undefined): { start: bigint; size: number } | undefined {
    const copied = this.tryTriage(() => this.triage?.callStack());
    if (copied) return { start: copied.start, size: copied.size };
    if (!this.translated || sp === undefined) return undefined;
    let size = 0;
    let page = sp & ~0xfffn;
    for (let i = 0; i < 6 && this.memory.read(page, 1); i++, page += 0x1000n) size = Number(page + 0x1000n - sp);
    return size > 0 ? { start: sp, size } : undefined;
  }

  threads(): readonly DumpThread[] {
    return this.once('threads', () => {
      const context = this.context();
      const t: DumpThread = { id: this.cid()?.tid ?? 0, name: 'bugcheck thread' };
      if (context) t.context = context;
      const stack = this.stackRange(context?.sp);
      if (stack) t.stack = stack;
      const kthread = this.triage ? this.threadAddress() : this.currentThread()?.thread;
      if (kthread !== undefined) t.teb = this.ptr(kthread);
      return [t];
    });
  }

  crashingThreadIndex(): number | undefined {
    return 0;
  }

  modules(): readonly DumpModule[] {
    return this.once('modules', () => {
      let list: { path: string; base: bigint; size: number; checksum: number; timestamp: number }[] = [];
      if (this.triage) {
        list = this.tryTriage(() => [...this.triage!.drivers()]) ?? [];
        for (const p of this.triage.problems.splice(0)) this.warn('TriageEntry', p);
      } else if (this.translated) {
        const head = this.debuggerData()?.psLoadedModuleList || this.header.psLoadedModuleList;
        const walk = walkLoadedModuleList(this.memory, this.ptr(head), this.is64);
        if (walk.problem) this.warn('ModuleListIncomplete', walk.problem);
        list = walk.modules;
      }
      return list.map((d): DumpModule => {
        const name = baseName(d.path);
        return {
          name,
          path: d.path,
          base: this.ptr(d.base),
          size: d.size,
          timestamp: d.timestamp,
          checksum: d.checksum,
          codeId: peCodeId(d.timestamp, d.size),
        };
      });
    });
  }

  unloadedModules(): readonly UnloadedModule[] {
    return this.once('unloaded', () => {
      const k = this.translated ? this.debuggerData() : undefined;
      const list = this.triage
        ? this.tryTriage(() => this.triage?.unloadedDrivers()) ?? []
        : k?.mmUnloadedDrivers ? readUnloadedDriversFromMemory(this.memory, this.ptr(k.mmUnloadedDrivers), this.is64) : [];
      return list.map((u) => {
        const size = u.end > u.start && u.end - u.start < 0x100000000n ? Number(u.end - u.start) : 0;
        return { name: u.name, base: this.ptr(u.start), size, timestamp: 0 };
      });
    });
  }

  exception(): DumpException | undefined {
    return undefined;
  }

  bugcheck(): Bugcheck | undefined {
    const p = this.header.bugCheckParameters.map((v) => this.ptr(v)) as Bugcheck['parameters'];
    return { code: this.header.bugCheckCode, parameters: p };
  }

  /** PROCESS_NAME from the EPROCESS copy, and how it was found. */
  processName(): { name: string; how: 'table' | 'scan'; offset: number } | undefined {
    return this.once('pname', () => {
      const bytes = this.processBytes();
      return bytes ? findImageFileName(bytes, this.arch, this.header.minorVersion) : undefined;
    });
  }

  process(): { name?: string; id?: number; createTime?: Date; uptimeSeconds?: number } | undefined {
    const name = this.processName()?.name;
    const pid = this.cid()?.pid;
    if (name === undefined && pid === undefined) return undefined;
    const out: { name?: string; id?: number } = {};
    if (name !== undefined) out.name = name;
    if (pid !== undefined) out.id = pid;
    return out;
  }

  /** Seconds since boot at the crash (header SystemUpTime). */
  systemUptimeSeconds(): number | undefined {
    const t = this.header.systemUpTime;
    return t === undefined ? undefined : Number(t / 10000000n);
  }
}

export function isKernelDump(d: Dump): d is KernelDump {
  return d instanceof KernelDump;
}
