/**
 * The worker side of the engine: runs calls from the client one at a time
 * from a queue, yielding to the event loop between them so a `cancel` that
 * arrives while a step runs is seen before the next queued step starts (and
 * drops that session's queued steps).
 */
import { ApiError, toWireError } from '../../shared/api/errors';
import type { EngineCore } from './engineCore';
import type { EnginePort, FromEngine, ToEngine } from './protocol';

type CallMessage = Extract<ToEngine, { kind: 'call' }>;

/** The session a call is about (open/close/analyze/… all take it first; list takes none). */
function sessionOf(msg: CallMessage): string | undefined {
  return msg.op === 'list' || msg.op === 'summarize' ? undefined : (msg.args[0] as string);
}

function run(core: EngineCore, msg: CallMessage): unknown {
  const a = msg.args;
  switch (msg.op) {
    case 'open':
      return core.open(a[0] as string, a[1] as string);
    case 'close':
      return core.close(a[0] as string);
    case 'analyze':
      return core.analyze(a[0] as string);
    case 'privacy':
      return core.privacy(a[0] as string);
    case 'runCommand':
      return core.runCommand(a[0] as string, a[1] as string);
    case 'completeSymbols':
      return core.completeSymbols(a[0] as string, a[1] as string, a[2] as string, a[3] as number);
    case 'readMemory':
      return core.readMemory(a[0] as string, a[1] as string, a[2] as number);
    case 'list':
      return core.list();
    case 'summarize':
      return core.summarize(a[0] as string);
  }
}

export function serveEngine(core: EngineCore, port: EnginePort<FromEngine, ToEngine>): void {
  const queue: CallMessage[] = [];
  let scheduled = false;

  // One step at a time, also across awaits (an open waiting for symbol downloads).
  let running = false;
  const drain = async (): Promise<void> => {
    scheduled = false;
    const msg = queue.shift();
    if (!msg) return;
    running = true;
    try {
      port.post({ kind: 'result', id: msg.id, envelope: { ok: true, value: (await run(core, msg)) ?? null } });
    } catch (e) {
      port.post({ kind: 'result', id: msg.id, envelope: { ok: false, error: toWireError(e) } });
    }
    running = false;
    schedule();
  };
  const schedule = (): void => {
    if (!scheduled && !running && queue.length > 0) {
      scheduled = true;
      setImmediate(() => void drain());
    }
  };

  port.onMessage((msg) => {
    if (msg.kind === 'cancel') {
      for (let i = queue.length - 1; i >= 0; i--) {
        const queued = queue[i]!;
        if (sessionOf(queued) === msg.sessionId && queued.op !== 'close') {
          queue.splice(i, 1);
          const error = toWireError(new ApiError('Cancelled', 'cancelled before it started'));
          port.post({ kind: 'result', id: queued.id, envelope: { ok: false, error } });
        }
      }
      return;
    }
    queue.push(msg);
    schedule();
  });
}
