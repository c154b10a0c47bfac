import type { StructValue } from '../../bytes/struct';
import { Reader } from '../../bytes/reader';
import { MemoryByteSource } from '../../bytes/byteSource';
import type { DumpModule, UnloadedModule } from '../../dump/types';
import { baseName, type CodeViewInfo, readCodeView } from './codeView';
import type { MinidumpFile } from './minidumpFile';
import { readCountedList, readSizedList } from './sizedList';
import { MINIDUMP_MODULE, MINIDUMP_UNLOADED_MODULE, MINIDUMP_UNLOADED_MODULE_LIST, VS_FFI_SIGNATURE, VS_FIXEDFILEINFO } from './structs';
import { StreamType } from './streamTypes';

export type RawModule = StructValue<typeof MINIDUMP_MODULE.fields>;
export type RawVersionInfo = StructValue<typeof VS_FIXEDFILEINFO.fields>;

export interface DecodedModule {
  raw: RawModule;
  versionInfo: RawVersionInfo;
  codeView?: CodeViewInfo;
  module: DumpModule;
}

function versionString(ms: number, ls: number): string {
  return `${ms >>> 16}.${ms & 0xffff}.${ls >>> 16}.${ls & 0xffff}`;
}

/**
 * ModuleList stream. Version comes from VS_FIXEDFILEINFO only when its
 * signature is 0xFEEF04BD (Breakpad prints "" otherwise). codeId is
 * Breakpad's code_identifier: TimeDateStamp as 8 uppercase hex digits, then
 * SizeOfImage in lowercase hex without padding ("45D35F6C2d000").
 * debugFile is the PDB's file name only, as Breakpad's Module| lines show it.
 * The first module is the main executable (Breakpad's GetMainModule).
 */
export function readModuleList(file: MinidumpFile): DecodedModule[] {
  const entry = file.stream(StreamType.ModuleList);
  if (!entry) return [];
  const r = file.reader;
  const { count: n, first } = readCountedList(file, entry, MINIDUMP_MODULE.size, 'modules');
  const out: DecodedModule[] = [];
  for (let i = 0; i < n; i++) {
    const raw = MINIDUMP_MODULE.read(r, first + i * MINIDUMP_MODULE.size);
    const path = file.string(raw.ModuleNameRva, `module ${i} name`);
    const versionInfo = VS_FIXEDFILEINFO.read(new Reader(new MemoryByteSource(raw.VersionInfo)), 0);
    const hasVersion = versionInfo.dwSignature === VS_FFI_SIGNATURE;
    const codeView = raw.CvRecordDataSize ? readCodeView(r, raw.CvRecordRva, raw.CvRecordDataSize) : undefined;
    const module: DumpModule = {
      name: baseName(path),
      path,
      base: raw.BaseOfImage,
      size: raw.SizeOfImage,
      timestamp: raw.TimeDateStamp,
      checksum: raw.CheckSum,
      version: hasVersion ? versionString(versionInfo.dwFileVersionMS, versionInfo.dwFileVersionLS) : undefined,
      productVersion: hasVersion ? versionString(versionInfo.dwProductVersionMS, versionInfo.dwProductVersionLS) : undefined,
      debugFile: codeView ? baseName(codeView.pdbPath) : undefined,
      debugId: codeView?.debugId,
      codeId: raw.TimeDateStamp.toString(16).padStart(8, '0').toUpperCase() + raw.SizeOfImage.toString(16),
      main: i === 0,
    };
    out.push({ raw, versionInfo, codeView, module });
  }
  return out;
}

export type RawUnloadedModule = StructValue<typeof MINIDUMP_UNLOADED_MODULE.fields>;

/** UnloadedModuleList stream (entries SizeOfEntry apart, as the header says). */
export function readUnloadedModuleList(file: MinidumpFile): { raw: RawUnloadedModule; module: UnloadedModule }[] {
  const entry = file.stream(StreamType.UnloadedModuleList);
  if (!entry) return [];
  const offsets = readSizedList(file, entry, MINIDUMP_UNLOADED_MODULE_LIST, MINIDUMP_UNLOADED_MODULE.size, (h) => ({
    sizeOfHeader: h.SizeOfHeader, sizeOfEntry: h.SizeOfEntry, count: h.NumberOfEntries,
  }));
  return offsets.map((o, i) => {
    const raw = MINIDUMP_UNLOADED_MODULE.read(file.reader, o);
    const path = file.string(raw.ModuleNameRva, `unloaded module ${i} name`);
    return { raw, module: { name: baseName(path), base: raw.BaseOfImage, size: raw.SizeOfImage, timestamp: raw.TimeDateStamp } };
  });
}
