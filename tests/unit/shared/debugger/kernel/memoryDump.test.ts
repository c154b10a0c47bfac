// !process and !thread walking real structures in a dump that holds kernel memory:
// a synthetic full dump (tests/synth/kernel) with an EPROCESS and an ETHREAD written by
// hand at their virtual addresses, at the public 19041 x64 offsets (written out here, not
// taken from shared/debugger/kernel/layouts.ts, so a wrong table cannot confirm itself).
import { describe, expect, it } from 'vitest';
import { buildKernelDump, patternFor, toBytes } from '../../../../synth/kernel/builder';
import { le } from '../../../../synth/kernel/writer';
import { engineFor, run } from '../helpers';

const KERN = 0xfffff80000000000n;
const HEAD = KERN + 0x600000n + 0x10n; // the builder's PsActiveProcessHead (KDDEBUGGER_DATA64 +0x50)
const PROC = 0xffffd00000001000n;
const THREAD = 0xffffd00000002000n;
const IRP = THREAD + 0x800n;

/** Writes `value` (n bytes, little-endian) into `page` at `off`. */
function put(page: Uint8Array, off: number, value: bigint, n = 8): void {
  page.set(le(value, n), off);
}

/** The file offset of the page the builder filled with patternFor(va). */
function pageOffset(file: Uint8Array, va: bigint): number {
  const want = patternFor(va, true).subarray(0, 16);
  for (let o = 0; o + 0x1000 <= file.length; o += 0x1000) {
    if (want.every((b, i) => file[o + i] === b)) return o;
  }
  throw new Error(`page ${va.toString(16)} not found`);
}

/** The page holding PsActiveProcessHead: its first word is the module list head's Flink (moduleList + 0x20). */
function headPageOffset(file: Uint8Array): number {
  const want = le(KERN + 0x600020n, 8);
  for (let o = 0; o + 0x1000 <= file.length; o += 0x1000) {
    if (want.every((b, i) => file[o + i] === b) && file[o + 0x10] === 0) return o;
  }
  throw new Error('module list page not found');
}

function syntheticDump(): Uint8Array {
  const d = buildKernelDump({ type: 'full', is64: true, build: 19041, pages: [PROC, THREAD] });
  const file = toBytes(d);
  const p = new Uint8Array(0x1000);
  const t = new Uint8Array(0x1000);
  // _EPROCESS (19041 x64)
  p[0] = 3; // DISPATCHER_HEADER.Type = ProcessObject
  put(p, 0x28, 0x1ab000n); // KPROCESS.DirectoryTableBase
  put(p, 0x440, 0x1f4n); // UniqueProcessId
  put(p, 0x448, HEAD); // ActiveProcessLinks.Flink
  put(p, 0x450, HEAD); // ActiveProcessLinks.Blink
  put(p, 0x540, 0x2a8n); // InheritedFromUniqueProcessId
  put(p, 0x550, 0x7ff5f000n); // Peb
  put(p, 0x558, 0n); // Session: none
  put(p, 0x570, 0xffffc00000001000n); // ObjectTable
  p.set(new TextEncoder().encode('synthproc.exe'), 0x5a8); // ImageFileName
  put(p, 0x5e0, THREAD + 0x4e8n); // ThreadListHead.Flink
  put(p, 0x5e8, THREAD + 0x4e8n); // ThreadListHead.Blink
  // _ETHREAD (19041 x64)
  t[0] = 6; // ThreadObject
  put(t, 0x28, 0xffffa00000006fd0n); // InitialStack
  put(t, 0x30, 0xffffa00000001000n); // StackLimit
  put(t, 0x38, 0xffffa00000007000n); // StackBase
  put(t, 0x58, 0xffffa00000006a00n); // KernelStack
  put(t, 0xb8, PROC); // ApcState.Process
  t[0xc3] = 9; // Priority
  put(t, 0xf0, 0x7ff5e000n); // Teb
  put(t, 0x154, 77n, 4); // ContextSwitches
  t[0x184] = 5; // State = Waiting
  t[0x187] = 1; // WaitMode = UserMode
  put(t, 0x1b4, 1000n, 4); // WaitTime
  put(t, 0x220, PROC); // Process
  t[0x233] = 8; // BasePriority
  put(t, 0x24c, 1n, 4); // IdealProcessor
  t[0x283] = 6; // WaitReason = UserRequest
  put(t, 0x478, 0x1f4n); // Cid.UniqueProcess
  put(t, 0x480, 0x208n); // Cid.UniqueThread
  put(t, 0x4b0, IRP + 0x20n); // IrpList → the IRP's ThreadListEntry (+0x20)
  put(t, 0x4b8, IRP + 0x20n);
  // _IRP in the same page: Type 6 (IO_TYPE_IRP), Size 0x118, Flags, ThreadListEntry back to the list head.
  put(t, 0x800, 6n, 2);
  put(t, 0x802, 0x118n, 2);
  put(t, 0x810, 0x60000n, 4);
  put(t, 0x820, THREAD + 0x4b0n);
  put(t, 0x828, THREAD + 0x4b0n);
  put(t, 0x4d0, KERN + 0x1234n); // Win32StartAddress, inside ntoskrnl
  put(t, 0x4e8, PROC + 0x5e0n); // ThreadListEntry
  put(t, 0x4f0, PROC + 0x5e0n);
  file.set(p, pageOffset(file, PROC));
  file.set(t, pageOffset(file, THREAD));
  const head = headPageOffset(file);
  put(file, head + 0x10, PROC + 0x448n); // PsActiveProcessHead.Flink
  put(file, head + 0x18, PROC + 0x448n);
  return file;
}

