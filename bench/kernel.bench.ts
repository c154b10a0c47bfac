// `npm run bench -- kernel`: opening 4 GiB (and 16 GiB) synthetic complete dumps (one written
// as a single physical run, one as an all-present bitmap) from sparse temp files
// through the file-backed ByteSource, and producing the summary: open, analyze
// (drivers from PsLoadedModuleList, stack, culprit) and the !analyze -v text.
// Goal (issue 3): under 200 ms and under 100 MB. Printed, never asserted.
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../shared/analysis/analyze';
import { formatReportText } from '../shared/analysis/text/analyzeText';
import { openDumpFile } from '../electron/services/openDumpFile';
import { buildKernelDump, type SynthDumpType } from '../tests/synth/kernel/builder';

const PAGES_PER_GIB = 0x40000n; // 4 KiB pages

function writeSparse(path: string, type: SynthDumpType, gib: bigint): number {
  const d = buildKernelDump({ type, is64: true, singleRunPages: gib * PAGES_PER_GIB, largePages: [0xfffff80040000000n] });
  const fd = openSync(path, 'w');
  try {
    ftruncateSync(fd, d.size); // a hole: nothing but the written pages takes disk space
    for (const c of d.chunks) writeSync(fd, c.bytes, 0, c.bytes.length, c.offset);
  } finally {
    closeSync(fd);
  }
  return d.size;
}

function measure(path: string): { ms: number; rssMb: number; drivers: number; culprit: string; lines: number } {
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const opened = openDumpFile(path);
  try {
    const report = analyze(opened.dump, { path });
    const text = formatReportText(report);
    const ms = performance.now() - t0;
    return {
      ms,
      rssMb: (process.memoryUsage().rss - rss0) / 2 ** 20,
      drivers: report.drivers?.length ?? 0,
      culprit: `${report.culprit?.module ?? '?'} (${report.culprit?.image ?? '?'})`,
      lines: text.split('\n').length,
    };
  } finally {
    opened.close();
  }
}

export default async function (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dumpdesk-kernel-bench-'));
  try {
    const rows: string[][] = [['dump', 'file size', 'first open+analyze+text', 'RSS delta (first)', 'warm median of 3', 'drivers', 'culprit']];
    // 4 GiB is the goal; 16 GiB shows that opening does not grow with the dump.
    for (const [type, gib] of [['full', 4n], ['bitmap-full', 4n], ['full', 16n], ['bitmap-full', 16n]] as const) {
      const path = join(dir, `${type}-${gib}.dmp`);
      const size = writeSparse(path, type, gib);
      // The first run includes JIT warm-up and the page cache; later runs show the steady cost.
      const first = measure(path);
      const m = [measure(path), measure(path), measure(path)].sort((a, b) => a.ms - b.ms)[1]!;
      rows.push([
        `${gib} GiB complete (${type === 'full' ? 'runs' : 'bitmap'})`,
        `${(size / 2 ** 30).toFixed(2)} GiB`,
        `${first.ms.toFixed(1)} ms (goal < 200)`,
        `${first.rssMb.toFixed(1)} MB (goal < 100)`,
        `${m.ms.toFixed(1)} ms`,
        String(m.drivers),
        m.culprit,
      ]);
      rmSync(path, { force: true });
    }
    const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(w[i]!)).join('  ') + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
