import { DumpFormatError } from '../../errors';
import type { PeImage } from './peImage';
import { IMAGE_DIRECTORY_ENTRY_EXCEPTION, RUNTIME_FUNCTION, UNWIND_INFO } from './structs';

/**
 * x64 exception data: the `.pdata` table of RUNTIME_FUNCTION entries and the
 * UNWIND_INFO each points to, decoded into a list of operations the unwinder
 * can undo in order.
 * https://learn.microsoft.com/cpp/build/exception-handling-x64
 */

export interface RuntimeFunction {
  begin: number;
  end: number;
  unwindInfoRva: number;
}

/** UWOP_* codes (UNWIND_CODE.UnwindOp). */
export const UWOP = {
  PUSH_NONVOL: 0,
  ALLOC_LARGE: 1,
  ALLOC_SMALL: 2,
  SET_FPREG: 3,
  SAVE_NONVOL: 4,
  SAVE_NONVOL_FAR: 5,
  /** Version 2: epilog descriptor. Version 1: UWOP_SAVE_XMM (2 slots). */
  EPILOG: 6,
  /** Version 1: UWOP_SAVE_XMM_FAR (3 slots); version 2: spare. */
  SPARE_CODE: 7,
  SAVE_XMM128: 8,
  SAVE_XMM128_FAR: 9,
  PUSH_MACHFRAME: 10,
} as const;

export const UNW_FLAG_EHANDLER = 1;
export const UNW_FLAG_UHANDLER = 2;
export const UNW_FLAG_CHAININFO = 4;

/** x64 register numbers used by unwind codes. */
export const AMD64_GPR = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'] as const;

/** One decoded unwind operation; `codeOffset` is the prolog offset just after the instruction. */
export type UnwindOp =
  | { op: 'push'; codeOffset: number; reg: number }
  | { op: 'alloc'; codeOffset: number; size: number }
  | { op: 'setFrame'; codeOffset: number }
  | { op: 'save'; codeOffset: number; reg: number; offset: number }
  | { op: 'saveXmm'; codeOffset: number; reg: number; offset: number }
  | { op: 'epilog'; codeOffset: number; info: number }
  | { op: 'machFrame'; codeOffset: number; errorCode: boolean };

export interface UnwindInfo {
  version: number;
  flags: number;
  prologSize: number;
  frameRegister: number;
  /** Already scaled: bytes between RSP and the frame register's value. */
  frameOffset: number;
  ops: UnwindOp[];
  /** The parent entry whose unwind info continues this one (UNW_FLAG_CHAININFO). */
  chained?: RuntimeFunction;
}

/** Sorted view over `.pdata`, read on demand (binary search reads ~log2(n) entries). */
export class RuntimeFunctionTable {
  readonly count: number;
  private readonly offset: number;
  constructor(private readonly pe: PeImage) {
    const dir = pe.directory(IMAGE_DIRECTORY_ENTRY_EXCEPTION);
    if (!dir) {
      this.count = 0;
      this.offset = 0;
      return;
    }
    const n = Math.floor(dir.size / RUNTIME_FUNCTION.size);
    this.offset = pe.offsetOf(dir.rva, n * RUNTIME_FUNCTION.size, 'exception directory (.pdata)');
    this.count = n;
  }

  at(i: number): RuntimeFunction {
    const f = RUNTIME_FUNCTION.read(this.pe.reader, this.offset + i * RUNTIME_FUNCTION.size);
    return { begin: f.BeginAddress, end: f.EndAddress, unwindInfoRva: f.UnwindInfoAddress };
  }

  /** The entry whose [begin, end) holds `rva`. */
  find(rva: number): RuntimeFunction | undefined {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const f = this.at(mid);
      if (rva < f.begin) hi = mid - 1;
      else if (rva >= f.end) lo = mid + 1;
      else return f;
    }
    return undefined;
  }
}

