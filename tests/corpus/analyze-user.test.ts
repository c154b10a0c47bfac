// analyze() over every Windows user-mode dump in ../shared/corpus/user, compared with the
// peers' outputs in ../shared/corpus/expected: Breakpad's minidump_stackwalk -m (machine
// lines) and its human output (for "Found by"), and rust-minidump's JSON snapshot of test.dmp.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../shared/analysis/analyze';
import type { AnalysisReport } from '../../shared/analysis/report';
import { MemoryByteSource } from '../../shared/bytes/byteSource';
import { openDump } from '../../shared/dump/openDump';
import { DumpFormatError } from '../../shared/errors';
import { MinidumpDump } from '../../shared/formats/minidump/minidumpDump';
import { breakpadTrust } from '../helpers/breakpad';
import { hasExpected, listCorpus, readCorpus, readExpected } from '../helpers/corpus';

const MALFORMED = ['invalid-range.dmp', 'invalid-record-count.dmp'];
const dumps = listCorpus('user', '.dmp').filter((f) => !MALFORMED.includes(f));
const base = (f: string): string => f.replace(/\.dmp$/, '');

function analyzeCorpus(name: string): AnalysisReport {
  return analyze(openDump(new MemoryByteSource(readCorpus('user', name))), { path: name });
}

interface BreakpadFrame { thread: number; index: number; module: string; fn: string; offset: bigint }

function parseStackwalkM(text: string) {
  const lines = text.split('\n').filter(Boolean).map((l) => l.split('|'));
  const first = (tag: string): string[] => lines.find((l) => l[0] === tag)!;
  const [, os, osVersion] = first('OS');
  const [, cpuArch, cpuInfo, cpuCount] = first('CPU');
  const [, reason, address, thread] = first('Crash');
  return {
    os: os!, osVersion: osVersion!.trim(), cpuArch: cpuArch!, cpuInfo: cpuInfo!, cpuCount: Number(cpuCount),
    crash: { reason: reason!, address: address ? BigInt(address) : undefined, thread: thread ? Number(thread) : undefined },
    modules: lines.filter((l) => l[0] === 'Module').map((l) => ({
      name: l[1]!, version: l[2]!, debugFile: l[3]!, debugId: l[4]!, base: BigInt(l[5]!), endInclusive: BigInt(l[6]!), main: l[7] === '1',
    })),
    frames: lines.filter((l) => /^\d+$/.test(l[0]!)).map((l): BreakpadFrame => ({
      thread: Number(l[0]), index: Number(l[1]), module: l[2]!, fn: l[3]!, offset: BigInt(l[6]!),
    })),
  };
}

const hexN = (h: string | null): bigint => BigInt(h ?? '0');

