// Every user-mode dump in ../shared/corpus/user, read by our minidump reader
// and compared with Breakpad's minidump_dump (NAME.dump.txt) and
// minidump_stackwalk -m (NAME.stackwalk-m.txt) in ../shared/corpus/expected.
import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '../../shared/bytes/byteSource';
import { openDump } from '../../shared/dump/openDump';
import { DumpFormatError } from '../../shared/errors';
import { MinidumpDump } from '../../shared/formats/minidump/minidumpDump';
import { hasExpected, listCorpus, readCorpus, readExpected } from '../helpers/corpus';

const MALFORMED = ['invalid-range.dmp', 'invalid-record-count.dmp'];
const dumps = listCorpus('user', '.dmp').filter((f) => !MALFORMED.includes(f));

/** The OS|, CPU|, Crash| and Module| lines of `minidump_stackwalk -m`. */
function parseStackwalkM(text: string) {
  const lines = text.split('\n').map((l) => l.split('|'));
  const os = lines.find((l) => l[0] === 'OS')!;
  const cpu = lines.find((l) => l[0] === 'CPU')!;
  const crash = lines.find((l) => l[0] === 'Crash')!;
  const modules = lines.filter((l) => l[0] === 'Module').map((l) => ({
    name: l[1]!, version: l[2]!, debugFile: l[3]!, debugId: l[4]!,
    base: BigInt(l[5]!), endInclusive: BigInt(l[6]!), main: l[7] === '1',
  }));
  return {
    os: os[1]!, osVersion: os[2]!,
    cpuArch: cpu[1]!, cpuInfo: cpu[2]!, cpuCount: Number(cpu[3]),
    crashReason: crash[1]!, crashThread: crash[3] === '' || crash[3] === undefined ? undefined : Number(crash[3]),
    modules,
  };
}

/** The few fields of `minidump_dump` we compare: counts, exception, per-module code id. */
function parseDumpTxt(text: string) {
  const num = (re: RegExp): number | undefined => {
    const m = re.exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const exc = /^MDException\n {2}thread_id\s+= (0x[0-9a-f]+)\n {2}exception_record\.exception_code\s+= (0x[0-9a-f]+)[\s\S]*?exception_address\s+= (0x[0-9a-f]+)/m.exec(text);
  const codeIds = new Map<bigint, string>();
  for (const m of text.matchAll(/^ {2}base_of_image\s+= (0x[0-9a-f]+)[\s\S]*?\(code_identifier\)\s+= "([^"]*)"/gm)) {
    codeIds.set(BigInt(m[1]!), m[2]!);
  }
  const threadNames = new Map<number, string>();
  for (const m of text.matchAll(/^ {2}thread_id\s+= (0x[0-9a-f]+)\n {2}thread_name_rva\s+= 0x[0-9a-f]+\n {2}thread_name\s+= "(.*)"$/gm)) {
    threadNames.set(Number(m[1]), m[2]!);
  }
  return {
    threadCount: num(/^MinidumpThreadList\n {2}thread_count = (\d+)/m),
    moduleCount: num(/^MinidumpModuleList\n {2}module_count = (\d+)/m),
    memoryInfoCount: num(/^MinidumpMemoryInfoList\n {2}info_count = (\d+)/m),
    processId: num(/^ {2}process_id\s+= (\d+)/m),
    exception: exc ? { threadId: Number(exc[1]), code: Number(exc[2]), address: BigInt(exc[3]!) } : undefined,
    codeIds,
    threadNames,
  };
}

function open(name: string): MinidumpDump {
  const dump = openDump(new MemoryByteSource(readCorpus('user', name)));
  expect(dump).toBeInstanceOf(MinidumpDump);
  return dump as MinidumpDump;
}

