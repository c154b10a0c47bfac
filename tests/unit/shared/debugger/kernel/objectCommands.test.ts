// !object, !drvobj, !devobj, !devstack and !irp's stack locations on synthetic full kernel
// dumps (build 19041, x64 and x86 PAE) holding an object namespace written by hand: a root
// directory, \ObjectTypes with four OBJECT_TYPEs, \Driver\Xyz with two devices (one attached
// to the other), \Device\XyzLower, an IRP with three stack locations, and broken structures (a
// looping directory chain, a looping device list). Every offset below is written out here from
// the public layouts (ntdiff/headers Win10_1809_RS5/{x64,x86}/System32/ntoskrnl.exe, wdm.h),
// never taken from shared/debugger/kernel/, so a wrong layout there cannot confirm itself.
import { describe, expect, it } from 'vitest';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';
import { le } from '../../../../synth/kernel/writer';
import { engineFor, run } from '../helpers';

interface Arch {
  is64: boolean;
  pool: bigint;
  kern: bigint;
  ptr: number;
  // _OBJECT_HEADER: PointerCount 0, HandleCount, TypeIndex, InfoMask; Body follows; NameInfo / CreatorInfo sizes
  hdr: { handleCount: number; typeIndex: number; infoMask: number; body: number; nameInfo: number; creatorInfo: number };
  // _OBJECT_TYPE: Name, Index
  type: { name: number; index: number };
  // _DRIVER_OBJECT
  drv: { deviceObject: number; driverExtension: number; driverName: number; driverInit: number; driverUnload: number; majorFunction: number };
  // _DEVICE_OBJECT and _DEVOBJ_EXTENSION
  dev: { refCount: number; driverObject: number; nextDevice: number; attachedDevice: number; flags: number; characteristics: number; deviceExtension: number; deviceType: number; securityDescriptor: number; doe: number };
  doe: { extensionFlags: number; deviceNode: number; attachedTo: number };
  // _IRP and _IO_STACK_LOCATION
  irp: { stackCount: number; currentLocation: number; thread: number; current: number; size: number; loc: number; args: number; device: number; file: number; completion: number; context: number };
}

const X64: Arch = {
  is64: true, pool: 0xffffd00000100000n, kern: 0xfffff80000000000n, ptr: 8,
  hdr: { handleCount: 8, typeIndex: 0x18, infoMask: 0x1a, body: 0x30, nameInfo: 0x20, creatorInfo: 0x20 },
  type: { name: 0x10, index: 0x28 },
  drv: { deviceObject: 8, driverExtension: 0x30, driverName: 0x38, driverInit: 0x58, driverUnload: 0x68, majorFunction: 0x70 },
  dev: { refCount: 4, driverObject: 8, nextDevice: 0x10, attachedDevice: 0x18, flags: 0x30, characteristics: 0x34, deviceExtension: 0x40, deviceType: 0x48, securityDescriptor: 0x110, doe: 0x138 },
  doe: { extensionFlags: 0x20, deviceNode: 0x28, attachedTo: 0x30 },
  irp: { stackCount: 0x42, currentLocation: 0x43, thread: 0x98, current: 0xb8, size: 0xd0, loc: 0x48, args: 8, device: 0x28, file: 0x30, completion: 0x38, context: 0x40 },
};

const X86: Arch = {
  is64: false, pool: 0x8c100000n, kern: 0x80400000n, ptr: 4,
  hdr: { handleCount: 4, typeIndex: 0xc, infoMask: 0xe, body: 0x18, nameInfo: 0x10, creatorInfo: 0x10 },
  type: { name: 8, index: 0x14 },
  drv: { deviceObject: 4, driverExtension: 0x18, driverName: 0x1c, driverInit: 0x2c, driverUnload: 0x34, majorFunction: 0x38 },
  dev: { refCount: 4, driverObject: 8, nextDevice: 0xc, attachedDevice: 0x10, flags: 0x1c, characteristics: 0x20, deviceExtension: 0x28, deviceType: 0x2c, securityDescriptor: 0x98, doe: 0xb0 },
  doe: { extensionFlags: 0x10, deviceNode: 0x14, attachedTo: 0x18 },
  irp: { stackCount: 0x22, currentLocation: 0x23, thread: 0x50, current: 0x60, size: 0x70, loc: 0x24, args: 4, device: 0x14, file: 0x18, completion: 0x1c, context: 0x20 },
};

const COOKIE = 0x5a; // nt!ObHeaderCookie of the synthetic kernel
const TYPE = { Type: 2, Directory: 3, SymbolicLink: 4, Device: 0x21, Driver: 0x22 } as const;

