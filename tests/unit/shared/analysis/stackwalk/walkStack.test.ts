import { describe, expect, it } from 'vitest';
import { DumpFormatError } from '../../../../../shared/errors';
import { ModuleMap } from '../../../../../shared/analysis/stackwalk/moduleMap';
import type { FrameUnwinder } from '../../../../../shared/analysis/stackwalk/unwinder';
import { walkStack } from '../../../../../shared/analysis/stackwalk/walkStack';
import { FakeMemory, type FakeMemoryBlock, context, fakeModule, stackBlock } from '../fakeDump';

const app = fakeModule('app.exe', 0x400000n, 0x10000);
const ntdll = fakeModule('ntdll.dll', 0x77000000n, 0x100000);
const modules = new ModuleMap([app, ntdll]);
const walk = (ctx: ReturnType<typeof context>, blocks: FakeMemoryBlock[], extra: { unwinders?: FrameUnwinder[]; maxFrames?: number } = {}) =>
  walkStack(ctx, { memory: new FakeMemory(blocks), modules, ...extra });
const summary = (frames: ReturnType<typeof walkStack>) => frames.map((f) => `${f.module?.name ?? '?'}+0x${(f.ip - (f.module?.base ?? 0n)).toString(16)} ${f.trust}`);

describe('walkStack on x86', () => {
  it('follows the ebp chain and stops at the zero return address that starts every thread', () => {
    // 0x12f000: locals | 0x12f010: saved ebp 0x12f020, return 0x401234 | 0x12f020: saved ebp 0, return 0
    const stack = stackBlock(0x12f000n, [0, 0, 0, 0, 0x12f020, 0x401234, 0, 0, 0, 0], 4);
    const frames = walk(context('x86', { eip: 0x401000n, esp: 0x12f000n, ebp: 0x12f010n }), [stack]);
    expect(summary(frames)).toEqual(['app.exe+0x1000 context', 'app.exe+0x1234 frame-pointer']);
    expect(frames[1]!.sp).toBe(0x12f018n);
    expect(frames[1]!.regs.ebp).toBe(0x12f020n);
  });

  it('scans when ebp is useless, skipping values outside modules and in the PE header page', () => {
    const stack = stackBlock(0x12f000n, [0x12345678, 0x400010, 0x402345, 0], 4);
    const frames = walk(context('x86', { eip: 0x401000n, esp: 0x12f000n, ebp: 0n }), [stack]);
    expect(summary(frames)).toEqual(['app.exe+0x1000 context', 'app.exe+0x2345 scan']);
    expect(frames[1]!.sp).toBe(0x12f00cn); // just above the slot holding the return address
  });

  it('rejects a scanned value whose preceding bytes are in the dump and are not a call', () => {
    const code: FakeMemoryBlock = { address: 0x402000n, bytes: new Uint8Array(0x400).fill(0x90) };
    code.bytes.set([0xe8, 0, 0, 0, 0], 0x300 - 5); // a call ends at 0x402300
    const stack = stackBlock(0x12f000n, [0x402100, 0x402300, 0], 4);
    const frames = walk(context('x86', { eip: 0x401000n, esp: 0x12f000n, ebp: 0n }), [stack, code]);
    expect(summary(frames)).toEqual(['app.exe+0x1000 context', 'app.exe+0x2300 scan']);
  });

  it('stops when the frame pointer chain points back at itself (the stack must grow)', () => {
    const stack = stackBlock(0x12f000n, [0, 0, 0, 0, 0x12f010, 0x401234], 4);
    const frames = walk(context('x86', { eip: 0x401000n, esp: 0x12f000n, ebp: 0x12f010n }), [stack]);
    expect(frames).toHaveLength(2);
  });

  it('honours the frame cap on deep recursion', () => {
    // 100 frames of a recursive function, each {saved ebp → next frame, return into app}.
    const words: number[] = [];
    for (let i = 0; i < 100; i++) words.push(0x12f000 + (i + 1) * 8, 0x401500);
    const frames = walk(context('x86', { eip: 0x401000n, esp: 0x12f000n, ebp: 0x12f000n }), [stackBlock(0x12f000n, words, 4)], { maxFrames: 5 });
    expect(frames).toHaveLength(5);
    expect(frames.every((f, i) => i === 0 || f.trust === 'frame-pointer')).toBe(true);
  });
});

