// The x64 kernel walk crossing the thread's user-mode trap frame (kernelTrapFrame.ts), on a
// hand-made stack laid out as in 083125-14875-01.dmp: KeBugCheckEx ← KiBugCheckDispatch ←
// KiSystemServiceExitPico, whose frame ends at the _KTRAP_FRAME 0x190 bytes below
// KTHREAD.InitialStack. The offsets are written here from ntdiff's
// Win10_2004_20H1/x64/System32/ntoskrnl.exe _KTRAP_FRAME (Rbp 0x158, Rip 0x168, SegCs 0x170,
// Rsp 0x180, SegSs 0x188, size 0x190), not imported, so a wrong layout cannot confirm itself.
import { describe, expect, it } from 'vitest';
import { readUserTrapFrame, type UserTrapFrame } from '../../../../../shared/analysis/stackwalk/kernelTrapFrame';
import { ModuleMap } from '../../../../../shared/analysis/stackwalk/moduleMap';
import { walkStack } from '../../../../../shared/analysis/stackwalk/walkStack';
import { FakeMemory, type FakeMemoryBlock, context, fakeModule, stackBlock } from '../fakeDump';

const NT = 0xfffff8075bc0e000n;
const nt = fakeModule('ntoskrnl.exe', NT, 0x1046000);
const modules = new ModuleMap([nt]);
const KTHREAD = 0xffffd20bfc13c080n;
const INITIAL_STACK_OFFSET = 0x28; // KDDEBUGGER_DATA64.OffsetKThreadInitialStack of the corpus dump
const SP = 0xffffa704eeb6bc88n; // the bug-check context's rsp
const INITIAL_STACK = 0xffffa704eeb6bfd0n;
const TRAP = INITIAL_STACK - 0x190n; // ffffa704`eeb6be40
const USER_RIP = 0x7ffe7350d0c4n;
const USER_RSP = 0x7d488fe9b8n;

interface TrapSpec {
  segCs?: number;
  segSs?: number;
  rip?: bigint;
  rsp?: bigint;
  /** Leave the trap frame out of the dump. */
  absent?: boolean;
}

/** The kernel stack from SP to InitialStack: return addresses where the corpus dump has them, and the trap frame. */
function memory(t: TrapSpec = {}): FakeMemory {
  const words = new Array<bigint>(Number((INITIAL_STACK - SP) / 8n)).fill(0n);
  const put = (va: bigint, v: bigint): void => {
    words[Number((va - SP) / 8n)] = v;
  };
  put(SP, NT + 0x411aa9n); // KeBugCheckEx's return into KiBugCheckDispatch
  put(0xffffa704eeb6bdc8n, NT + 0x411951n); // KiBugCheckDispatch's return into KiSystemServiceExitPico
  put(0xffffa704eeb6be38n, NT + 0x411235n); // a stale code address right below the trap frame (scanning takes it)
  put(TRAP + 0x158n, 0x1dcn); // Rbp
  put(TRAP + 0x168n, t.rip ?? USER_RIP); // Rip
  put(TRAP + 0x170n, BigInt(t.segCs ?? 0x33)); // SegCs (USHORT), KGDT64_R3_CODE | 3
  put(TRAP + 0x178n, 0x246n); // EFlags
  put(TRAP + 0x180n, t.rsp ?? USER_RSP); // Rsp
  put(TRAP + 0x188n, BigInt(t.segSs ?? 0x2b)); // SegSs, KGDT64_R3_DATA | 3
  const stack = stackBlock(SP, t.absent ? words.slice(0, Number((TRAP - SP) / 8n)) : words, 8);
  const thread: FakeMemoryBlock = stackBlock(KTHREAD, [0, 0, 0, 0, 0, INITIAL_STACK], 8); // +0x28 InitialStack
  return new FakeMemory([stack, thread]);
}

const ctx = context('amd64', { rip: NT + 0x3fd6f0n, rsp: SP, rbp: 0n });
const walk = (mem: FakeMemory, trapFrame?: UserTrapFrame) => walkStack(ctx, { memory: mem, modules, trapFrame });
const rows = (frames: ReturnType<typeof walkStack>) => frames.map((f) => `${f.sp.toString(16)} ${f.ip.toString(16)} ${f.trust}`);

/** Today's walk: it scans past the trap frame into stale words. */
const TODAY = [
  `${SP.toString(16)} ${(NT + 0x3fd6f0n).toString(16)} context`,
  `ffffa704eeb6bc90 ${(NT + 0x411aa9n).toString(16)} scan`,
  `ffffa704eeb6bdd0 ${(NT + 0x411951n).toString(16)} scan`,
  `ffffa704eeb6be40 ${(NT + 0x411235n).toString(16)} scan`,
];

