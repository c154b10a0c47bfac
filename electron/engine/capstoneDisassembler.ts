import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DecodedInstruction, Disassembler, FlowKind } from '../../shared/debugger/disassembler';
import { thumbFlow, windbgThumbText } from './thumbSyntax';

/** The parts of Capstone.js (Capstone 5 compiled to WebAssembly, BSD-3-Clause) used here; it ships no types. */
interface CsInstruction {
  address: bigint | number;
  size: number;
  mnemonic: string;
  op_str: string;
}
interface CsHandle {
  disasm(buffer: Uint8Array, address: bigint, max?: number): CsInstruction[];
  option(option: number, value: number): void;
}
interface CsModule {
  Capstone: new (arch: number, mode: number) => CsHandle;
  ARCH_ARM64: number;
  ARCH_ARM: number;
  MODE_ARM: number;
  MODE_THUMB: number;
  OPT_SYNTAX: number;
  OPT_SYNTAX_NOREGNAME: number;
}
type WasmInstance = { exports: object };
type CsFactory = (options: { instantiateWasm: (imports: object, done: (instance: WasmInstance, module: object) => void) => object }) => Promise<CsModule>;
/** The WebAssembly global (this project's TypeScript libs do not declare it). */
const wasmApi = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object, imports: object) => WasmInstance } }).WebAssembly;

let arm64: CsHandle | undefined;
let thumb: CsHandle | undefined;
let loadError: string | undefined;

/**
 * Loads Capstone once, at import. The WebAssembly is compiled and
 * instantiated synchronously (17 ms here); Emscripten's start-up then
 * finishes in microtasks, so any command run after the import's own tick
 * finds it ready. `capstoneReady` is for callers that want to be sure.
 */
export const capstoneReady: Promise<void> = (() => {
  try {
    const require = createRequire(import.meta.url);
    const factory = require('@alexaltea/capstone-js') as CsFactory;
    const wasm = readFileSync(require.resolve('@alexaltea/capstone-js/dist/capstone.wasm'));
    return factory({
      instantiateWasm(imports, done) {
        const module = new wasmApi.Module(wasm);
        const instance = new wasmApi.Instance(module, imports);
        done(instance, module);
        return instance.exports;
      },
    }).then(
      (cs) => {
        arm64 = new cs.Capstone(cs.ARCH_ARM64, cs.MODE_ARM);
        thumb = new cs.Capstone(cs.ARCH_ARM, cs.MODE_THUMB);
        thumb.option(cs.OPT_SYNTAX, cs.OPT_SYNTAX_NOREGNAME); // r11, r12 as Microsoft writes them, not fp, ip
      },
      (e: unknown) => {
        loadError = String(e);
      },
    );
  } catch (e) {
    loadError = (e as Error).message;
    return Promise.resolve();
  }
})();

const u64 = (v: bigint | number) => BigInt.asUintN(64, BigInt(v));
const signed = (v: number, bits: number) => (v << (32 - bits)) >> (32 - bits);

/** "fffff803`f318f560": how WinDbg writes a 64-bit address. */
function address64(a: bigint): string {
  const h = a.toString(16).padStart(16, '0');
  return `${h.slice(0, 8)}\`${h.slice(8)}`;
}

/** The pc-relative address an instruction word names, and whether it is a branch target or a data operand. */
export function arm64Target(word: number, pc: bigint): { target: bigint; branch: boolean } | undefined {
  const rel = (offset: number) => u64(pc + BigInt(offset));
  if ((word & 0x7c000000) === 0x14000000) return { target: rel(signed(word & 0x3ffffff, 26) * 4), branch: true }; // B, BL
  if ((word & 0xff000000) >>> 0 === 0x54000000) return { target: rel(signed((word >>> 5) & 0x7ffff, 19) * 4), branch: true }; // B.cond, BC.cond
  if ((word & 0x7c000000) === 0x34000000) {
    // CBZ/CBNZ (imm19) and TBZ/TBNZ (imm14)
    const tb = (word & 0x02000000) !== 0;
    return { target: rel(tb ? signed((word >>> 5) & 0x3fff, 14) * 4 : signed((word >>> 5) & 0x7ffff, 19) * 4), branch: true };
  }
  const adrImm = signed((((word >>> 5) & 0x7ffff) << 2) | ((word >>> 29) & 3), 21);
  if ((word & 0x9f000000) >>> 0 === 0x10000000) return { target: rel(adrImm), branch: false }; // ADR
  if ((word & 0x9f000000) >>> 0 === 0x90000000) return { target: u64((pc & ~0xfffn) + (BigInt(adrImm) << 12n)), branch: false }; // ADRP
  if ((word & 0x3b000000) === 0x18000000) return { target: rel(signed((word >>> 5) & 0x7ffff, 19) * 4), branch: false }; // LDR (literal)
  return undefined;
}

