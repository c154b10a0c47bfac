import type { DebugSession } from '../session';

/** Names `$name` the evaluator knows, for help text and completion. */
export const PSEUDO_REGISTERS = ['ip', 'csp', 'retreg', 'exentry', 'peb', 'teb', 'tid', 'tpid', 'ptrsize', 'pagesize', 'exp'] as const;

/**
 * WinDbg's pseudo-registers that a dump can answer: `$ip` and `$csp` (the
 * current frame's instruction and stack pointers), `$retreg` (eax/rax/x0),
 * `$exentry` (main module's entry, here its base: we have no PE headers),
 * `$teb`, `$peb` (read from the TEB where memory exists), `$tid`, `$tpid`,
 * `$ptrsize`, `$pagesize`.
 */
export function pseudoRegister(s: DebugSession, name: string): bigint | undefined {
  const regs = s.registers();
  const thread = s.dump.threads()[s.currentThread];
  switch (name) {
    case 'ip': return regs?.ip;
    case 'csp': return regs?.sp;
    case 'retreg': return regs?.regs.rax ?? regs?.regs.eax ?? regs?.regs.x0 ?? regs?.regs.r0;
    case 'exentry': return s.modules().find((m) => m.module.main)?.start ?? s.modules()[0]?.start;
    case 'teb': return thread?.teb;
    case 'peb': return thread?.teb === undefined ? undefined : s.readPointer(thread.teb + (s.is64 ? 0x60n : 0x30n));
    case 'tid': return thread ? BigInt(thread.id) : undefined;
    case 'tpid': {
      const id = s.dump.process()?.id;
      return id === undefined ? undefined : BigInt(id);
    }
    case 'ptrsize': return BigInt(s.pointerSize);
    case 'pagesize': return 0x1000n;
    default: return undefined;
  }
}
