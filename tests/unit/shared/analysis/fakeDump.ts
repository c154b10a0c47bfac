// A hand-made `Dump` for analysis unit tests: registers, modules and memory
// pages given literally, so each test states exactly what the walker sees.
import type { CpuArch, Dump, DumpException, DumpModule, DumpThread, MemoryReader, RegisterContext } from '../../../../shared/dump/types';

export interface FakeMemoryBlock {
  address: bigint;
  bytes: Uint8Array;
}

export class FakeMemory implements MemoryReader {
  constructor(readonly blocks: FakeMemoryBlock[]) {}
  read(address: bigint, size: number): Uint8Array | undefined {
    for (const b of this.blocks) {
      const end = b.address + BigInt(b.bytes.length);
      if (address >= b.address && address + BigInt(size) <= end) {
        const o = Number(address - b.address);
        return b.bytes.subarray(o, o + size);
      }
    }
    return undefined;
  }
  regions() {
    return this.blocks.map((b) => ({ start: b.address, size: b.bytes.length }));
  }
}

/** Little-endian words laid out from `address`: a fake stack. */
export function stackBlock(address: bigint, words: (bigint | number)[], ptrSize: 4 | 8): FakeMemoryBlock {
  const bytes = new Uint8Array(words.length * ptrSize);
  const view = new DataView(bytes.buffer);
  words.forEach((w, i) => {
    if (ptrSize === 4) view.setUint32(i * 4, Number(BigInt.asUintN(32, BigInt(w))), true);
    else view.setBigUint64(i * 8, BigInt.asUintN(64, BigInt(w)), true);
  });
  return { address, bytes };
}

export function fakeModule(name: string, base: bigint, size: number, extra: Partial<DumpModule> = {}): DumpModule {
  return { name, path: `C:\\app\\${name}`, base, size, timestamp: 0x5f000000, ...extra };
}

export function context(arch: CpuArch, regs: Record<string, bigint>): RegisterContext {
  const names = arch === 'x86' ? ['eip', 'esp', 'ebp'] : arch === 'amd64' ? ['rip', 'rsp', 'rbp'] : ['pc', 'sp', 'x29'];
  return { arch, regs, order: Object.keys(regs), ip: regs[names[0]!]!, sp: regs[names[1]!]!, fp: regs[names[2]!] };
}

export interface FakeDumpSpec {
  arch: CpuArch;
  threads: DumpThread[];
  modules: DumpModule[];
  memory?: FakeMemoryBlock[];
  exception?: DumpException;
  crashingThreadIndex?: number;
  process?: { name?: string; id?: number };
}

export function fakeDump(spec: FakeDumpSpec): Dump {
  const is64 = spec.arch === 'amd64' || spec.arch === 'arm64';
  return {
    format: 'minidump',
    kind: 'user-minidump',
    is64,
    fileSize: 4096,
    system: () => ({ os: 'Windows NT', osVersion: '10.0.19041', buildNumber: 19041, cpuArch: spec.arch, cpuCount: 4, cpuInfo: 'GenuineIntel family 6 model 85 stepping 4' }),
    timestamp: () => new Date('2026-01-02T03:04:05Z'),
    threads: () => spec.threads,
    modules: () => spec.modules,
    unloadedModules: () => [],
    memory: new FakeMemory(spec.memory ?? []),
    exception: () => spec.exception,
    bugcheck: () => undefined,
    crashingThreadIndex: () => spec.crashingThreadIndex,
    process: () => spec.process,
    diagnostics: [],
  };
}
