// The I/O structures !devobj, !drvobj, !devstack and !irp read are public WDK types, so a driver's PDB
// carries them exactly as the kernel it was built for lays them out. The corpus amdppm.pdb (a Windows 10
// 19041 driver from the Microsoft symbol server) is a second, independent source for the built-in x64
// tables, which were written from ntdiff/headers: every offset must agree.
import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '../../../../../shared/bytes/byteSource';
import { deviceLayout } from '../../../../../shared/debugger/kernel/deviceObject';
import { driverLayout } from '../../../../../shared/debugger/kernel/driverObject';
import { irpStackLayout } from '../../../../../shared/debugger/kernel/irpStack';
import { PdbFile } from '../../../../../shared/formats/pdb/pdbFile';
import { listCorpus, readCorpus } from '../../../../helpers/corpus';

const [folder] = listCorpus('symstore/amdppm.pdb');
const types = new PdbFile(new MemoryByteSource(readCorpus('symstore', 'amdppm.pdb', folder!, 'amdppm.pdb'))).types!;
const at = (struct: string, path: string) => types.field(struct, path)?.offset;

describe('x64 I/O structure tables against amdppm.pdb\'s WDK types', () => {
  it('_DEVICE_OBJECT and _DEVOBJ_EXTENSION', () => {
    const l = deviceLayout(true);
    const D = '_DEVICE_OBJECT';
    expect([l.type, l.referenceCount, l.driverObject, l.nextDevice, l.attachedDevice, l.currentIrp, l.flags, l.characteristics, l.vpb,
      l.deviceExtension, l.deviceType, l.queueBusy, l.securityDescriptor, l.deviceObjectExtension, l.size]).toEqual([
      at(D, 'Type'), at(D, 'ReferenceCount'), at(D, 'DriverObject'), at(D, 'NextDevice'), at(D, 'AttachedDevice'), at(D, 'CurrentIrp'),
      at(D, 'Flags'), at(D, 'Characteristics'), at(D, 'Vpb'), at(D, 'DeviceExtension'), at(D, 'DeviceType'), at(D, 'DeviceQueue.Busy'),
      at(D, 'SecurityDescriptor'), at(D, 'DeviceObjectExtension'), types.structSize(D)]);
    const X = '_DEVOBJ_EXTENSION';
    expect([l.extType, l.extDope, l.extExtensionFlags, l.extDeviceNode, l.extAttachedTo]).toEqual([
      at(X, 'Type'), at(X, 'Dope'), at(X, 'ExtensionFlags'), at(X, 'DeviceNode'), at(X, 'AttachedTo')]);
  });

  it('_DRIVER_OBJECT and the public head of _DRIVER_EXTENSION (the WDK stops before ClientDriverExtension)', () => {
    const l = driverLayout(true);
    const R = '_DRIVER_OBJECT';
    expect([l.type, l.deviceObject, l.driverExtension, l.driverName, l.fastIoDispatch, l.driverInit, l.driverStartIo, l.driverUnload, l.majorFunction, l.size]).toEqual([
      at(R, 'Type'), at(R, 'DeviceObject'), at(R, 'DriverExtension'), at(R, 'DriverName'), at(R, 'FastIoDispatch'), at(R, 'DriverInit'),
      at(R, 'DriverStartIo'), at(R, 'DriverUnload'), at(R, 'MajorFunction'), types.structSize(R)]);
    expect(l.extAddDevice).toBe(at('_DRIVER_EXTENSION', 'AddDevice'));
    // The private ClientDriverExtension follows the public structure's end.
    expect(l.extClient).toBe(types.structSize('_DRIVER_EXTENSION'));
  });

  it('_IRP and _IO_STACK_LOCATION', () => {
    const l = irpStackLayout(true);
    const I = '_IRP';
    const S = '_IO_STACK_LOCATION';
    expect([l.type, l.size, l.mdlAddress, l.flags, l.associatedIrp, l.stackCount, l.currentLocation, l.thread, l.currentStackLocation, l.irpSize]).toEqual([
      at(I, 'Type'), at(I, 'Size'), at(I, 'MdlAddress'), at(I, 'Flags'), at(I, 'AssociatedIrp'), at(I, 'StackCount'), at(I, 'CurrentLocation'),
      at(I, 'Tail.Overlay.Thread'), at(I, 'Tail.Overlay.CurrentStackLocation'), types.structSize(I)]);
    expect([l.locSize, l.locMajor, l.locMinor, l.locFlags, l.locControl, l.locArgs, l.locDevice, l.locFile, l.locCompletion, l.locContext]).toEqual([
      types.structSize(S), at(S, 'MajorFunction'), at(S, 'MinorFunction'), at(S, 'Flags'), at(S, 'Control'), at(S, 'Parameters'),
      at(S, 'DeviceObject'), at(S, 'FileObject'), at(S, 'CompletionRoutine'), at(S, 'Context')]);
  });
});
