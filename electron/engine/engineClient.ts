/**
 * The engine as the main process (or the web host) sees it: async methods
 * that post to the worker and resolve with its answers. Session ids are
 * chosen here, so an open can be cancelled before its id is known elsewhere.
 *
 * `cancel(id)` rejects the session's pending calls at once (the UI never
 * waits for a cancelled step), tells the worker to drop queued steps, and
 * closes a session whose open finishes after it was cancelled.
 */
import type { PrivacyReport } from '../../shared/analysis/privacy/scan';
import type { AnalysisReport } from '../../shared/analysis/report';
import type { CommandOutput, DumpSessionInfo, MemoryBytes, SessionProgress } from '../../shared/api';
import { ApiError, fromWireError, type Envelope } from '../../shared/api/errors';
import type { CrashSummary } from '../services/history/crashSummary';
import type { EngineOp, EnginePort, FromEngine, ToEngine } from './protocol';

interface Pending {
  op: EngineOp;
  sessionId: string | undefined;
  resolve(value: unknown): void;
  reject(error: Error): void;
  cancelled: boolean;
}

export interface EngineClient {
  open(path: string): Promise<DumpSessionInfo>;
  close(sessionId: string): Promise<void>;
  analyze(sessionId: string): Promise<AnalysisReport>;
  privacy(sessionId: string): Promise<PrivacyReport>;
  runCommand(sessionId: string, line: string): Promise<CommandOutput>;
  /** Symbol names of `module` starting with `prefix` (console completion after `mod!`). */
  completeSymbols(sessionId: string, module: string, prefix: string, limit: number): Promise<string[]>;
  readMemory(sessionId: string, address: string, length: number): Promise<MemoryBytes>;
  list(): Promise<DumpSessionInfo[]>;
  summarize(path: string): Promise<CrashSummary>;
  cancel(sessionId: string): void;
  onProgress(listener: (p: SessionProgress) => void): () => void;
  /** Rejects everything pending (the worker exited). */
  fail(reason: string): void;
}

export function createEngineClient(port: EnginePort<ToEngine, FromEngine>): EngineClient {
  let nextCall = 1;
  let nextSession = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(p: SessionProgress) => void>();

  port.onMessage((msg) => {
    if (msg.kind === 'progress') {
      for (const l of listeners) l(msg.progress);
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (p.cancelled) {
      // The caller was already told "Cancelled"; do not leak a session it never learnt about.
      if (p.op === 'open' && msg.envelope.ok) send('close', [p.sessionId]).catch(() => {});
      return;
    }
    settle(p, msg.envelope);
  });

  function settle(p: Pending, env: Envelope<unknown>): void {
    if (env.ok) p.resolve(env.value);
    else p.reject(fromWireError(env.error));
  }

  function send(op: EngineOp, args: unknown[]): Promise<unknown> {
    const id = nextCall++;
    const sessionId = op === 'list' || op === 'summarize' ? undefined : (args[0] as string);
    return new Promise((resolve, reject) => {
      pending.set(id, { op, sessionId, resolve, reject, cancelled: false });
      port.post({ kind: 'call', id, op, args });
    });
  }

  return {
    open: (path) => send('open', [`s${nextSession++}`, path]) as Promise<DumpSessionInfo>,
    close: async (sessionId) => {
      await send('close', [sessionId]);
    },
    analyze: (sessionId) => send('analyze', [sessionId]) as Promise<AnalysisReport>,
    privacy: (sessionId) => send('privacy', [sessionId]) as Promise<PrivacyReport>,
    runCommand: (sessionId, line) => send('runCommand', [sessionId, line]) as Promise<CommandOutput>,
    completeSymbols: (sessionId, module, prefix, limit) => send('completeSymbols', [sessionId, module, prefix, limit]) as Promise<string[]>,
    readMemory: (sessionId, address, length) => send('readMemory', [sessionId, address, length]) as Promise<MemoryBytes>,
    list: () => send('list', []) as Promise<DumpSessionInfo[]>,
    summarize: (path) => send('summarize', [path]) as Promise<CrashSummary>,
    cancel(sessionId) {
      for (const p of pending.values()) {
        if (p.sessionId === sessionId && p.op !== 'close' && !p.cancelled) {
          p.cancelled = true;
          p.reject(new ApiError('Cancelled', `cancelled (session ${sessionId})`));
        }
      }
      port.post({ kind: 'cancel', sessionId });
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fail(reason) {
      for (const [id, p] of pending) {
        pending.delete(id);
        if (!p.cancelled) p.reject(new ApiError('Internal', reason));
      }
    },
  };
}
