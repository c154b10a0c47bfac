import { findProcessor } from './processor';
import type { KernelTarget } from './target';

/**
 * A processor's interrupt descriptor table, as `!idt` dumps it.
 *
 * Where the table is (ntdiff/headers ntoskrnl.exe Win10_1809_RS5/{x64,x86} _KPCR.h):
 * - x64 _KPCR.IdtBase +0x38 (_KIDTENTRY64*), _KPCR.TssBase +0x08 (_KTSS64*);
 * - x86 _KPCR.IDT +0x38 (_KIDTENTRY*); the x86 KPCR holds its KPRCB at +0x120 (PrcbData);
 * - else x64 _KPRCB.ProcessorState (+0x100 on RS5 and 19041).SpecialRegisters.Idtr
 *   (_KDESCRIPTOR {Pad[3], Limit +6, Base +8} at +0x60): Limit at KPRCB+0x166, Base at
 *   +0x168. The corpus dump 083125-14875-01 (19041) holds Limit 0xfff and Base
 *   fffff8075e668000 there (and Gdtr Limit 0x57 just before), so the row is checked.
 *
 * Entries: _KIDTENTRY64 (16 bytes): OffsetLow +0 (USHORT), Selector +2, IstIndex:3 / Type:5
 * (bits 8-12) / Dpl:2 / Present:1 (bit 15) in the USHORT at +4, OffsetMiddle +6, OffsetHigh +8
 * (ULONG). x86 _KIDTENTRY (8 bytes): Offset +0, Selector +2, Access +4 (Present bit 15,
 * type bits 8-12), ExtendedOffset +6.
 * _KTSS64 (packed): Rsp0 +0x04 … Ist[8] +0x1c (Ist[0] unused).
 */
const PCR_IDT = 0x38;
const PCR_TSS64 = 0x08;
const X86_PCR_PRCB = 0x120;
const TSS64_IST = 0x1c;
/** x64 builds whose KPRCB.ProcessorState.SpecialRegisters.Idtr offsets were checked (RS5 layout dump, 19041 corpus dump). */
const PRCB_IDTR_BUILDS = new Set([17763, 19041]);
const PRCB_IDTR_LIMIT = 0x166;
const PRCB_IDTR_BASE = 0x168;

/** x86 gate type 5: a task gate (double fault, NMI on x86), which holds a TSS selector, not a handler. */
const TASK_GATE = 5;

export interface IdtEntry {
  vector: number;
  handler: bigint;
  selector: number;
  present: boolean;
  type: number;
  ist: number;
}

export interface IdtLocation {
  base: bigint;
  /** Entries the limit allows (256 when the limit is unknown). */
  count: number;
  /** How the base was found. */
  how: 'KPCR' | 'KPRCB.ProcessorState';
  /** x64: the KPCR's TSS, for IST stacks. */
  tss?: bigint;
}

/** Where processor `n`'s IDT is, or undefined when neither its KPCR nor its KPRCB says. */
export function locateIdt(t: KernelTarget, n: number): IdtLocation | undefined {
  const arch = t.dump.arch;
  if (arch !== 'amd64' && arch !== 'x86') return undefined;
  const p = findProcessor(t, n);
  const pcr = p.pcr ?? (arch === 'x86' && p.prcb !== undefined ? p.prcb - BigInt(X86_PCR_PRCB) : undefined);
  const fromPcr = pcr !== undefined ? t.readPointer(pcr + BigInt(PCR_IDT)) : undefined;
  const tss = arch === 'amd64' && pcr !== undefined ? t.readPointer(pcr + BigInt(PCR_TSS64)) || undefined : undefined;
  if (fromPcr) return { base: fromPcr, count: 256, how: 'KPCR', tss };
  if (arch === 'amd64' && PRCB_IDTR_BUILDS.has(t.layout.build) && p.view) {
    const base = p.view.u64(PRCB_IDTR_BASE);
    const limit = p.view.u16(PRCB_IDTR_LIMIT);
    if (base) return { base, count: limit === undefined ? 256 : Math.min(256, Math.floor((limit + 1) / 16)), how: 'KPRCB.ProcessorState', tss };
  }
  return undefined;
}

