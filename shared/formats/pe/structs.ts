import { defineStruct } from '../../bytes/struct';

/**
 * PE/COFF wire structures, named and ordered as in winnt.h.
 * https://learn.microsoft.com/windows/win32/debug/pe-format
 */

/** IMAGE_DOS_HEADER: only e_magic ("MZ") and e_lfanew (offset of the NT headers) matter. */
export const IMAGE_DOS_HEADER = defineStruct('IMAGE_DOS_HEADER', [
  ['e_magic', 'u16'],
  ['e_cblp', 'u16'], ['e_cp', 'u16'], ['e_crlc', 'u16'], ['e_cparhdr', 'u16'],
  ['e_minalloc', 'u16'], ['e_maxalloc', 'u16'], ['e_ss', 'u16'], ['e_sp', 'u16'],
  ['e_csum', 'u16'], ['e_ip', 'u16'], ['e_cs', 'u16'], ['e_lfarlc', 'u16'], ['e_ovno', 'u16'],
  ['e_res', { bytes: 8 }],
  ['e_oemid', 'u16'], ['e_oeminfo', 'u16'],
  ['e_res2', { bytes: 20 }],
  ['e_lfanew', 'i32'],
] as const);

export const IMAGE_DOS_SIGNATURE = 0x5a4d; // "MZ"
export const IMAGE_NT_SIGNATURE = 0x00004550; // "PE\0\0"

/** IMAGE_FILE_HEADER (COFF header), right after the 4-byte NT signature. */
export const IMAGE_FILE_HEADER = defineStruct('IMAGE_FILE_HEADER', [
  ['Machine', 'u16'],
  ['NumberOfSections', 'u16'],
  ['TimeDateStamp', 'u32'],
  ['PointerToSymbolTable', 'u32'],
  ['NumberOfSymbols', 'u32'],
  ['SizeOfOptionalHeader', 'u16'],
  ['Characteristics', 'u16'],
] as const);

export const IMAGE_NT_OPTIONAL_HDR32_MAGIC = 0x10b;
export const IMAGE_NT_OPTIONAL_HDR64_MAGIC = 0x20b;

/** IMAGE_OPTIONAL_HEADER32 up to NumberOfRvaAndSizes; the data directories follow. */
export const IMAGE_OPTIONAL_HEADER32 = defineStruct('IMAGE_OPTIONAL_HEADER32', [
  ['Magic', 'u16'],
  ['MajorLinkerVersion', 'u8'], ['MinorLinkerVersion', 'u8'],
  ['SizeOfCode', 'u32'], ['SizeOfInitializedData', 'u32'], ['SizeOfUninitializedData', 'u32'],
  ['AddressOfEntryPoint', 'u32'], ['BaseOfCode', 'u32'], ['BaseOfData', 'u32'],
  ['ImageBase', 'u32'],
  ['SectionAlignment', 'u32'], ['FileAlignment', 'u32'],
  ['MajorOperatingSystemVersion', 'u16'], ['MinorOperatingSystemVersion', 'u16'],
  ['MajorImageVersion', 'u16'], ['MinorImageVersion', 'u16'],
  ['MajorSubsystemVersion', 'u16'], ['MinorSubsystemVersion', 'u16'],
  ['Win32VersionValue', 'u32'], ['SizeOfImage', 'u32'], ['SizeOfHeaders', 'u32'], ['CheckSum', 'u32'],
  ['Subsystem', 'u16'], ['DllCharacteristics', 'u16'],
  ['SizeOfStackReserve', 'u32'], ['SizeOfStackCommit', 'u32'],
  ['SizeOfHeapReserve', 'u32'], ['SizeOfHeapCommit', 'u32'],
  ['LoaderFlags', 'u32'], ['NumberOfRvaAndSizes', 'u32'],
] as const);

/** IMAGE_OPTIONAL_HEADER64: no BaseOfData, 64-bit ImageBase and stack/heap sizes. */
export const IMAGE_OPTIONAL_HEADER64 = defineStruct('IMAGE_OPTIONAL_HEADER64', [
  ['Magic', 'u16'],
  ['MajorLinkerVersion', 'u8'], ['MinorLinkerVersion', 'u8'],
  ['SizeOfCode', 'u32'], ['SizeOfInitializedData', 'u32'], ['SizeOfUninitializedData', 'u32'],
  ['AddressOfEntryPoint', 'u32'], ['BaseOfCode', 'u32'],
  ['ImageBase', 'u64'],
  ['SectionAlignment', 'u32'], ['FileAlignment', 'u32'],
  ['MajorOperatingSystemVersion', 'u16'], ['MinorOperatingSystemVersion', 'u16'],
  ['MajorImageVersion', 'u16'], ['MinorImageVersion', 'u16'],
  ['MajorSubsystemVersion', 'u16'], ['MinorSubsystemVersion', 'u16'],
  ['Win32VersionValue', 'u32'], ['SizeOfImage', 'u32'], ['SizeOfHeaders', 'u32'], ['CheckSum', 'u32'],
  ['Subsystem', 'u16'], ['DllCharacteristics', 'u16'],
  ['SizeOfStackReserve', 'u64'], ['SizeOfStackCommit', 'u64'],
  ['SizeOfHeapReserve', 'u64'], ['SizeOfHeapCommit', 'u64'],
  ['LoaderFlags', 'u32'], ['NumberOfRvaAndSizes', 'u32'],
] as const);