describe('kernel commands on a dump with kernel memory (synthetic full dump, 19041 x64)', () => {
  const engine = engineFor(syntheticDump(), 'synthetic-full.dmp');

  it('!process 0 0 walks PsActiveProcessHead', () => {
    expect(run(engine, '!process 0 0')).toBe([
      '**** NT ACTIVE PROCESS DUMP ****',
      'PROCESS ffffd00000001000',
      '    SessionId: none  Cid: 01f4    Peb: 7ff5f000  ParentCid: 02a8',
      '    DirBase: 001ab000  ObjectTable: ffffc00000001000  HandleCount: <Data Not Accessible>',
      '    Image: synthproc.exe',
      '', '',
    ].join('\n'));
  });

  it('!process 0 0 NAME filters by image name', () => {
    expect(run(engine, '!process 0 0 other.exe')).toBe('**** NT ACTIVE PROCESS DUMP ****\n');
    expect(run(engine, '!process 0 0 SYNTH')).toContain('PROCESS ffffd00000001000');
  });

  it('!process ADDR 7 walks ThreadListHead to the thread', () => {
    const out = run(engine, '!process ffffd00000001000 7').split('\n');
    expect(out[0]).toBe('PROCESS ffffd00000001000');
    expect(out).toContain('THREAD ffffd00000002000  Cid 01f4.0208  Teb: 000000007ff5e000 Win32Thread: 0000000000000000 WAIT: (UserRequest) UserMode Non-Alertable');
  });

  it('!thread ADDR decodes the ETHREAD', () => {
    const out = run(engine, '!thread ffffd00000002000').split('\n');
    expect(out[0]).toBe('THREAD ffffd00000002000  Cid 01f4.0208  Teb: 000000007ff5e000 Win32Thread: 0000000000000000 WAIT: (UserRequest) UserMode Non-Alertable');
    expect(out).toContain('Owning Process            ffffd00000001000       Image:         synthproc.exe');
    expect(out).toContain('Attached Process          N/A            Image:         N/A');
    expect(out).toContain('Wait Start TickCount      1000');
    expect(out).toContain('Context Switch Count      77             IdealProcessor: 1');
    expect(out).toContain('Win32 Start Address nt+0x1234 (0xfffff80000001234)');
    expect(out).toContain('Stack Init ffffa00000006fd0 Current ffffa00000006a00');
    expect(out).toContain('Base ffffa00000007000 Limit ffffa00000001000 Call 0000000000000000');
    // The synthetic KDDEBUGGER_DATA64 says ETHREAD is 0x500 bytes: CrossThreadFlags (+0x510) is outside it.
    expect(out).toContain('Priority 9  BasePriority 8  Foreground Boost 0');
    expect(out.slice(1, 3)).toEqual(['IRP List:', '    ffffd00000002800: (0006,0118) Flags: 00060000  Mdl: 00000000']);
  });

  it('!thread with no address is the bug-checking thread (KiProcessorBlock → KPRCB.CurrentThread, stack holding rsp)', () => {
    expect(run(engine, '!thread').split('\n')[0]).toMatch(/^THREAD fffff80000711000 {2}Cid 1234\.5678 /);
  });

  it('!prcb defaults to the processor running the bug-checking thread', () => {
    const out = run(engine, '!prcb').split('\n');
    expect(out[0]).toBe('PRCB for Processor 1 at fffff80000710300:');
    expect(out).toContain('Threads--  Current fffff80000711000 Next 0000000000000000 Idle 0000000000000000');
    expect(run(engine, '!prcb 0').split('\n')[0]).toBe('PRCB for Processor 0 at fffff80000710100:');
  });

  it('refuses addresses that are not threads or processes', () => {
    expect(run(engine, '!thread ffffd00000001000')).toBe('TYPE mismatch for thread object at ffffd00000001000\n');
    expect(run(engine, '!process ffffd00000002000')).toBe('TYPE mismatch for process object at ffffd00000002000\n');
  });

  it('unreadable addresses answer with the reason', () => {
    expect(run(engine, '!thread ffffd00000009000')).toMatch(/^Unable to read nt!_ETHREAD @ ffffd00000009000\n {4}\(this dump does not hold/);
    expect(run(engine, '!irp ffffd00000009000')).toMatch(/^Unable to read nt!_IRP @ ffffd00000009000\n/);
    expect(run(engine, '!irp ffffd00000002800').split('\n')[0]).toBe('Irp is ffffd00000002800: (0006,0118) Flags: 00060000  Mdl: 0000000000000000');
    // A process (DISPATCHER_HEADER.Type 3) is not an IRP (IO_TYPE_IRP 6; a KTHREAD's Type is 6 too).
    expect(run(engine, '!irp ffffd00000001000')).toMatch(/^IRP signature does not match/);
  });
});