describe.each(dumps)('%s', (name) => {
  const base = name.replace(/\.dmp$/, '');
  const sw = parseStackwalkM(readExpected(`${base}.stackwalk-m.txt`));
  const md = hasExpected(`${base}.dump.txt`) ? parseDumpTxt(readExpected(`${base}.dump.txt`)) : undefined;

  it('system info matches Breakpad (OS|, CPU| lines)', () => {
    const s = open(name).system();
    expect(s.os).toBe(sw.os);
    // Breakpad prints "6.1.7600 " with a trailing space when there is no CSD string; we do not.
    expect(s.osVersion).toBe(sw.osVersion.trimEnd());
    expect(s.cpuArch).toBe(sw.cpuArch);
    expect(s.cpuInfo).toBe(sw.cpuInfo);
    expect(s.cpuCount).toBe(sw.cpuCount);
  });

  it('threads and exception match minidump_dump', () => {
    const dump = open(name);
    expect(dump.threads().length).toBe(md!.threadCount);
    const e = dump.exception();
    if (!md!.exception) {
      expect(e).toBeUndefined();
      expect(sw.crashReason).toBe('No crash');
      return;
    }
    expect(e!.code).toBe(md!.exception.code);
    expect(e!.address).toBe(md!.exception.address);
    expect(e!.threadId).toBe(md!.exception.threadId);
    expect(dump.crashingThreadIndex()).toBe(sw.crashThread);
    expect(e!.context?.ip).toBeDefined();
  });

  it('every module matches Breakpad: name, base, end, version, debug file and id, code id', () => {
    const dump = open(name);
    const mods = dump.modules();
    expect(mods.length).toBe(md!.moduleCount);
    expect(mods.length).toBe(sw.modules.length);
    const byBase = new Map(mods.map((m) => [m.base, m]));
    for (const want of sw.modules) {
      const got = byBase.get(want.base);
      expect(got, `module at 0x${want.base.toString(16)}`).toBeDefined();
      expect(got!.name).toBe(want.name);
      // Breakpad's Module| end is inclusive; ours (and WinDbg's lm) is base + size, exclusive.
      expect(got!.base + BigInt(got!.size) - 1n).toBe(want.endInclusive);
      expect(got!.version ?? '').toBe(want.version);
      expect(got!.debugFile ?? '').toBe(want.debugFile);
      expect(got!.debugId ?? '').toBe(want.debugId);
      expect(Boolean(got!.main)).toBe(want.main);
      expect(got!.codeId).toBe(md!.codeIds.get(want.base));
    }
    expect(dump.process()?.name).toBe(sw.modules.find((m) => m.main)!.name);
  });

  it('auxiliary streams agree with minidump_dump where it prints them', () => {
    const dump = open(name);
    if (md!.processId !== undefined) expect(dump.process()?.id).toBe(md!.processId);
    if (md!.memoryInfoCount !== undefined) expect(dump.memoryInfo().length).toBe(md!.memoryInfoCount);
    for (const [id, want] of md!.threadNames) {
      expect(dump.threads().find((t) => t.id === id)?.name).toBe(want);
    }
    // The stack of every thread is readable through the memory reader.
    for (const t of dump.threads()) {
      if (!t.stack) continue;
      const bytes = dump.memory.read(t.stack.start, Math.min(t.stack.size, 64));
      expect(bytes?.length, `thread 0x${t.id.toString(16)} stack`).toBe(Math.min(t.stack.size, 64));
    }
    // No stream we read was unreadable on a real dump.
    expect(dump.diagnostics.filter((d) => d.code === 'StreamUnreadable')).toEqual([]);
  });
});

/** Register blocks (MDRawContextX86/AMD64) of minidump_dump, as name → value, our names. */
function contextBlocks(text: string): Record<string, bigint>[] {
  const rename: Record<string, string> = { eflags: 'efl', mx_csr: 'mxcsr' };
  return [...text.matchAll(/^MDRawContext(?:X86|AMD64)\n((?: {2}.*\n)+)/gm)].map((m) => {
    const regs: Record<string, bigint> = {};
    for (const l of m[1]!.matchAll(/^ {2}([a-z0-9_]+)\s+= (0x[0-9a-f]+)$/gm)) regs[rename[l[1]!] ?? l[1]!] = BigInt(l[2]!);
    return regs;
  });
}

describe.each(dumps)('%s CONTEXT records', (name) => {
  it('every thread\'s registers and the exception context match minidump_dump', () => {
    const base = name.replace(/\.dmp$/, '');
    const text = readExpected(`${base}.dump.txt`);
    const threadPart = text.slice(text.indexOf('MinidumpThreadList'), text.indexOf('\nMinidumpModuleList'));
    const want = contextBlocks(threadPart);
    const dump = open(name);
    const threads = dump.threads();
    expect(want.length).toBe(threads.length);
    let compared = 0;
    threads.forEach((t, i) => {
      for (const reg of t.context!.order) {
        if (want[i]![reg] === undefined) continue;
        expect(t.context!.regs[reg], `thread ${i} ${reg}`).toBe(want[i]![reg]);
        compared++;
      }
    });
    expect(compared).toBeGreaterThanOrEqual(threads.length * 16);
    const exc = text.indexOf('\nMDException');
    if (exc >= 0) {
      const [ctx] = contextBlocks(text.slice(exc));
      const ours = dump.exception()!.context!;
      for (const reg of ours.order) if (ctx![reg] !== undefined) expect(ours.regs[reg], `exception ${reg}`).toBe(ctx![reg]);
    }
  });
});

