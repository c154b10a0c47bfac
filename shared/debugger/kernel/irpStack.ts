import type { KernelTarget } from './target';

/**
 * _IRP and _IO_STACK_LOCATION, stable across builds per pointer size: ntdiff/headers
 * Win10_1809_RS5/x64/System32/ntoskrnl.exe _IRP.h (size 0xd0) and .../x86/... (size
 * 0x70; the same offsets as XP's). The stack locations follow the IRP
 * (IoGetCurrentIrpStackLocation is (PIO_STACK_LOCATION)(Irp + 1) + CurrentLocation − 1).
 * ARM64 uses the x64 layout (same pointer size and alignment).
 */
export interface IrpStackLayout {
  type: number; // Type (CSHORT: IO_TYPE_IRP 6)
  size: number; // Size (USHORT)
  mdlAddress: number; // MdlAddress
  flags: number; // Flags (ULONG)
  associatedIrp: number; // AssociatedIrp (MasterIrp / IrpCount / SystemBuffer)
  stackCount: number; // StackCount (CHAR)
  currentLocation: number; // CurrentLocation (CHAR)
  thread: number; // Tail.Overlay.Thread
  currentStackLocation: number; // Tail.Overlay.CurrentStackLocation
  irpSize: number; // sizeof(IRP)
  // _IO_STACK_LOCATION
  locSize: number;
  locMajor: number; // MajorFunction
  locMinor: number; // MinorFunction
  locFlags: number; // Flags
  locControl: number; // Control (SL_PENDING_RETURNED, SL_INVOKE_ON_*)
  locArgs: number; // Parameters.Others.Argument1..4
  locDevice: number; // DeviceObject
  locFile: number; // FileObject
  locCompletion: number; // CompletionRoutine
  locContext: number; // Context
}

const X64: IrpStackLayout = {
  type: 0, size: 2, mdlAddress: 8, flags: 0x10, associatedIrp: 0x18, stackCount: 0x42, currentLocation: 0x43,
  thread: 0x98, currentStackLocation: 0xb8, irpSize: 0xd0,
  locSize: 0x48, locMajor: 0, locMinor: 1, locFlags: 2, locControl: 3, locArgs: 8,
  locDevice: 0x28, locFile: 0x30, locCompletion: 0x38, locContext: 0x40,
};
const X86: IrpStackLayout = {
  type: 0, size: 2, mdlAddress: 4, flags: 8, associatedIrp: 0xc, stackCount: 0x22, currentLocation: 0x23,
  thread: 0x50, currentStackLocation: 0x60, irpSize: 0x70,
  locSize: 0x24, locMajor: 0, locMinor: 1, locFlags: 2, locControl: 3, locArgs: 4,
  locDevice: 0x14, locFile: 0x18, locCompletion: 0x1c, locContext: 0x20,
};

export function irpStackLayout(is64: boolean): IrpStackLayout {
  return is64 ? X64 : X86;
}

/** IRP_MJ_* names by major function code (wdm.h). */
export const IRP_MJ_NAMES: readonly string[] = [
  'IRP_MJ_CREATE', 'IRP_MJ_CREATE_NAMED_PIPE', 'IRP_MJ_CLOSE', 'IRP_MJ_READ', 'IRP_MJ_WRITE',
  'IRP_MJ_QUERY_INFORMATION', 'IRP_MJ_SET_INFORMATION', 'IRP_MJ_QUERY_EA', 'IRP_MJ_SET_EA',
  'IRP_MJ_FLUSH_BUFFERS', 'IRP_MJ_QUERY_VOLUME_INFORMATION', 'IRP_MJ_SET_VOLUME_INFORMATION',
  'IRP_MJ_DIRECTORY_CONTROL', 'IRP_MJ_FILE_SYSTEM_CONTROL', 'IRP_MJ_DEVICE_CONTROL',
  'IRP_MJ_INTERNAL_DEVICE_CONTROL', 'IRP_MJ_SHUTDOWN', 'IRP_MJ_LOCK_CONTROL', 'IRP_MJ_CLEANUP',
  'IRP_MJ_CREATE_MAILSLOT', 'IRP_MJ_QUERY_SECURITY', 'IRP_MJ_SET_SECURITY', 'IRP_MJ_POWER',
  'IRP_MJ_SYSTEM_CONTROL', 'IRP_MJ_DEVICE_CHANGE', 'IRP_MJ_QUERY_QUOTA', 'IRP_MJ_SET_QUOTA', 'IRP_MJ_PNP',
];