/** The synthetic namespace: object bodies by role, and the dump bytes. */
function namespace(a: Arch, o: { build?: number; withRoot?: boolean; foreignDevNode?: boolean } = {}): { bytes: Uint8Array; at: Record<string, bigint> } {
  const build = o.build ?? 19041;
  const mem = new Uint8Array(0x8000);
  const put = (va: bigint, v: bigint, n = a.ptr): void => mem.set(le(BigInt.asUintN(n * 8, v), n), Number(va - a.pool));
  let strAt = a.pool + 0x7000n;
  /** A UNICODE_STRING {Length, MaximumLength, Buffer} at `va` pointing to a fresh copy of `s`. */
  const ustr = (va: bigint, s: string): void => {
    put(va, BigInt(s.length * 2), 2);
    put(va + 2n, BigInt(s.length * 2), 2);
    put(va + BigInt(a.ptr), strAt);
    for (let i = 0; i < s.length; i++) put(strAt + BigInt(i * 2), BigInt(s.charCodeAt(i)), 2);
    strAt += BigInt((s.length * 2 + 15) & ~15);
  };
  const slot = (i: number): bigint => a.pool + BigInt(i * 0x400);
  /** An object in slot i: [NameInfo][CreatorInfo][OBJECT_HEADER][body]; returns the body. */
  const object = (i: number, type: number, oo: { name?: string; dir?: bigint; creator?: boolean; pointers?: number; handles?: number } = {}): bigint => {
    let at = slot(i);
    if (oo.name !== undefined) {
      put(at, oo.dir ?? 0n); // NameInfo.Directory
      ustr(at + BigInt(a.ptr), oo.name); // NameInfo.Name
      at += BigInt(a.hdr.nameInfo);
    }
    if (oo.creator) at += BigInt(a.hdr.creatorInfo); // CreatorInfo (InfoMask 0x01) sits nearest the header
    const header = at;
    put(header, BigInt(oo.pointers ?? 1)); // PointerCount
    put(header + BigInt(a.hdr.handleCount), BigInt(oo.handles ?? 0)); // HandleCount
    // Windows 10: TypeIndex ^ ObHeaderCookie ^ second byte of the header's address; Windows 7/8 store it plainly.
    put(header + BigInt(a.hdr.typeIndex), BigInt(build >= 10240 ? type ^ COOKIE ^ Number((header >> 8n) & 0xffn) : type), 1);
    put(header + BigInt(a.hdr.infoMask), BigInt((oo.creator ? 1 : 0) | (oo.name !== undefined ? 2 : 0)), 1);
    return header + BigInt(a.hdr.body);
  };
  let entryAt = a.pool + 0x6000n;
  /** Appends an _OBJECT_DIRECTORY_ENTRY {ChainLink, Object, HashValue} to bucket b of dir. */
  const link = (dir: bigint, b: number, obj: bigint): bigint => {
    const e = entryAt;
    entryAt += 0x20n;
    let p = dir + BigInt(b * a.ptr);
    for (let next = read(p); next !== 0n; next = read(next)) p = next; // walk to the chain's end (ChainLink at 0)
    put(p, e);
    put(e + BigInt(a.ptr), obj);
    return e;
  };
  const read = (va: bigint): bigint => {
    const o = Number(va - a.pool);
    return a.is64 ? new DataView(mem.buffer).getBigUint64(o, true) : BigInt(new DataView(mem.buffer).getUint32(o, true));
  };

  const root = object(0, TYPE.Directory, { name: '\\', pointers: 53 });
  const objectTypes = object(1, TYPE.Directory, { name: 'ObjectTypes', dir: root, pointers: 3 });
  const driverDir = object(2, TYPE.Directory, { name: 'Driver', dir: root });
  const deviceDir = object(3, TYPE.Directory, { name: 'Device', dir: root });
  const loopDir = object(4, TYPE.Directory, { name: 'Loop', dir: root });
  link(root, 1, objectTypes);
  link(root, 3, deviceDir);
  link(root, 36, driverDir);
  link(root, 36, loopDir);
  const types: Record<string, bigint> = {};
  (['Type', 'Directory', 'Device', 'Driver', 'SymbolicLink'] as const).forEach((n, k) => {
    const body = object(k < 4 ? 5 + k : 17, TYPE.Type, { name: n, dir: objectTypes });
    ustr(body + BigInt(a.type.name), n); // OBJECT_TYPE.Name
    put(body + BigInt(a.type.index), BigInt(TYPE[n]), 1); // OBJECT_TYPE.Index
    link(objectTypes, k * 7, body);
    types[n] = body;
  });

  // \Driver\Xyz (with a CreatorInfo too, so NameInfo sits one header further down) and its devices.
  const xyz = object(9, TYPE.Driver, { name: 'Xyz', dir: driverDir, creator: true, pointers: 4 });
  const upper = object(10, TYPE.Device, { pointers: 2 });
  const lower = object(11, TYPE.Device, { name: 'XyzLower', dir: deviceDir, pointers: 3, handles: 1 });
  link(driverDir, 5, xyz);
  link(deviceDir, 0, lower);
  put(xyz, 4n, 2); // DRIVER_OBJECT.Type = IO_TYPE_DRIVER
  put(xyz + BigInt(a.drv.deviceObject), upper);
  ustr(xyz + BigInt(a.drv.driverName), '\\Driver\\Xyz');
  const ext = slot(12) + 0x200n;
  put(xyz + BigInt(a.drv.driverExtension), ext);
  put(ext + BigInt(a.ptr), a.kern + 0x2000300n); // DRIVER_EXTENSION.AddDevice (acme.sys + 0x300)
  // DRIVER_EXTENSION.ClientDriverExtension (x64 0x28, x86 0x14) → one _IO_CLIENT_EXTENSION {NextExtension 0, ClientIdentificationAddress}.
  put(ext + BigInt(a.is64 ? 0x28 : 0x14), ext + 0x80n);
  put(ext + 0x80n + BigInt(a.ptr), a.kern + 0x2000600n);
  // DRIVER_OBJECT.FastIoDispatch (x64 0x50, x86 0x28) → FAST_IO_DISPATCH {ULONG SizeOfFastIoDispatch; then 27 routines}:
  // FastIoRead (the 2nd routine) and FastIoDeviceControl (the 10th) set.
  const fio = slot(12) + 0x300n;
  put(xyz + BigInt(a.is64 ? 0x50 : 0x28), fio);
  put(fio, BigInt(a.is64 ? 0xe0 : 0x70), 4);
  put(fio + BigInt(2 * a.ptr), a.kern + 0x2000700n);
  put(fio + BigInt(10 * a.ptr), a.kern + 0x2000800n);
  put(xyz + BigInt(a.drv.driverInit), a.kern + 0x2000100n);
  put(xyz + BigInt(a.drv.driverUnload), a.kern + 0x2000200n);
  for (let i = 0; i < 28; i++) put(xyz + BigInt(a.drv.majorFunction + i * a.ptr), i === 3 ? a.kern + 0x2000400n : a.kern + 0x1234n);
  const devices: [bigint, bigint, number][] = [[upper, slot(12), 0x22], [lower, slot(12) + 0x100n, 0x7]];
  for (const [dev, doe, devType] of devices) {
    put(dev, 3n, 2); // DEVICE_OBJECT.Type = IO_TYPE_DEVICE
    put(dev + BigInt(a.dev.refCount), 1n, 4);
    put(dev + BigInt(a.dev.driverObject), xyz);
    put(dev + BigInt(a.dev.flags), 0x50n, 4);
    put(dev + BigInt(a.dev.characteristics), 0x100n, 4); // FILE_DEVICE_SECURE_OPEN
    put(dev + BigInt(a.dev.deviceExtension), dev + 0x200n);
    put(dev + BigInt(a.dev.deviceType), BigInt(devType), 4);
    put(dev + BigInt(a.dev.securityDescriptor), a.pool + 0x5f00n);
    put(dev + BigInt(a.dev.doe), doe);
    put(doe, 0xdn, 2); // DEVOBJ_EXTENSION.Type
  }
  put(upper + BigInt(a.dev.nextDevice), lower); // the driver's list: upper → lower
  put(lower + BigInt(a.dev.attachedDevice), upper); // upper is attached on top of lower
  put(slot(12) + BigInt(a.doe.attachedTo), lower);
  put(slot(12) + 0x100n + BigInt(a.doe.extensionFlags), 0x800n, 4); // DOE_DEFAULT_SD_PRESENT
  put(slot(12) + 0x100n + BigInt(a.doe.deviceNode), a.pool + 0x5e00n);
  // _DEVICE_NODE head: Sibling, Child, Parent, LastChild, PhysicalDeviceObject (x64 0x20), InstancePath (0x28), ServiceName (0x38).
  put(a.pool + 0x5e00n + BigInt(4 * a.ptr), o.foreignDevNode ? xyz : lower);
  ustr(a.pool + 0x5e00n + BigInt(5 * a.ptr), 'ROOT\\XYZ\\0000');
  ustr(a.pool + 0x5e00n + BigInt(7 * a.ptr), 'Xyz');
  put(slot(12) + 0x100n + BigInt(a.is64 ? 0x18 : 0xc), a.pool + 0x5a80n); // DEVOBJ_EXTENSION.Dope
  put(upper + BigInt(a.is64 ? 0x38 : 0x24), a.pool + 0x5a00n); // DEVICE_OBJECT.Vpb

  // \XyzLink: a SymbolicLink whose _OBJECT_SYMBOLIC_LINK.LinkTarget (at 8, after CreationTime) is \Device\XyzLower.
  const xyzLink = object(15, TYPE.SymbolicLink, { name: 'XyzLink', dir: root });
  link(root, 20, xyzLink);
  ustr(xyzLink + 8n, '\\Device\\XyzLower');

  // \Driver\Cyc: its only device's NextDevice points back to itself.
  const cyc = object(13, TYPE.Driver, { name: 'Cyc', dir: driverDir });
  const cycDev = object(14, TYPE.Device);
  link(driverDir, 5, cyc);
  put(cyc, 4n, 2);
  put(cyc + BigInt(a.drv.deviceObject), cycDev);
  ustr(cyc + BigInt(a.drv.driverName), '\\Driver\\Cyc');
  put(cycDev, 3n, 2);
  put(cycDev + BigInt(a.dev.driverObject), cyc);
  put(cycDev + BigInt(a.dev.nextDevice), cycDev);

  // \Loop: bucket 2's chain runs e1 → e2 → e1.
  const e1 = link(loopDir, 2, types.Type!);
  const e2 = link(loopDir, 2, types.Directory!);
  put(e2, e1);

  // An IRP with three stack locations, the second current.
  const irp = slot(16);
  put(irp, 6n, 2); // IO_TYPE_IRP
  put(irp + 2n, BigInt(a.irp.size + 3 * a.irp.loc), 2);
  put(irp + BigInt(a.irp.stackCount), 3n, 1);
  put(irp + BigInt(a.irp.currentLocation), 2n, 1);
  put(irp + BigInt(a.irp.thread), a.pool + 0x5c80n);
  const loc = (i: number): bigint => irp + BigInt(a.irp.size + i * a.irp.loc);
  put(irp + BigInt(a.irp.current), loc(1));
  put(loc(1), 3n, 1); // IRP_MJ_READ
  put(loc(1) + 3n, 0xe1n, 1); // SL_INVOKE_ON_SUCCESS | ERROR | CANCEL | SL_PENDING_RETURNED
  put(loc(1) + BigInt(a.irp.args), 0x1000n);
  put(loc(1) + BigInt(a.irp.args + 2 * a.ptr), 0x2000n);
  put(loc(1) + BigInt(a.irp.device), upper);
  put(loc(1) + BigInt(a.irp.file), a.pool + 0x5d00n);
  put(loc(1) + BigInt(a.irp.completion), a.kern + 0x2000500n);
  put(loc(1) + BigInt(a.irp.context), a.pool + 0x5b00n);
  put(loc(2), 0xen, 1); // IRP_MJ_DEVICE_CONTROL: Parameters.DeviceIoControl {OutputBufferLength, InputBufferLength, IoControlCode, Type3InputBuffer}
  put(loc(2) + BigInt(a.irp.args), 0x1000n);
  put(loc(2) + BigInt(a.irp.args + 2 * a.ptr), 0x226000n);
  put(loc(2) + BigInt(a.irp.device), lower);
  put(loc(2) + BigInt(a.irp.file), a.pool + 0x5d00n);

  const dump = buildKernelDump({
    type: 'full', is64: a.is64, pae: !a.is64, build,
    memory: [{ va: a.pool, bytes: mem }, { va: a.kern + 0x800000n, bytes: le(root, a.ptr) }],
    kdbgFields: o.withRoot === false ? {} : { ObpRootDirectoryObject: a.kern + 0x800000n },
  });
  return { bytes: toBytes(dump), at: { root, xyzLink, objectTypes, driverDir, deviceDir, loopDir, xyz, upper, lower, cyc, cycDev, irp, ...Object.fromEntries(Object.entries(types).map(([k, v]) => [`type${k}`, v])) } };
}

