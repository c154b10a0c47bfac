// The kernel commands with real decoders (shared/debugger/kernel/) on both corpus
// kernel dumps, compared with real WinDbg output
// (../shared/corpus/expected/083125-14875-01.windbg.*.txt) and rizin's dump of the ARM64
// triage dump (rizinorg_triage_arm64.rizin.txt).
import { describe, expect, it } from 'vitest';
import { ownKernelCommands } from '../../shared/debugger/commands/kernelCommands';
import { readExpected } from '../helpers/corpus';
import { corpusEngine, run } from '../unit/shared/debugger/helpers';

const X64 = '083125-14875-01.dmp';
const ARM64 = 'rizinorg_triage_arm64.dmp';

/** Lines of a command's output, trailing blanks dropped. */
function lines(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/\s+$/, ''));
}

/** Our lines without DumpDesk's hint lines ("    (…)"), which WinDbg does not print. */
function windbgLines(text: string): string[] {
  return lines(text).filter((l) => !/^ {4}\(/.test(l));
}

describe('!thread on the x64 small dump (083125-14875-01.windbg.thread.txt)', () => {
  const expected = lines(readExpected('083125-14875-01.windbg.thread.txt'));
  const ours = windbgLines(run(corpusEngine('kernel', X64), '!thread'));
  // WinDbg's header part: everything before the stack.
  const header = expected.slice(0, expected.indexOf(expected.find((l) => l.startsWith('Child-SP'))!));
  // The one line we cannot print: its address is an nt global only nt's symbols locate.
  const needsSymbols = (l: string): boolean => l.startsWith('GetUlongFromAddress: unable to read from');

  it('prints every header line WinDbg prints, in the same order', () => {
    const wanted = header.filter((l) => !needsSymbols(l));
    expect(wanted.length).toBe(header.length - 1);
    expect(ours.slice(0, wanted.length)).toEqual(wanted);
  });

  it('matches the values line by line', () => {
    expect(ours[0]).toBe('THREAD ffffd20bfc13c080  Cid 0cac.11b8  Teb: 0000007d48790000 Win32Thread: ffffd20bfcfe25f0 RUNNING on processor 0');
    expect(ours).toContain('Unable to read nt!_IRP @ ffffd20bfd87f6f0');
    expect(ours).toContain('Owning Process            ffffd20bfc53e080       Image:         notmyfault64.e');
    expect(ours).toContain('Wait Start TickCount      31683');
    expect(ours).toContain('Context Switch Count      2419           IdealProcessor: 0');
    expect(ours).toContain('Win32 Start Address 0x00007ff727f74848');
    expect(ours).toContain('Stack Init ffffa704eeb6bfd0 Current ffffa704eec5a2d0');
    expect(ours).toContain('Base ffffa704eeb6c000 Limit ffffa704eeb66000 Call 0000000000000000');
    expect(ours).toContain('Priority 12  BasePriority 8  Foreground Boost 2  IoPriority 2  PagePriority 5');
    expect(ours).toContain('Part of process with FOREGROUND Priority');
  });

  it('says which dump type has what the small dump lacks', () => {
    const text = run(corpusEngine('kernel', X64), '!thread');
    expect(text).toMatch(/Unable to read nt!_IRP @ ffffd20bfd87f6f0\n {4}\(small memory dump: it does not hold the IRP \(nonpaged pool\); a kernel or complete memory dump \(MEMORY\.DMP\) does\)/);
    expect(text).toContain('raw clock ticks: user 1, kernel 6');
  });

  it('prints the stack in the Child-SP / RetAddr / Args to Child form; the first two frames match WinDbg', () => {
    const at = expected.findIndex((l) => l.startsWith('Child-SP'));
    const mine = ours.indexOf(expected[at]!);
    expect(mine).toBeGreaterThan(0);
    // Without nt's symbols the call site reads nt+0x…; the columns before it are WinDbg's.
    const columns = (l: string): string => l.slice(0, l.lastIndexOf(' : '));
    // ffffa704`eeb6bc88 fffff807`5c01faa9     : 00000000`0000004a 00007ffe`7350d0c4 00000000`00000002 00000000`00000000 : nt!KeBugCheckEx
    // ffffa704`eeb6bc90 fffff807`5c01f951     : 00000000`00000000 ffff2473`4c998063 00000000`000104ae 0000022e`9aabec50 : nt!KiBugCheckDispatch+0x69
    for (const k of [1, 2]) expect(columns(ours[mine + k]!)).toBe(columns(expected[at + k]!));
  });

  it('!thread with the thread\'s address and with -1 print the same', () => {
    const engine = corpusEngine('kernel', X64);
    expect(run(engine, '!thread ffffd20bfc13c080')).toBe(run(engine, '!thread'));
    expect(run(engine, '!thread -1')).toBe(run(engine, '!thread'));
  });

  it('spans: the thread, the owning process and the IRP are links', () => {
    const r = corpusEngine('kernel', X64).execute('!thread')[0]!;
    const values = r.spans.map((s) => `${s.kind}:${s.value}`);
    expect(values).toContain('thread:!thread ffffd20bfc13c080');
    expect(values).toContain('process:!process ffffd20bfc53e080');
    expect(values).toContain('command:!irp ffffd20bfd87f6f0');
  });
});

describe('!process on the x64 small dump', () => {
  it('0 0: says the list is not in the dump, then shows the current process', () => {
    const out = lines(run(corpusEngine('kernel', X64), '!process 0 0'));
    expect(out[0]).toBe('**** NT ACTIVE PROCESS DUMP ****');
    // PsActiveProcessHead from KDDEBUGGER_DATA64 (vertarget prints the same header value).
    expect(out[1]).toBe('Unable to read _LIST_ENTRY @ fffff8075c82c130');
    expect(out[2]).toContain('small memory dump: it does not hold the process list');
    // The process of "Owning Process ffffd20bfc53e080 Image: notmyfault64.e", Cid 0cac from "Cid 0cac.11b8".
    expect(out).toContain('PROCESS ffffd20bfc53e080');
    expect(out).toContain('    SessionId: <Data Not Accessible>  Cid: 0cac    Peb: 7d4878f000  ParentCid: 0c34');
    expect(out).toContain('    Image: notmyfault64.e');
  });

  it('ADDR 7: the summary and the thread, then the reason the other threads are missing', () => {
    const out = lines(run(corpusEngine('kernel', X64), '!process ffffd20bfc53e080 7'));
    expect(out[0]).toBe('PROCESS ffffd20bfc53e080');
    expect(out).toContain('THREAD ffffd20bfc13c080  Cid 0cac.11b8  Teb: 0000007d48790000 Win32Thread: ffffd20bfcfe25f0 RUNNING on processor 0');
    expect(out.some((l) => l.startsWith('Unable to read nt!_ETHREAD @ '))).toBe(true);
  });

  it('an address that is not a process', () => {
    const r = corpusEngine('kernel', X64).execute('!process ffffd20bfc13c080')[0]!;
    expect(r.text.trim()).toBe('TYPE mismatch for process object at ffffd20bfc13c080');
  });
});

describe('!prcb / !pcr', () => {
  it('x64: the KPRCB copy located by its self-pointers (KPCR + 0x180, page aligned)', () => {
    const engine = corpusEngine('kernel', X64);
    const prcb = lines(run(engine, '!prcb'));
    expect(prcb[0]).toBe('PRCB for Processor 0 at fffff8075ad55180:');
    // Current thread = WinDbg's "THREAD ffffd20bfc13c080".
    expect(prcb).toContain('Threads--  Current ffffd20bfc13c080 Next 0000000000000000 Idle fffff8075c935a00');
    expect(lines(run(engine, '!pcr'))[0]).toBe('KPCR for Processor 0 at fffff8075ad55000:');
  });

  it('ARM64: KiProcessorBlock[0] from the dump agrees with the copy (rizin: x18 = fffff803efd00000, the KPCR)', () => {
    const engine = corpusEngine('kernel', ARM64);
    // rizinorg_triage_arm64.rizin.txt: "x18 = 0xfffff803efd00000" (ARM64 keeps the KPCR in x18).
    expect(lines(run(engine, '!pcr'))[0]).toBe('KPCR for Processor 0 at fffff803efd00000:');
    expect(lines(run(engine, '!prcb'))[0]).toBe('PRCB for Processor 0 at fffff803efd00980:');
    // Other processors' KPRCBs are in that dump's data blocks.
    expect(lines(run(engine, '!prcb 7'))[0]).toBe('PRCB for Processor 7 at ffff970069547980:');
    expect(run(engine, '!prcb 8')).toBe('Processor 8 does not exist: the dump header counts 8 processor(s)\n');
  });
});

describe('ARM64 small dump (22000): KDDEBUGGER_DATA64 offsets only', () => {
  it('!thread: stacks from the dump\'s own offsets, stack from rizin\'s sp', () => {
    const out = lines(run(corpusEngine('kernel', ARM64), '!thread'));
    expect(out[0]).toMatch(/^THREAD ffffbb8eb1719180 {2}Cid \?{4}\.\?{4} {2}Teb: 0000000000000000 .* RUNNING on processor 0$/);
    expect(out).toContain('Stack Init ffffe00e0e4bcdb0 Current ffffe00e0e4ba360');
    expect(out).toContain('Base ffffe00e0e4bd000 Limit ffffe00e0e4b5000 Call 0000000000000000');
    // rizin: "0  0xfffff803f32de014 sp: 0xffffe00e0e4bc4a0 … KeBugCheck2+452"
    const at = out.findIndex((l) => l.startsWith('Child-SP'));
    expect(out[at + 1]!.startsWith('ffffe00e`0e4bc4a0 fffff803`f33442a0')).toBe(true);
  });

  it('!process 0 0: the System process (the power-button worker thread\'s)', () => {
    const out = lines(run(corpusEngine('kernel', ARM64), '!process 0 0'));
    expect(out).toContain('PROCESS ffffbb8eb1690080');
    expect(out).toContain('    Image: System');
  });
});

describe('.bugcheck (083125-14875-01.windbg.analyze-v.txt Arg1..Arg4)', () => {
  it('prints the code and the four arguments', () => {
    expect(run(corpusEngine('kernel', X64), '.bugcheck')).toBe('Bugcheck code 0000004A\nArguments 00007ffe`7350d0c4 00000000`00000002 00000000`00000000 ffffa704`eeb6bec0\n');
  });
});

describe('WinDbg\'s own words where the small dump lacks the data', () => {
  it.each([
    ['!poolused', '083125-14875-01.windbg.poolused.txt', 'Unable to get MiVisibleState'],
    ['!devstack', '083125-14875-01.windbg.devstack.txt', 'Device object  not found'],
    // The whole line: MmVerifierData's address comes from KDDEBUGGER_DATA64, no symbols needed.
    ['!verifier', '083125-14875-01.windbg.verifier.txt', 'fffff8075c838780: Unable to get verifier list.'],
  ])('%s', (cmd, file, words) => {
    // For !poolused WinDbg prefixes MiVisibleState's address ("fffff8075c909390: …"), which needs nt's symbols.
    expect(readExpected(file)).toContain(words);
    expect(run(corpusEngine('kernel', X64), cmd).split('\n')[0]).toBe(words);
  });
});

describe.each([X64, ARM64])('%s: no exception escapes', (name) => {
  const VARIANTS = ['', ' -1', ' 0', ' 0 0', ' 0 7', ' zz!@#', ' ffffffff`ffff0000', ' 1 2 3 4', ' 0 0 notmyfault64.exe', ' ffffd20bfc13c080 ff', ' 7fffffff', ' -2'];
  it.each(ownKernelCommands.map((c) => c.name))('%s', (cmd) => {
    const engine = corpusEngine('kernel', name);
    for (const v of VARIANTS) {
      const r = engine.execute(cmd + v);
      expect(r.length, cmd + v).toBe(1);
      expect(r[0]!.text.trim().length, cmd + v).toBeGreaterThan(5);
      expect(r[0]!.text, cmd + v).not.toMatch(/internal error/i);
    }
  });
});
