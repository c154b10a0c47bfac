import { isKernelDump, type KernelDump } from '../../formats/kernel/kernelDump';
import { CommandError } from '../errors';
import { safe, type DebugSession } from '../session';
import { kdbgOffsetsOf } from './kdbgOffsets';
import type { PdbTypeInfo } from '../../formats/pdb/typeInfo';
import { resolveLayout, type KernelLayout } from './layouts';
import { kernelLayoutFromTypes, NT_PDB_TYPES } from './pdbLayout';
import { StructView } from './structView';

/**
 * What the kernel commands share for one session: the kernel dump, its
 * structure layout, and reads of structures at virtual addresses (in a small
 * dump that is the thread/process copies and data blocks the reader maps;
 * in kernel/complete dumps all of kernel memory).
 */
export class KernelTarget {
  readonly is64: boolean;

  /**
   * @param types the nt PDB's type information when the symbol path has it: layouts
   *   of structures beyond `layout` (e.g. _KINTERRUPT) are read from it first.
   */
  constructor(readonly session: DebugSession, readonly dump: KernelDump, readonly layout: KernelLayout, readonly types?: PdbTypeInfo) {
    this.is64 = dump.is64;
  }

  get isSmallDump(): boolean {
    return this.dump.kind === 'kernel-small';
  }

  /** Reads `size` bytes at `va` as a structure; when the whole does not fit, as much as one page allows. */
  view(va: bigint, size: number, what?: string): StructView | undefined {
    if (size <= 0) return undefined;
    const whole = this.session.read(va, size);
    if (whole) return new StructView(va, whole, this.is64, what);
    const toPageEnd = Number(0x1000n - (va & 0xfffn));
    const part = toPageEnd < size ? this.session.read(va, toPageEnd) : undefined;
    return part ? new StructView(va, part, this.is64, what) : undefined;
  }

  readPointer(va: bigint): bigint | undefined {
    return this.session.readPointer(va);
  }

  /** The bug-checking thread's KTHREAD (PRCB.CurrentThread), as the kernel reader found it. */
  currentThread(): bigint | undefined {
    return safe(() => this.dump.threads()[0]?.teb, undefined);
  }

  /** A pointer in the target's width, as WinDbg's kernel extensions print it (no backtick). */
  p(v: bigint): string {
    return BigInt.asUintN(this.is64 ? 64 : 32, v).toString(16).padStart(this.is64 ? 16 : 8, '0');
  }
}

const targets = new WeakMap<DebugSession, KernelTarget>();

/**
 * The session's kernel target; a CommandError in WinDbg's spirit for user dumps
 * (kernel extensions need a kernel target).
 */
export function kernelTarget(s: DebugSession, command: string): KernelTarget {
  const d = s.dump;
  if (!isKernelDump(d)) {
    throw new CommandError(`${command} is a kernel-mode extension: this is a user-mode minidump. Use |, ~, lm and !peb for the process.`);
  }
  let t = targets.get(s);
  if (!t) {
    const sys = safe(() => d.system(), undefined);
    const types = kernelTypes(s);
    const fromTypes = types ? kernelLayoutFromTypes(types, d.is64) : undefined;
    // A PDB without the kernel's structures (a stripped one) is not named as a layout source.
    const fromPdb = fromTypes?.found ? { source: NT_PDB_TYPES, layout: fromTypes } : undefined;
    t = new KernelTarget(s, d, resolveLayout(d.arch, sys?.buildNumber ?? d.header.minorVersion, kdbgOffsetsOf(d) ?? fromParsed(d), fromPdb), types);
    targets.set(s, t);
  }
  return t;
}

/**
 * The kernel's (nt's) type information from its PDB (ntkrnlmp.pdb and the like),
 * when the symbol path found one: public Microsoft PDBs of ntoskrnl carry the
 * kernel's structures.
 */
function kernelTypes(s: DebugSession): PdbTypeInfo | undefined {
  const nt = s.findModule('nt');
  if (!nt || !s.symbols?.types) return undefined;
  return safe(() => s.symbols!.types!(nt.module), undefined);
}

/** The offsets H3's reader decoded (e.g. from an encoded block it had keys for). */
function fromParsed(d: KernelDump): Parameters<typeof resolveLayout>[2] {
  const o = safe(() => d.debuggerData()?.offsets, undefined);
  if (!o) return undefined;
  return {
    kthreadApcProcess: o.kthreadApcProcess || undefined,
    kthreadInitialStack: o.kthreadInitialStack || undefined,
    sizeEProcess: o.sizeEProcess || undefined,
    sizeEThread: o.sizeEThread || undefined,
    sizePrcb: o.sizePrcb || undefined,
    prcbCurrentThread: o.prcbCurrentThread || undefined,
    prcbNumber: o.prcbNumber || undefined,
    eprocessPeb: o.eprocessPeb || undefined,
  };
}
