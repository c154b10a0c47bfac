import { MemoryByteSource } from '../../bytes/byteSource';
import { Reader } from '../../bytes/reader';
import type { RegisterContext } from '../../dump/types';
import { contextMinSize, decodeContext } from '../../formats/minidump/context/index';
import { KDDEBUGGER_DATA64 } from '../../formats/kernel/structs';
import { safe } from '../session';
import { kdbgBlockOf } from './kdbgOffsets';
import { findProcessor } from './processor';
import type { KernelTarget } from './target';

/**
 * The registers of a processor that was running another thread when the system stopped:
 * KeBugCheck freezes the other processors, each saving its context in its own
 * KPRCB.ProcessorState.ContextFrame. KDDEBUGGER_DATA64.OffsetPrcbProcStateContext says
 * where (0x1f0 in the corpus dump 083125-14875-01, x64 19041: ProcessorState +0x100 plus
 * the 0xf0-byte _KSPECIAL_REGISTERS, as ntdiff/headers Win10_1809_RS5/x64 _KPRCB has it);
 * the table below answers for dumps whose block lacks it.
 */
const PROC_STATE_CONTEXT: Record<string, number> = { 'amd64:19041': 0x1f0 };

function contextOffset(t: KernelTarget): number | undefined {
  const block = kdbgBlockOf(t.dump);
  const at = KDDEBUGGER_DATA64.offsetOf('OffsetPrcbProcStateContext');
  if (block && at + 2 <= block.length) {
    const v = block[at]! | (block[at + 1]! << 8);
    if (v) return v;
  }
  return PROC_STATE_CONTEXT[`${t.dump.arch}:${t.layout.build}`];
}

/**
 * Processor `n`'s saved CONTEXT, or why there is none: 'layout' (no offset known),
 * 'memory' (the dump lacks its KPRCB), 'empty' (the frame was never filled: no ContextFlags
 * or instruction pointer).
 */
export function processorContext(t: KernelTarget, n: number): RegisterContext | 'layout' | 'memory' | 'empty' {
  const off = contextOffset(t);
  const size = contextMinSize(t.dump.arch);
  if (off === undefined || size === undefined) return 'layout';
  const prcb = findProcessor(t, n).prcb;
  const bytes = prcb === undefined ? undefined : t.session.read(prcb + BigInt(off), size);
  if (!bytes) return 'memory';
  const c = safe(() => decodeContext(new Reader(new MemoryByteSource(bytes)), 0, size, t.dump.arch), undefined);
  if (!c || c.ip === 0n || c.sp === 0n) return 'empty';
  return c;
}
