import { MemoryByteSource } from '../../bytes/byteSource';
import { Reader } from '../../bytes/reader';
import { KDBG_OWNER_TAG, KDDEBUGGER_DATA64 } from './structs';

/** The KDDEBUGGER_DATA64 fields the reader and analysis use. */
export interface DebuggerData {
  /** Whether the block was stored encoded and we decoded it. */
  wasEncoded: boolean;
  size: number;
  kernBase: bigint;
  psLoadedModuleList: bigint;
  psActiveProcessHead: bigint;
  mmPfnDatabase: bigint | undefined;
  kiProcessorBlock: bigint | undefined;
  /** VA of the kernel variable holding the MmUnloadedDrivers array pointer. */
  mmUnloadedDrivers: bigint | undefined;
  /** VA of the ULONG count/index of the last unloaded driver. */
  mmLastUnloadedDriver: bigint | undefined;
  ntBuildLab: bigint | undefined;
  /** The u16 structure-offset block (present when Size reaches it). */
  offsets: {
    kthreadApcProcess: number;
    kthreadInitialStack: number;
    sizeEProcess: number;
    sizeEThread: number;
    sizePrcb: number;
    prcbCurrentThread: number;
    prcbNumber: number;
    prcbMhz: number;
    prcbCpuType: number;
    prcbVendorString: number;
    eprocessPeb: number;
  } | undefined;
}

/**
 * What WinDbg needs to undo KdEncodeDataBlock: KiWaitNever, KiWaitAlways and
 * the address of KdpDataBlockEncoded (all from nt's symbols).
 */
export interface KdbgKeys {
  kiWaitNever: bigint;
  kiWaitAlways: bigint;
  /** VA of nt!KdpDataBlockEncoded: the byte whose address salts every word. */
  blockAddress: bigint;
}

const M64 = (1n << 64n) - 1n;

function rol64(v: bigint, n: bigint): bigint {
  n &= 63n;
  return n === 0n ? v : ((v << n) | (v >> (64n - n))) & M64;
}

function bswap64(v: bigint): bigint {
  let out = 0n;
  for (let i = 0; i < 8; i++) {
    out = (out << 8n) | (v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/**
 * KdDecodeDataBlock, word by word over the whole block:
 *   plain = KiWaitAlways ^ bswap64(blockAddress ^ rol64(enc ^ KiWaitNever, KiWaitNever & 0xff))
 * (windows-crash-facts §3.2; the same formula as QEMU's elf2dmp).
 */
export function decodeKdbgWord(enc: bigint, keys: KdbgKeys): bigint {
  const rotated = rol64((enc ^ keys.kiWaitNever) & M64, keys.kiWaitNever & 0xffn);
  return (keys.kiWaitAlways ^ bswap64((rotated ^ keys.blockAddress) & M64)) & M64;
}

/** Decodes a copy of an encoded block (length rounded down to whole words). */
export function decodeKdbgBlock(bytes: Uint8Array, keys: KdbgKeys): Uint8Array {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  const r = new Reader(new MemoryByteSource(bytes), 'KDDEBUGGER_DATA64');
  for (let o = 0; o + 8 <= bytes.length; o += 8) {
    let v = decodeKdbgWord(r.u64(o), keys);
    for (let i = 0; i < 8; i++) {
      out[o + i] = Number(v & 0xffn);
      v >>= 8n;
    }
  }
  return out;
}

/** True when the block carries the plain 'KDBG' tag. */
export function isPlainKdbg(bytes: Uint8Array): boolean {
  const tag = KDDEBUGGER_DATA64.offsetOf('OwnerTag');
  if (bytes.length < tag + 4) return false;
  return new Reader(new MemoryByteSource(bytes)).u32(tag) === KDBG_OWNER_TAG;
}

/**
 * Parses KDDEBUGGER_DATA64 from a copy of its bytes. Encoded blocks are
 * decoded when `keys` are given; otherwise undefined is returned for them.
 * Only fields inside both the copy and the block's own Size are read.
 */
export function parseDebuggerData(bytes: Uint8Array, keys?: KdbgKeys): DebuggerData | undefined {
  if (bytes.length < KDDEBUGGER_DATA64.offsetOf('KernBase')) return undefined; // not even the header
  let wasEncoded = false;
  if (!isPlainKdbg(bytes)) {
    if (!keys) return undefined;
    bytes = decodeKdbgBlock(bytes, keys);
    if (!isPlainKdbg(bytes)) return undefined;
    wasEncoded = true;
  }
  const r = new Reader(new MemoryByteSource(bytes), 'KDDEBUGGER_DATA64');
  const size = Math.min(r.u32(KDDEBUGGER_DATA64.offsetOf('Size')), bytes.length);
  const has = (f: Parameters<typeof KDDEBUGGER_DATA64.offsetOf>[0], width: number): boolean =>
    KDDEBUGGER_DATA64.offsetOf(f) + width <= size;
  const q = (f: Parameters<typeof KDDEBUGGER_DATA64.offsetOf>[0]): bigint | undefined =>
    has(f, 8) ? r.u64(KDDEBUGGER_DATA64.offsetOf(f)) : undefined;
  const w = (f: Parameters<typeof KDDEBUGGER_DATA64.offsetOf>[0]): number => r.u16(KDDEBUGGER_DATA64.offsetOf(f));
  return {
    wasEncoded,
    size,
    kernBase: q('KernBase') ?? 0n,
    psLoadedModuleList: q('PsLoadedModuleList') ?? 0n,
    psActiveProcessHead: q('PsActiveProcessHead') ?? 0n,
    mmPfnDatabase: q('MmPfnDatabase'),
    kiProcessorBlock: q('KiProcessorBlock'),
    mmUnloadedDrivers: q('MmUnloadedDrivers'),
    mmLastUnloadedDriver: q('MmLastUnloadedDriver'),
    ntBuildLab: q('NtBuildLab'),
    offsets: has('SizeEThread', 2)
      ? {
        kthreadApcProcess: w('OffsetKThreadApcProcess'),
        kthreadInitialStack: w('OffsetKThreadInitialStack'),
        sizeEProcess: w('SizeEProcess'),
        sizeEThread: w('SizeEThread'),
        sizePrcb: w('SizePrcb'),
        prcbCurrentThread: w('OffsetPrcbCurrentThread'),
        prcbNumber: w('OffsetPrcbNumber'),
        prcbMhz: w('OffsetPrcbMhz'),
        prcbCpuType: w('OffsetPrcbCpuType'),
        prcbVendorString: w('OffsetPrcbVendorString'),
        eprocessPeb: w('OffsetEprocessPeb'),
      }
      : undefined,
  };
}