describe.each(dumps.filter((f) => hasExpected(`${base(f)}.stackwalk-m.txt`)))('analyze %s vs Breakpad', (file) => {
  const r = analyzeCorpus(file);
  const bp = parseStackwalkM(readExpected(`${base(file)}.stackwalk-m.txt`));

  it('has the same system: OS, version, CPU arch, count and info', () => {
    expect(r.schema).toBe('dumpdesk.analysis/1');
    expect(r.system.os).toBe(bp.os);
    expect(r.system.osVersion).toBe(bp.osVersion);
    expect(r.system.cpuArch).toBe(bp.cpuArch);
    expect(r.system.cpuCount).toBe(bp.cpuCount);
    expect(r.system.cpuInfo).toBe(bp.cpuInfo);
  });

  it('has the same crash reason, address and crashing thread', () => {
    if (bp.crash.reason === 'No crash') {
      expect(r.crash).toMatchObject({ type: 'none', name: null, threadIndex: null });
      return;
    }
    expect(r.crash.type).toBe('exception');
    expect(hexN(r.crash.address)).toBe(bp.crash.address);
    expect(r.crash.threadIndex).toBe(bp.crash.thread);
    const raw = /^0x([0-9a-f]{8}) \/ 0x[0-9a-f]{8}$/.exec(bp.crash.reason);
    if (!raw) {
      expect(r.crash.name).toBe(bp.crash.reason);
      return;
    }
    // Breakpad prints "code / flags" for codes its table lacks; we name them better.
    expect(hexN(r.crash.code)).toBe(BigInt('0x' + raw[1]));
    // invalid-parameter.dmp: 0xC000000D is STATUS_INVALID_PARAMETER in ntstatus.h.
    // UE4Minidump.dmp: code 1 has no severity bits, so it is no NTSTATUS; Unreal Engine raises
    // it itself (RaiseException from KERNELBASE, frame 0 below) on fatal errors.
    const better: Record<string, string> = { c000000d: 'STATUS_INVALID_PARAMETER', '00000001': 'APPLICATION_DEFINED_EXCEPTION' };
    expect(r.crash.name).toBe(better[raw[1]!]);
  });

  it('has every module with the same name, base, end, version, debug file and debug id', () => {
    expect(r.modules).toHaveLength(bp.modules.length);
    const ours = new Map(r.modules.map((m) => [hexN(m.base), m]));
    for (const m of bp.modules) {
      const o = ours.get(m.base);
      expect(o, m.name).toBeDefined();
      expect({ name: o!.name, end: hexN(o!.end) - 1n, version: o!.version ?? '', debugFile: o!.debugFile ?? '', debugId: o!.debugId ?? '', main: o!.main })
        .toEqual({ name: m.name, end: m.endInclusive, version: m.version, debugFile: m.debugFile, debugId: m.debugId, main: m.main });
    }
  });

  it('walks the crashing thread like Breakpad: module, offset and how each frame was found', () => {
    const thread = bp.crash.thread ?? 0;
    const bpFrames = bp.frames.filter((f) => f.thread === thread);
    if (bpFrames.some((f) => f.fn !== '')) {
      // test.dmp and its twins: Breakpad resolved these frames with test_app.sym / kernel32.sym
      // (STACK WIN + FUNC), so its offsets are function offsets and its trust is "call frame
      // info". Without symbols we reach the same functions' modules by frame pointer; offsets
      // and trust are checked against rust-minidump's symbol-free walk below.
      expect(r.threads[thread]!.frames.map((f) => f.module)).toEqual(bpFrames.map((f) => f.module));
      return;
    }
    const expected = bpFrames.map((f) => ({ module: f.module || null, offset: f.offset }));
    const trust = breakpadTrust(readExpected(`${base(file)}.stackwalk.txt`), thread);
    let ours = r.threads[thread]!.frames.map((f) => ({ module: f.module, offset: f.module ? hexN(f.moduleOffset) : hexN(f.ip) }));
    let oursTrust = r.threads[thread]!.frames.map((f) => f.trust);
    if (file === 'UE4Minidump.dmp') {
      // Breakpad reads a thread's stack only from that thread's own stack memory. Here the
      // exception context of thread 4 (the crash reporter's thread, 0x1fd4) has
      // rsp = 0x69592cae40, inside thread 0's stack (thread 0 rsp = 0x69592c9d38, see
      // UE4Minidump.stackwalk.txt), so Breakpad stops after the context frame. We read any
      // memory the dump holds and keep scanning; only frame 0 is comparable.
      expect(ours.length).toBeGreaterThan(1);
      ours = ours.slice(0, 1);
      oursTrust = oursTrust.slice(0, 1);
    }
    expect(ours).toEqual(expected);
    expect(oursTrust).toEqual(trust);
  });
});

// Dumps whose Breakpad frames carry no symbols (test.dmp and its twins were walked with
// test_app.sym / kernel32.sym; their frames are compared with rust-minidump's instead).
const symbolFree = dumps.filter((f) => hasExpected(`${base(f)}.stackwalk-m.txt`) &&
  !parseStackwalkM(readExpected(`${base(f)}.stackwalk-m.txt`)).frames.some((fr) => fr.fn !== ''));

describe.each(symbolFree)('every thread of %s vs Breakpad', (file) => {
  it('walks each thread to the same frames, found the same way', () => {
    const dump = openDump(new MemoryByteSource(readCorpus('user', file)));
    const r = analyze(dump);
    const bp = parseStackwalkM(readExpected(`${base(file)}.stackwalk-m.txt`));
    // Breakpad leaves out the thread that wrote the dump (MDRawBreakpadInfo.dump_thread_id) and
    // numbers the rest in order; we keep every thread (WinDbg's ~ lists it too), so map indexes.
    const dumpThread = dump instanceof MinidumpDump ? dump.breakpadInfo()?.dumpThreadId : undefined;
    const ours = r.threads.filter((t) => t.id !== dumpThread);
    const human = readExpected(`${base(file)}.stackwalk.txt`);
    const threads = [...new Set(bp.frames.map((f) => f.thread))];
    expect(threads.length).toBe(ours.length);
    for (const t of threads) {
      // UE4Minidump.dmp thread 4: see the crashing-thread test (Breakpad reads only the thread's own stack).
      if (file === 'UE4Minidump.dmp' && t === bp.crash.thread) continue;
      const expected = bp.frames.filter((f) => f.thread === t).map((f) => `${f.module || '?'}+0x${f.offset.toString(16)}`);
      const got = ours[t]!.frames.map((f) => (f.module ? `${f.module}+${f.moduleOffset}` : `?+${f.ip}`));
      expect({ thread: t, frames: got, trust: ours[t]!.frames.map((f) => f.trust) })
        .toEqual({ thread: t, frames: expected, trust: breakpadTrust(human, t) });
    }
  });
});

