// Symbols speed (issue 4). Prints:
//  1. resolving 10,000 addresses against crash.pdb: cold (open the file, read the MSF
//     directory, DBI, then the first lookups decode module streams) and warm (same PdbFile,
//     module streams cached), plus how many bytes of the file the cold run read;
//  2. a full symbolicated analysis (every thread) of every corpus user dump with
//     ../shared/corpus/symbols as the symbol path, and kernel dumps with symstore/;
//  3. the same user dumps through Breakpad's minidump_stackwalk when it is on PATH;
//  4. PDB type information: indexing the TPI stream, the name map, the first and later
//     structure fields, and a whole kernel layout read from amdppm.pdb's WDK types.
// Nothing here asserts a time.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze } from '../shared/analysis/analyze';
import { MemoryByteSource, type ByteSource } from '../shared/bytes/byteSource';
import { kernelLayoutFromTypes } from '../shared/debugger/kernel/pdbLayout';
import { PdbFile } from '../shared/formats/pdb/pdbFile';
import { PdbModuleSymbols } from '../shared/symbols/pdbModuleSymbols';
import { FileByteSource } from '../electron/services/fileByteSource';
import { openDumpFile } from '../electron/services/openDumpFile';
import { NodeSymbolSupplier } from '../electron/services/symbols/nodeSymbolSupplier';

const corpus = resolve(import.meta.dirname, '../../shared/corpus');
const ADDRESSES = 10_000;
const RUNS = Number(process.env.SYMBOLS_BENCH_RUNS ?? 7);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

class CountingSource implements ByteSource {
  bytes = 0;
  constructor(private readonly inner: FileByteSource) {}
  get size() { return this.inner.size; }
  read(o: number, n: number) { this.bytes += n; return this.inner.read(o, n); }
}

/** Deterministic addresses spread over the functions' range (xorshift). */
function addresses(lo: number, hi: number): number[] {
  let x = 0x2545f491;
  return Array.from({ length: ADDRESSES }, () => {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return lo + ((x >>> 0) % (hi - lo));
  });
}

function pdbFigures(): string[] {
  const path = resolve(corpus, 'pe-pdb/crash.pdb');
  const probe = new FileByteSource(path);
  const fns = new PdbFile(probe).allFunctions();
  probe.close();
  const addrs = addresses(fns[0]!.rva, fns[fns.length - 1]!.rva + fns[fns.length - 1]!.size);
  const cold: number[] = [];
  const warm: number[] = [];
  let readBytes = 0;
  let named = 0;
  for (let i = 0; i < RUNS; i++) {
    const file = new FileByteSource(path);
    const src = new CountingSource(file);
    const t0 = performance.now();
    const syms = new PdbModuleSymbols(new PdbFile(src));
    named = 0;
    for (const a of addrs) if (syms.lookup(a)) named++;
    cold.push(performance.now() - t0);
    readBytes = src.bytes;
    const t1 = performance.now();
    for (const a of addrs) syms.lookup(a);
    warm.push(performance.now() - t1);
    file.close();
  }
  return [
    `| crash.pdb (${(probe.size / 1024).toFixed(0)} KiB), ${ADDRESSES} addresses | cold: open + resolve | warm: resolve again |`,
    '|---|---|---|',
    `| median of ${RUNS} | ${median(cold).toFixed(1)} ms | ${median(warm).toFixed(1)} ms (${((median(warm) * 1000) / ADDRESSES).toFixed(2)} µs/address) |`,
    `| named / bytes read cold | ${named} of ${ADDRESSES} | ${(readBytes / 1024).toFixed(0)} KiB requested from the file |`,
  ];
}

/** One lookup in the largest corpus PDB: how much of the file is read (laziness, not speed). */
function oneLookup(): string[] {
  const dir = resolve(corpus, 'symstore/user32.pdb');
  const path = resolve(dir, readdirSync(dir)[0]!, 'user32.pdb');
  const file = new FileByteSource(path);
  const src = new CountingSource(file);
  const t0 = performance.now();
  const syms = new PdbModuleSymbols(new PdbFile(src));
  const hit = syms.lookup(0x15440 + 4);
  const ms = performance.now() - t0;
  file.close();
  return [
    '',
    `| user32.pdb (${(file.size / 1048576).toFixed(1)} MiB): open + resolve one address | ${ms.toFixed(1)} ms | ${(src.bytes / 1024).toFixed(0)} KiB read (${((100 * src.bytes) / file.size).toFixed(1)} % of the file) | ${hit?.function ?? 'no symbol'} |`,
    '|---|---|---|---|',
  ];
}