/** Decodes the UNWIND_INFO at `rva`. */
export function readUnwindInfo(pe: PeImage, rva: number): UnwindInfo {
  const r = pe.reader;
  const off = pe.offsetOf(rva, UNWIND_INFO.size, 'UNWIND_INFO');
  const h = UNWIND_INFO.read(r, off);
  const version = h.VersionAndFlags & 7;
  if (version !== 1 && version !== 2) {
    throw new DumpFormatError('BadVersion', `UNWIND_INFO at RVA 0x${rva.toString(16)}: version ${version} (expected 1 or 2)`, { offset: off });
  }
  const flags = h.VersionAndFlags >> 3;
  const n = h.CountOfCodes;
  const codesOff = off + UNWIND_INFO.size;
  r.check(codesOff, n * 2, 'UNWIND_CODE array');
  const slot = (i: number) => {
    if (i >= n) throw new DumpFormatError('Truncated', `UNWIND_INFO at RVA 0x${rva.toString(16)}: operation needs slot ${i} of ${n}`, { offset: codesOff });
    return r.u16(codesOff + i * 2);
  };
  const ops: UnwindOp[] = [];
  for (let i = 0; i < n;) {
    const codeOffset = r.u8(codesOff + i * 2);
    const b = r.u8(codesOff + i * 2 + 1);
    const op = b & 0xf;
    const info = b >> 4;
    switch (op) {
      case UWOP.PUSH_NONVOL: ops.push({ op: 'push', codeOffset, reg: info }); i += 1; break;
      case UWOP.ALLOC_LARGE:
        if (info === 0) { ops.push({ op: 'alloc', codeOffset, size: slot(i + 1) * 8 }); i += 2; }
        else { ops.push({ op: 'alloc', codeOffset, size: slot(i + 1) + slot(i + 2) * 0x10000 }); i += 3; }
        break;
      case UWOP.ALLOC_SMALL: ops.push({ op: 'alloc', codeOffset, size: info * 8 + 8 }); i += 1; break;
      case UWOP.SET_FPREG: ops.push({ op: 'setFrame', codeOffset }); i += 1; break;
      case UWOP.SAVE_NONVOL: ops.push({ op: 'save', codeOffset, reg: info, offset: slot(i + 1) * 8 }); i += 2; break;
      case UWOP.SAVE_NONVOL_FAR: ops.push({ op: 'save', codeOffset, reg: info, offset: slot(i + 1) + slot(i + 2) * 0x10000 }); i += 3; break;
      case UWOP.EPILOG:
        if (version >= 2) ops.push({ op: 'epilog', codeOffset, info });
        else ops.push({ op: 'saveXmm', codeOffset, reg: info, offset: slot(i + 1) * 8 });
        i += 2;
        break;
      case UWOP.SPARE_CODE:
        if (version === 1) ops.push({ op: 'saveXmm', codeOffset, reg: info, offset: slot(i + 1) + slot(i + 2) * 0x10000 });
        i += 3;
        break;
      case UWOP.SAVE_XMM128: ops.push({ op: 'saveXmm', codeOffset, reg: info, offset: slot(i + 1) * 16 }); i += 2; break;
      case UWOP.SAVE_XMM128_FAR: ops.push({ op: 'saveXmm', codeOffset, reg: info, offset: slot(i + 1) + slot(i + 2) * 0x10000 }); i += 3; break;
      case UWOP.PUSH_MACHFRAME: ops.push({ op: 'machFrame', codeOffset, errorCode: info === 1 }); i += 1; break;
      default:
        throw new DumpFormatError('BadValue', `UNWIND_INFO at RVA 0x${rva.toString(16)}: unknown unwind code ${op}`, { offset: codesOff + i * 2 });
    }
  }
  const result: UnwindInfo = {
    version, flags, prologSize: h.SizeOfProlog,
    frameRegister: h.FrameRegisterAndOffset & 0xf,
    frameOffset: (h.FrameRegisterAndOffset >> 4) * 16,
    ops,
  };
  if (flags & UNW_FLAG_CHAININFO) {
    // The chained RUNTIME_FUNCTION follows the code array, padded to an even slot count.
    const chainOff = codesOff + ((n + 1) & ~1) * 2;
    const f = RUNTIME_FUNCTION.read(r, chainOff);
    result.chained = { begin: f.BeginAddress, end: f.EndAddress, unwindInfoRva: f.UnwindInfoAddress };
  }
  return result;
}