describe('analyze test.dmp vs rust-minidump (no symbols)', () => {
  const r = analyzeCorpus('test.dmp');
  const rust = JSON.parse(readExpected('test.rust-minidump.json.txt')) as {
    crash_info: { type: string; address: string; crashing_thread: number };
    crashing_thread: { thread_id: number; frames: { module: string; module_offset: string; trust: string }[] };
    modules: { filename: string; base_addr: string; end_addr: string; code_id: string; debug_file: string; debug_id: string; version: string | null }[];
    system_info: { os: string; os_ver: string; cpu_arch: string; cpu_count: number };
    pid: number;
  };

  it('has the same crash and process', () => {
    expect(r.crash.name).toBe(rust.crash_info.type);
    expect(hexN(r.crash.address)).toBe(BigInt(rust.crash_info.address));
    expect(r.crash.threadIndex).toBe(rust.crash_info.crashing_thread);
    expect(r.crash.threadId).toBe(rust.crashing_thread.thread_id);
    expect(r.process?.id).toBe(rust.pid);
    expect(r.system.osVersion).toBe(rust.system_info.os_ver);
    expect(r.system.cpuCount).toBe(rust.system_info.cpu_count);
  });

  it('has the same modules, including code ids (compared without case: ours keep the timestamp uppercase)', () => {
    const ours = new Map(r.modules.map((m) => [hexN(m.base), m]));
    for (const m of rust.modules) {
      const o = ours.get(BigInt(m.base_addr))!;
      expect({ name: o.name, end: hexN(o.end), codeId: o.codeId?.toLowerCase(), debugFile: o.debugFile, debugId: o.debugId, version: o.version })
        .toEqual({ name: m.filename, end: BigInt(m.end_addr), codeId: m.code_id.toLowerCase(), debugFile: m.debug_file, debugId: m.debug_id, version: m.version });
    }
  });

  it('walks the crashing thread to the same frames with the same trust', () => {
    const frames = r.threads[r.crash.threadIndex!]!.frames;
    // rust-minidump prints a caller frame's offset one byte back (the call instruction, its
    // "instruction" field); Breakpad and WinDbg print the return address itself, as we do.
    expect(frames.map((f) => ({ module: f.module, offset: hexN(f.moduleOffset) - (f.trust === 'context' ? 0n : 1n), trust: f.trust })))
      .toEqual(rust.crashing_thread.frames.map((f) => ({ module: f.module, offset: BigInt(f.module_offset), trust: f.trust.replace('_', '-') })));
  });
});

describe('culprit and bucket on the corpus', () => {
  it.each([
    ['ascii_write_av.dmp', 'crashme', 'INVALID_POINTER_WRITE_c0000005_crashme.exe!Unknown'],
    ['null_read_av.dmp', 'crashme', 'NULL_POINTER_READ_c0000005_crashme.exe!Unknown'],
    ['test.dmp', 'test_app', 'NULL_CLASS_PTR_WRITE_c0000005_test_app.exe!Unknown'],
    ['tiny-exe-fastfail.dmp', 'tiny', 'FAIL_FAST_FATAL_APP_EXIT_c0000409_tiny.exe!Unknown'],
    ['stack_exhaustion.dmp', 'crashme', 'STACK_OVERFLOW_c00000fd_crashme.exe!Unknown'],
    // The break-in thread runs only ntdll/kernel32 code: the topmost system module is blamed.
    ['rizinorg_calc.dmp', 'ntdll', 'BREAKPOINT_80000003_ntdll.dll!Unknown'],
    // Frame 0 executes stack memory (no module); kernel32 and ntdll follow: blamed on kernel32.
    ['exec_av_on_stack.dmp', 'kernel32', 'BAD_INSTRUCTION_PTR_c0000005_kernel32.dll!Unknown'],
    // RaiseException in KERNELBASE (frame 0) is skipped for the first frame in the game.
    ['UE4Minidump.dmp', 'MyProject', 'APPLICATION_FAULT_1_MyProject.exe!Unknown'],
  ])('%s blames %s', (file, module, bucket) => {
    const r = analyzeCorpus(file);
    expect(r.culprit?.module).toBe(module);
    expect(r.bucket).toBe(bucket);
    expect(r.culprit?.reason.length).toBeGreaterThan(10);
  });

  it('gives dumps without an exception no culprit and a NO_EXCEPTION bucket', () => {
    const r = analyzeCorpus('tiny-exe-with-cet-xsave.dmp');
    expect(r.culprit).toBeNull();
    expect(r.bucket).toBe('NO_EXCEPTION_tiny.exe');
    expect(r.process).toMatchObject({ name: 'tiny.exe' });
  });

  it('produces documents that survive JSON (no bigint, no undefined where null is promised)', () => {
    for (const f of dumps) {
      const r = analyzeCorpus(f);
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    }
  });
});

describe('malformed dumps', () => {
  it.each(MALFORMED)('%s is a DumpFormatError naming what is wrong', (file) => {
    let err: unknown;
    try {
      analyzeCorpus(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DumpFormatError);
    expect((err as DumpFormatError).message).toMatch(/stream directory entry \d+ .* past the end of the \d+-byte file/);
  });
});
