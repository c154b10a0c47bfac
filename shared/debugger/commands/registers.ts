import type { RegisterContext } from '../../dump/types';
import { defineCommand } from '../command';
import { CommandError } from '../errors';
import { hexN } from '../format';
import type { OutputBuilder } from '../output';
import type { DebugSession } from '../session';
import { disassembleAt } from './disasm';

/** x86 EFLAGS as WinDbg spells them: OF DF IF SF ZF AF PF CF. */
export function flagsText(efl: bigint): string {
  const f = Number(efl);
  const bit = (n: number, on: string, off: string): string => (f & (1 << n) ? on : off);
  return [bit(11, 'ov', 'nv'), bit(10, 'dn', 'up'), bit(9, 'ei', 'di'), bit(7, 'ng', 'pl'), bit(6, 'zr', 'nz'), bit(4, 'ac', 'na'), bit(2, 'pe', 'po'), bit(0, 'cy', 'nc')].join(' ');
}

/** The register block `r` prints, in WinDbg's layout for each architecture. */
export function registerLines(c: RegisterContext): string[] {
  const r = c.regs;
  const v = (n: string, w: number): string => hexN(r[n] ?? 0n, w);
  const efl = r.efl ?? 0n;
  const iopl = `iopl=${(Number(efl) >> 12) & 3}`.padEnd(15);
  const segs = (): string => ['cs', 'ss', 'ds', 'es', 'fs', 'gs'].map((s) => `${s}=${v(s, 4)}`).join('  ');
  switch (c.arch) {
    case 'x86':
      return [
        ['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi'].map((n) => `${n}=${v(n, 8)}`).join(' '),
        `${['eip', 'esp', 'ebp'].map((n) => `${n}=${v(n, 8)}`).join(' ')} ${iopl}${flagsText(efl)}`,
        `${segs()}             efl=${v('efl', 8)}`,
      ];
    case 'amd64': {
      const row = (ns: string[]): string => ns.map((n) => `${n.padStart(3)}=${v(n, 16)}`).join(' ');
      return [
        row(['rax', 'rbx', 'rcx']), row(['rdx', 'rsi', 'rdi']), row(['rip', 'rsp', 'rbp']),
        row(['r8', 'r9', 'r10']), row(['r11', 'r12', 'r13']), row(['r14', 'r15']),
        `${iopl}${flagsText(efl)}`,
        `${segs()}             efl=${v('efl', 8)}`,
      ];
    }
    case 'arm64': {
      const names = [...Array.from({ length: 29 }, (_, i) => `x${i}`), 'fp', 'lr', 'sp', 'pc'];
      const lines: string[] = [];
      for (let i = 0; i < names.length; i += 4) lines.push(names.slice(i, i + 4).map((n) => `${n.padStart(3)}=${v(n, 16)}`).join('   '));
      lines.push(`psr=${v('cpsr', 8)}`);
      return lines;
    }
    default: {
      const lines: string[] = [];
      for (let i = 0; i < c.order.length; i += 4) lines.push(c.order.slice(i, i + 4).map((n) => `${n.padStart(3)}=${v(n, 8)}`).join(' '));
      return lines;
    }
  }
}

/** `r` output: registers, then the symbol and instruction at the instruction pointer. */
export function printRegisters(s: DebugSession, out: OutputBuilder, c: RegisterContext): void {
  out.lines(registerLines(c));
  disassembleAt(s, out, c.ip, 1, true);
}

export const r = defineCommand({
  name: 'r',
  family: 'Registers and memory',
  syntax: 'r [Register[, Register…]]',
  summary: 'show the registers of the current thread (or the .ecxr/.cxr scope)',
  help: 'r alone prints every register and the current instruction; r eax, r @rip, r $ip print one.\nRegisters cannot be changed in a dump.',
  run({ session: s, out, args }) {
    const c = s.registers();
    if (!c) throw new CommandError('Unable to get register context: the dump holds no context for this thread');
    const a = args.trim();
    if (!a) {
      printRegisters(s, out, c);
      return;
    }
    if (a.includes('=')) throw new CommandError('Registers cannot be changed: the target is a dump file');
    for (const raw of a.split(/[\s,]+/).filter(Boolean)) {
      const name = raw.replace(/^@/, '').toLowerCase();
      const value = c.regs[name];
      if (value === undefined) throw new CommandError(`Bad register error at '${raw}'`);
      const w = c.arch === 'x86' || c.arch === 'arm' || name === 'efl' || name === 'cpsr' ? 8 : 16;
      out.line(`${name}=${hexN(value, ['cs', 'ss', 'ds', 'es', 'fs', 'gs'].includes(name) ? 4 : w)}`);
    }
  },
});
