import { kinterruptLayoutFromTypes } from './pdbLayout';
import type { Processor } from './processor';
import type { KernelTarget } from './target';

/**
 * Interrupt objects for `!idt` on x64 Windows 8+: KPRCB.InterruptObject[256] (layouts.ts,
 * `prcb.interruptObject`) holds, per IDT vector, the first _KINTERRUPT connected to it or NULL;
 * interrupts sharing the vector are chained through _KINTERRUPT.InterruptListEntry (a ring
 * without a separate head: the first object's entry is part of it).
 *
 * _KINTERRUPT (x64), ntdiff Win10_2004_20H1/x64/System32/ntoskrnl.exe/ALL_SORTED.h:
 * Type +0x0 (SHORT; KOBJECTS InterruptObject = 22), Size +0x2, InterruptListEntry +0x8
 * (_LIST_ENTRY), ServiceRoutine +0x18, MessageServiceRoutine +0x20, DispatchAddress +0x50,
 * Vector +0x58 (ULONG), Irql +0x5c (UCHAR), Connected +0x5f (UCHAR). Checked for 19041 only:
 * other builds take it from the nt PDB when the symbol path has one, else get no layout, and
 * the command says so instead of guessing.
 */
export interface KInterruptLayout {
  type: number;
  interruptListEntry: number;
  serviceRoutine: number;
  messageServiceRoutine: number;
  vector: number;
  irql: number;
  connected: number;
  /** Bytes read per object (through Connected). */
  readSize: number;
}

const KINTERRUPT_X64_19041: KInterruptLayout = {
  type: 0x0, interruptListEntry: 0x8, serviceRoutine: 0x18, messageServiceRoutine: 0x20,
  vector: 0x58, irql: 0x5c, connected: 0x5f, readSize: 0x60,
};

/** KOBJECTS.InterruptObject: _KINTERRUPT.Type of every interrupt object. */
export const INTERRUPT_OBJECT_TYPE = 22;

/** Shared interrupts we follow on one vector at most (dump values are not trusted). */
export const MAX_CHAIN = 64;

export function kinterruptLayout(t: KernelTarget): KInterruptLayout | undefined {
  if (t.dump.arch !== 'amd64') return undefined;
  return (t.types && kinterruptLayoutFromTypes(t.types)) ?? (t.layout.build === 19041 ? KINTERRUPT_X64_19041 : undefined);
}

/**
 * Processor `p`'s KPRCB.InterruptObject[256], or undefined when the build's offset is not
 * verified (`reason: 'layout'`) or the dump does not hold the array (`reason: 'memory'`).
 */
export function interruptObjects(t: KernelTarget, p: Processor): { objects?: bigint[]; reason?: 'layout' | 'memory' } {
  const off = t.layout.prcb.interruptObject;
  if (off === undefined || !t.is64) return { reason: 'layout' };
  const bytes = (p.prcb !== undefined ? t.session.read(p.prcb + BigInt(off), 256 * 8) : undefined)
    ?? (p.view && p.view.bytes.length >= off + 256 * 8 ? p.view.bytes.subarray(off, off + 256 * 8) : undefined);
  if (!bytes) return { reason: 'memory' };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { objects: Array.from({ length: 256 }, (_, v) => dv.getBigUint64(v * 8, true)) };
}

export interface KInterrupt {
  address: bigint;
  type: number;
  /** MessageServiceRoutine when set (message-signalled), else ServiceRoutine. */
  routine: bigint;
  flink: bigint;
  vector: number;
  irql: number;
}

export function readKInterrupt(t: KernelTarget, va: bigint, l: KInterruptLayout): KInterrupt | undefined {
  const v = t.view(va, l.readSize, 'KINTERRUPT');
  if (!v || v.bytes.length < l.readSize) return undefined;
  const message = v.u64(l.messageServiceRoutine) ?? 0n;
  return {
    address: va,
    type: v.u16(l.type) ?? 0,
    routine: message || (v.u64(l.serviceRoutine) ?? 0n),
    flink: v.u64(l.interruptListEntry) ?? 0n,
    vector: v.u32(l.vector) ?? 0,
    irql: v.u8(l.irql) ?? 0,
  };
}

export interface InterruptChain {
  objects: KInterrupt[];
  /** Why the walk stopped before coming back to the first object. */
  stop?: { reason: 'loop' | 'cap' | 'unreadable' | 'not-interrupt' | 'null'; at: bigint };
}

/**
 * The KINTERRUPTs on one vector: the first, then InterruptListEntry.Flink − 8 until the ring
 * comes back to the first. Bounded: a visited set (a ring closing elsewhere is a loop), at most
 * MAX_CHAIN objects, and every object must read as Type 22.
 */
export function interruptChain(t: KernelTarget, first: bigint, l: KInterruptLayout): InterruptChain {
  const objects: KInterrupt[] = [];
  const seen = new Set<bigint>();
  let at = first;
  for (;;) {
    if (seen.has(at)) return { objects, stop: { reason: 'loop', at } };
    if (objects.length >= MAX_CHAIN) return { objects, stop: { reason: 'cap', at } };
    seen.add(at);
    const k = readKInterrupt(t, at, l);
    if (!k) return { objects, stop: { reason: 'unreadable', at } };
    if (k.type !== INTERRUPT_OBJECT_TYPE) return { objects, stop: { reason: 'not-interrupt', at } };
    objects.push(k);
    if (!k.flink) return { objects, stop: { reason: 'null', at } };
    const next = k.flink - BigInt(l.interruptListEntry);
    if (next === first) return { objects };
    at = next;
  }
}
