import { defineCommand, type CommandDef } from '../command';
import { CommandError } from '../errors';
import type { OutputBuilder } from '../output';
import { deviceNodeNames } from '../kernel/deviceNode';
import { CHARACTERISTICS, EXTENSION_FLAGS, IO_TYPE_DEVICE, readDeviceObject, type DeviceObject } from '../kernel/deviceObject';
import { driverName, IO_TYPE_DRIVER, readDriverObject } from '../kernel/driverObject';
import { missingHint } from '../kernel/hints';
import { IRP_MJ_NAMES } from '../kernel/irpStack';
import { objectManager, type ObjectManager } from '../kernel/objectManager';
import { kernelTarget, type KernelTarget } from '../kernel/target';
import type { DebugSession } from '../session';
import { kernelNeeds, missingDataReason } from './kernel';

/** A driver's device list or a device stack longer than this is corrupt (or looping through garbage). */
const MAX_DEVICES = 4096;
const MAX_STACK_DEPTH = 64;

/** WinDbg's kernel extensions print pointers with %08p: 8 digits at least, 16 only when the value needs them. */
function p08(v: bigint): string {
  return v.toString(16).padStart(8, '0');
}

/** printf's %#010x: "0x00000100", but "0000000000" for 0 (the # adds no prefix to zero). */
function hash010(v: number): string {
  return v === 0 ? '0000000000' : `0x${v.toString(16).padStart(8, '0')}`;
}

function flagNames(v: number, table: readonly [number, string][]): string {
  return table.filter(([bit]) => v & bit).map(([, n]) => n).join(', ');
}

/** The session's kernel target, after the reason a user or small dump cannot answer. */
function targetFor(s: DebugSession, name: string): { t: KernelTarget; om: ObjectManager } {
  const why = missingDataReason(s, name);
  if (why) throw new CommandError(why);
  const t = kernelTarget(s, name);
  return { t, om: objectManager(t) };
}

/**
 * An object named by path (`\Driver\Ntfs`), by a bare name under `prefix`
 * (`Ntfs` → `\Driver\Ntfs`, as WinDbg tries), or by an address expression.
 */
