// `npm run bench -- kernelMemory`: !memusage over a 4 GiB synthetic complete dump (1,048,576
// PFNs, a 48 MiB PFN database at the public x64 _MMPFN layout, 0x30 bytes, PageLocation at
// +0x22) from a sparse temp file, once with the whole database in the dump and once with
// every other MiB of it missing (the page-by-page fallback). Printed, never asserted.
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliSessionOptions } from '../electron/cli/commands/run';
import { openDumpFile } from '../electron/services/openDumpFile';
import { DebuggerEngine } from '../shared/debugger/engine';
import { DebugSession } from '../shared/debugger/session';
import { buildKernelDump } from '../tests/synth/kernel/builder';
import { le } from '../tests/synth/kernel/writer';

const PFNS = 0x100000; // 4 GiB of RAM in 4 KiB pages
const PFN_DB = 0xffffc30000000000n;
const VAR = 0xfffff80000720000n;
const MIB = 0x100000;

function writeSparse(path: string, holes: boolean): void {
  const db = new Uint8Array(PFNS * 0x30);
  for (let i = 0; i < PFNS; i++) db[i * 0x30 + 0x22] = i % 8;
  const memory = [{ va: VAR, bytes: le(PFN_DB, 8) }];
  for (let o = 0; o < db.length; o += MIB) {
    if (holes && (o / MIB) % 2 === 1) continue;
    memory.push({ va: PFN_DB + BigInt(o), bytes: db.subarray(o, o + MIB) });
  }
  const d = buildKernelDump({ type: 'full', is64: true, build: 19041, singleRunPages: BigInt(PFNS), kdbgFields: { MmPfnDatabase: VAR }, memory });
  const fd = openSync(path, 'w');
  try {
    ftruncateSync(fd, d.size);
    for (const c of d.chunks) writeSync(fd, c.bytes, 0, c.bytes.length, c.offset);
  } finally {
    closeSync(fd);
  }
}

function measure(path: string): { ms: number; unknown: string } {
  const opened = openDumpFile(path);
  try {
    const engine = new DebuggerEngine(new DebugSession(opened.dump, cliSessionOptions(path)));
    const t0 = performance.now();
    const text = engine.execute('!memusage').map((r) => r.text).join('');
    const ms = performance.now() - t0;
    return { ms, unknown: /Unknown:\s+(\d+)/.exec(text)?.[1] ?? '?' };
  } finally {
    opened.close();
  }
}

export default async function (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dumpdesk-memusage-bench-'));
  try {
    const rows: string[][] = [['PFN database', 'PFNs', 'first !memusage', 'median of 3', 'Unknown']];
    for (const holes of [false, true]) {
      const path = join(dir, `memusage-${holes ? 'holes' : 'whole'}.dmp`);
      writeSparse(path, holes);
      const first = measure(path);
      const m = [measure(path), measure(path), measure(path)].sort((a, b) => a.ms - b.ms)[1]!;
      rows.push([holes ? 'every other MiB missing' : 'all present', String(PFNS), `${first.ms.toFixed(0)} ms`, `${m.ms.toFixed(0)} ms`, m.unknown]);
    }
    for (const r of rows) process.stdout.write(`| ${r.join(' | ')} |\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