const hex = (v: bigint): string => v.toString(16);

describe('object manager commands (synthetic full dump, x64 19041)', () => {
  const { bytes, at } = namespace(X64);
  const engine = engineFor(bytes, 'synthetic-objects.dmp');
  const p = (v: bigint): string => hex(v).padStart(16, '0');

  it('!object \\ decodes the encoded TypeIndex with the cookie derived from \\ObjectTypes and lists the root', () => {
    expect(run(engine, '!object \\').split('\n')).toEqual([
      `Object: ${p(at.root!)}  Type: (${p(at.typeDirectory!)}) Directory`,
      `    ObjectHeader: ${p(at.root! - 0x30n)} (new version)`,
      '    HandleCount: 0  PointerCount: 53',
      '    Directory Object: 00000000  Name: \\',
      '',
      '    Hash Address          Type                      Name',
      '    ---- -------          ----                      ----',
      `     01  ${p(at.objectTypes!)} Directory                 ObjectTypes`,
      `     03  ${p(at.deviceDir!)} Directory                 Device`,
      `     20  ${p(at.xyzLink!)} SymbolicLink              XyzLink`,
      `     36  ${p(at.driverDir!)} Directory                 Driver`,
      `         ${p(at.loopDir!)} Directory                 Loop`,
      '',
    ]);
  });

  it('!object Path resolves names case-insensitively; a named object prints its directory', () => {
    const out = run(engine, '!object \\driver\\XYZ').split('\n');
    expect(out).toEqual([
      `Object: ${p(at.xyz!)}  Type: (${p(at.typeDriver!)}) Driver`,
      `    ObjectHeader: ${p(at.xyz! - 0x30n)} (new version)`,
      '    HandleCount: 0  PointerCount: 4',
      `    Directory Object: ${p(at.driverDir!)}  Name: Xyz`,
      '',
    ]);
    expect(run(engine, `!object ${hex(at.lower!)}`).split('\n').slice(0, 4)).toEqual([
      `Object: ${p(at.lower!)}  Type: (${p(at.typeDevice!)}) Device`,
      `    ObjectHeader: ${p(at.lower! - 0x30n)} (new version)`,
      '    HandleCount: 1  PointerCount: 3',
      `    Directory Object: ${p(at.deviceDir!)}  Name: XyzLower`,
    ]);
    expect(run(engine, '!object \\ObjectTypes').split('\n').slice(7, 11)).toEqual([
      `     00  ${p(at.typeType!)} Type                      Type`,
      `     07  ${p(at.typeDirectory!)} Type                      Directory`,
      `     14  ${p(at.typeDevice!)} Type                      Device`,
      `     21  ${p(at.typeDriver!)} Type                      Driver`,
    ]);
    expect(run(engine, '!object \\Driver\\Nope')).toBe('Object \\Driver\\Nope not found\n    (Nope not found)\n');
  });

  it('!object on a SymbolicLink prints its target', () => {
    expect(run(engine, '!object \\XyzLink').split('\n')).toEqual([
      `Object: ${p(at.xyzLink!)}  Type: (${p(at.typeSymbolicLink!)}) SymbolicLink`,
      `    ObjectHeader: ${p(at.xyzLink! - 0x30n)} (new version)`,
      '    HandleCount: 0  PointerCount: 1',
      `    Directory Object: ${p(at.root!)}  Name: XyzLink`,
      "        Target String is '\\Device\\XyzLower'",
      '',
    ]);
  });

  it('a directory chain that loops ends with a line saying where', () => {
    const out = run(engine, '!object \\Loop').split('\n');
    expect(out.slice(7)).toEqual([
      `     02  ${p(at.typeType!)} Type                      Type`,
      `         ${p(at.typeDirectory!)} Type                      Directory`,
      `    (listing stopped: hash bucket 2 loops back to entry ${p(X64.pool + 0x6000n + 0x20n * 13n)})`,
      '',
    ]);
  });

  it('!drvobj Name [7] prints the device list, the devices and the dispatch table', () => {
    const out = run(engine, '!drvobj Xyz 7').split('\n');
    expect(out.slice(0, 7)).toEqual([
      `Driver object (${p(at.xyz!)}) is for:`,
      ' \\Driver\\Xyz',
      '',
      'Driver Extension List: (id , addr)',
      `(fffff80002000600 ${p(X64.pool + 0x3290n)})  `,
      'Device Object list:',
      `${p(at.upper!)}  ${p(at.lower!)}  `,
    ]);
    expect(out).toContain(`Device object (${p(at.lower!)}) is for:`);
    expect(out).toContain('DriverEntry:   fffff80002000100\tacme+0x100');
    expect(out).toContain('DriverUnload:  fffff80002000200\tacme+0x200');
    expect(out).toContain('AddDevice:     fffff80002000300\tacme+0x300');
    expect(out).toContain('DriverStartIo: 00000000\t');
    expect(out).toContain('[00] IRP_MJ_CREATE                      fffff80000001234\tnt+0x1234');
    expect(out).toContain('[03] IRP_MJ_READ                        fffff80002000400\tacme+0x400');
    expect(out.slice(-6)).toEqual([
      '[1b] IRP_MJ_PNP                         fffff80000001234\tnt+0x1234',
      '',
      'Fast I/O routines:',
      'FastIoRead                              fffff80002000700\tacme+0x700',
      'FastIoDeviceControl                     fffff80002000800\tacme+0x800',
      '',
    ]);
    expect(run(engine, `!drvobj ${hex(at.xyz!)}`)).toBe(run(engine, '!drvobj \\Driver\\Xyz'));
  });

  it('!drvobj with flag 2 alone goes from the name to the routines', () => {
    expect(run(engine, '!drvobj Xyz 2').split('\n').slice(0, 9)).toEqual([
      `Driver object (${p(at.xyz!)}) is for:`,
      ' \\Driver\\Xyz',
      '',
      'DriverEntry:   fffff80002000100\tacme+0x100',
      'DriverStartIo: 00000000\t',
      'DriverUnload:  fffff80002000200\tacme+0x200',
      'AddDevice:     fffff80002000300\tacme+0x300',
      '',
      'Dispatch routines:',
    ]);
    // \Driver\Cyc has no FAST_IO_DISPATCH: no Fast I/O section.
    expect(run(engine, '!drvobj Cyc 2')).not.toContain('Fast I/O');
  });

  it('a device list that loops ends with a clear line', () => {
    expect(run(engine, '!drvobj Cyc').split('\n').slice(5)).toEqual([
      'Device Object list:',
      `${p(at.cycDev!)}  `,
      `    (device list stopped: NextDevice loops back to ${p(at.cycDev!)})`,
      '',
    ]);
  });

  it('!devobj prints name, driver, extension flags and the attached devices', () => {
    expect(run(engine, '!devobj XyzLower').split('\n')).toEqual([
      `Device object (${p(at.lower!)}) is for:`,
      ` XyzLower \\Driver\\Xyz DriverObject ${p(at.xyz!)}`,
      'Current Irp 00000000 RefCount 1 Type 00000007 Flags 00000050',
      `SecurityDescriptor ${p(X64.pool + 0x5f00n)} DevExt ${p(at.lower! + 0x200n)} DevObjExt ${p(X64.pool + 0x3100n)} Dope ${p(X64.pool + 0x5a80n)} DevNode ${p(X64.pool + 0x5e00n)} `,
      'ExtensionFlags (0x00000800)  DOE_DEFAULT_SD_PRESENT',
      'Characteristics (0x00000100)  FILE_DEVICE_SECURE_OPEN',
      `AttachedDevice (Upper) ${p(at.upper!)} \\Driver\\Xyz`,
      'Device queue is not busy.',
      '',
    ]);
    const upper = run(engine, `!devobj ${hex(at.upper!)}`).split('\n');
    expect(upper[1]).toBe(`  \\Driver\\Xyz DriverObject ${p(at.xyz!)}`);
    expect(upper[3]).toBe(`Vpb ${p(X64.pool + 0x5a00n)} SecurityDescriptor ${p(X64.pool + 0x5f00n)} DevExt ${p(at.upper! + 0x200n)} DevObjExt ${p(X64.pool + 0x3000n)} `);
    expect(upper).toContain('ExtensionFlags (0000000000)  ');
    expect(upper).toContain(`AttachedTo (Lower) ${p(at.lower!)} \\Driver\\Xyz`);
    expect(run(engine, `!devobj ${hex(at.xyz!)}`)).toBe(`${p(at.xyz!)}: is not a device object (Type 4; IO_TYPE_DEVICE is 3)\n`);
  });

  it('!devstack walks up AttachedDevice and down AttachedTo, marking the given device', () => {
    const expected = [
      '  !DevObj           !DrvObj            !DevExt           ObjectName',
      `  ${p(at.upper!)}  \\Driver\\Xyz        ${p(at.upper! + 0x200n)}  `,
      `> ${p(at.lower!)}  \\Driver\\Xyz        ${p(at.lower! + 0x200n)}  XyzLower`,
      `!DevNode ${p(X64.pool + 0x5e00n)} :`,
      '  DeviceInst is "ROOT\\XYZ\\0000"',
      '  ServiceName is "Xyz"',
      '',
    ];
    expect(run(engine, '!devstack \\Device\\XyzLower').split('\n')).toEqual(expected);
    expect(run(engine, `!devstack ${hex(at.upper!)}`).split('\n').slice(1, 3)).toEqual([
      `> ${p(at.upper!)}  \\Driver\\Xyz        ${p(at.upper! + 0x200n)}  `,
      `  ${p(at.lower!)}  \\Driver\\Xyz        ${p(at.lower! + 0x200n)}  XyzLower`,
    ]);
    expect(run(engine, '!devstack NoSuchDevice')).toBe('Device object NoSuchDevice not found\n');
  });

  it('!irp prints the stack locations, the current one marked', () => {
    const loc = (i: number): bigint => at.irp! + 0xd0n + BigInt(i) * 0x48n;
    expect(run(engine, `!irp ${hex(at.irp!)}`).split('\n')).toEqual([
      `Irp is ${p(at.irp!)}: (0006,01a8) Flags: 00000000  Mdl: 0000000000000000`,
      `Irp is active with 3 stacks 2 is current (= 0x${hex(loc(1))})`,
      ` No Mdl: No System Buffer: Thread ${p(X64.pool + 0x5c80n)}:  Irp stack trace.  `,
      '     cmd  flg cl Device   File     Completion-Context',
      ' [N/A(0), N/A(0)]',
      '            0  0 00000000 00000000 00000000-00000000    ',
      '',
      '\t\t\tArgs: 00000000 00000000 00000000 00000000',
      '>[IRP_MJ_READ(3), N/A(0)]',
      `            0 e1 ${p(at.upper!)} ${p(X64.pool + 0x5d00n)} fffff80002000500-${p(X64.pool + 0x5b00n)} Success Error Cancel pending`,
      '\t       \\Driver\\Xyz\tacme+0x500',
      '\t\t\tArgs: 00001000 00000000 00002000 00000000',
      ' [IRP_MJ_DEVICE_CONTROL(e), N/A(0)]',
      `            0  0 ${p(at.lower!)} ${p(X64.pool + 0x5d00n)} 00000000-00000000    `,
      '\t       \\Driver\\Xyz',
      '\t\t\tArgs: 00001000 00000000 0x226000 00000000',
      '',
    ]);
  });
});

