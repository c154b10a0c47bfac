import { defineCommand } from '../command';
import { CommandError } from '../errors';
import type { OutputBuilder } from '../output';
import { driverName } from '../kernel/driverObject';
import { readDeviceObject } from '../kernel/deviceObject';
import { missingHint } from '../kernel/hints';
import {
  IRP_MJ_NAMES, irpStackLayout, minorName, readStackLocation,
  SL_INVOKE_ON_CANCEL, SL_INVOKE_ON_ERROR, SL_INVOKE_ON_SUCCESS, SL_PENDING_RETURNED, type StackLocation,
} from '../kernel/irpStack';
import { kernelTarget, type KernelTarget } from '../kernel/target';

/** A CHAR StackCount above this is not a real IRP (the I/O manager allocates at most a few dozen locations). */
const MAX_STACKS = 64;

/** WinDbg's kernel extensions print pointers with %08p: 8 digits at least, 16 only when the value needs them. */
function p08(v: bigint): string {
  return v.toString(16).padStart(8, '0');
}

export const irpCommand = defineCommand({
  name: '!irp',
  family: 'Kernel',
  syntax: '!irp Address',
  summary: 'an I/O request packet: header, MDL and its stack locations',
  help: 'IRPs live in nonpaged pool: kernel and complete memory dumps hold them, small memory dumps do not.\nExample: !irp ffffd20bfd87f6f0 (from !thread\'s IRP List)',
  run({ session: s, out, args, evaluate }) {
    const t = kernelTarget(s, '!irp');
    const a = args.trim().split(/\s+/).filter(Boolean)[0];
    if (a === undefined) throw new CommandError('Usage: !irp Address');
    const va = BigInt.asUintN(t.is64 ? 64 : 32, evaluate(a));
    const l = irpStackLayout(t.is64);
    const v = t.view(va, l.irpSize, '_IRP');
    // WinDbg's words for an IRP it cannot read (083125-14875-01.windbg.thread.txt).
    if (!v) throw new CommandError(`Unable to read nt!_IRP @ ${t.p(va)}\n${missingHint(t, 'the IRP (nonpaged pool)')}`);
    // IO_TYPE_IRP: anything else is not an IRP.
    if (v.u16(l.type) !== 6) throw new CommandError(`IRP signature does not match, probably not an IRP (Type ${v.u16(l.type)?.toString(16)} at ${t.p(va)})`);
    const flags = v.u32(l.flags) ?? 0;
    const mdl = v.ptr(l.mdlAddress) ?? 0n;
    const size = v.u16(l.size) ?? 0;
    out.text('Irp is ').link(t.p(va), 'address', `0x${va.toString(16)}`);
    out.line(`: (${(v.u16(l.type) ?? 0).toString(16).padStart(4, '0')},${size.toString(16).padStart(4, '0')}) Flags: ${flags.toString(16).padStart(8, '0')}  Mdl: ${t.p(mdl)}`);
    const stackCount = v.i8(l.stackCount);
    const current = v.i8(l.currentLocation);
    const currentSl = v.ptr(l.currentStackLocation);
    if (stackCount === undefined || current === undefined || currentSl === undefined || v.size < l.irpSize) {
      out.line(missingHint(t, 'the rest of the IRP (StackCount, CurrentLocation, Tail)'));
      return;
    }
    out.line(`Irp is active with ${stackCount} stacks ${current} is current (= 0x${currentSl.toString(16)})`);
    const sysBuf = v.ptr(l.associatedIrp) ?? 0n;
    const thread = v.ptr(l.thread) ?? 0n;
    out.text(mdl ? ` Mdl=${p08(mdl)}: ` : ' No Mdl: ').text(sysBuf ? `System buffer=${p08(sysBuf)}: ` : 'No System Buffer: ');
    out.text('Thread ').link(p08(thread), 'command', `!thread ${t.p(thread)}`).line(':  Irp stack trace.  ');
    out.line('     cmd  flg cl Device   File     Completion-Context');
    // The IRP's Size bounds how many locations follow it; StackCount beyond that is corrupt.
    const fits = size > l.irpSize ? Math.floor((size - l.irpSize) / l.locSize) : MAX_STACKS;
    const n = Math.max(0, Math.min(stackCount, MAX_STACKS, fits));
    for (let i = 1; i <= n; i++) {
      const at = va + BigInt(l.irpSize + (i - 1) * l.locSize);
      const sl = readStackLocation(t, at);
      if (!sl) {
        out.line(`Unable to read nt!_IO_STACK_LOCATION @ ${t.p(at)}`);
        out.line(missingHint(t, 'the IRP stack locations'));
        return;
      }
      stackRow(t, out, sl, i === current);
    }
    if (stackCount > n) out.line(`    (StackCount ${stackCount} does not fit the IRP's Size 0x${size.toString(16)}: ${n} stack locations shown)`);
  },
});

/** One stack location, as WinDbg's !irp prints it (four lines). */
function stackRow(t: KernelTarget, out: OutputBuilder, sl: StackLocation, current: boolean): void {
  // WinDbg names the major function only for a location that has a device.
  const major = sl.device ? (IRP_MJ_NAMES[sl.major] ?? 'N/A') : 'N/A';
  const minor = sl.device ? minorName(sl.major, sl.minor) : 'N/A';
  out.line(`${current ? '>' : ' '}[${major}(${sl.major.toString(16)}), ${minor}(${sl.minor.toString(16)})]`);
  const invoke = [[SL_INVOKE_ON_SUCCESS, ' Success'], [SL_INVOKE_ON_ERROR, ' Error'], [SL_INVOKE_ON_CANCEL, ' Cancel']] as const;
  const when = invoke.filter(([bit]) => sl.control & bit).map(([, w]) => w).join('');
  const pending = sl.control & SL_PENDING_RETURNED ? 'pending' : '';
  out.text(`${sl.flags.toString(16).padStart(13)} ${sl.control.toString(16).padStart(2)} `);
  out.link(p08(sl.device), 'command', `!devobj ${t.p(sl.device)}`).text(` ${p08(sl.file)} `);
  out.line(`${p08(sl.completion)}-${p08(sl.context)}${when ? `${when} ` : '    '}${pending}`);
  const drv = sl.device ? driverOf(t, sl.device) : undefined;
  const routine = sl.completion ? t.session.symbolize(sl.completion).text : '';
  out.line(drv !== undefined || routine ? `\t       ${drv ?? ''}${routine ? `\t${routine}` : ''}` : '');
  // For (internal) device controls the third argument is the IOCTL code, which WinDbg prints as 0x….
  const ioctl = sl.major === 0xe || sl.major === 0xf;
  out.line(`\t\t\tArgs: ${sl.args.map((v, i) => (ioctl && i === 2 ? `0x${v.toString(16)}` : p08(v))).join(' ')}`);
}

function driverOf(t: KernelTarget, device: bigint): string | undefined {
  const d = readDeviceObject(t, device);
  return d ? driverName(t, d.driverObject) : undefined;
}
