// Stacks of kernel threads that are not running: !thread (and !process ADDR 7, which prints
// each thread through it) walk from the switch frame KTHREAD.KernelStack points to. Synthetic
// full dumps (tests/synth/kernel) with a waiting thread written by hand: x64 19041 (KTHREAD
// KernelStack +0x58, State +0x184; _KSWITCH_FRAME Rbp +0x30, Return +0x38, 0x40 bytes) and
// x86 2600 (KernelStack +0x28, State +0x2d; saved return address at KernelStack+8, ebp at +0xc).
import { describe, expect, it } from 'vitest';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';
import { le } from '../../../../synth/kernel/writer';
import { engineFor, run } from '../helpers';

function put(b: Uint8Array, off: number, value: bigint, n = 8): void {
  b.set(le(value, n), off);
}

describe('!thread on a waiting thread (x64 19041 full dump)', () => {
  const NT = 0xfffff80000000000n;
  const HAL = NT + 0x1000000n;
  const ACME = NT + 0x2000000n;
  const PROC = 0xffffd00000001000n;
  const THREAD = 0xffffd00000002000n;
  const KSTACK = 0xffffa00000006a00n; // KTHREAD.KernelStack: the switch frame
  const RSP0 = 0xffffa00000206f00n; // processor 0's saved rsp

  function dump(): Uint8Array {
    const t = new Uint8Array(0x600);
    t[0] = 6; // ThreadObject
    put(t, 0x28, 0xffffa00000006fd0n); // InitialStack
    put(t, 0x30, 0xffffa00000001000n); // StackLimit
    put(t, 0x38, 0xffffa00000007000n); // StackBase
    put(t, 0x58, KSTACK); // KernelStack
    put(t, 0xb8, PROC); // ApcState.Process
    t[0x184] = 5; // State = Waiting
    t[0x283] = 0; // WaitReason = Executive
    put(t, 0x220, PROC); // Process
    put(t, 0x478, 0x1f4n); // Cid.UniqueProcess
    put(t, 0x480, 0x208n); // Cid.UniqueThread
    put(t, 0x4e8, PROC + 0x5e0n); // ThreadListEntry
    put(t, 0x4f0, PROC + 0x5e0n);
    const p = new Uint8Array(0x600);
    p[0] = 3; // ProcessObject
    put(p, 0x5e0, THREAD + 0x4e8n); // ThreadListHead
    put(p, 0x5e8, THREAD + 0x4e8n);
    // The kernel stack from KernelStack up: _KSWITCH_FRAME, then two return addresses into drivers.
    const s = new Uint8Array(0x200);
    put(s, 0x30, 0xffffa00000006f00n); // _KSWITCH_FRAME.Rbp
    put(s, 0x38, NT + 0x2345n); // _KSWITCH_FRAME.Return (into nt, as nt!KiSwapContext+0x76 would be)
    put(s, 0x68, HAL + 0x1500n); // return into hal: frame 1, Child-SP KernelStack+0x70
    put(s, 0x70, 0x33n); // frame 0's arguments: the home slots at its caller's Child-SP (as kv reads them)
    put(s, 0xa0, 0x44n); // frame 1's
    put(s, 0x98, ACME + 0x2222n); // return into acme.sys: frame 2, Child-SP KernelStack+0xa0
    // A second waiting thread whose kernel stack the dump does not hold, and a running one.
    const gone = new Uint8Array(0x200);
    gone[0] = 6;
    put(gone, 0x58, 0xffffa00000106a00n); // KernelStack: no page there
    gone[0x184] = 5;
    const running = new Uint8Array(0x220);
    running[0] = 6;
    put(running, 0x58, KSTACK);
    running[0x184] = 2; // Running
    put(running, 0x218, 3n, 4); // NextProcessor
    // A thread running on processor 0 (the builder's KiProcessorBlock[0] = nt+0x710100): its registers
    // are the CONTEXT processor 0 saved in KPRCB.ProcessorState.ContextFrame (+0x1f0 on 19041).
    const onCpu0 = new Uint8Array(0x220);
    onCpu0[0] = 6;
    put(onCpu0, 0x58, KSTACK);
    onCpu0[0x184] = 2; // Running
    put(onCpu0, 0x218, 0n, 4); // NextProcessor 0
    const ctx = NT + 0x710100n + 0x1f0n;
    const regs = new Uint8Array(0x10);
    put(regs, 0, RSP0); // CONTEXT.Rsp (+0x98)
    put(regs, 8, 0n); // CONTEXT.Rbp (+0xa0)
    const stack0 = new Uint8Array(0x100);
    put(stack0, 0x28, HAL + 0x1700n); // return into hal: frame 1, Child-SP RSP0+0x30
    put(stack0, 0x58, ACME + 0x2333n); // return into acme.sys: frame 2, Child-SP RSP0+0x60
    return toBytes(buildKernelDump({
      type: 'full', is64: true, build: 19041,
      memory: [
        { va: THREAD, bytes: t }, { va: PROC, bytes: p }, { va: KSTACK, bytes: s }, { va: THREAD + 0x800n, bytes: gone },
        { va: THREAD + 0xc00n, bytes: running }, { va: THREAD + 0x1000n, bytes: onCpu0 },
        { va: ctx + 0x30n, bytes: le(0x10000bn, 4) }, // ContextFlags
        { va: ctx + 0x98n, bytes: regs },
        { va: ctx + 0xf8n, bytes: le(NT + 0x4444n, 8) }, // CONTEXT.Rip
        { va: RSP0, bytes: stack0 },
      ],
    }));
  }
  const engine = engineFor(dump(), 'synthetic-waiting.dmp');

  it('walks from the switch frame: Return at KernelStack+0x38, Child-SP KernelStack+0x40', () => {
    const out = run(engine, '!thread ffffd00000002000').split('\n');
    expect(out[0]).toBe('THREAD ffffd00000002000  Cid 01f4.0208  Teb: 0000000000000000 Win32Thread: 0000000000000000 WAIT: (Executive) KernelMode Non-Alertable');
    expect(out).toContain('Stack Init ffffa00000006fd0 Current ffffa00000006a00');
    const head = out.indexOf('Child-SP          RetAddr               : Args to Child                                                           : Call Site');
    expect(head).toBeGreaterThan(0);
    expect(out.slice(head + 1, head + 4)).toEqual([
      'ffffa000`00006a40 fffff800`01001500     : 00000000`00000033 00000000`00000000 00000000`00000000 00000000`00000000 : nt+0x2345',
      'ffffa000`00006a70 fffff800`02002222     : 00000000`00000044 00000000`00000000 00000000`00000000 00000000`00000000 : hal+0x1500',
      'ffffa000`00006aa0 00000000`00000000     : 00000000`00000000 00000000`00000000 00000000`00000000 00000000`00000000 : acme+0x2222',
    ]);
    expect(out.slice(head + 4).filter(Boolean)).toEqual([]);
  });

  it('!process ADDR 7 prints the same stack for the process\'s thread', () => {
    const out = run(engine, '!process ffffd00000001000 7').split('\n');
    expect(out).toContain('ffffa000`00006a70 fffff800`02002222     : 00000000`00000044 00000000`00000000 00000000`00000000 00000000`00000000 : hal+0x1500');
  });

  it('!process ADDR without flags is !process ADDR f (WinDbg\'s documented default for an address); 0 and -1 default to 3', () => {
    expect(run(engine, '!process ffffd00000001000')).toBe(run(engine, '!process ffffd00000001000 f'));
    expect(run(engine, '!process ffffd00000001000')).toContain('Child-SP');
    expect(run(engine, '!process 0')).toBe(run(engine, '!process 0 3'));
  });

  it('says why there is no stack: the switch frame is not in the dump, or the thread runs elsewhere', () => {
    const gone = run(engine, '!thread ffffd00000002800').split('\n');
    expect(gone.slice(-3)).toEqual([
      'Unable to read the switch frame at ffffa00000106a00',
      '    (this dump does not hold the thread\'s kernel stack: the page was not captured or was paged out)',
      '',
    ]);
    expect(run(engine, '!thread ffffd00000002c00')).toContain('    (stack: the thread is running on processor 3; the dump does not hold processor 3\'s KPRCB)\n');
  });

  it('a thread running on another processor: walks from that processor\'s KPRCB.ProcessorState.ContextFrame', () => {
    const out = run(engine, '!thread ffffd00000003000').split('\n');
    const head = out.findIndex((l) => l.startsWith('Child-SP'));
    expect(out.slice(head + 1, head + 4).map((l) => [l.slice(0, 17), l.slice(18, 35), l.split(' ').pop()])).toEqual([
      ['ffffa000`00206f00', 'fffff800`01001700', 'nt+0x4444'],
      ['ffffa000`00206f30', 'fffff800`02002333', 'hal+0x1700'],
      ['ffffa000`00206f60', '00000000`00000000', 'acme+0x2333'],
    ]);
  });

  it('flags without both 2 and 4 leave the stack out (!process ADDR 2, !thread ADDR 2), as WinDbg documents', () => {
    const process = run(engine, '!process ffffd00000001000 2');
    expect(process).toContain('THREAD ffffd00000002000  Cid 01f4.0208');
    expect(process).not.toContain('Child-SP');
    const thread = run(engine, '!thread ffffd00000002000 2');
    expect(thread).toContain('Stack Init ffffa00000006fd0 Current ffffa00000006a00');
    expect(thread).not.toContain('Child-SP');
    expect(run(engine, '!thread ffffd00000002000 6')).toContain('Child-SP');
  });
});

