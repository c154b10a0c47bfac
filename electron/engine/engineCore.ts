/**
 * The engine: open dumps held as sessions with ids, and the operations on
 * them. Runs inside the engine worker (never on the main thread) and is plain
 * synchronous code over the `Dump` interface, so it is tested directly.
 *
 * Cancellation is not handled here: readers and analysis are synchronous, so
 * a running step cannot be interrupted from inside. The worker's queue
 * (engineHost.ts) drops steps not yet started and the client
 * (engineClient.ts) rejects the caller at once and discards late results.
 */
import { scanPrivacy, type PrivacyReport } from '../../shared/analysis/privacy/scan';
import type { AnalysisReport } from '../../shared/analysis/report';
import type { CommandOutput, DumpSessionInfo, MemoryBytes, SessionProgress } from '../../shared/api';
import { ApiError } from '../../shared/api/errors';
import type { FrameUnwinder } from '../../shared/analysis/stackwalk/unwinder';
import type { Dump } from '../../shared/dump/types';
import type { SymbolResolver } from '../../shared/symbols/types';
import type { CrashSummary } from '../services/history/crashSummary';
import { hex } from '../../shared/hex';

/** An opened dump, what the session found for it (symbols), and how to release both. */
export interface OpenedDumpHandle {
  dump: Dump;
  close(): void;
  /** Symbol lookups and unwinders prepared for the dump's modules, when a symbol path is set. */
  symbols?: { resolver: SymbolResolver; unwinders: readonly FrameUnwinder[]; describe(): string };
}

/** A session's command engine; it keeps state between commands (current thread, `.ecxr` scope, where `d`/`u` stopped). */
export interface SessionDebugger {
  run(line: string): CommandOutput;
  /**
   * Names of `module`'s symbols starting with `prefix` (case-insensitive), sorted, at most
   * `limit`; [] when the module is unknown or its symbols cannot be listed.
   */
  completeSymbols?(module: string, prefix: string, limit: number): string[];
}

/** What the engine needs from the format readers, analysis and the debugger; injected so tests and partial builds can supply what exists. */
export interface EngineDeps {
  /** May take a while (symbol downloads); progress is reported through `progress`. */
  openFile(path: string, progress: (message: string) => void): OpenedDumpHandle | Promise<OpenedDumpHandle>;
  analyze(handle: OpenedDumpHandle, path: string): AnalysisReport;
  createDebugger(handle: OpenedDumpHandle, path: string): SessionDebugger;
  /** The history row facts of the dump at `path` (opened, summarised and closed again: no session). */
  summarize(path: string): CrashSummary;
}

interface Session {
  info: DumpSessionInfo;
  handle: OpenedDumpHandle;
  /** Created at the first command. */
  debugger?: SessionDebugger;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function describe(sessionId: string, path: string, dump: Dump): DumpSessionInfo {
  const sys = dump.system();
  return {
    sessionId,
    file: { path, name: baseName(path), size: dump.fileSize },
    format: dump.format,
    kind: dump.kind,
    is64: dump.is64,
    system: { os: sys.os, osVersion: sys.osVersion, build: sys.buildNumber ?? null, cpuArch: sys.cpuArch, cpuCount: sys.cpuCount },
    time: dump.timestamp()?.toISOString() ?? null,
    diagnostics: dump.diagnostics.map((d) => ({ level: d.level, code: d.code, message: d.message })),
  };
}

function toHexBytes(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export class EngineCore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly deps: EngineDeps,
    private readonly progress: (p: SessionProgress) => void = () => {},
  ) {}

  /** Opens `path` as session `sessionId` (ids are chosen by the client so it can cancel an open in flight). */
  async open(sessionId: string, path: string): Promise<DumpSessionInfo> {
    if (this.sessions.has(sessionId)) throw new ApiError('Invalid', `session ${sessionId} is already open`);
    this.progress({ sessionId, phase: 'open', fraction: 0, message: `Opening ${baseName(path)}` });
    const handle = await this.deps.openFile(path, (message) => this.progress({ sessionId, phase: 'symbols', fraction: null, message }));
    let info: DumpSessionInfo;
    try {
      info = describe(sessionId, path, handle.dump);
    } catch (e) {
      handle.close();
      throw e;
    }
    this.sessions.set(sessionId, { info, handle });
    this.progress({ sessionId, phase: 'open', fraction: 1, message: `Opened ${baseName(path)}` });
    return info;
  }

  close(sessionId: string): void {
    const s = this.session(sessionId);
    this.sessions.delete(sessionId);
    s.handle.close();
  }

  analyze(sessionId: string): AnalysisReport {
    const s = this.session(sessionId);
    this.progress({ sessionId, phase: 'analyze', fraction: null, message: 'Analyzing' });
    const report = this.deps.analyze(s.handle, s.info.file.path);
    this.progress({ sessionId, phase: 'analyze', fraction: 1, message: 'Analysis done' });
    return report;
  }

  /** What the dump reveals about its person and machine (shared/analysis/privacy). */
  privacy(sessionId: string): PrivacyReport {
    return scanPrivacy(this.session(sessionId).handle.dump);
  }

  runCommand(sessionId: string, line: string): CommandOutput {
    const s = this.session(sessionId);
    s.debugger ??= this.deps.createDebugger(s.handle, s.info.file.path);
    return s.debugger.run(line);
  }

  /**
   * Console completion after `mod!`. A dump opened without a symbol path answers [] at once
   * (no debugger is built for it); otherwise the session's debugger lists the module.
   */
  completeSymbols(sessionId: string, module: string, prefix: string, limit: number): string[] {
    const s = this.session(sessionId);
    if (!s.handle.symbols) return [];
    s.debugger ??= this.deps.createDebugger(s.handle, s.info.file.path);
    return s.debugger.completeSymbols?.(module, prefix, limit) ?? [];
  }

  readMemory(sessionId: string, address: string, length: number): MemoryBytes {
    const s = this.session(sessionId);
    const bytes = s.handle.dump.memory.read(BigInt(address), length);
    return { address: hex(BigInt(address)), hex: bytes ? toHexBytes(bytes) : null };
  }

  /** For the history indexer, so analysing new dumps never runs on the main thread. */
  summarize(path: string): CrashSummary {
    return this.deps.summarize(path);
  }

  list(): DumpSessionInfo[] {
    return [...this.sessions.values()].map((s) => s.info);
  }

  /** Closes every session (worker shutdown). */
  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.close(id);
  }

  private session(sessionId: string): Session {
    const s = this.sessions.get(sessionId);
    if (!s) throw new ApiError('UnknownSession', `no open dump session '${sessionId}' (closed, or the engine restarted)`);
    return s;
  }
}