describe('readUserTrapFrame (x64)', () => {
  it('finds the _KTRAP_FRAME ending at KTHREAD.InitialStack and reads its user-mode Rip/Rsp/Rbp', () => {
    expect(readUserTrapFrame(memory(), KTHREAD, INITIAL_STACK_OFFSET)).toEqual({
      address: 0xffffa704eeb6be40n, initialStack: INITIAL_STACK, stackLow: INITIAL_STACK - 0x20000n, rip: USER_RIP, rsp: USER_RSP, rbp: 0x1dcn,
    });
  });

  it('rejects a frame that does not say it came from user mode, or is not in the dump', () => {
    const read = (t: TrapSpec) => readUserTrapFrame(memory(t), KTHREAD, INITIAL_STACK_OFFSET);
    expect(read({ segCs: 0x10 })).toBeUndefined(); // KGDT64_R0_CODE: a kernel-mode trap
    expect(read({ segSs: 0x18 })).toBeUndefined(); // KGDT64_R0_DATA
    expect(read({ rip: 0xfffff8075c01f235n })).toBeUndefined(); // Rip above the user-mode limit
    expect(read({ rsp: 0xffffa704eeb6bfd0n })).toBeUndefined(); // Rsp above the user-mode limit
    expect(read({ rip: 0x10n })).toBeUndefined(); // no code in the first page
    expect(read({ absent: true })).toBeUndefined();
    expect(readUserTrapFrame(memory(), KTHREAD + 0x1000n, INITIAL_STACK_OFFSET)).toBeUndefined(); // no KTHREAD there
  });
});

describe('walkStack with the trap frame', () => {
  it('ends the frame that holds the trap frame with the user Rip and adds one user-mode frame from Rip/Rsp, then stops (no user stack)', () => {
    const mem = memory();
    const frames = walk(mem, readUserTrapFrame(mem, KTHREAD, INITIAL_STACK_OFFSET));
    expect(rows(frames)).toEqual([...TODAY.slice(0, 3), `${USER_RSP.toString(16)} ${USER_RIP.toString(16)} cfi`]);
    expect(frames[3]!.module).toBeUndefined();
    expect(frames[3]!.regs).toEqual({ rip: USER_RIP, rsp: USER_RSP, rbp: 0x1dcn });
  });

  it('without a trap frame, with an invalid one (kernel SegCs) or an unreadable one, walks as today', () => {
    expect(rows(walk(memory()))).toEqual(TODAY);
    for (const t of [{ segCs: 0x10 }, { absent: true }] as TrapSpec[]) {
      const mem = memory(t);
      const trap = readUserTrapFrame(mem, KTHREAD, INITIAL_STACK_OFFSET);
      expect(trap).toBeUndefined();
      expect(rows(walk(mem, trap)).slice(0, 3)).toEqual(TODAY.slice(0, 3));
      expect(rows(walk(mem, trap))).toEqual(rows(walk(mem)));
    }
  });

  it('a walk on another stack (a k = start, another thread) ignores the trap frame', () => {
    const mem = memory();
    const trap = readUserTrapFrame(mem, KTHREAD, INITIAL_STACK_OFFSET)!;
    const elsewhere = context('amd64', { rip: NT + 0x3fd6f0n, rsp: TRAP - 0x40000n, rbp: 0n });
    expect(walkStack(elsewhere, { memory: mem, modules, trapFrame: trap })).toHaveLength(1); // nothing readable there, no user frame glued on
    const above = context('amd64', { rip: NT + 0x3fd6f0n, rsp: INITIAL_STACK + 0x100n, rbp: 0n });
    expect(walkStack(above, { memory: mem, modules, trapFrame: trap })).toHaveLength(1);
  });

  it('with the stack bounded at the bug-check rsp, a walk starting lower (another thread\'s stack next to this one) ignores it', () => {
    const mem = memory();
    const trap = { ...readUserTrapFrame(mem, KTHREAD, INITIAL_STACK_OFFSET)!, stackLow: SP };
    expect(rows(walk(mem, trap))).toHaveLength(4);
    expect(walk(mem, trap)[3]!.ip).toBe(USER_RIP);
    const other = context('amd64', { rip: NT + 0x3fd6f0n, rsp: SP - 0x3000n, rbp: 0n });
    expect(walkStack(other, { memory: mem, modules, trapFrame: trap }).map((f) => f.ip)).toEqual([NT + 0x3fd6f0n]);
  });

  it('a walk that finds no kernel caller below the trap frame still ends in the user-mode frame', () => {
    const mem = memory();
    const trap = readUserTrapFrame(mem, KTHREAD, INITIAL_STACK_OFFSET)!;
    // Only the trap frame and the KTHREAD are in the dump: frame 0's caller cannot be found on the stack.
    const bare = new FakeMemory([
      { address: TRAP, bytes: mem.read(TRAP, 0x190)! },
      { address: KTHREAD, bytes: mem.read(KTHREAD, 0x30)! },
    ]);
    expect(rows(walk(bare, trap))).toEqual([TODAY[0], `${USER_RSP.toString(16)} ${USER_RIP.toString(16)} cfi`]);
    expect(rows(walk(bare))).toEqual([TODAY[0]]);
  });

  it('a kernel caller found below the trap frame is kept; the crossing happens only once', () => {
    const mem = memory();
    const trap = readUserTrapFrame(mem, KTHREAD, INITIAL_STACK_OFFSET)!;
    const frames = walk(mem, trap);
    expect(frames.filter((f) => f.ip === USER_RIP)).toHaveLength(1);
    expect(frames.slice(1, 3).every((f) => f.sp < trap.address && f.module === nt)).toBe(true);
  });
});
