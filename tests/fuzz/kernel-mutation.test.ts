// Mutation fuzzing of kernel dumps: the corpus small dumps and synthetic
// small/full/bitmap dumps (32/64-bit, PAE and not), with hostile header
// fields, TRIAGE_DUMP offsets and counts, words inside the driver/unloaded/
// data-block tables, page-table entries (including entries that point back at
// their own table: loops), random bytes and truncation. Each case runs the
// whole path (openDump → analyze → text → JSON, through the foundation's
// runCase) on a source that refuses reads past the file; the only acceptable
// failure is a DumpFormatError. Deterministic from the seed printed on failure;
// KERNEL_FUZZ_CASES=20000 runs longer (20,000 cases: no findings on 2026-11-26).
import { describe, expect, it } from 'vitest';
import { buildKernelDump, toBytes, type KernelDumpSpec } from '../synth/kernel/builder';
import { readCorpus } from '../helpers/corpus';
import { prng } from './mutate';
import { runCase } from './runCase';

interface Input {
  name: string;
  bytes: Uint8Array;
  is64: boolean;
}

const synth = (name: string, spec: KernelDumpSpec): Input => ({ name, bytes: toBytes(buildKernelDump(spec)), is64: spec.is64 });
const inputs: Input[] = [
  { name: '083125-14875-01.dmp', bytes: readCorpus('kernel', '083125-14875-01.dmp'), is64: true },
  { name: 'rizinorg_triage_arm64.dmp', bytes: readCorpus('kernel', 'rizinorg_triage_arm64.dmp'), is64: true },
  synth('small64', { type: 'small', is64: true }),
  synth('small32', { type: 'small', is64: false }),
  synth('full64', { type: 'full', is64: true, largePages: [0xfffff80040000000n], transitionPages: [0xfffff80000020000n] }),
  synth('bitmap64', { type: 'bitmap-kernel', is64: true }),
  synth('full32pae', { type: 'full', is64: false, pae: true }),
  synth('bitmap32', { type: 'bitmap-full', is64: false, pae: false, largePages: [0x90000000n] }),
  synth('rdmp64', { type: 'rdmp-complete', is64: true }),
  synth('summary32', { type: 'summary-legacy', is64: false, pae: true }),
];

/** Mutates `bytes` in place (undo log returned) so big inputs are not copied per case. */
function mutate(input: Input, seed: number): { bytes: Uint8Array; undo: () => void; steps: string[] } {
  const rnd = prng(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const b = input.bytes;
  const hdr = input.is64 ? 0x2000 : 0x1000;
  const saved: [number, number][] = [];
  const steps: string[] = [];
  const set = (at: number, v: number): void => {
    if (at < 0 || at >= b.length) return;
    saved.push([at, b[at]!]);
    b[at] = v & 0xff;
  };
  const put = (at: number, v: bigint, width: 4 | 8, what: string): void => {
    for (let i = 0; i < width; i++) set(at + i, Number((v >> BigInt(8 * i)) & 0xffn));
    steps.push(`${what}: u${width * 8} @0x${at.toString(16)} = 0x${v.toString(16)}`);
  };
  const u32 = (at: number): number => (at + 4 <= b.length ? new DataView(b.buffer, b.byteOffset).getUint32(at, true) : 0);
  const interesting = (): bigint => {
    const size = BigInt(b.length);
    const pool = [0n, 1n, 4n, 0x7fn, 0xffn, 0x1000n, 0xffffn, 0x7fffffffn, 0x80000000n, 0xffffffffn, size, size - 4n, size + 1n,
      BigInt(int(b.length)), 0xffffffffffffffffn, 0x8000000000000000n, 0x4547415045474150n, BigInt(int(0x100000)) << 12n | 0x83n];
    return pool[int(pool.length)]!;
  };
  let length = b.length;
  const n = 1 + int(4);
  for (let i = 0; i < n; i++) {
    switch (int(8)) {
      case 0: // main header words (counts, DumpType, runs, pointers)
        put(4 * int(0x1100 / 4) % hdr, interesting(), int(2) ? 4 : 8, 'header');
        break;
      case 1: // TRIAGE_DUMP or bitmap header words
        put(hdr + 4 * int(0x20), interesting(), int(3) ? 4 : 8, 'sub-header');
        break;
      case 2: { // a word inside a table a triage offset points at (driver list, unloaded drivers, data blocks, string pool)
        const table = u32(hdr + [0x18, 0x30, 0x38, input.is64 ? 0x78 : 0x60][int(4)]!);
        if (table > 0 && table < b.length) put(table + 4 * int(0x100), interesting(), 4, 'table word');
        break;
      }
      case 3: { // a page-table-like entry in the stored pages: present, large, or pointing at its own page (a loop)
        const at = hdr + 8 * int(Math.max(1, (b.length - hdr) / 8));
        const self = BigInt(Math.floor((at - hdr) / 0x1000)) << 12n;
        put(at, [self | 0x3n, self | 0x83n, interesting() | 1n, 0n][int(4)]!, 8, 'entry');
        break;
      }
      case 4:
      case 5: { // random bytes
        const at = int(b.length);
        const len = 1 + int(16);
        for (let k = 0; k < len; k++) set(at + k, int(256));
        steps.push(`random ${len} bytes @0x${at.toString(16)}`);
        break;
      }
      default: // truncate
        length = int(length);
        steps.push(`truncate to ${length}`);
    }
  }
  return {
    bytes: b.subarray(0, length),
    steps,
    undo: () => {
      for (let k = saved.length - 1; k >= 0; k--) b[saved[k]![0]] = saved[k]![1];
    },
  };
}

describe('kernel dump mutation fuzzing', () => {
  it('3,000 mutated kernel dumps end in a report or a DumpFormatError, never a crash or hang', () => {
    const cases = Number(process.env.KERNEL_FUZZ_CASES ?? 3000);
    const findings: string[] = [];
    const outcomes = { ok: 0, formatError: 0 };
    let slowest = 0;
    for (let seed = 1; seed <= cases; seed++) {
      const input = inputs[seed % inputs.length]!;
      const m = mutate(input, seed);
      try {
        const out = runCase(m.bytes);
        slowest = Math.max(slowest, out.ms);
        if (out.kind === 'ok') outcomes.ok++;
        else if (out.kind === 'format-error') outcomes.formatError++;
        else findings.push(`${input.name} seed ${seed} (${m.steps.join('; ')}): ${String((out.error as Error)?.stack ?? out.error).split('\n').slice(0, 3).join(' | ')}`);
      } finally {
        m.undo();
      }
    }
    expect(findings).toEqual([]);
    // Both outcomes must actually occur, or the mutations are not reaching the reader.
    expect(outcomes.ok).toBeGreaterThan(cases / 10);
    expect(outcomes.formatError).toBeGreaterThan(cases / 20);
  });
});
