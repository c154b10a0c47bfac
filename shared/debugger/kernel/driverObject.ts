import { readUnicodeString } from './objectUnicode';
import type { KernelTarget } from './target';

/**
 * _DRIVER_OBJECT (wdm.h), stable across builds per pointer size: x64 from
 * ntdiff/headers Win10_1809_RS5/x64/System32/ntoskrnl.exe (size 0x150), x86 from
 * the same order with 4-byte pointers (MajorFunction at 0x38, size 0xa8). _DRIVER_EXTENSION's
 * ClientDriverExtension (x64 0x28, x86 0x14) from the public Windows 10 _DRIVER_EXTENSION dumps.
 */
export interface DriverLayout {
  type: number; // Type (CSHORT: IO_TYPE_DRIVER 4)
  deviceObject: number; // DeviceObject (head of the NextDevice list)
  driverExtension: number; // DriverExtension
  driverName: number; // DriverName (UNICODE_STRING)
  fastIoDispatch: number; // FastIoDispatch
  driverInit: number; // DriverInit
  driverStartIo: number; // DriverStartIo
  driverUnload: number; // DriverUnload
  majorFunction: number; // MajorFunction[IRP_MJ_MAXIMUM_FUNCTION + 1]
  size: number;
  // _DRIVER_EXTENSION
  extAddDevice: number; // AddDevice
  extClient: number; // ClientDriverExtension (_IO_CLIENT_EXTENSION list: NextExtension, ClientIdentificationAddress, then the data)
}

const X64: DriverLayout = {
  type: 0, deviceObject: 8, driverExtension: 0x30, driverName: 0x38, fastIoDispatch: 0x50,
  driverInit: 0x58, driverStartIo: 0x60, driverUnload: 0x68, majorFunction: 0x70, size: 0x150, extAddDevice: 8, extClient: 0x28,
};
const X86: DriverLayout = {
  type: 0, deviceObject: 4, driverExtension: 0x18, driverName: 0x1c, fastIoDispatch: 0x28,
  driverInit: 0x2c, driverStartIo: 0x30, driverUnload: 0x34, majorFunction: 0x38, size: 0xa8, extAddDevice: 4, extClient: 0x14,
};

/** The layout for a pointer size (also what the corpus PDB cross-check reads). */
export function driverLayout(is64: boolean): DriverLayout {
  return is64 ? X64 : X86;
}

export const IO_TYPE_DRIVER = 4;
export const IRP_MJ_COUNT = 28;

export interface DriverObject {
  address: bigint;
  type: number;
  deviceObject: bigint;
  name?: string;
  driverInit: bigint;
  driverStartIo: bigint;
  driverUnload: bigint;
  addDevice?: bigint;
  majorFunction: bigint[];
  /** IoAllocateDriverObjectExtension's entries: (ClientIdentificationAddress, the extension's data). */
  clientExtensions: { id: bigint; data: bigint }[];
  /** Why the client extension list stopped early. */
  clientStopped?: string;
  /** FAST_IO_DISPATCH's non-null routines, when the driver has one; undefined when it has none. */
  fastIo?: { name: string; address: bigint }[];
}

/** FAST_IO_DISPATCH's routines after its ULONG SizeOfFastIoDispatch, in wdm.h order. */
const FAST_IO_NAMES: readonly string[] = [
  'FastIoCheckIfPossible', 'FastIoRead', 'FastIoWrite', 'FastIoQueryBasicInfo', 'FastIoQueryStandardInfo',
  'FastIoLock', 'FastIoUnlockSingle', 'FastIoUnlockAll', 'FastIoUnlockAllByKey', 'FastIoDeviceControl',
  'AcquireFileForNtCreateSection', 'ReleaseFileForNtCreateSection', 'FastIoDetachDevice',
  'FastIoQueryNetworkOpenInfo', 'AcquireForModWrite', 'MdlRead', 'MdlReadComplete', 'PrepareMdlWrite',
  'MdlWriteComplete', 'FastIoReadCompressed', 'FastIoWriteCompressed', 'MdlReadCompleteCompressed',
  'MdlWriteCompleteCompressed', 'FastIoQueryOpen', 'ReleaseForModWrite', 'AcquireForCcFlush', 'ReleaseForCcFlush',
];

