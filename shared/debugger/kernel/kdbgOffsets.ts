import { MemoryByteSource } from '../../bytes/byteSource';
import { Reader } from '../../bytes/reader';
import type { KernelDump } from '../../formats/kernel/kernelDump';

/**
 * The structure offsets KDDEBUGGER_DATA64 carries (WDBGEXTS.H), including the
 * Windows 8 / 8.1 additions H3's `parseDebuggerData` does not read. Each value
 * is what the running kernel itself reported, so it beats any table.
 *
 * Block offsets below are KDDEBUGGER_DATA64's (the 64-bit block, used by
 * 32-bit kernels too). Checked on both corpus dumps: 083125-14875-01 (x64
 * 19041) gives KTHREAD.StackLimit 0x30, StackBase 0x38, QueueListEntry 0x208,
 * WaitReason 0x283, ETHREAD.IrpList 0x4b0 — the _KTHREAD layout of 19041 and
 * the values WinDbg's `!thread` prints from that dump.
 */
export interface KdbgOffsets {
  kthreadNextProcessor?: number;
  kthreadTeb?: number;
  kthreadKernelStack?: number;
  kthreadInitialStack?: number;
  kthreadApcProcess?: number;
  kthreadState?: number;
  sizeEProcess?: number;
  eprocessPeb?: number;
  eprocessParentCid?: number;
  eprocessDirectoryTableBase?: number;
  sizePrcb?: number;
  prcbCurrentThread?: number;
  prcbNumber?: number;
  sizeEThread?: number;
  sizePcr?: number;
  pcrSelfPcr?: number;
  pcrCurrentPrcb?: number;
  pcrContainedPrcb?: number;
  /** Windows 8+ (ULONGs). */
  kthreadStackLimit?: number;
  kthreadStackBase?: number;
  kthreadQueueListEntry?: number;
  ethreadIrpList?: number;
  prcbIdleThread?: number;
  /** Windows 8.1+. */
  kthreadWaitReason?: number;
}

type Field = [name: keyof KdbgOffsets, at: number, width: 2 | 4];

/** [field, offset in KDDEBUGGER_DATA64, width]. */
const FIELDS: readonly Field[] = [
  ['kthreadNextProcessor', 0x298, 2],
  ['kthreadTeb', 0x29a, 2],
  ['kthreadKernelStack', 0x29c, 2],
  ['kthreadInitialStack', 0x29e, 2],
  ['kthreadApcProcess', 0x2a0, 2],
  ['kthreadState', 0x2a2, 2],
  ['sizeEProcess', 0x2a8, 2],
  ['eprocessPeb', 0x2aa, 2],
  ['eprocessParentCid', 0x2ac, 2],
  ['eprocessDirectoryTableBase', 0x2ae, 2],
  ['sizePrcb', 0x2b0, 2],
  ['prcbCurrentThread', 0x2b4, 2],
  ['prcbNumber', 0x2be, 2],
  ['sizeEThread', 0x2c0, 2],
  ['sizePcr', 0x2e0, 2],
  ['pcrSelfPcr', 0x2e2, 2],
  ['pcrCurrentPrcb', 0x2e4, 2],
  ['pcrContainedPrcb', 0x2e6, 2],
  ['kthreadStackLimit', 0x340, 4],
  ['kthreadStackBase', 0x344, 4],
  ['kthreadQueueListEntry', 0x348, 4],
  ['ethreadIrpList', 0x34c, 4],
  ['prcbIdleThread', 0x350, 2],
  ['kthreadWaitReason', 0x35c, 2],
];

const OWNER_TAG_AT = 0x10;
const SIZE_AT = 0x14;
const KDBG_TAG = 0x4742444b; // 'KDBG'

/**
 * Parses the offsets from a plain (decoded) block. Fields past the block's own
 * Size, or 0 (the kernel had none to report, e.g. PCR stack fields on x64), are
 * left out so the table can fill them.
 */
export function parseKdbgOffsets(bytes: Uint8Array): KdbgOffsets | undefined {
  const r = new Reader(new MemoryByteSource(bytes), 'KDDEBUGGER_DATA64');
  if (!r.has(OWNER_TAG_AT, 8) || r.u32(OWNER_TAG_AT) !== KDBG_TAG) return undefined;
  const size = Math.min(r.u32(SIZE_AT), bytes.length);
  const out: KdbgOffsets = {};
  for (const [name, at, width] of FIELDS) {
    if (at + width > size) continue;
    const v = width === 2 ? r.u16(at) : r.u32(at);
    if (v !== 0) out[name] = v;
  }
  return out;
}

/** Upper bound for reading the block from memory (Size of the 22H2 block is 0x380). */
const MAX_BLOCK = 0x400;

/**
 * The dump's own KDDEBUGGER_DATA64 as plain bytes: the small dump's copy, or
 * KdDebuggerDataBlock read through memory when stored plain (an encoded block
 * needs nt's symbols for its keys: undefined then).
 */
export function kdbgBlockOf(dump: KernelDump): Uint8Array | undefined {
  try {
    const blob = dump.triage?.debuggerData();
    if (blob) return plainOrUndefined(dump.reader.bytes(blob.offset, blob.size));
    const va = dump.header.kdDebuggerDataBlock;
    if (!va) return undefined;
    for (let n = MAX_BLOCK; n >= 0x340; n -= 0x40) {
      const b = dump.memory.read(va, n);
      if (b) return plainOrUndefined(b);
    }
  } catch {
    // A damaged block is as good as none: the table answers instead.
  }
  return undefined;
}

function plainOrUndefined(b: Uint8Array): Uint8Array | undefined {
  const r = new Reader(new MemoryByteSource(b), 'KDDEBUGGER_DATA64');
  return r.has(OWNER_TAG_AT, 8) && r.u32(OWNER_TAG_AT) === KDBG_TAG ? b : undefined;
}

/** The offsets of the dump's own block. */
export function kdbgOffsetsOf(dump: KernelDump): KdbgOffsets | undefined {
  const block = kdbgBlockOf(dump);
  return block ? parseKdbgOffsets(block) : undefined;
}
