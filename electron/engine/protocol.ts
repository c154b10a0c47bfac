/**
 * Messages between the engine client (main process / web host) and the
 * engine worker. The same messages travel over a worker_threads port and an
 * Electron utilityProcess port; `EnginePort` hides the difference.
 */
import type { SessionProgress } from '../../shared/api';
import type { Envelope } from '../../shared/api/errors';

/** Operations the worker answers; arguments are validated by the contract before they get here. */
export type EngineOp = 'open' | 'close' | 'analyze' | 'privacy' | 'runCommand' | 'completeSymbols' | 'readMemory' | 'list' | 'summarize';

export type ToEngine =
  | { kind: 'call'; id: number; op: EngineOp; args: unknown[] }
  /** Drop the results of whatever the session is doing; close it if it is still opening. */
  | { kind: 'cancel'; sessionId: string };

export type FromEngine =
  | { kind: 'result'; id: number; envelope: Envelope<unknown> }
  | { kind: 'progress'; progress: SessionProgress };

/** The smallest common shape of a worker_threads port and an Electron utility-process port. */
export interface EnginePort<Out, In> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