/** The routines a FAST_IO_DISPATCH holds: as many as its SizeOfFastIoDispatch covers, at most the ones wdm.h names. */
function fastIo(t: KernelTarget, va: bigint): DriverObject['fastIo'] {
  if (va === 0n) return undefined;
  const ptr = t.is64 ? 8 : 4;
  const v = t.view(va, ptr * (FAST_IO_NAMES.length + 1), 'FAST_IO_DISPATCH');
  const size = v?.u32(0);
  if (!v || size === undefined) return [];
  // The first pointer follows the ULONG size, aligned to the pointer size.
  const n = Math.min(FAST_IO_NAMES.length, Math.floor((size - 4) / ptr));
  const out: { name: string; address: bigint }[] = [];
  for (let i = 0; i < n; i++) {
    const a = v.ptr(ptr * (i + 1));
    if (a) out.push({ name: FAST_IO_NAMES[i]!, address: a });
  }
  return out;
}

/** A driver with more client extensions than this has a corrupt list. */
const MAX_CLIENT_EXTENSIONS = 256;

function clientExtensions(t: KernelTarget, first: bigint): Pick<DriverObject, 'clientExtensions' | 'clientStopped'> {
  const ptr = BigInt(t.is64 ? 8 : 4);
  const list: { id: bigint; data: bigint }[] = [];
  const seen = new Set<bigint>();
  for (let e = first; e !== 0n;) {
    if (seen.has(e)) return { clientExtensions: list, clientStopped: `NextExtension loops back to ${t.p(e)}` };
    if (list.length >= MAX_CLIENT_EXTENSIONS) return { clientExtensions: list, clientStopped: `more than ${MAX_CLIENT_EXTENSIONS} extensions` };
    seen.add(e);
    const next = t.readPointer(e);
    const id = t.readPointer(e + ptr);
    if (next === undefined || id === undefined) return { clientExtensions: list, clientStopped: `extension ${t.p(e)} is not in the dump` };
    list.push({ id, data: e + 2n * ptr });
    e = next;
  }
  return { clientExtensions: list };
}

/** Reads a DRIVER_OBJECT; undefined when it is not in the dump. Callers check `type`. */
export function readDriverObject(t: KernelTarget, va: bigint): DriverObject | undefined {
  const l = driverLayout(t.is64);
  const v = t.view(va, l.size, '_DRIVER_OBJECT');
  const type = v?.u16(l.type);
  if (!v || type === undefined || v.size < l.size) return undefined;
  const ext = v.ptr(l.driverExtension) ?? 0n;
  const ptr = t.is64 ? 8 : 4;
  return {
    address: va,
    type,
    deviceObject: v.ptr(l.deviceObject) ?? 0n,
    name: readUnicodeString(t, va + BigInt(l.driverName)),
    driverInit: v.ptr(l.driverInit) ?? 0n,
    driverStartIo: v.ptr(l.driverStartIo) ?? 0n,
    driverUnload: v.ptr(l.driverUnload) ?? 0n,
    addDevice: ext ? t.readPointer(ext + BigInt(l.extAddDevice)) : undefined,
    majorFunction: Array.from({ length: IRP_MJ_COUNT }, (_, i) => v.ptr(l.majorFunction + i * ptr) ?? 0n),
    ...clientExtensions(t, ext ? t.readPointer(ext + BigInt(l.extClient)) ?? 0n : 0n),
    fastIo: fastIo(t, v.ptr(l.fastIoDispatch) ?? 0n),
  };
}

/** The driver's name ("\Driver\Ntfs") for a DRIVER_OBJECT address, as the device commands print it. */
export function driverName(t: KernelTarget, va: bigint): string | undefined {
  if (va === 0n) return undefined;
  const l = driverLayout(t.is64);
  return readUnicodeString(t, va + BigInt(l.driverName));
}