/** IRP_MN_* names for IRP_MJ_PNP (0x1b) and IRP_MJ_POWER (0x16), the majors whose minor codes WinDbg names. */
const PNP_MINORS: Record<number, string> = {
  0x0: 'IRP_MN_START_DEVICE', 0x1: 'IRP_MN_QUERY_REMOVE_DEVICE', 0x2: 'IRP_MN_REMOVE_DEVICE',
  0x3: 'IRP_MN_CANCEL_REMOVE_DEVICE', 0x4: 'IRP_MN_STOP_DEVICE', 0x5: 'IRP_MN_QUERY_STOP_DEVICE',
  0x6: 'IRP_MN_CANCEL_STOP_DEVICE', 0x7: 'IRP_MN_QUERY_DEVICE_RELATIONS', 0x8: 'IRP_MN_QUERY_INTERFACE',
  0x9: 'IRP_MN_QUERY_CAPABILITIES', 0xa: 'IRP_MN_QUERY_RESOURCES', 0xb: 'IRP_MN_QUERY_RESOURCE_REQUIREMENTS',
  0xc: 'IRP_MN_QUERY_DEVICE_TEXT', 0xd: 'IRP_MN_FILTER_RESOURCE_REQUIREMENTS', 0xf: 'IRP_MN_READ_CONFIG',
  0x10: 'IRP_MN_WRITE_CONFIG', 0x11: 'IRP_MN_EJECT', 0x12: 'IRP_MN_SET_LOCK', 0x13: 'IRP_MN_QUERY_ID',
  0x14: 'IRP_MN_QUERY_PNP_DEVICE_STATE', 0x15: 'IRP_MN_QUERY_BUS_INFORMATION',
  0x16: 'IRP_MN_DEVICE_USAGE_NOTIFICATION', 0x17: 'IRP_MN_SURPRISE_REMOVAL', 0x19: 'IRP_MN_DEVICE_ENUMERATED',
};
const POWER_MINORS: Record<number, string> = {
  0x0: 'IRP_MN_WAIT_WAKE', 0x1: 'IRP_MN_POWER_SEQUENCE', 0x2: 'IRP_MN_SET_POWER', 0x3: 'IRP_MN_QUERY_POWER',
};

export function minorName(major: number, minor: number): string {
  const table = major === 0x1b ? PNP_MINORS : major === 0x16 ? POWER_MINORS : undefined;
  return table?.[minor] ?? 'N/A';
}

/** IO_STACK_LOCATION.Control bits (wdm.h SL_*). */
export const SL_PENDING_RETURNED = 0x01;
export const SL_INVOKE_ON_CANCEL = 0x20;
export const SL_INVOKE_ON_SUCCESS = 0x40;
export const SL_INVOKE_ON_ERROR = 0x80;

export interface StackLocation {
  address: bigint;
  major: number;
  minor: number;
  flags: number;
  control: number;
  args: bigint[];
  device: bigint;
  file: bigint;
  completion: bigint;
  context: bigint;
}

/** One IO_STACK_LOCATION; undefined when it is not in the dump. */
export function readStackLocation(t: KernelTarget, va: bigint): StackLocation | undefined {
  const l = irpStackLayout(t.is64);
  const v = t.view(va, l.locSize, '_IO_STACK_LOCATION');
  if (!v || v.size < l.locSize) return undefined;
  const ptr = t.is64 ? 8 : 4;
  return {
    address: va,
    major: v.u8(l.locMajor) ?? 0,
    minor: v.u8(l.locMinor) ?? 0,
    flags: v.u8(l.locFlags) ?? 0,
    control: v.u8(l.locControl) ?? 0,
    args: [0, 1, 2, 3].map((i) => v.ptr(l.locArgs + i * ptr) ?? 0n),
    device: v.ptr(l.locDevice) ?? 0n,
    file: v.ptr(l.locFile) ?? 0n,
    completion: v.ptr(l.locCompletion) ?? 0n,
    context: v.ptr(l.locContext) ?? 0n,
  };
}
