import { defineCommand } from '../command';
import { CommandError } from '../errors';
import { layoutHint, missingHint } from '../kernel/hints';
import { kernelTarget } from '../kernel/target';

export const irpCommand = defineCommand({
  name: '!irp',
  family: 'Kernel',
  syntax: '!irp Address',
  summary: 'an I/O request packet: type, size, flags, MDL',
  help: 'IRPs live in nonpaged pool: kernel and complete memory dumps hold them, small memory dumps do not.\nExample: !irp ffffd20bfd87f6f0 (from !thread\'s IRP List)',
  run({ session: s, out, args, evaluate }) {
    const t = kernelTarget(s, '!irp');
    const a = args.trim().split(/\s+/).filter(Boolean)[0];
    if (a === undefined) throw new CommandError('Usage: !irp Address');
    const va = BigInt.asUintN(t.is64 ? 64 : 32, evaluate(a));
    const irp = t.layout.irp;
    if (!irp) throw new CommandError(layoutHint(t, 'nt!_IRP').trim());
    const v = t.view(va, irp.threadListEntry + (t.is64 ? 16 : 8), '_IRP');
    // WinDbg's words for an IRP it cannot read (083125-14875-01.windbg.thread.txt).
    if (!v) throw new CommandError(`Unable to read nt!_IRP @ ${t.p(va)}\n${missingHint(t, 'the IRP (nonpaged pool)')}`);
    // IO_TYPE_IRP: anything else is not an IRP.
    if (v.u16(irp.type) !== 6) throw new CommandError(`IRP signature does not match, probably not an IRP (Type ${v.u16(irp.type)?.toString(16)} at ${t.p(va)})`);
    out.text('Irp is ').link(t.p(va), 'address', `0x${va.toString(16)}`);
    out.line(`: (${(v.u16(irp.type) ?? 0).toString(16).padStart(4, '0')},${(v.u16(irp.size) ?? 0).toString(16).padStart(4, '0')}) Flags: ${(v.u32(irp.flags) ?? 0).toString(16).padStart(8, '0')}  Mdl: ${t.p(v.ptr(irp.mdlAddress) ?? 0n)}`);
    out.line(layoutHint(t, 'the IRP stack locations (_IO_STACK_LOCATION)'));
  },
});
