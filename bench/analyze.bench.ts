// analyze() speed: per corpus user dump, the median time to open the dump from memory and
// analyse it in this process (every thread walked, the document built), and the median
// time of `node bin/dumpdesk.js analyze --json FILE` as a whole process (Node start-up,
// tsx compiling on the fly, file reads, JSON out). Goal (issue 2): a typical 20–100 KB
// minidump analysed in-process in under 2 ms. Nothing here asserts a time.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze } from '../shared/analysis/analyze';
import { MemoryByteSource } from '../shared/bytes/byteSource';
import { openDump } from '../shared/dump/openDump';

const root = resolve(import.meta.dirname, '..');
const corpusUser = resolve(root, '../shared/corpus/user');
const IN_PROCESS_RUNS = Number(process.env.ANALYZE_BENCH_RUNS ?? 41);
const CLI_RUNS = Number(process.env.ANALYZE_BENCH_CLI_RUNS ?? 3);

const NO_SYMBOLS_ENV = { ...process.env, DUMPDESK_SYMBOL_PATH: '', _NT_SYMBOL_PATH: '' };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function inProcess(bytes: Uint8Array): number {
  const once = (): number => {
    const t0 = performance.now();
    analyze(openDump(new MemoryByteSource(bytes)));
    return performance.now() - t0;
  };
  for (let i = 0; i < 3; i++) once(); // warm the JIT
  return median(Array.from({ length: IN_PROCESS_RUNS }, once));
}

function cli(file: string): number {
  const times: number[] = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    const t0 = performance.now();
    // No symbol path: this measures analysis, not symbol downloads.
    spawnSync(process.execPath, [join(root, 'bin/dumpdesk.js'), 'analyze', '--json', file], { stdio: 'ignore', env: NO_SYMBOLS_ENV });
    times.push(performance.now() - t0);
  }
  return median(times);
}

export default async function (): Promise<void> {
  // The deliberately corrupt dumps only measure how fast we say no.
  const names = readdirSync(corpusUser).filter((f) => f.endsWith('.dmp') && !f.startsWith('invalid-')).sort();
  const rows: string[] = [];
  const typical: number[] = [];
  rows.push('| dump | size KB | threads | analyze() median ms | CLI process median ms |');
  rows.push('|---|---:|---:|---:|---:|');
  for (const n of names) {
    const bytes = new Uint8Array(readFileSync(join(corpusUser, n)));
    const threads = analyze(openDump(new MemoryByteSource(bytes))).threads.length;
    const ms = inProcess(bytes);
    if (bytes.length >= 20_000 && bytes.length <= 100_000) typical.push(ms);
    rows.push(`| ${n} | ${(bytes.length / 1024).toFixed(1)} | ${threads} | ${ms.toFixed(3)} | ${cli(join(corpusUser, n)).toFixed(0)} |`);
  }
  process.stdout.write(rows.join('\n') + '\n\n');
  process.stdout.write(`20–100 KB dumps (${typical.length}): median of medians ${median(typical).toFixed(3)} ms, worst ${Math.max(...typical).toFixed(3)} ms in-process (goal < 2 ms)\n`);
  process.stdout.write(`in-process runs per dump: ${IN_PROCESS_RUNS}; CLI runs per dump: ${CLI_RUNS} (ANALYZE_BENCH_RUNS / ANALYZE_BENCH_CLI_RUNS)\n`);
}
