import type { FlowKind } from '../../shared/debugger/disassembler';

/**
 * Capstone's Thumb-2 text (registers r0–r15 by number, CS_OPT_SYNTAX_NOREGNAME)
 * in the layout of Microsoft's ARM disassembler, the one WinDbg and dumpbin
 * share: "push        {r4-r7,r11,lr}", "mov         r12,#0xC104" (movw),
 * "sub         sp,sp,#0x10", "ldr         r3,004023a0" (literal), "__debugbreak".
 */

const hex8 = (v: number) => (v >>> 0).toString(16).padStart(8, '0');

/** "{r2, r3, r4, r5, r7}" → "{r2-r5,r7}": runs of three or more registers as a range. */
function registerList(list: string): string {
  const regs = list.split(/,\s*/);
  const out: string[] = [];
  for (let i = 0; i < regs.length; ) {
    const n = /^r(\d+)$/.exec(regs[i]!);
    let j = i;
    if (n) while (j + 1 < regs.length && regs[j + 1] === `r${Number(n[1]) + (j + 1 - i)}`) j++;
    out.push(j - i >= 2 ? `${regs[i]}-${regs[j]}` : regs[i]!);
    i = j - i >= 2 ? j + 1 : i + 1;
  }
  return `{${out.join(',')}}`;
}

const NAMES: Record<string, string> = { r13: 'sp', r14: 'lr', r15: 'pc' };
/** Immediates that are bit patterns, not amounts: a negative one is shown as its 32-bit value (cmp r3,#0xFFFFFFFF). */
const PATTERN_IMMEDIATE = /^(cmp|cmn|tst|teq|mov|movs|mvn|mvns|and|ands|orr|orrs|orn|orns|eor|eors|bic|bics)$/;

export interface ThumbText {
  mnemonic: string;
  text: string;
  /** Absolute address a branch or pc-relative operand names. */
  target?: { target: bigint; branch: boolean };
}

export function windbgThumbText(csMnemonic: string, op: string, address: number, bytes: Uint8Array): ThumbText {
  const half = bytes[0]! | (bytes[1]! << 8);
  // Microsoft's names for the reserved UDF encodings the compiler emits.
  if (bytes.length === 2 && half === 0xdefe) return { mnemonic: '__debugbreak', text: '__debugbreak' };
  if (bytes.length === 2 && half === 0xdefb) return { mnemonic: '__fastfail', text: '__fastfail' };
  let mn = csMnemonic.replace(/\.[wn]$/, '');
  if (mn === 'movw') mn = 'mov';
  let ops = op
    .replace(/\{([^}]*)\}/g, (_, l: string) => registerList(l))
    .replace(/, /g, ',')
    .replace(/\b(r13|r14|r15)\b/g, (r) => NAMES[r]!);
  let target: ThumbText['target'];
  const branch = /^(b|bl|blx|cbz|cbnz|b(eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al))$/.test(mn);
  const literal = /#(-?0x[0-9a-f]+|-?\d+)$/.exec(ops);
  if (branch && literal) {
    target = { target: BigInt(Number(literal[1]) >>> 0), branch: true };
    ops = ops.slice(0, literal.index) + hex8(Number(literal[1]));
  } else {
    // ldr r3,[pc,#0xa4] and adr r0,#0x10 name Align(pc+4, 4) + offset.
    const pcRel = /\[pc,#(-?0x[0-9a-f]+|-?\d+)\]$/.exec(ops);
    const base = (address + 4) & ~3;
    if (pcRel && /^ldr/.test(mn)) {
      const t = (base + Number(pcRel[1])) >>> 0;
      target = { target: BigInt(t), branch: false };
      ops = ops.slice(0, pcRel.index) + hex8(t);
    } else if (mn === 'adr' && literal) {
      const t = (base + Number(literal[1])) >>> 0;
      target = { target: BigInt(t), branch: false };
      ops = ops.slice(0, literal.index) + hex8(t);
    }
  }
  // The 16-bit two-operand forms: "sub sp,#0x10" is written "sub sp,sp,#0x10".
  const two = /^(add|adds|sub|subs)$/.test(mn) ? /^([a-z0-9]+),(#.*)$/.exec(ops) : null;
  if (two) ops = `${two[1]},${two[1]},${two[2]}`;
  if (PATTERN_IMMEDIATE.test(mn)) ops = ops.replace(/#-(0x[0-9a-f]+|\d+)$/, (_, v: string) => `#0x${((-Number(v)) >>> 0).toString(16)}`);
  ops = ops.replace(/#(-?)0x([0-9a-f]+)/g, (_, sign: string, h: string) => `#${sign}0x${h.toUpperCase()}`);
  return { mnemonic: mn, text: ops ? `${mn.padEnd(11)} ${ops}` : mn, target };
}

/** How control leaves a Thumb-2 instruction (mnemonic as printed, before WinDbg's renaming of movw). */
export function thumbFlow(mnemonic: string, ops: string): FlowKind {
  if (mnemonic === '__fastfail' || mnemonic === 'udf') return 'stop';
  if (mnemonic === 'bx') return ops === 'lr' ? 'return' : 'indirectJump';
  if ((mnemonic === 'pop' || mnemonic === 'ldm') && /\bpc\}$/.test(ops)) return 'return';
  if (/^(ldr|mov)$/.test(mnemonic) && /^pc,/.test(ops)) return 'indirectJump';
  if (mnemonic === 'tbb' || mnemonic === 'tbh') return 'indirectJump';
  if (mnemonic === 'blx') return /^r\d+$|^lr$/.test(ops) ? 'indirectCall' : 'call';
  if (mnemonic === 'bl') return 'call';
  if (mnemonic === 'b') return 'jump';
  if (/^(cbz|cbnz)$/.test(mnemonic) || /^b(eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le)$/.test(mnemonic)) return 'conditional';
  return 'next';
}
