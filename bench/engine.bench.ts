// The engine worker as the app uses it: a 4 GiB sparse minidump opened in a
// worker thread, then page-sized memory reads and WinDbg commands sent from
// this thread, while `monitorEventLoopDelay` watches this thread (the one
// playing the main process / web host). Prints the open time, per-call
// latency (median, p95) and this thread's worst and p99 event-loop delay —
// the goal is that the delay stays under 50 ms. Also times
// dump.open + analyze + `k` for a corpus dump through the worker.
// Nothing here asserts a time (the bound is asserted in
// tests/unit/electron/engine/engineWorker.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { launchEngineThread } from '../electron/engine/launchWorkerThread';
import { DATA_RVA, MEMORY_BASE, writeSparseMinidump } from '../tests/unit/electron/engine/sparseMinidump';

const GiB = 1024 ** 3;
const READS = Number(process.env.ENGINE_BENCH_READS ?? 4096);
const COMMANDS = Number(process.env.ENGINE_BENCH_COMMANDS ?? 200);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))]!;
}
const ms = (x: number) => `${x.toFixed(2)} ms`;

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dd-engine-bench-'));
  const engine = launchEngineThread();
  try {
    const dump = writeSparseMinidump(join(dir, 'big.dmp'), 4 * GiB + DATA_RVA);
    await engine.client.list(); // worker start-up (tsx compiles the engine) is not measured
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();

    let t0 = performance.now();
    const info = await engine.client.open(dump.path);
    const openMs = performance.now() - t0;

    const reads: number[] = [];
    const stride = BigInt(Math.floor((4 * GiB) / READS));
    for (let i = 0n; i < BigInt(READS); i++) {
      t0 = performance.now();
      await engine.client.readMemory(info.sessionId, '0x' + (MEMORY_BASE + i * stride).toString(16), 4096);
      reads.push(performance.now() - t0);
    }
    const commands: number[] = [];
    for (let i = 0; i < COMMANDS; i++) {
      const at = MEMORY_BASE + BigInt(Math.floor(Math.random() * 4 * GiB)) / 16n * 16n;
      t0 = performance.now();
      await engine.client.runCommand(info.sessionId, `db 0x${at.toString(16)} L80`);
      commands.push(performance.now() - t0);
    }
    await engine.client.close(info.sessionId);
    delay.disable();

    const corpus = resolve(import.meta.dirname, '../../shared/corpus/user/null_read_av.dmp');
    t0 = performance.now();
    const s = await engine.client.open(corpus);
    const openCorpus = performance.now() - t0;
    t0 = performance.now();
    await engine.client.analyze(s.sessionId);
    const analyzeMs = performance.now() - t0;
    t0 = performance.now();
    await engine.client.runCommand(s.sessionId, 'k');
    const kMs = performance.now() - t0;
    await engine.client.close(s.sessionId);

    const rows: [string, string][] = [
      ['open 4 GiB sparse minidump (worker)', ms(openMs)],
      [`readMemory 4 KiB × ${READS}, median / p95`, `${ms(percentile(reads, 50))} / ${ms(percentile(reads, 95))}`],
      [`db … L80 × ${COMMANDS}, median / p95`, `${ms(percentile(commands, 50))} / ${ms(percentile(commands, 95))}`],
      ['this thread: event-loop delay max / p99', `${ms(delay.max / 1e6)} / ${ms(delay.percentile(99) / 1e6)}`],
      ['null_read_av.dmp: open / analyze / k', `${ms(openCorpus)} / ${ms(analyzeMs)} / ${ms(kMs)}`],
    ];
    const w = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(w)}  ${v}\n`);
  } finally {
    await engine.terminate();
    rmSync(dir, { recursive: true, force: true });
  }
}