/** IMAGE_DATA_DIRECTORY: one entry of the optional header's directory array. */
export const IMAGE_DATA_DIRECTORY = defineStruct('IMAGE_DATA_DIRECTORY', [
  ['VirtualAddress', 'u32'],
  ['Size', 'u32'],
] as const);

/** Indexes into the data directory array (IMAGE_DIRECTORY_ENTRY_*). */
export const IMAGE_DIRECTORY_ENTRY_EXPORT = 0;
export const IMAGE_DIRECTORY_ENTRY_RESOURCE = 2;
export const IMAGE_DIRECTORY_ENTRY_EXCEPTION = 3;
export const IMAGE_DIRECTORY_ENTRY_DEBUG = 6;

/** IMAGE_SECTION_HEADER (40 bytes); Name is 8 bytes, NUL-padded. */
export const IMAGE_SECTION_HEADER = defineStruct('IMAGE_SECTION_HEADER', [
  ['Name', { bytes: 8 }],
  ['VirtualSize', 'u32'],
  ['VirtualAddress', 'u32'],
  ['SizeOfRawData', 'u32'],
  ['PointerToRawData', 'u32'],
  ['PointerToRelocations', 'u32'],
  ['PointerToLinenumbers', 'u32'],
  ['NumberOfRelocations', 'u16'],
  ['NumberOfLinenumbers', 'u16'],
  ['Characteristics', 'u32'],
] as const);

/** IMAGE_EXPORT_DIRECTORY. */
export const IMAGE_EXPORT_DIRECTORY = defineStruct('IMAGE_EXPORT_DIRECTORY', [
  ['Characteristics', 'u32'],
  ['TimeDateStamp', 'u32'],
  ['MajorVersion', 'u16'], ['MinorVersion', 'u16'],
  ['Name', 'u32'],
  ['Base', 'u32'],
  ['NumberOfFunctions', 'u32'],
  ['NumberOfNames', 'u32'],
  ['AddressOfFunctions', 'u32'],
  ['AddressOfNames', 'u32'],
  ['AddressOfNameOrdinals', 'u32'],
] as const);

/** IMAGE_DEBUG_DIRECTORY (28 bytes). */
export const IMAGE_DEBUG_DIRECTORY = defineStruct('IMAGE_DEBUG_DIRECTORY', [
  ['Characteristics', 'u32'],
  ['TimeDateStamp', 'u32'],
  ['MajorVersion', 'u16'], ['MinorVersion', 'u16'],
  ['Type', 'u32'],
  ['SizeOfData', 'u32'],
  ['AddressOfRawData', 'u32'],
  ['PointerToRawData', 'u32'],
] as const);

export const IMAGE_DEBUG_TYPE_CODEVIEW = 2;

export { CV_INFO_PDB20, CV_INFO_PDB70, CV_SIGNATURE_NB10, CV_SIGNATURE_RSDS } from '../common/codeView';

/** IMAGE_RESOURCE_DIRECTORY: named then id entries follow. */
export const IMAGE_RESOURCE_DIRECTORY = defineStruct('IMAGE_RESOURCE_DIRECTORY', [
  ['Characteristics', 'u32'],
  ['TimeDateStamp', 'u32'],
  ['MajorVersion', 'u16'], ['MinorVersion', 'u16'],
  ['NumberOfNamedEntries', 'u16'],
  ['NumberOfIdEntries', 'u16'],
] as const);

/** IMAGE_RESOURCE_DIRECTORY_ENTRY: high bit of OffsetToData = subdirectory. */
export const IMAGE_RESOURCE_DIRECTORY_ENTRY = defineStruct('IMAGE_RESOURCE_DIRECTORY_ENTRY', [
  ['Name', 'u32'],
  ['OffsetToData', 'u32'],
] as const);

/** IMAGE_RESOURCE_DATA_ENTRY: OffsetToData is an RVA. */
export const IMAGE_RESOURCE_DATA_ENTRY = defineStruct('IMAGE_RESOURCE_DATA_ENTRY', [
  ['OffsetToData', 'u32'],
  ['Size', 'u32'],
  ['CodePage', 'u32'],
  ['Reserved', 'u32'],
] as const);

export const RT_VERSION = 16;

export { VS_FFI_SIGNATURE, VS_FIXEDFILEINFO } from '../common/versionInfo';

/** RUNTIME_FUNCTION (x64 .pdata entry, IMAGE_RUNTIME_FUNCTION_ENTRY). */
export const RUNTIME_FUNCTION = defineStruct('RUNTIME_FUNCTION', [
  ['BeginAddress', 'u32'],
  ['EndAddress', 'u32'],
  ['UnwindInfoAddress', 'u32'],
] as const);

/**
 * UNWIND_INFO header (x64). VersionAndFlags: Version:3 Flags:5;
 * FrameRegisterAndOffset: FrameRegister:4 FrameOffset:4 (scaled by 16).
 * https://learn.microsoft.com/cpp/build/exception-handling-x64
 */
export const UNWIND_INFO = defineStruct('UNWIND_INFO', [
  ['VersionAndFlags', 'u8'],
  ['SizeOfProlog', 'u8'],
  ['CountOfCodes', 'u8'],
  ['FrameRegisterAndOffset', 'u8'],
] as const);
