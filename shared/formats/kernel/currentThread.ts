import type { MemoryReader } from '../../dump/types';
import { uintLE } from '../common/littleEndian';
import type { DebuggerData } from './kdbg';

/** Processors we look at: more than any dump's NumberProcessors we trust. */
const MAX_PROCESSORS = 2048;
/** A kernel stack is 24–72 KiB; a larger distance from InitialStack means "not this thread's stack". */
const MAX_KERNEL_STACK = 0x20000n;

export interface CurrentThread {
  processor: number;
  prcb: bigint;
  thread: bigint;
  /** KTHREAD.ApcState.Process: the process current on that processor. */
  process: bigint | undefined;
}

/**
 * The thread that bug-checked, in a dump that holds kernel memory: walk
 * KiProcessorBlock (one KPRCB pointer per processor), read each
 * KPRCB.CurrentThread, and pick the thread whose kernel stack (just below
 * KTHREAD.InitialStack) holds the bug-check context's stack pointer. With one
 * processor that is the only candidate. All offsets come from
 * KDDEBUGGER_DATA64's offset block, so no per-build table is needed.
 */
export function findCurrentThread(memory: MemoryReader, kdbg: DebuggerData, is64: boolean, processors: number, sp: bigint | undefined): CurrentThread | undefined {
  const o = kdbg.offsets;
  if (!o || kdbg.kiProcessorBlock === undefined || kdbg.kiProcessorBlock === 0n) return undefined;
  const w = is64 ? 8 : 4;
  const ptr = (va: bigint): bigint | undefined => {
    const b = memory.read(va, w);
    return b && uintLE(b, w);
  };
  const n = Math.min(Math.max(processors, 1), MAX_PROCESSORS);
  const candidates: CurrentThread[] = [];
  for (let i = 0; i < n; i++) {
    const prcb = ptr(kdbg.kiProcessorBlock + BigInt(i * w));
    if (!prcb) continue;
    const thread = ptr(prcb + BigInt(o.prcbCurrentThread));
    if (!thread) continue;
    candidates.push({ processor: i, prcb, thread, process: ptr(thread + BigInt(o.kthreadApcProcess)) });
  }
  if (sp !== undefined) {
    for (const c of candidates) {
      const initial = ptr(c.thread + BigInt(o.kthreadInitialStack));
      if (initial !== undefined && sp < initial && initial - sp < MAX_KERNEL_STACK) return c;
    }
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}