describe.each(dumps)('%s memory list', (name) => {
  it('every MinidumpMemoryList region of minidump_dump is a range we read, with the same bytes count', () => {
    const text = readExpected(name.replace(/\.dmp$/, '.dump.txt'));
    const list = text.indexOf('\nMinidumpMemoryList\n');
    const dump = open(name);
    const ours = dump.memoryRanges();
    if (list < 0) {
      // Breakpad could not read the list (exec_av_on_stack: overlapping region 3/5); we read every range.
      expect(ours.length).toBeGreaterThan(0);
      return;
    }
    const count = Number(/region_count = (\d+)/.exec(text.slice(list))![1]);
    const regions = [...text.slice(list).matchAll(/start_of_memory_range = (0x[0-9a-f]+)\n {2}memory\.data_size\s+= (0x[0-9a-f]+)/g)].slice(0, count);
    expect(regions.length).toBe(count);
    expect(ours.length).toBe(count);
    for (const r of regions) expect(ours.some((m) => m.start === BigInt(r[1]!) && m.size === Number(r[2]))).toBe(true);
    // And each is readable through the virtual-memory reader.
    for (const r of regions) expect(dump.memory.read(BigInt(r[1]!), 1)?.length).toBe(1);
  });
});

describe('malformed corpus dumps', () => {
  // Breakpad: "Minidump … has no thread list" (it skips directory entries it
  // cannot read); lldb: "Unexpected EOF". Both streams' locations run past the
  // end of the file, so we refuse at open and say which entry and why.
  it.each([
    ['invalid-range.dmp', /stream directory entry 0 .* claims 262158 bytes at 0x20000, past the end of the 276-byte file/],
    ['invalid-record-count.dmp', /stream directory entry 0 .* claims 2471513412 bytes at 0x100015a7, past the end of the 235-byte file/],
  ])('%s gives a DumpFormatError naming the bad directory entry', (name, message) => {
    let error: unknown;
    try {
      openDump(new MemoryByteSource(readCorpus('user', name)));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DumpFormatError);
    expect((error as DumpFormatError).code).toBe('OutOfBounds');
    expect((error as DumpFormatError).message).toMatch(message);
  });

  it('exec_av_on_stack.dmp: overlapping memory ranges are a diagnostic, not a failure', () => {
    // Breakpad's minidump_dump: "MinidumpMemoryList could not store memory region 3/5, 0x3df288+0xd78"
    // (exec_av_on_stack.dump.err.txt). We keep the first range and say so.
    const dump = open('exec_av_on_stack.dmp');
    expect(dump.memory.regions().length).toBeGreaterThan(0);
    const d = dump.diagnostics.find((x) => x.code === 'OverlappingMemory');
    expect(d?.message).toMatch(/0x3df288\+0xd78/);
  });
});

describe('Crashpad and MiscInfo streams (zuohuiyang_electron.dmp)', () => {
  const text = readExpected('zuohuiyang_electron.dump.txt');
  it('Crashpad info matches minidump_dump', () => {
    const c = open('zuohuiyang_electron.dmp').crashpadInfo()!;
    expect(c.reportId).toBe(/report_id = (\S+)/.exec(text)![1]);
    expect(c.clientId).toBe(/client_id = (\S+)/.exec(text)![1]);
    for (const m of text.matchAll(/^ {2}simple_annotations\["(.+)"\] = (.*)$/gm)) expect(c.annotations[m[1]!]).toBe(m[2]);
    const objs = c.modules[0]!.annotationObjects;
    for (const m of text.matchAll(/^ {2}module_list\[0\]\.crashpad_annotations\["(.+)"\] \(type = 1\) = (.*)$/gm)) {
      expect(objs.find((o) => o.name === m[1])?.value).toBe(m[2]);
    }
  });
  it('thread names match minidump_dump for all 47 threads', () => {
    const want = parseDumpTxt(text).threadNames;
    expect(want.size).toBe(47);
    const threads = open('zuohuiyang_electron.dmp').threads();
    expect(new Map(threads.map((t) => [t.id, t.name ?? '']))).toEqual(want);
  });
  it('MiscInfo build strings and time zone match minidump_dump', () => {
    const misc = open('zuohuiyang_electron.dmp').miscInfo()!;
    expect(misc.version).toBe(4);
    expect(misc.buildString).toBe(/build_string\s+= (.*)/.exec(text)![1]);
    expect(misc.dbgBuildString).toBe(/dbg_bld_str\s+= (.*)/.exec(text)![1]);
    expect(misc.timeZone?.bias).toBe(-480);
    expect(misc.timeZone?.standardName).toBe(/time_zone\.standard_name\s+= (.*)/.exec(text)![1]);
  });
});