async function analyzeWithSymbols(dir: string, symbolPath: string): Promise<{ name: string; ms: number; named: number; frames: number }[]> {
  const out: { name: string; ms: number; named: number; frames: number }[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.dmp')).sort()) {
    const times: number[] = [];
    let named = 0;
    let frames = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      let opened;
      const sup = new NodeSymbolSupplier(symbolPath);
      try {
        opened = openDumpFile(resolve(dir, name));
        await sup.prepare(opened.dump.modules());
        const r = analyze(opened.dump, { symbols: sup.resolver, unwinders: sup.unwinders });
        frames = r.threads.reduce((n, t) => n + t.frames.length, 0);
        named = r.threads.reduce((n, t) => n + t.frames.filter((f) => f.function).length, 0);
      } catch {
        frames = -1; // unreadable dump (the invalid-* corpus files): timed all the same
      } finally {
        opened?.close();
        sup.close();
      }
      times.push(performance.now() - t0);
    }
    out.push({ name, ms: median(times), named, frames });
  }
  return out;
}

function breakpadTimes(names: string[]): Map<string, number> | undefined {
  const which = spawnSync('sh', ['-c', 'command -v minidump_stackwalk'], { encoding: 'utf8' });
  if (which.status !== 0 || !which.stdout.trim()) return undefined;
  const out = new Map<string, number>();
  for (const name of names) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      spawnSync(which.stdout.trim(), ['-m', resolve(corpus, 'user', name), resolve(corpus, 'symbols')], { stdio: 'ignore' });
      times.push(performance.now() - t0);
    }
    out.set(name, median(times));
  }
  return out;
}

/** TPI figures for three corpus PDBs: each run opens the PDB afresh from memory. */
function typeFigures(): string[] {
  const pdbs: [label: string, path: string, struct: string, field: string][] = [
    ['crash.pdb (x86)', resolve(corpus, 'pe-pdb/crash.pdb'), '_CONTEXT', 'Eip'],
    ['exceptions-test.pdb', resolve(corpus, 'pe-pdb/rizin/exceptions-test.pdb'), '_CONTEXT', 'Rip'],
    ['amdppm.pdb (WDK types)', resolve(corpus, 'symstore/amdppm.pdb', readdirSync(resolve(corpus, 'symstore/amdppm.pdb'))[0]!, 'amdppm.pdb'), '_IRP', 'Tail.Overlay.CurrentStackLocation'],
  ];
  const lines = ['', '| PDB types (median of ' + RUNS + ') | types | index records | name map | first field | next field | kernel layout pass |', '|---|---|---|---|---|---|---|'];
  for (const [label, path, struct, field] of pdbs) {
    const file = new FileByteSource(path);
    const bytes = file.read(0, file.size);
    file.close();
    const index: number[] = [], names: number[] = [], first: number[] = [], next: number[] = [], layout: number[] = [];
    let count = 0;
    for (let i = 0; i < RUNS; i++) {
      const types = new PdbFile(new MemoryByteSource(bytes)).types!;
      const t0 = performance.now();
      types.record(types.begin);
      const t1 = performance.now();
      types.udtIndex(struct);
      const t2 = performance.now();
      types.field(struct, field);
      const t3 = performance.now();
      types.structSize(struct);
      const t4 = performance.now();
      kernelLayoutFromTypes(types, true);
      const t5 = performance.now();
      index.push(t1 - t0); names.push(t2 - t1); first.push(t3 - t2); next.push(t4 - t3); layout.push(t5 - t4);
      count = types.count;
    }
    const ms = (xs: number[]) => `${median(xs).toFixed(2)} ms`;
    lines.push(`| ${label}: ${struct}.${field} | ${count} | ${ms(index)} | ${ms(names)} | ${ms(first)} | ${(median(next) * 1000).toFixed(1)} µs | ${ms(layout)} |`);
  }
  return lines;
}

export default async function (): Promise<void> {
  const lines = [...pdbFigures(), ...oneLookup(), ...typeFigures()];
  const user = await analyzeWithSymbols(resolve(corpus, 'user'), resolve(corpus, 'symbols'));
  const kernel = await analyzeWithSymbols(resolve(corpus, 'kernel'), resolve(corpus, 'symstore'));
  const bp = breakpadTimes(user.map((u) => u.name));
  lines.push('', '| dump (symbols: corpus/symbols; kernel: corpus/symstore) | DumpDesk, in process | frames (named) | minidump_stackwalk -m, whole process |', '|---|---|---|---|');
  for (const u of [...user, ...kernel]) {
    const b = bp?.get(u.name);
    lines.push(`| ${u.name} | ${u.ms.toFixed(1)} ms | ${u.frames < 0 ? 'unreadable' : `${u.frames} (${u.named})`} | ${b === undefined ? (bp ? '—' : 'not installed') : `${b.toFixed(1)} ms`} |`);
  }
  const total = [...user, ...kernel].reduce((n, u) => n + u.ms, 0);
  lines.push(`| all ${user.length + kernel.length} dumps | ${total.toFixed(0)} ms | | ${bp ? `${[...bp.values()].reduce((a, b) => a + b, 0).toFixed(0)} ms` : 'minidump_stackwalk not on PATH: skipped'} |`);
  process.stdout.write(lines.join('\n') + '\n');
}
