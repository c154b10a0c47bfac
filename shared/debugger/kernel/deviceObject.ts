import type { KernelTarget } from './target';

/**
 * _DEVICE_OBJECT and _DEVOBJ_EXTENSION (wdm.h; the extension's tail is private),
 * stable across builds per pointer size: ntdiff/headers
 * Win10_1809_RS5/{x64,x86}/System32/ntoskrnl.exe _DEVICE_OBJECT.h (x64 size 0x150,
 * x86 0xb8) and the _DEVOBJ_EXTENSION dumps (x64: Dope 0x18, ExtensionFlags 0x20, DeviceNode 0x28,
 * AttachedTo 0x30; x86: Dope 0xc, ExtensionFlags 0x10, DeviceNode 0x14, AttachedTo 0x18).
 */
export interface DeviceLayout {
  type: number; // Type (CSHORT: IO_TYPE_DEVICE 3)
  referenceCount: number; // ReferenceCount (LONG)
  driverObject: number; // DriverObject
  nextDevice: number; // NextDevice (the driver's device list)
  attachedDevice: number; // AttachedDevice (the device above in the stack)
  currentIrp: number; // CurrentIrp
  flags: number; // Flags (ULONG)
  characteristics: number; // Characteristics (ULONG)
  vpb: number; // Vpb
  deviceExtension: number; // DeviceExtension
  deviceType: number; // DeviceType (ULONG)
  queueBusy: number; // DeviceQueue.Busy (KDEVICE_QUEUE, BOOLEAN)
  securityDescriptor: number; // SecurityDescriptor
  deviceObjectExtension: number; // DeviceObjectExtension
  size: number;
  // _DEVOBJ_EXTENSION
  extType: number; // Type (IO_TYPE_DEVICE_OBJECT_EXTENSION 0x0d)
  extDope: number; // Dope (DEVICE_OBJECT_POWER_EXTENSION)
  extExtensionFlags: number; // ExtensionFlags (ULONG)
  extDeviceNode: number; // DeviceNode
  extAttachedTo: number; // AttachedTo (the device below in the stack)
  extSize: number;
}

const X64: DeviceLayout = {
  type: 0, referenceCount: 4, driverObject: 8, nextDevice: 0x10, attachedDevice: 0x18, currentIrp: 0x20,
  flags: 0x30, characteristics: 0x34, vpb: 0x38, deviceExtension: 0x40, deviceType: 0x48,
  queueBusy: 0xa0 + 0x20, securityDescriptor: 0x110, deviceObjectExtension: 0x138, size: 0x150,
  extType: 0, extDope: 0x18, extExtensionFlags: 0x20, extDeviceNode: 0x28, extAttachedTo: 0x30, extSize: 0x38,
};
const X86: DeviceLayout = {
  type: 0, referenceCount: 4, driverObject: 8, nextDevice: 0xc, attachedDevice: 0x10, currentIrp: 0x14,
  flags: 0x1c, characteristics: 0x20, vpb: 0x24, deviceExtension: 0x28, deviceType: 0x2c,
  queueBusy: 0x60 + 0x10, securityDescriptor: 0x98, deviceObjectExtension: 0xb0, size: 0xb8,
  extType: 0, extDope: 0xc, extExtensionFlags: 0x10, extDeviceNode: 0x14, extAttachedTo: 0x18, extSize: 0x1c,
};

/** The layout for a pointer size (also what the corpus PDB cross-check reads). */
export function deviceLayout(is64: boolean): DeviceLayout {
  return is64 ? X64 : X86;
}

export const IO_TYPE_DEVICE = 3;

export interface DeviceObject {
  address: bigint;
  type: number;
  referenceCount: number;
  driverObject: bigint;
  nextDevice: bigint;
  attachedDevice: bigint;
  currentIrp: bigint;
  flags: number;
  characteristics: number;
  vpb: bigint;
  deviceExtension: bigint;
  deviceType: number;
  queueBusy: boolean;
  securityDescriptor: bigint;
  deviceObjectExtension: bigint;
  /** From the DEVOBJ_EXTENSION, when it is in the dump. */
  extension?: { extensionFlags: number; dope: bigint; deviceNode: bigint; attachedTo: bigint };
}

