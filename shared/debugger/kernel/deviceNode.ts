import { readUnicodeString } from './objectUnicode';
import type { KernelTarget } from './target';

/**
 * The head of _DEVICE_NODE: Sibling, Child, Parent, LastChild, PhysicalDeviceObject,
 * InstancePath, ServiceName, pointer-sized fields in this order (ntdiff/headers
 * Win10_1809_RS5/x64/System32/ntoskrnl.exe _DEVICE_NODE.h: PhysicalDeviceObject 0x20,
 * InstancePath 0x28, ServiceName 0x38). The rest of the structure moves between builds,
 * and older kernels (Windows 7) order the head differently, so the layout is trusted only
 * when PhysicalDeviceObject is the device stack's bottom device, which the caller knows.
 */
export interface DeviceNodeNames {
  instancePath?: string;
  serviceName?: string;
}

/** InstancePath and ServiceName, or a string saying why they are not shown. */
export function deviceNodeNames(t: KernelTarget, node: bigint, pdo: bigint): DeviceNodeNames | string {
  const ptr = BigInt(t.is64 ? 8 : 4);
  const physical = t.readPointer(node + 4n * ptr);
  if (physical === undefined) return `the DEVICE_NODE at ${t.p(node)} is not in the dump`;
  if (physical !== pdo) return 'DEVICE_NODE.PhysicalDeviceObject is not the bottom of this stack: no verified _DEVICE_NODE layout for this build';
  // UNICODE_STRING is two USHORTs and a pointer: 2 pointers wide.
  return {
    instancePath: readUnicodeString(t, node + 5n * ptr),
    serviceName: readUnicodeString(t, node + 7n * ptr),
  };
}