describe('walkStack on amd64', () => {
  it('scans first (rbp is not a frame pointer in MSVC x64 code) and tags the frames', () => {
    const stack = stackBlock(0x5000n, [0x401111, 0x7700ffff, 0x403333, 0], 8);
    const frames = walk(context('amd64', { rip: 0x77001000n, rsp: 0x5000n, rbp: 0x5010n }), [stack]);
    expect(summary(frames)).toEqual(['ntdll.dll+0x1000 context', 'app.exe+0x1111 scan', 'ntdll.dll+0xffff scan', 'app.exe+0x3333 scan']);
    expect(frames.map((f) => f.sp)).toEqual([0x5000n, 0x5008n, 0x5010n, 0x5018n]);
  });

  it('asks the unwinders first and trusts their answer', () => {
    const calls: number[] = [];
    const cfi: FrameUnwinder = {
      unwind: (req) => {
        calls.push(req.rva);
        return req.isContextFrame ? { regs: { rip: 0x402222n, rsp: req.regs.rsp! + 0x28n }, trust: 'cfi' } : undefined;
      },
    };
    const stack = stackBlock(0x5000n, [0, 0, 0, 0, 0, 0, 0], 8);
    const frames = walk(context('amd64', { rip: 0x401000n, rsp: 0x5000n }), [stack], { unwinders: [cfi] });
    expect(summary(frames)).toEqual(['app.exe+0x1000 context', 'app.exe+0x2222 cfi']);
    expect(calls).toEqual([0x1000, 0x2222]);
  });

  it('treats an unwinder that meets corrupt unwind data as having none', () => {
    const broken: FrameUnwinder = { unwind: () => { throw new DumpFormatError('BadValue', 'corrupt UNWIND_INFO'); } };
    const stack = stackBlock(0x5000n, [0x402222, 0], 8);
    const frames = walk(context('amd64', { rip: 0x401000n, rsp: 0x5000n }), [stack], { unwinders: [broken] });
    expect(summary(frames)).toEqual(['app.exe+0x1000 context', 'app.exe+0x2222 scan']);
  });

  it('ends the walk when unwind data says the caller ip is below 4096', () => {
    const end: FrameUnwinder = { unwind: (req) => ({ regs: { rip: 0n, rsp: req.regs.rsp! + 8n }, trust: 'cfi' }) };
    const stack = stackBlock(0x5000n, [0x402222, 0], 8);
    const frames = walk(context('amd64', { rip: 0x401000n, rsp: 0x5000n }), [stack], { unwinders: [end] });
    expect(frames).toHaveLength(1);
  });
});

describe('walkStack on arm64', () => {
  it('resumes the caller at x30 and reads the next link register from the frame record', () => {
    // frame record at 0x7000: {caller x29 = 0x7100, caller x30 = 0x403000}; at 0x7100: {0, 0}
    const stack: FakeMemoryBlock[] = [stackBlock(0x7000n, [0x7100, 0x403000], 8), stackBlock(0x7100n, [0, 0], 8)];
    const frames = walk(context('arm64', { pc: 0x401000n, sp: 0x6f00n, x29: 0x7000n, x30: 0x402000n }), stack);
    expect(summary(frames)).toEqual(['app.exe+0x1000 context', 'app.exe+0x2000 frame-pointer', 'app.exe+0x3000 frame-pointer']);
    expect(frames[1]!.sp).toBe(0x7010n);
  });

  it('strips pointer-authentication bits from return addresses', () => {
    const stack: FakeMemoryBlock[] = [stackBlock(0x7000n, [0, 0], 8)];
    const frames = walk(context('arm64', { pc: 0x401000n, sp: 0x6f00n, x29: 0x7000n, x30: 0x002a000000402000n }), stack);
    expect(frames[1]!.ip).toBe(0x402000n);
  });
});

describe('walkStack on other architectures', () => {
  it('keeps the context frame only', () => {
    const frames = walk({ arch: 'arm', regs: { pc: 0x401000n }, order: ['pc'], ip: 0x401000n, sp: 0x5000n }, []);
    expect(summary(frames)).toEqual(['app.exe+0x1000 context']);
  });
});
