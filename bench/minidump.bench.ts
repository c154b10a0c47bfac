// Per corpus dump: median time to open (header + directory) and to open and
// decode every stream (system, threads with contexts, modules, memory,
// exception and all auxiliary streams), in one process, from memory.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryByteSource } from '../shared/bytes/byteSource';
import { MinidumpDump } from '../shared/formats/minidump/minidumpDump';
import { corpusPath } from '../tests/helpers/corpus';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function readAll(d: MinidumpDump): void {
  d.system();
  d.threads();
  d.modules();
  d.unloadedModules();
  d.exception();
  d.memory.regions();
  d.process();
  d.memoryInfo();
  d.handles();
  d.comments();
  d.breakpadInfo();
  d.crashpadInfo();
}

export default async function (): Promise<void> {
  const dir = corpusPath('user');
  const rows: string[][] = [['dump', 'KB', 'open µs', 'open+all streams µs', 'runs']];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.dmp')).sort()) {
    const bytes = new Uint8Array(readFileSync(join(dir, f)));
    const open: number[] = [];
    const all: number[] = [];
    // Enough runs for a stable median without holding the shared CPU for long.
    const runs = bytes.length > 1_000_000 ? 20 : 100;
    let failed = false;
    for (let i = 0; i < runs && !failed; i++) {
      const t0 = performance.now();
      try {
        const d = new MinidumpDump(new MemoryByteSource(bytes));
        const t1 = performance.now();
        readAll(d);
        const t2 = performance.now();
        open.push((t1 - t0) * 1000);
        all.push((t2 - t0) * 1000);
      } catch {
        failed = true; // invalid-*.dmp: rejected at open, nothing to time
      }
    }
    rows.push([f, (bytes.length / 1024).toFixed(0), failed ? 'rejected' : median(open).toFixed(1), failed ? '-' : median(all).toFixed(1), String(open.length)]);
  }
  const w = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) process.stdout.write(r.map((x, c) => (c === 0 ? x.padEnd(w[c]!) : x.padStart(w[c]!))).join('  ') + '\n');
}
