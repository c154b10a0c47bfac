// The real kernel dumps in ../shared/corpus/kernel against what other tools
// say about them. How each expected value was established is noted per test:
// WinDbg output in corpus/expected (083125-14875-01.windbg.*), rizin's test
// expectations (rizinorg_triage_arm64.rizin.txt), or the header bytes.
import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '../../shared/bytes/byteSource';
import { KernelDump } from '../../shared/formats/kernel/kernelDump';
import { readCorpus, readExpected } from '../helpers/corpus';

const open = (name: string) => new KernelDump(new MemoryByteSource(readCorpus('kernel', name)));
const hexOf = (s: string): bigint => BigInt('0x' + s.replace(/`/g, ''));

/** `lm t n` rows (loaded modules only): start, end, module name, image name. */
function lmRows(text: string): { start: bigint; end: bigint; module: string; image: string }[] {
  const rows = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('Unloaded modules')) break;
    const m = /^([0-9a-f]{8}`[0-9a-f]{8}) ([0-9a-f]{8}`[0-9a-f]{8})\s+(\S+)\s+(\S+)/.exec(line);
    if (m) rows.push({ start: hexOf(m[1]!), end: hexOf(m[2]!), module: m[3]!, image: m[4]! });
  }
  return rows;
}

/** `lm t n` unloaded section: start, end, 12-character name. */
function lmUnloaded(text: string): { start: bigint; end: bigint; name: string }[] {
  const after = text.split('Unloaded modules:')[1] ?? '';
  return [...after.matchAll(/^([0-9a-f]{8}`[0-9a-f]{8}) ([0-9a-f]{8}`[0-9a-f]{8})\s+(\S+)/gm)].map((m) => ({ start: hexOf(m[1]!), end: hexOf(m[2]!), name: m[3]! }));
}

describe('083125-14875-01.dmp (x64 small dump, bugcheck 0x4A, build 19041)', () => {
  const dump = open('083125-14875-01.dmp');
  const analyze = readExpected('083125-14875-01.windbg.analyze-v.txt');

  it('bugcheck code and parameters match WinDbg !analyze -v (BUGCHECK_CODE, BUGCHECK_P1..P4)', () => {
    const code = /^BUGCHECK_CODE:\s+(\S+)/m.exec(analyze)![1]!;
    const params = [1, 2, 3, 4].map((i) => hexOf(new RegExp(`^BUGCHECK_P${i}:\\s+(\\S+)`, 'm').exec(analyze)![1]!));
    expect(dump.bugcheck()).toEqual({ code: Number('0x' + code), parameters: params });
    expect(dump.kind).toBe('kernel-small');
  });

  it('OS build and platform match WinDbg (OSNAME / OSPLATFORM_TYPE; build from IMAGE_VERSION 10.0.19041.x)', () => {
    const s = dump.system();
    expect(s.buildNumber).toBe(Number(/^IMAGE_VERSION:\s+10\.0\.(\d+)\./m.exec(analyze)![1]));
    expect(s.os).toBe(/^OSNAME:\s+(.+)$/m.exec(analyze)![1]!.trim());
    expect(s.cpuArch).toBe('amd64');
    expect(/^OSPLATFORM_TYPE:\s+(\S+)/m.exec(analyze)![1]).toBe('x64');
  });

  it('processor description from the KPRCB copy (no expected file has it: checked only for shape and vendor)', () => {
    expect(dump.system().cpuInfo).toMatch(/^GenuineIntel family 6 model \d+ stepping \d+ ~\d+ MHz$/);
  });

  it('processor count: header bytes (NumberProcessors at 0x34) and `!thread` "RUNNING on processor 0"', () => {
    const raw = readCorpus('kernel', '083125-14875-01.dmp');
    expect(dump.system().cpuCount).toBe(new DataView(raw.buffer).getUint32(0x34, true));
    expect(dump.system().cpuCount).toBe(1);
  });

  it('driver list matches WinDbg `lm t n` one for one (count, bases, ends, names)', () => {
    const rows = lmRows(readExpected('083125-14875-01.windbg.lm-t-n.txt'));
    const mods = dump.modules();
    expect(mods.length).toBe(rows.length);
    expect(rows.length).toBe(156);
    const byBase = new Map(mods.map((m) => [m.base, m]));
    for (const row of rows) {
      const m = byBase.get(row.start);
      expect(m, row.module).toBeDefined();
      expect(m!.base + BigInt(m!.size)).toBe(row.end);
      // WinDbg shows the kernel by its original name (ntkrnlmp.exe); the dump stores ntoskrnl.exe.
      if (row.module === 'nt') expect(m!.name).toBe('ntoskrnl.exe');
      else expect(m!.name.toLowerCase()).toBe(row.image.toLowerCase());
    }
  });

  it('unloaded drivers match the `lm t n` "Unloaded modules" section', () => {
    const expected = lmUnloaded(readExpected('083125-14875-01.windbg.lm-t-n.txt'));
    expect(dump.unloadedModules().map((u) => ({ start: u.base, end: u.base + BigInt(u.size), name: u.name }))).toEqual(expected);
  });

  it('PROCESS_NAME and the thread Cid match WinDbg (`!analyze -v`, `!thread` Cid 0cac.11b8)', () => {
    const thread = readExpected('083125-14875-01.windbg.thread.txt');
    const cid = /Cid ([0-9a-f]+)\.([0-9a-f]+)/.exec(thread)!;
    expect(dump.process()).toEqual({ name: /^PROCESS_NAME:\s+(\S+)/m.exec(analyze)![1], id: Number('0x' + cid[1]) });
    expect(dump.threads()[0]!.id).toBe(Number('0x' + cid[2]));
    expect(dump.threads()[0]!.teb).toBe(hexOf(/^THREAD ([0-9a-f]+)/.exec(thread)![1]!));
  });

  it('the context and call stack agree with `kv`: sp = first Child-SP, stack ends at the thread stack Base', () => {
    const kv = readExpected('083125-14875-01.windbg.kv.txt');
    const thread = readExpected('083125-14875-01.windbg.thread.txt');
    const firstSp = hexOf(/^00 ([0-9a-f`]+)/m.exec(kv)![1]!);
    const t = dump.threads()[0]!;
    expect(t.context!.sp).toBe(firstSp);
    expect(t.stack!.start).toBe(firstSp);
    expect(t.stack!.start + BigInt(t.stack!.size)).toBe(hexOf(/Base ([0-9a-f]+)/.exec(thread)![1]!));
    // kv frame 01's return address sits right at Child-SP of frame 00.
    const ret = dump.memory.read(firstSp, 8)!;
    expect(new DataView(ret.buffer).getBigUint64(0, true)).toBe(hexOf(/^00 \S+ ([0-9a-f`]+)/m.exec(kv)![1]!));
  });

  it('KDDEBUGGER_DATA64 KernBase is WinDbg\'s nt start; header PsLoadedModuleList agrees with KDBG', () => {
    const nt = lmRows(readExpected('083125-14875-01.windbg.lm-t-n.txt')).find((r) => r.module === 'nt')!;
    const k = dump.debuggerData()!;
    expect(k.wasEncoded).toBe(false);
    expect(k.kernBase).toBe(nt.start);
    expect(k.psLoadedModuleList).toBe(dump.header.psLoadedModuleList);
    expect(dump.header.attributes).toBe(Number(/^DUMP_FILE_ATTRIBUTES: (\S+)/m.exec(analyze)![1]));
  });
});

describe('rizinorg_triage_arm64.dmp (ARM64 small dump, bugcheck 0x1C8, build 22000)', () => {
  const dump = open('rizinorg_triage_arm64.dmp');
  const rizin = readExpected('rizinorg_triage_arm64.rizin.txt');
  const field = (name: string): bigint => hexOf(new RegExp(`^\\s+${name} : 0x([0-9a-f]+)`, 'm').exec(rizin)![1]!);

  it('header fields match rizin `iH` (DUMP_HEADER64)', () => {
    expect(dump.bugcheck()).toEqual({
      code: Number(field('BugCheckCode')),
      parameters: [field('BugCheckParameter1'), field('BugCheckParameter2'), field('BugCheckParameter3'), field('BugCheckParameter4')],
    });
    expect(BigInt(dump.system().buildNumber!)).toBe(field('MinorVersion'));
    expect(BigInt(dump.system().cpuCount)).toBe(field('NumberProcessors'));
    expect(dump.system().cpuArch).toBe('arm64');
    expect(dump.header.machineImageType).toBe(Number(field('MachineImageType')));
    expect(dump.header.directoryTableBase).toBe(field('DirectoryTableBase'));
    expect(dump.header.kdDebuggerDataBlock).toBe(field('KdDebuggerDataBlock'));
    expect(BigInt(dump.header.productType!)).toBe(field('ProductType'));
  });

  it('TRIAGE_DUMP64 matches rizin `iH`', () => {
    const t = dump.triage!.header;
    expect(BigInt(t.driverCount)).toBe(field('DriverCount'));
    expect(BigInt(t.callStackOffset)).toBe(field('CallStackOffset'));
    expect(BigInt(t.sizeOfCallStack)).toBe(field('SizeOfCallStack'));
    expect(t.topOfStack).toBe(field('TopOfStack'));
    expect(BigInt(t.dataBlocksCount)).toBe(field('DataBlocksCount'));
    expect(BigInt(t.debuggerDataOffset)).toBe(field('DebuggerDataOffset'));
  });

  it('registers match rizin `dr` (pc, sp, fp, lr, x0..x28, cpsr)', () => {
    const ctx = dump.threads()[0]!.context!;
    for (const m of rizin.matchAll(/^(x\d+|fp|lr|sp|pc|cpsr) = 0x([0-9a-f]+)$/gm)) {
      expect(ctx.regs[m[1]!], m[1]).toBe(BigInt('0x' + m[2]));
    }
    expect(ctx.ip).toBe(ctx.regs.pc);
  });

  it('driver list: count from TRIAGE_DUMP64.DriverCount; the kernel contains rizin\'s stack pcs', () => {
    const mods = dump.modules();
    expect(BigInt(mods.length)).toBe(field('DriverCount'));
    expect(mods[0]!.path).toBe('\\SystemRoot\\system32\\ntoskrnl.exe');
    const nt = mods[0]!;
    for (const m of rizin.matchAll(/^\d+\s+0x([0-9a-f]+) sp: /gm)) {
      const pc = BigInt('0x' + m[1]);
      expect(pc >= nt.base && pc < nt.base + BigInt(nt.size)).toBe(true);
    }
    // KDBG KernBase (read from the dump's own debugger data copy) is the kernel's base.
    expect(dump.debuggerData()!.kernBase).toBe(nt.base);
  });

  it('PROCESS_NAME is "System" (a power-button work item runs in a system worker thread, per rizin\'s dbt: ExpWorkerThread)', () => {
    expect(rizin).toMatch(/ExpWorkerThread/);
    expect(dump.process()?.name).toBe('System');
  });
});
