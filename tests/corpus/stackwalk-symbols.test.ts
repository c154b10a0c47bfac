// With ../shared/corpus/symbols as the symbol path, the crashing thread of every Windows
// user dump in ../shared/corpus/user is compared with Breakpad's minidump_stackwalk (run
// with the same symbols): module, function, source file, line, the offset Breakpad prints,
// and how each frame was found. Thread 0 for dumps without a crash, as Breakpad does.
//
// Where we differ, and why:
//  - UE4Minidump.dmp (better): Breakpad reads a thread's stack only from that thread's own
//    stack memory; the exception context's rsp lies inside thread 0's stack, so Breakpad
//    stops after the context frame. We read any memory the dump holds and keep walking;
//    only frame 0 is compared.
//  - Symbol files exist for test_app.exe and kernel32.dll (the three test_app dumps);
//    there our STACK WIN unwinder gives the same frames, stack pointers and "call frame
//    info" trust as Breakpad. Every other dump is walked without symbols by both.
//  - The x64 .pdata unwinder never fires here: these minidumps do not carry module
//    images and the symbol path has no PEs for them (unit tests cover it).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../shared/analysis/analyze';
import type { FrameTrust, ReportFrame } from '../../shared/analysis/report';
import { openDumpFile, type OpenedDump } from '../../electron/services/openDumpFile';
import { NodeSymbolSupplier } from '../../electron/services/symbols/nodeSymbolSupplier';
import { breakpadTrust } from '../helpers/breakpad';
import { corpusPath, hasExpected, listCorpus, readExpected } from '../helpers/corpus';

const MALFORMED = ['invalid-range.dmp', 'invalid-record-count.dmp'];
const dumps = listCorpus('user', '.dmp').filter((f) => !MALFORMED.includes(f) && hasExpected(f.replace(/\.dmp$/, '.stackwalk-m.txt')));
const base = (f: string) => f.replace(/\.dmp$/, '');

/** Frames compared in full; undefined = all. */
const COMPARABLE_FRAMES: Record<string, number> = { 'UE4Minidump.dmp': 1 };

interface ExpectedFrame { module: string; function: string; file: string; line: string; offset: string }

function expectedFrames(name: string): { thread: number; frames: ExpectedFrame[] } {
  const rows = readExpected(`${base(name)}.stackwalk-m.txt`).split('\n').map((l) => l.split('|'));
  const crash = rows.find((r) => r[0] === 'Crash')!;
  const thread = crash[3] ? Number(crash[3]) : 0;
  const frames = rows.filter((r) => /^\d+$/.test(r[0]!) && Number(r[0]) === thread)
    .map((r) => ({ module: r[2]!, function: r[3]!, file: r[4]!, line: r[5]!, offset: r[6]! }));
  return { thread, frames };
}

const expectedTrust = (name: string, thread: number): FrameTrust[] => breakpadTrust(readExpected(`${base(name)}.stackwalk.txt`), thread);

/** Our frame in minidump_stackwalk -m's shape: the offset is from the line when there is one, else the function, else the module. */
function asBreakpad(f: ReportFrame): ExpectedFrame {
  const offset = f.line !== null ? undefined : f.function !== null ? f.functionOffset : f.module !== null ? f.moduleOffset : f.ip;
  return { module: f.module ?? '', function: f.function ?? '', file: f.file ?? '', line: f.line === null ? '' : String(f.line), offset: offset ?? '' };
}

const opened: OpenedDump[] = [];
const suppliers: NodeSymbolSupplier[] = [];
afterAll(() => {
  for (const o of opened) o.close();
  for (const s of suppliers) s.close();
});

describe.each(dumps)('%s with corpus symbols vs Breakpad minidump_stackwalk', (file) => {
  it('crashing thread: module, function, file, line, offset and trust, frame by frame', async () => {
    const o = openDumpFile(corpusPath('user', file));
    opened.push(o);
    const supplier = new NodeSymbolSupplier(corpusPath('symbols'));
    suppliers.push(supplier);
    await supplier.prepare(o.dump.modules());
    const { thread, frames: want } = expectedFrames(file);
    const r = analyze(o.dump, { symbols: supplier.resolver, unwinders: supplier.unwinders });
    let got = r.threads[thread]!.frames;
    let trust = expectedTrust(file, thread);
    const n = COMPARABLE_FRAMES[file];
    if (n !== undefined) {
      expect(got.length).toBeGreaterThan(want.length);
      got = got.slice(0, n);
      trust = trust.slice(0, n);
    }
    // Breakpad prints no offset for frames with a source line (its offset is from the line's start, which the report does not carry).
    const comparable = (f: ExpectedFrame) => (f.line ? { ...f, offset: '' } : f);
    expect(got.map(asBreakpad)).toEqual(want.slice(0, got.length).map(comparable));
    expect(got.length).toBe(n ?? want.length);
    expect(got.map((f) => f.trust)).toEqual(trust);
  });
});

describe('symbols found for the test_app dumps', () => {
  it('test.dmp: test_app.sym and kernel32.sym are found in the symstore layout, others are not', async () => {
    const o = openDumpFile(corpusPath('user', 'test.dmp'));
    opened.push(o);
    const supplier = new NodeSymbolSupplier(corpusPath('symbols'));
    suppliers.push(supplier);
    await supplier.prepare(o.dump.modules());
    const found = supplier.notes.filter((n) => n.result !== 'not found').map((n) => n.file);
    expect(found).toEqual([
      'test_app.pdb/5A9832E5287241C1838ED98914E9B7FF1/test_app.sym',
      'kernel32.pdb/BCE8785C57B44245A669896B6A19B9542/kernel32.sym',
    ]);
    // The .sym we read carries the MODULE line of the module it was found for.
    const text = readFileSync(corpusPath('symbols', 'test_app.pdb', '5A9832E5287241C1838ED98914E9B7FF1', 'test_app.sym'), 'utf8');
    expect(text.startsWith('MODULE windows x86 5A9832E5287241C1838ED98914E9B7FF1 test_app.pdb')).toBe(true);
  });
});