function resolveObject(om: ObjectManager, arg: string, prefix: string, evaluate: (e: string) => bigint): bigint | undefined {
  const bits = om.t.is64 ? 64 : 32;
  const hex = /^(0x)?[0-9a-f`]+$/i.test(arg);
  if (arg.startsWith('\\')) {
    const at = om.lookup(arg);
    return typeof at === 'bigint' ? at : undefined;
  }
  if (!hex && /^[a-z]/i.test(arg)) {
    const at = om.lookup(`${prefix}${arg}`);
    if (typeof at === 'bigint') return at;
  }
  try {
    return BigInt.asUintN(bits, evaluate(arg));
  } catch (e) {
    // Not a name and not an expression: the caller says "not found" in WinDbg's words.
    if (e instanceof CommandError) return undefined;
    throw e;
  }
}

const objectDef = defineCommand({
  name: '!object',
  family: 'Kernel',
  ...kernelNeeds('!object'),
  run({ session: s, out, args, evaluate }) {
    const { t, om } = targetFor(s, '!object');
    if (om.unsupported) throw new CommandError(`!object: ${om.unsupported}`);
    const words = args.trim().split(/\s+/).filter(Boolean);
    const arg = words[0] ?? '\\';
    const flags = words[1] !== undefined ? Number(BigInt.asUintN(32, evaluate(words[1]))) : 9;
    let body: bigint;
    if (arg.startsWith('\\')) {
      const at = om.lookup(arg);
      if (typeof at === 'string') {
        throw new CommandError(`Object ${arg} not found\n    (${at})`);
      }
      body = at;
    } else {
      body = BigInt.asUintN(t.is64 ? 64 : 32, evaluate(arg));
    }
    printObject(t, om, out, body, flags);
  },
});

function printObject(t: KernelTarget, om: ObjectManager, out: OutputBuilder, body: bigint, flags: number): void {
  const h = om.header(body);
  if (!h) throw new CommandError(`${t.p(body)}: Not a valid object (ObjectHeader ${t.p(body - BigInt(om.layout!.body))} not in the dump)\n${missingHint(t, 'the object header')}`);
  const type = om.typeOf(h);
  out.text('Object: ').link(t.p(body), 'address', `0x${body.toString(16)}`);
  if (typeof type === 'string') out.line('  Type: (unknown)');
  else out.line(`  Type: (${t.p(type.address)}) ${type.name}`);
  out.line(`    ObjectHeader: ${t.p(h.header)} (new version)`);
  if (typeof type === 'string') out.line(`    (object type unknown: ${type})`);
  if (!(flags & 1)) return;
  out.line(`    HandleCount: ${h.handleCount}  PointerCount: ${h.pointerCount}`);
  if (h.nameInfo) out.line(`    Directory Object: ${p08(h.nameInfo.directory)}  Name: ${h.nameInfo.directory === 0n && h.nameInfo.name === '' ? '\\' : h.nameInfo.name}`);
  if (!(flags & 8) || typeof type === 'string') return;
  if (type.name === 'SymbolicLink') {
    const target = om.linkTarget(body);
    // WinDbg's words (its !driveinfo shows the same lines for a drive letter's link).
    out.line(target === undefined ? '        (LinkTarget is not in the dump or is a callback link)' : `        Target String is '${target}'`);
    return;
  }
  if (type.name !== 'Directory') return;
  const listing = om.list(body);
  out.line();
  // The Address column is as wide as a pointer (16 digits on 64-bit targets, 8 on 32-bit).
  const aw = t.is64 ? 17 : 9;
  out.line(`    Hash ${'Address'.padEnd(aw)}${'Type'.padEnd(26)}Name`);
  out.line(`    ---- ${'-------'.padEnd(aw)}${'----'.padEnd(26)}----`);
  let last = -1;
  for (const e of listing.entries) {
    const eh = om.header(e.object);
    const et = eh ? om.typeOf(eh) : undefined;
    const typeName = et === undefined ? '<unreadable>' : typeof et === 'string' ? '<unknown>' : et.name;
    out.text(e.bucket === last ? '         ' : `     ${String(e.bucket).padStart(2, '0')}  `);
    last = e.bucket;
    out.link(t.p(e.object), 'command', `!object ${t.p(e.object)}`).line(` ${typeName.padEnd(25)} ${e.name ?? ''}`);
  }
  if (listing.stopped) out.line(`    (listing stopped: ${listing.stopped})`);
}

const drvobjDef = defineCommand({
  name: '!drvobj',
  family: 'Kernel',
  ...kernelNeeds('!drvobj'),
  run({ session: s, out, args, evaluate }) {
    const { t, om } = targetFor(s, '!drvobj');
    const words = args.trim().split(/\s+/).filter(Boolean);
    if (!words[0]) throw new CommandError('Usage: !drvobj Driver|Address [Flags]');
    const flags = words[1] !== undefined ? Number(BigInt.asUintN(32, evaluate(words[1]))) : 1;
    const va = om.unsupported ? BigInt.asUintN(t.is64 ? 64 : 32, evaluate(words[0])) : resolveObject(om, words[0], '\\Driver\\', evaluate);
    if (va === undefined || va === 0n) throw new CommandError(`Driver object ${words[0]} not found`);
    const d = readDriverObject(t, va);
    if (!d) throw new CommandError(`Unable to read nt!_DRIVER_OBJECT @ ${t.p(va)}\n${missingHint(t, 'the driver object')}`);
    if (d.type !== IO_TYPE_DRIVER) throw new CommandError(`${t.p(va)}: is not a driver object (Type ${d.type}; IO_TYPE_DRIVER is 4)`);
    out.line(`Driver object (${t.p(va)}) is for:`);
    out.line(` ${d.name ?? '<name not in the dump>'}`);
    out.line();
    // Flag 1 (the default): the extension and device lists; flag 2 alone goes straight to the routines.
    if (flags & 1) {
      out.line('Driver Extension List: (id , addr)');
      out.line(d.clientExtensions.map((e) => `(${p08(e.id)} ${p08(e.data)})  `).join(''));
      if (d.clientStopped) out.line(`    (extension list stopped: ${d.clientStopped})`);
      out.line('Device Object list:');
      const { devices, stopped } = deviceList(t, d.deviceObject);
      for (const dev of devices) out.link(p08(dev), 'command', `!devobj ${t.p(dev)}`).text('  ');
      out.line();
      if (stopped) out.line(`    (device list stopped: ${stopped})`);
      if (flags & 4) {
        for (const dev of devices) {
          out.line();
          const obj = readDeviceObject(t, dev);
          if (obj) printDevice(t, om, out, obj);
        }
      }
    }
    if (flags & 2) {
      if (flags & 1) out.line();
      const sym = (v: bigint): string => (v ? t.session.symbolize(v).text : '');
      out.line(`DriverEntry:   ${p08(d.driverInit)}\t${sym(d.driverInit)}`);
      out.line(`DriverStartIo: ${p08(d.driverStartIo)}\t${sym(d.driverStartIo)}`);
      out.line(`DriverUnload:  ${p08(d.driverUnload)}\t${sym(d.driverUnload)}`);
      out.line(`AddDevice:     ${p08(d.addDevice ?? 0n)}\t${sym(d.addDevice ?? 0n)}`);
      out.line();
      out.line('Dispatch routines:');
      d.majorFunction.forEach((f, i) => {
        out.text(`[${i.toString(16).padStart(2, '0')}] ${(IRP_MJ_NAMES[i] ?? '').padEnd(35)}`);
        out.link(p08(f), 'address', `0x${f.toString(16)}`).line(`\t${sym(f)}`);
      });
      if (d.fastIo) {
        out.line();
        out.line('Fast I/O routines:');
        for (const r of d.fastIo) out.text(r.name.padEnd(40)).link(p08(r.address), 'address', `0x${r.address.toString(16)}`).line(`\t${sym(r.address)}`);
      }
    }
  },
});

/** The driver's devices through DEVICE_OBJECT.NextDevice, with a cap and cycle detection. */
function deviceList(t: KernelTarget, first: bigint): { devices: bigint[]; stopped?: string } {
  const devices: bigint[] = [];
  const seen = new Set<bigint>();
  for (let d = first; d !== 0n;) {
    if (seen.has(d)) return { devices, stopped: `NextDevice loops back to ${t.p(d)}` };
    if (devices.length >= MAX_DEVICES) return { devices, stopped: `more than ${MAX_DEVICES} devices` };
    seen.add(d);
    devices.push(d);
    const obj = readDeviceObject(t, d);
    if (!obj) return { devices, stopped: `device object ${t.p(d)} is not in the dump` };
    d = obj.nextDevice;
  }
  return { devices };
}

const devobjDef = defineCommand({
  name: '!devobj',
  family: 'Kernel',
  ...kernelNeeds('!devobj'),
  run({ session: s, out, args, evaluate }) {
    const { t, om } = targetFor(s, '!devobj');
    const arg = args.trim().split(/\s+/).filter(Boolean)[0];
    if (!arg) throw new CommandError('Usage: !devobj Device|Address');
    const va = om.unsupported ? BigInt.asUintN(t.is64 ? 64 : 32, evaluate(arg)) : resolveObject(om, arg, '\\Device\\', evaluate);
    if (va === undefined || va === 0n) throw new CommandError(`Device object ${arg} not found`);
    const d = readDeviceObject(t, va);
    if (!d) throw new CommandError(`Unable to read nt!_DEVICE_OBJECT @ ${t.p(va)}\n${missingHint(t, 'the device object')}`);
    if (d.type !== IO_TYPE_DEVICE) throw new CommandError(`${t.p(va)}: is not a device object (Type ${d.type}; IO_TYPE_DEVICE is 3)`);
    printDevice(t, om, out, d);
  },
});

function printDevice(t: KernelTarget, om: ObjectManager, out: OutputBuilder, d: DeviceObject): void {
  out.line(`Device object (${t.p(d.address)}) is for:`);
  const name = om.unsupported ? undefined : om.nameOf(d.address);
  out.text(` ${name ?? ''} ${driverName(t, d.driverObject) ?? '<driver name not in the dump>'} DriverObject `);
  out.link(t.p(d.driverObject), 'command', `!drvobj ${t.p(d.driverObject)}`).line();
  out.line(`Current Irp ${p08(d.currentIrp)} RefCount ${d.referenceCount} Type ${d.deviceType.toString(16).padStart(8, '0')} Flags ${d.flags.toString(16).padStart(8, '0')}`);
  const devNode = d.extension?.deviceNode ?? 0n;
  const dope = d.extension?.dope ?? 0n;
  out.line(`${d.vpb ? `Vpb ${p08(d.vpb)} ` : ''}SecurityDescriptor ${p08(d.securityDescriptor)} DevExt ${p08(d.deviceExtension)} DevObjExt ${p08(d.deviceObjectExtension)} ${dope ? `Dope ${p08(dope)} ` : ''}${devNode ? `DevNode ${p08(devNode)} ` : ''}`);
  if (d.extension) out.line(`ExtensionFlags (${hash010(d.extension.extensionFlags)})  ${flagNames(d.extension.extensionFlags, EXTENSION_FLAGS)}`);
  else out.line(`    (DEVOBJ_EXTENSION ${p08(d.deviceObjectExtension)} is not in the dump: no ExtensionFlags, DevNode or AttachedTo)`);
  out.line(`Characteristics (${hash010(d.characteristics)})  ${flagNames(d.characteristics, CHARACTERISTICS)}`);
  if (d.attachedDevice) {
    out.text('AttachedDevice (Upper) ').link(p08(d.attachedDevice), 'command', `!devobj ${t.p(d.attachedDevice)}`);
    out.line(` ${attachedDriver(t, d.attachedDevice)}`);
  }
  const lower = d.extension?.attachedTo ?? 0n;
  if (lower) {
    out.text('AttachedTo (Lower) ').link(p08(lower), 'command', `!devobj ${t.p(lower)}`);
    out.line(` ${attachedDriver(t, lower)}`);
  }
  out.line(d.queueBusy ? 'Device queue is busy.' : 'Device queue is not busy.');
}

function attachedDriver(t: KernelTarget, device: bigint): string {
  const d = readDeviceObject(t, device);
  return (d && driverName(t, d.driverObject)) ?? '<not in the dump>';
}

const devstackDef = defineCommand({
  name: '!devstack',
  family: 'Kernel',
  ...kernelNeeds('!devstack'),
  run({ session: s, out, args, evaluate }) {
    const { t, om } = targetFor(s, '!devstack');
    const arg = args.trim().split(/\s+/).filter(Boolean)[0] ?? '';
    const va = arg && !om.unsupported ? resolveObject(om, arg, '\\Device\\', evaluate) : arg ? BigInt.asUintN(t.is64 ? 64 : 32, evaluate(arg)) : undefined;
    // WinDbg's words (083125-14875-01.windbg.devstack.txt shows them for an empty argument).
    if (va === undefined || va === 0n) throw new CommandError(`Device object ${arg} not found`);
    // Pointer columns are %08p wide: 16 digits on 64-bit targets, 8 on 32-bit ones.
    out.line(t.is64 ? '  !DevObj           !DrvObj            !DevExt           ObjectName' : '  !DevObj   !DrvObj            !DevExt   ObjectName');
    // Up to the top of the stack through AttachedDevice, then down through DEVOBJ_EXTENSION.AttachedTo.
    let top = va;
    const up = new Set<bigint>([va]);
    for (;;) {
      const d = readDeviceObject(t, top);
      if (!d) throw new CommandError(`${p08(top)}: Could not read device object\n${missingHint(t, 'the device object')}`);
      if (d.type !== IO_TYPE_DEVICE) throw new CommandError(`${p08(top)}: is not a device object`);
      if (!d.attachedDevice) break;
      if (up.has(d.attachedDevice) || up.size >= MAX_STACK_DEPTH) {
        out.line(`    (AttachedDevice ${up.has(d.attachedDevice) ? `loops back to ${p08(d.attachedDevice)}` : `chain is longer than ${MAX_STACK_DEPTH}`}: the stack is shown from ${p08(top)} down)`);
        break;
      }
      up.add(d.attachedDevice);
      top = d.attachedDevice;
    }
    const down = new Set<bigint>();
    let devNode = 0n;
    let bottom = 0n;
    for (let at = top; at !== 0n;) {
      if (down.has(at) || down.size >= MAX_STACK_DEPTH) {
        out.line(`    (AttachedTo ${down.has(at) ? `loops back to ${p08(at)}` : `chain is longer than ${MAX_STACK_DEPTH}`}: stopped)`);
        break;
      }
      down.add(at);
      const d = readDeviceObject(t, at);
      if (!d) {
        out.line(`${p08(at)}: Could not read device object`);
        break;
      }
      if (d.type !== IO_TYPE_DEVICE) {
        out.line(`${p08(at)}: is not a device object`);
        break;
      }
      bottom = at;
      out.text(at === va ? '> ' : '  ').link(p08(at), 'command', `!devobj ${t.p(at)}`).text('  ');
      out.text((driverName(t, d.driverObject) ?? '').padEnd(19));
      out.line(`${p08(d.deviceExtension)}  ${om.unsupported ? '' : om.nameOf(at) ?? ''}`);
      if (!d.extension) {
        out.line(`${p08(at)}: Could not read device object extension`);
        break;
      }
      if (d.extension.deviceNode) devNode = d.extension.deviceNode;
      at = d.extension.attachedTo;
    }
    if (devNode) {
      out.text('!DevNode ').link(p08(devNode), 'command', `!devnode ${t.p(devNode)}`).line(' :');
      const names = deviceNodeNames(t, devNode, bottom);
      if (typeof names === 'string') out.line(`    (DeviceInst and ServiceName: ${names})`);
      else {
        if (names.instancePath !== undefined) out.line(`  DeviceInst is "${names.instancePath}"`);
        if (names.serviceName !== undefined) out.line(`  ServiceName is "${names.serviceName}"`);
      }
    }
  },
});

/** !object, !drvobj, !devobj, !devstack: object manager, driver and device objects. */
export const objectCommands: readonly CommandDef[] = [objectDef, drvobjDef, devobjDef, devstackDef];
