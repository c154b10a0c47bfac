/**
 * What every unwinding step sees: the dump's memory and modules plus the
 * registers of the frame being unwound (the callee), and the shared frame
 * type the walker produces.
 */
import type { CpuArch, DumpModule, MemoryReader } from '../../dump/types';
import { uintLE } from '../../formats/common/littleEndian';
import type { FrameTrust } from '../report';
import type { ArchRegs } from './archRegs';
import type { ModuleMap } from './moduleMap';

export interface WalkedFrame {
  /** Instruction pointer: exact for the context frame, a return address for the others. */
  ip: bigint;
  sp: bigint;
  /** Registers known for this frame (all for the context frame, the recovered ones after). */
  regs: Record<string, bigint>;
  trust: FrameTrust;
  module?: DumpModule;
}

export interface WalkContext {
  arch: CpuArch;
  regs: ArchRegs;
  memory: MemoryReader;
  modules: ModuleMap;
}

/** A little-endian pointer-sized value at `address`, or undefined when the dump lacks those bytes. */
export function readPointer(memory: MemoryReader, address: bigint, size: 4 | 8): bigint | undefined {
  if (address < 0n || address > 0xffffffffffffffffn - BigInt(size)) return undefined;
  const b = memory.read(address, size);
  return b && b.length >= size ? uintLE(b, size) : undefined;
}