/** Reads a DEVICE_OBJECT and its extension; undefined when the object is not in the dump. Callers check `type`. */
export function readDeviceObject(t: KernelTarget, va: bigint): DeviceObject | undefined {
  const l = deviceLayout(t.is64);
  const v = t.view(va, l.size, '_DEVICE_OBJECT');
  if (!v || v.size < l.size) return undefined;
  const doe = v.ptr(l.deviceObjectExtension) ?? 0n;
  const d: DeviceObject = {
    address: va,
    type: v.u16(l.type) ?? 0,
    referenceCount: (v.u32(l.referenceCount) ?? 0) | 0,
    driverObject: v.ptr(l.driverObject) ?? 0n,
    nextDevice: v.ptr(l.nextDevice) ?? 0n,
    attachedDevice: v.ptr(l.attachedDevice) ?? 0n,
    currentIrp: v.ptr(l.currentIrp) ?? 0n,
    flags: v.u32(l.flags) ?? 0,
    characteristics: v.u32(l.characteristics) ?? 0,
    vpb: v.ptr(l.vpb) ?? 0n,
    deviceExtension: v.ptr(l.deviceExtension) ?? 0n,
    deviceType: v.u32(l.deviceType) ?? 0,
    queueBusy: (v.u8(l.queueBusy) ?? 0) !== 0,
    securityDescriptor: v.ptr(l.securityDescriptor) ?? 0n,
    deviceObjectExtension: doe,
  };
  const e = doe ? t.view(doe, l.extSize, '_DEVOBJ_EXTENSION') : undefined;
  if (e && e.size >= l.extSize) {
    d.extension = { extensionFlags: e.u32(l.extExtensionFlags) ?? 0, dope: e.ptr(l.extDope) ?? 0n, deviceNode: e.ptr(l.extDeviceNode) ?? 0n, attachedTo: e.ptr(l.extAttachedTo) ?? 0n };
  }
  return d;
}

/** DEVOBJ_EXTENSION.ExtensionFlags names: the DOE_* bits WinDbg names (ntosp.h). */
export const EXTENSION_FLAGS: readonly [number, string][] = [
  [0x1, 'DOE_UNLOAD_PENDING'], [0x2, 'DOE_DELETE_PENDING'], [0x4, 'DOE_REMOVE_PENDING'],
  [0x8, 'DOE_REMOVE_PROCESSED'], [0x800, 'DOE_DEFAULT_SD_PRESENT'],
];

/** DEVICE_OBJECT.Characteristics names (wdm.h FILE_* device characteristics). */
export const CHARACTERISTICS: readonly [number, string][] = [
  [0x1, 'FILE_REMOVABLE_MEDIA'], [0x2, 'FILE_READ_ONLY_DEVICE'], [0x4, 'FILE_FLOPPY_DISKETTE'],
  [0x8, 'FILE_WRITE_ONCE_MEDIA'], [0x10, 'FILE_REMOTE_DEVICE'], [0x20, 'FILE_DEVICE_IS_MOUNTED'],
  [0x40, 'FILE_VIRTUAL_VOLUME'], [0x80, 'FILE_AUTOGENERATED_DEVICE_NAME'], [0x100, 'FILE_DEVICE_SECURE_OPEN'],
  [0x800, 'FILE_CHARACTERISTIC_PNP_DEVICE'], [0x1000, 'FILE_CHARACTERISTIC_TS_DEVICE'],
  [0x2000, 'FILE_CHARACTERISTIC_WEBDAV_DEVICE'], [0x10000, 'FILE_CHARACTERISTIC_CSV'],
  [0x20000, 'FILE_DEVICE_ALLOW_APPCONTAINER_TRAVERSAL'], [0x40000, 'FILE_PORTABLE_DEVICE'],
];