describe('object manager commands (synthetic full dump, x86 PAE 19041)', () => {
  const { bytes, at } = namespace(X86);
  const engine = engineFor(bytes, 'synthetic-objects-x86.dmp');
  const p = (v: bigint): string => hex(v).padStart(8, '0');

  it('!object lists a directory with 8-digit addresses', () => {
    expect(run(engine, '!object \\Device').split('\n').slice(5)).toEqual([
      '    Hash Address  Type                      Name',
      '    ---- -------  ----                      ----',
      `     00  ${p(at.lower!)} Device                    XyzLower`,
      '',
    ]);
  });

  it('!object decodes 32-bit headers and the cookie', () => {
    expect(run(engine, '!object \\Device\\XyzLower').split('\n')).toEqual([
      `Object: ${p(at.lower!)}  Type: (${p(at.typeDevice!)}) Device`,
      `    ObjectHeader: ${p(at.lower! - 0x18n)} (new version)`,
      '    HandleCount: 1  PointerCount: 3',
      `    Directory Object: ${p(at.deviceDir!)}  Name: XyzLower`,
      '',
    ]);
  });

  it('!devstack and !drvobj read the 32-bit DEVICE_OBJECT and DRIVER_OBJECT', () => {
    expect(run(engine, '!devstack XyzLower').split('\n').slice(3, 6)).toEqual([
      `!DevNode ${p(X86.pool + 0x5e00n)} :`,
      '  DeviceInst is "ROOT\\XYZ\\0000"',
      '  ServiceName is "Xyz"',
    ]);
    expect(run(engine, '!devstack XyzLower').split('\n').slice(0, 3)).toEqual([
      '  !DevObj   !DrvObj            !DevExt   ObjectName',
      `  ${p(at.upper!)}  \\Driver\\Xyz        ${p(at.upper! + 0x200n)}  `,
      `> ${p(at.lower!)}  \\Driver\\Xyz        ${p(at.lower! + 0x200n)}  XyzLower`,
    ]);
    expect(run(engine, '!drvobj Xyz 3').split('\n')).toContain('[03] IRP_MJ_READ                        82400400\tacme+0x400');
    expect(run(engine, '!devobj XyzLower').split('\n').slice(1, 7)).toEqual([
      ` XyzLower \\Driver\\Xyz DriverObject ${p(at.xyz!)}`,
      'Current Irp 00000000 RefCount 1 Type 00000007 Flags 00000050',
      `SecurityDescriptor ${p(X86.pool + 0x5f00n)} DevExt ${p(at.lower! + 0x200n)} DevObjExt ${p(X86.pool + 0x3100n)} Dope ${p(X86.pool + 0x5a80n)} DevNode ${p(X86.pool + 0x5e00n)} `,
      'ExtensionFlags (0x00000800)  DOE_DEFAULT_SD_PRESENT',
      'Characteristics (0x00000100)  FILE_DEVICE_SECURE_OPEN',
      `AttachedDevice (Upper) ${p(at.upper!)} \\Driver\\Xyz`,
    ]);
  });

  it('!irp reads the 32-bit IRP and its 0x24-byte stack locations', () => {
    const out = run(engine, `!irp ${hex(at.irp!)}`).split('\n');
    expect(out[1]).toBe(`Irp is active with 3 stacks 2 is current (= 0x${hex(at.irp! + 0x70n + 0x24n)})`);
    expect(out[9]).toBe(`            0 e1 ${p(at.upper!)} ${p(X86.pool + 0x5d00n)} 82400500-${p(X86.pool + 0x5b00n)} Success Error Cancel pending`);
    expect(out[13]).toBe(`            0  0 ${p(at.lower!)} ${p(X86.pool + 0x5d00n)} 00000000-00000000    `);
  });
});

