import type { MinidumpFile } from './minidumpFile';
import { readSizedList } from './sizedList';
import { MINIDUMP_HANDLE_DATA_STREAM, MINIDUMP_HANDLE_DESCRIPTOR, MINIDUMP_HANDLE_DESCRIPTOR_2 } from './structs';
import { StreamType } from './streamTypes';

export interface HandleInfo {
  handle: bigint;
  typeName?: string;
  objectName?: string;
  attributes: number;
  grantedAccess: number;
  handleCount: number;
  pointerCount: number;
}

/**
 * HandleData stream (MiniDumpWithHandleData): one MINIDUMP_HANDLE_DESCRIPTOR
 * or _2 per handle, SizeOfDescriptor apart. Name RVAs of 0 mean "no name".
 */
export function readHandleData(file: MinidumpFile): HandleInfo[] {
  const entry = file.stream(StreamType.HandleData);
  if (!entry) return [];
  const offsets = readSizedList(file, entry, MINIDUMP_HANDLE_DATA_STREAM, MINIDUMP_HANDLE_DESCRIPTOR.size, (h) => ({
    sizeOfHeader: h.SizeOfHeader, sizeOfEntry: h.SizeOfDescriptor, count: h.NumberOfDescriptors,
  }));
  void MINIDUMP_HANDLE_DESCRIPTOR_2; // _2 only adds ObjectInfoRva, which we do not decode yet
  return offsets.map((o, i) => {
    const d = MINIDUMP_HANDLE_DESCRIPTOR.read(file.reader, o);
    return {
      handle: d.Handle,
      typeName: d.TypeNameRva ? file.string(d.TypeNameRva, `handle ${i} type name`) : undefined,
      objectName: d.ObjectNameRva ? file.string(d.ObjectNameRva, `handle ${i} object name`) : undefined,
      attributes: d.Attributes,
      grantedAccess: d.GrantedAccess,
      handleCount: d.HandleCount,
      pointerCount: d.PointerCount,
    };
  });
}