function flowOf(mnemonic: string, op: string): FlowKind {
  if (/^(ret|reta[ab]|eret|ereta[ab])$/.test(mnemonic)) return 'return';
  if (/^br(a[ab]z?)?$/.test(mnemonic)) return 'indirectJump';
  if (/^blr(a[ab]z?)?$/.test(mnemonic)) return 'indirectCall';
  if (mnemonic === 'b') return 'jump';
  if (mnemonic === 'bl') return 'call';
  if (/^(b|bc)\.[a-z]{2}$|^(cbz|cbnz|tbz|tbnz)$/.test(mnemonic)) return 'conditional';
  // brk #0xF003 is __fastfail, udf is undefined: neither comes back. brk #0xF000 (__debugbreak) does.
  if (mnemonic === 'udf' || (mnemonic === 'brk' && /^#0xf003$/i.test(op))) return 'stop';
  return 'next';
}

/** Register names as WinDbg's arm64 disassembler writes them. */
const REGISTER_NAMES: Record<string, string> = { x29: 'fp', x30: 'lr', x16: 'xip0', x17: 'xip1', x18: 'xpr' };

/**
 * One instruction in WinDbg's arm64 layout: "stp         fp,lr,[sp,#-0x10]!" —
 * the mnemonic padded to 12 columns, conditions without the dot (bne), no
 * space after commas, immediates "#0xA40", pc-relative operands as the
 * address they name (the command turns it into a symbol).
 */
export function windbgArm64Text(mnemonic: string, op: string, word: number, pc: bigint): { mnemonic: string; text: string; target?: { target: bigint; branch: boolean } } {
  const mn = mnemonic.replace(/^b\.([a-z]{2})$/, 'b$1');
  let ops = op
    .replace(/, /g, ',')
    .replace(/\b(x29|x30|x16|x17|x18)\b/g, (r) => REGISTER_NAMES[r]!)
    .replace(/#(-?)0x([0-9a-f]+)/g, (_, sign: string, hex: string) => `#${sign}0x${hex.toUpperCase()}`);
  const target = arm64Target(word, pc);
  // The target is the last operand ("cbz x0,#0x…", "adrp x8,#0x…", "ldr x1,#0x…").
  if (target) ops = ops.replace(/#-?0x[0-9A-F]+$/, address64(target.target));
  return { mnemonic: mn, text: ops ? `${mn.padEnd(11)} ${ops}` : mn, target };
}

/** A decoded instruction from its WinDbg text and how it passes control on. */
function instruction(address: bigint, raw: Uint8Array, t: ReturnType<typeof windbgArm64Text>, flow: DecodedInstruction['flow']): DecodedInstruction {
  return {
    address,
    bytes: raw,
    text: t.text,
    mnemonic: t.mnemonic,
    branchTarget: t.target?.branch ? t.target.target : undefined,
    operandTarget: t.target && !t.target.branch ? t.target.target : undefined,
    flow,
    isCall: flow === 'call' || flow === 'indirectCall',
    isReturn: flow === 'return',
    invalid: false,
  };
}

/** Capstone's Thumb-2 decoder: 2- or 4-byte instructions; an undecodable halfword prints as "???" and decoding goes on. */
function decodeThumb(handle: CsHandle, bytes: Uint8Array, address: bigint, count: number): DecodedInstruction[] {
  const out: DecodedInstruction[] = [];
  let offset = 0;
  while (out.length < count && offset + 2 <= bytes.length) {
    const at = BigInt.asUintN(32, address + BigInt(offset));
    let ins: CsInstruction | undefined;
    try {
      ins = handle.disasm(bytes.subarray(offset, Math.min(bytes.length, offset + 4)), at, 1)[0];
    } catch {
      ins = undefined; // Capstone throws when the halfword starts no instruction it knows.
    }
    if (!ins) {
      out.push({ address: at, bytes: bytes.slice(offset, offset + 2), text: '???', mnemonic: '???', flow: 'stop', isCall: false, isReturn: false, invalid: true });
      offset += 2;
      continue;
    }
    const raw = bytes.slice(offset, offset + ins.size);
    const t = windbgThumbText(ins.mnemonic, ins.op_str, Number(at), raw);
    out.push(instruction(at, raw, t, thumbFlow(t.mnemonic, t.text.slice(t.mnemonic.length).trim())));
    offset += ins.size;
  }
  return out;
}

/** Capstone behind the Disassembler seam: ARM64 (invalid words print as "???" and decoding goes on) and Thumb-2. */
export const capstoneDisassembler: Disassembler = {
  decode(bytes, address, mode, count) {
    if (mode !== 'arm64' && mode !== 'thumb') throw new Error(`Capstone is set up for arm64 and thumb, not ${mode}`);
    if (mode === 'thumb' && thumb) return decodeThumb(thumb, bytes, address, count);
    if (!arm64) throw new Error(loadError ? `The ARM disassembler (Capstone) failed to load: ${loadError}` : 'The ARM disassembler (Capstone) is still loading; run the command again');
    const out: DecodedInstruction[] = [];
    let offset = 0;
    while (out.length < count && offset + 4 <= bytes.length) {
      const want = Math.min(count - out.length, Math.floor((bytes.length - offset) / 4));
      let decoded: CsInstruction[] = [];
      try {
        decoded = arm64.disasm(bytes.subarray(offset, offset + 4 * want), u64(address + BigInt(offset)), want);
      } catch {
        decoded = []; // Capstone throws when the first word is not an instruction.
      }
      for (const ins of decoded) {
        const word = (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24)) >>> 0;
        const pc = u64(ins.address);
        const t = windbgArm64Text(ins.mnemonic, ins.op_str, word, pc);
        out.push(instruction(pc, bytes.slice(offset, offset + 4), t, flowOf(ins.mnemonic, ins.op_str)));
        offset += 4;
      }
      if (decoded.length < want) {
        // Capstone stopped at a word that is no instruction it knows: "???", then go on.
        out.push({ address: u64(address + BigInt(offset)), bytes: bytes.slice(offset, offset + 4), text: '???', mnemonic: '???', flow: 'stop', isCall: false, isReturn: false, invalid: true });
        offset += 4;
      }
    }
    return out;
  },
};