describe('object types where the cookie is not needed or cannot be derived', () => {
  const p = (v: bigint): string => hex(v).padStart(16, '0');

  it('Windows 7 (7601) stores TypeIndex plainly', () => {
    const { bytes, at } = namespace(X64, { build: 7601 });
    const engine = engineFor(bytes, 'synthetic-objects-7601.dmp');
    expect(run(engine, `!object ${hex(at.upper!)}`).split('\n')).toEqual([
      `Object: ${p(at.upper!)}  Type: (${p(at.typeDevice!)}) Device`,
      `    ObjectHeader: ${p(at.upper! - 0x30n)} (new version)`,
      '    HandleCount: 0  PointerCount: 2',
      '',
    ]);
  });

  it('without ObpRootDirectoryObject the type is unknown, with the reason; paths cannot resolve', () => {
    const { bytes, at } = namespace(X64, { withRoot: false });
    const engine = engineFor(bytes, 'synthetic-objects-noroot.dmp');
    expect(run(engine, `!object ${hex(at.lower!)}`).split('\n')).toEqual([
      `Object: ${p(at.lower!)}  Type: (unknown)`,
      `    ObjectHeader: ${p(at.lower! - 0x30n)} (new version)`,
      "    (object type unknown: the dump's KDDEBUGGER_DATA64 does not give ObpRootDirectoryObject)",
      '    HandleCount: 1  PointerCount: 3',
      `    Directory Object: ${p(at.deviceDir!)}  Name: XyzLower`,
      '',
    ]);
    expect(run(engine, '!object \\Driver')).toBe("Object \\Driver not found\n    (the dump's KDDEBUGGER_DATA64 does not give ObpRootDirectoryObject)\n");
    // Addresses still work for the device commands.
    expect(run(engine, `!devobj ${hex(at.lower!)}`).split('\n')[1]).toBe(` XyzLower \\Driver\\Xyz DriverObject ${p(at.xyz!)}`);
  });

  it('a DEVICE_NODE whose PhysicalDeviceObject is not the stack\'s bottom is not trusted for names', () => {
    const { bytes, at } = namespace(X64, { foreignDevNode: true });
    const engine = engineFor(bytes, 'synthetic-objects-devnode.dmp');
    expect(run(engine, `!devstack ${hex(at.lower!)}`).split('\n').slice(3)).toEqual([
      `!DevNode ${p(X64.pool + 0x5e00n)} :`,
      '    (DeviceInst and ServiceName: DEVICE_NODE.PhysicalDeviceObject is not the bottom of this stack: no verified _DEVICE_NODE layout for this build)',
      '',
    ]);
  });

  it('an address outside the dump answers with the reason', () => {
    const { bytes } = namespace(X64);
    const engine = engineFor(bytes, 'synthetic-objects.dmp');
    expect(run(engine, '!object ffffd00000900000')).toMatch(/^ffffd00000900000: Not a valid object \(ObjectHeader ffffd000008fffd0 not in the dump\)\n {4}\(this dump does not hold/);
    expect(run(engine, '!devobj ffffd00000900000')).toMatch(/^Unable to read nt!_DEVICE_OBJECT @ ffffd00000900000\n/);
    expect(run(engine, '!irp ffffd00000900000')).toMatch(/^Unable to read nt!_IRP @ ffffd00000900000\n/);
  });
});

describe('garbage in the namespace (seeded noise whose words point back into the same pages)', () => {
  it.each([X64, X86])('is64=%s: every object command ends with text, never an internal error or a hang', (a) => {
    const mem = new Uint8Array(0x8000);
    let seed = 0x2545f491;
    const next = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    for (let o = 0; o < mem.length; o += a.ptr) {
      // Half the words are addresses inside the region (so chains loop), the rest small noise.
      const v = next() & 1 ? a.pool + BigInt(next() % 0x8000) : BigInt(next() & 0xffff);
      mem.set(le(v, a.ptr), o);
    }
    const root = a.pool + 0x1230n;
    const dump = buildKernelDump({
      type: 'full', is64: a.is64, pae: !a.is64, build: 19041,
      memory: [{ va: a.pool, bytes: mem }, { va: a.kern + 0x800000n, bytes: le(root, a.ptr) }],
      kdbgFields: { ObpRootDirectoryObject: a.kern + 0x800000n },
    });
    const engine = engineFor(toBytes(dump), 'synthetic-noise.dmp');
    const addrs = [0x40n, 0x1230n, 0x4000n, 0x7ff8n].map((o) => hex(a.pool + o));
    const lines = ['!object \\', '!object \\a\\b\\c', '!drvobj Xyz 7', '!devstack Xyz', ...addrs.flatMap((x) => [`!object ${x}`, `!drvobj ${x} 7`, `!devobj ${x}`, `!devstack ${x}`, `!irp ${x}`])];
    for (const line of lines) {
      const r = engine.execute(line);
      expect(r.length, line).toBe(1);
      expect(r[0]!.text.trim().length, line).toBeGreaterThan(5);
      expect(r[0]!.text, line).not.toMatch(/internal error/i);
    }
  });
});