/** The IDT's entries, or undefined when the dump lacks the table. */
export function readIdt(t: KernelTarget, where: IdtLocation): IdtEntry[] | undefined {
  const size = t.is64 ? 16 : 8;
  const bytes = t.session.read(where.base, where.count * size);
  if (!bytes) return undefined;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: IdtEntry[] = [];
  for (let v = 0; v < where.count; v++) {
    const o = v * size;
    const low = dv.getUint16(o, true);
    const selector = dv.getUint16(o + 2, true);
    const access = dv.getUint16(o + 4, true);
    const middle = dv.getUint16(o + 6, true);
    const handler = t.is64
      ? (BigInt(dv.getUint32(o + 8, true)) << 32n) | (BigInt(middle) << 16n) | BigInt(low)
      : (BigInt(middle) << 16n) | BigInt(low);
    entries.push({ vector: v, handler, selector, present: (access & 0x8000) !== 0, type: (access >> 8) & 0x1f, ist: t.is64 ? access & 7 : 0 });
  }
  return entries;
}

export function isTaskGate(e: IdtEntry): boolean {
  return (e.type & 0xf) === TASK_GATE;
}

/** The stack an IST entry switches to: _KTSS64.Ist[n]. */
export function istStack(t: KernelTarget, tss: bigint | undefined, ist: number): bigint | undefined {
  if (!tss || !ist) return undefined;
  return t.readPointer(tss + BigInt(TSS64_IST + ist * 8));
}

/** Bytes between consecutive vectors' entry stubs in nt's KiIsrThunk table (x64 Windows 8+). */
const ISR_THUNK_STRIDE = 8n;
/** Vectors that must share one stub-table base before we call it the table when no KINTERRUPT says so. */
const MIN_THUNK_VOTES = 16;

/**
 * Where nt's per-vector interrupt stubs start (x64 Windows 8+), or undefined when the IDT does not say.
 *
 * Every vector the kernel does not handle itself enters through its own stub in one table,
 * KiIsrThunk + 8·vector (WinDbg's !idt on 19041 prints 35: …7fa8, 50: …8080, 51: …8088,
 * 52: …8090: one base, 8 bytes a vector), whether a KINTERRUPT is connected to the vector or not;
 * the stub dispatches KPRCB.InterruptObject[vector], and NULL there means an unexpected interrupt.
 * The base is handler − 8·vector of the vectors that have a KINTERRUPT (the most common value);
 * without any, the value at least MIN_THUNK_VOTES present vectors agree on (the unconnected
 * vectors are most of the table; the kernel's own handlers are separate functions and do not line up).
 */
export function isrThunkBase(entries: readonly IdtEntry[], objects: readonly bigint[] | undefined): bigint | undefined {
  const votes = (list: readonly IdtEntry[]): Map<bigint, number> => {
    const m = new Map<bigint, number>();
    for (const e of list) {
      const b = e.handler - ISR_THUNK_STRIDE * BigInt(e.vector);
      m.set(b, (m.get(b) ?? 0) + 1);
    }
    return m;
  };
  const best = (m: Map<bigint, number>, min: number): bigint | undefined => {
    let out: bigint | undefined;
    let n = 0;
    for (const [b, c] of m) if (c > n) [out, n] = [b, c];
    return n >= min ? out : undefined;
  };
  const present = entries.filter((e) => e.present && e.handler !== 0n);
  if (objects) {
    const fromObjects = best(votes(present.filter((e) => objects[e.vector])), 1);
    if (fromObjects !== undefined) return fromObjects;
  }
  return best(votes(present), MIN_THUNK_VOTES);
}

/**
 * Whether a vector goes to an unexpected-interrupt stub (no interrupt connected), told apart
 * without nt symbols: its KPRCB.InterruptObject entry is NULL AND its handler is its own slot
 * in the stub table (isrThunkBase + 8·vector). Vectors with a KINTERRUPT, and the kernel's own
 * handlers (KiDivideErrorFault…, KiApcInterrupt, KiHvInterrupt, KiDpcInterrupt…, which have no
 * KINTERRUPT but do not sit in the table) are connected.
 */
export function isUnexpectedStub(e: IdtEntry, objects: readonly bigint[], thunkBase: bigint | undefined): boolean {
  if (objects[e.vector]) return false;
  return thunkBase !== undefined && e.handler === thunkBase + ISR_THUNK_STRIDE * BigInt(e.vector);
}