describe('!thread on a waiting thread (x86 2600 full dump)', () => {
  const NT = 0x80400000n;
  const HAL = NT + 0x1000000n;
  const ACME = NT + 0x2000000n;
  const THREAD = 0x86002000n;
  const KSTACK = 0xf7a00a00n;

  function dump(): Uint8Array {
    const t = new Uint8Array(0x260);
    t[0] = 6;
    put(t, 0x28, KSTACK, 4); // KernelStack
    t[0x2d] = 5; // State = Waiting
    // Saved esp: ExceptionList +0, ApcBypassDisable +4, the return into KiSwapContext +8; then
    // KiSwapContext's saved ebp/edi/esi/ebx (+0xc..+0x1b) and its own return address (+0x1c).
    const s = new Uint8Array(0x100);
    put(s, 0x8, NT + 0x3456n, 4); // return into nt (KiSwapContext)
    put(s, 0xc, KSTACK + 0x40n, 4); // saved ebp: the caller's (KiSwapThread's) frame
    put(s, 0x1c, HAL + 0x1600n, 4); // KiSwapContext's return address
    put(s, 0x40, KSTACK + 0x80n, 4); // [ebp] = next ebp
    put(s, 0x44, ACME + 0x2468n, 4); // [ebp+4] = return into acme.sys
    put(s, 0x80, 0n, 4); // end of the chain
    put(s, 0x84, NT + 0x5000n, 4); // return into nt
    return toBytes(buildKernelDump({ type: 'full', is64: false, pae: true, build: 2600, memory: [{ va: THREAD, bytes: t }, { va: KSTACK, bytes: s }] }));
  }
  const engine = engineFor(dump(), 'synthetic-waiting-x86.dmp');

  it('shows KiSwapContext from KernelStack+8 (ChildEBP KernelStack+0x18), then walks from its return at +0x1c along the ebp chain', () => {
    const out = run(engine, '!thread 86002000').split('\n');
    expect(out).toContain('Stack Init 00000000 Current f7a00a00');
    const head = out.indexOf('ChildEBP RetAddr  Args to Child              ');
    expect(head).toBeGreaterThan(0);
    const frames = out.slice(head + 1).filter(Boolean).map((l) => [l.slice(0, 8), l.slice(9, 17), l.split(' ').pop()]);
    expect(frames).toEqual([
      ['f7a00a18', '81401600', 'nt+0x3456'],
      ['f7a00a40', '82402468', 'hal+0x1600'],
      ['f7a00a80', '80405000', 'acme+0x2468'],
      ['00000000', '00000000', 'nt+0x5000'],
    ]);
  });
});
