/**
 * Frame-pointer unwinding, rust-minidump's second method. x86/amd64: the
 * callee's ebp/rbp points at the saved caller frame pointer, the return
 * address sits just above it. arm64: x29 points at the frame record
 * {caller x29, caller x30}, and the caller resumes at the callee's x30.
 */
import { type WalkContext, type WalkedFrame, readPointer } from './walkContext';

/** arm64 return addresses may carry pointer-authentication bits above the 48-bit address. */
const ARM64_ADDRESS_MASK = 0x0000ffffffffffffn;

export function unwindByFramePointer(callee: WalkedFrame, ctx: WalkContext): WalkedFrame | undefined {
  const r = ctx.regs;
  const fp = callee.regs[r.fp];
  if (fp === undefined || fp === 0n) return undefined;
  const size = BigInt(r.ptrSize);
  // The frame lives on the stack above the callee's sp and is pointer-aligned.
  if (fp < callee.sp || fp % size !== 0n) return undefined;
  const savedFp = readPointer(ctx.memory, fp, r.ptrSize);
  const savedNext = readPointer(ctx.memory, fp + size, r.ptrSize);
  if (savedFp === undefined || savedNext === undefined) return undefined;

  let ip: bigint;
  const regs: Record<string, bigint> = {};
  if (r.lr) {
    const lr = callee.regs[r.lr];
    if (lr === undefined) return undefined;
    ip = stripPointerAuth(lr, ctx);
    regs[r.lr] = stripPointerAuth(savedNext, ctx);
  } else {
    ip = savedNext;
  }
  const sp = fp + 2n * size;
  regs[r.ip] = ip;
  regs[r.sp] = sp;
  regs[r.fp] = savedFp;
  return { ip, sp, regs, trust: 'frame-pointer', module: ctx.modules.find(ip) };
}

function stripPointerAuth(v: bigint, ctx: WalkContext): bigint {
  if (ctx.modules.find(v)) return v;
  const stripped = v & ARM64_ADDRESS_MASK;
  return ctx.modules.find(stripped) ? stripped : v;
}
