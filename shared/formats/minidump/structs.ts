import { defineStruct } from '../../bytes/struct';

/**
 * Minidump wire structures, named and ordered as in the Windows SDK header
 * minidumpapiset.h (https://learn.microsoft.com/windows/win32/api/minidumpapiset/).
 * Little-endian, packed to 4 bytes: a u64 may sit at a 4-byte offset.
 * No logic here; tests/unit/shared/formats/minidump/structs.test.ts asserts
 * the sizes and key offsets against the SDK.
 */

/** MINIDUMP_HEADER — https://learn.microsoft.com/windows/win32/api/minidumpapiset/ns-minidumpapiset-minidump_header */
export const MINIDUMP_HEADER = defineStruct('MINIDUMP_HEADER', [
  ['Signature', 'u32'],
  ['Version', 'u32'],
  ['NumberOfStreams', 'u32'],
  ['StreamDirectoryRva', 'u32'],
  ['CheckSum', 'u32'],
  ['TimeDateStamp', 'u32'],
  ['Flags', 'u64'],
] as const);

/** 'MDMP' read as a little-endian u32. */
export const MINIDUMP_SIGNATURE = 0x504d444d;
/** Low 16 bits of Version; the high 16 bits are implementation-specific. */
export const MINIDUMP_VERSION = 0xa793;

/** MINIDUMP_LOCATION_DESCRIPTOR — {DataSize, Rva}: size first, a classic mix-up. */
export const MINIDUMP_LOCATION_DESCRIPTOR = defineStruct('MINIDUMP_LOCATION_DESCRIPTOR', [
  ['DataSize', 'u32'],
  ['Rva', 'u32'],
] as const);

/** MINIDUMP_DIRECTORY — https://learn.microsoft.com/windows/win32/api/minidumpapiset/ns-minidumpapiset-minidump_directory */
export const MINIDUMP_DIRECTORY = defineStruct('MINIDUMP_DIRECTORY', [
  ['StreamType', 'u32'],
  ['DataSize', 'u32'],
  ['Rva', 'u32'],
] as const);

/** MINIDUMP_MEMORY_DESCRIPTOR — StartOfMemoryRange + MINIDUMP_LOCATION_DESCRIPTOR Memory. */
export const MINIDUMP_MEMORY_DESCRIPTOR = defineStruct('MINIDUMP_MEMORY_DESCRIPTOR', [
  ['StartOfMemoryRange', 'u64'],
  ['DataSize', 'u32'], // Memory.DataSize
  ['Rva', 'u32'], // Memory.Rva
] as const);

/** MINIDUMP_MEMORY_DESCRIPTOR64 — the data of a Memory64List lies back to back from BaseRva. */
export const MINIDUMP_MEMORY_DESCRIPTOR64 = defineStruct('MINIDUMP_MEMORY_DESCRIPTOR64', [
  ['StartOfMemoryRange', 'u64'],
  ['DataSize', 'u64'],
] as const);

/** MINIDUMP_MEMORY64_LIST header (descriptors follow). */
export const MINIDUMP_MEMORY64_LIST = defineStruct('MINIDUMP_MEMORY64_LIST', [
  ['NumberOfMemoryRanges', 'u64'],
  ['BaseRva', 'u64'],
] as const);

/** MINIDUMP_THREAD — https://learn.microsoft.com/windows/win32/api/minidumpapiset/ns-minidumpapiset-minidump_thread */
export const MINIDUMP_THREAD = defineStruct('MINIDUMP_THREAD', [
  ['ThreadId', 'u32'],
  ['SuspendCount', 'u32'],
  ['PriorityClass', 'u32'],
  ['Priority', 'u32'],
  ['Teb', 'u64'],
  ['StackStart', 'u64'], // Stack.StartOfMemoryRange
  ['StackDataSize', 'u32'], // Stack.Memory.DataSize
  ['StackRva', 'u32'], // Stack.Memory.Rva
  ['ContextDataSize', 'u32'], // ThreadContext.DataSize
  ['ContextRva', 'u32'], // ThreadContext.Rva
] as const);

/** MINIDUMP_THREAD_EX — MINIDUMP_THREAD + BackingStore (IA-64 only, kept for layout). */
export const MINIDUMP_THREAD_EX = defineStruct('MINIDUMP_THREAD_EX', [
  ...MINIDUMP_THREAD.fields,
  ['BackingStoreStart', 'u64'],
  ['BackingStoreDataSize', 'u32'],
  ['BackingStoreRva', 'u32'],
] as const);

import { VS_FIXEDFILEINFO } from '../common/versionInfo';
export { VS_FFI_SIGNATURE, VS_FIXEDFILEINFO } from '../common/versionInfo';

/** MINIDUMP_MODULE — https://learn.microsoft.com/windows/win32/api/minidumpapiset/ns-minidumpapiset-minidump_module */
export const MINIDUMP_MODULE = defineStruct('MINIDUMP_MODULE', [
  ['BaseOfImage', 'u64'],
  ['SizeOfImage', 'u32'],
  ['CheckSum', 'u32'],
  ['TimeDateStamp', 'u32'],
  ['ModuleNameRva', 'u32'],
  ['VersionInfo', { bytes: VS_FIXEDFILEINFO.size }],
  ['CvRecordDataSize', 'u32'], // CvRecord.DataSize
  ['CvRecordRva', 'u32'], // CvRecord.Rva
  ['MiscRecordDataSize', 'u32'], // MiscRecord.DataSize
  ['MiscRecordRva', 'u32'], // MiscRecord.Rva
  ['Reserved0', 'u64'],
  ['Reserved1', 'u64'],
] as const);

export { CV_INFO_PDB20, CV_INFO_PDB70, CV_SIGNATURE_NB10, CV_SIGNATURE_RSDS } from '../common/codeView';

/** MINIDUMP_UNLOADED_MODULE_LIST header — entries follow at SizeOfHeader. */
export const MINIDUMP_UNLOADED_MODULE_LIST = defineStruct('MINIDUMP_UNLOADED_MODULE_LIST', [
  ['SizeOfHeader', 'u32'],
  ['SizeOfEntry', 'u32'],
  ['NumberOfEntries', 'u32'],
] as const);

/** MINIDUMP_UNLOADED_MODULE */
export const MINIDUMP_UNLOADED_MODULE = defineStruct('MINIDUMP_UNLOADED_MODULE', [
  ['BaseOfImage', 'u64'],
  ['SizeOfImage', 'u32'],
  ['CheckSum', 'u32'],
  ['TimeDateStamp', 'u32'],
  ['ModuleNameRva', 'u32'],
] as const);

/** EXCEPTION_MAXIMUM_PARAMETERS */
export const EXCEPTION_MAXIMUM_PARAMETERS = 15;

/** MINIDUMP_EXCEPTION_STREAM with its MINIDUMP_EXCEPTION inlined. */
export const MINIDUMP_EXCEPTION_STREAM = defineStruct('MINIDUMP_EXCEPTION_STREAM', [
  ['ThreadId', 'u32'],
  ['__alignment', 'u32'],
  ['ExceptionCode', 'u32'], // ExceptionRecord.ExceptionCode
  ['ExceptionFlags', 'u32'],
  ['ExceptionRecord', 'u64'], // address of a chained EXCEPTION_RECORD
  ['ExceptionAddress', 'u64'],
  ['NumberParameters', 'u32'],
  ['__unusedAlignment', 'u32'],
  ['ExceptionInformation', { bytes: 8 * EXCEPTION_MAXIMUM_PARAMETERS }],
  ['ContextDataSize', 'u32'], // ThreadContext.DataSize
  ['ContextRva', 'u32'], // ThreadContext.Rva
] as const);

/** MINIDUMP_SYSTEM_INFO — https://learn.microsoft.com/windows/win32/api/minidumpapiset/ns-minidumpapiset-minidump_system_info */
export const MINIDUMP_SYSTEM_INFO = defineStruct('MINIDUMP_SYSTEM_INFO', [
  ['ProcessorArchitecture', 'u16'],
  ['ProcessorLevel', 'u16'],
  ['ProcessorRevision', 'u16'],
  ['NumberOfProcessors', 'u8'],
  ['ProductType', 'u8'],
  ['MajorVersion', 'u32'],
  ['MinorVersion', 'u32'],
  ['BuildNumber', 'u32'],
  ['PlatformId', 'u32'],
  ['CSDVersionRva', 'u32'],
  ['SuiteMask', 'u16'],
  ['Reserved2', 'u16'],
  // CPU_INFORMATION union: X86CpuInfo {VendorId[3], VersionInformation,
  // FeatureInformation, AMDExtendedCpuFeatures} or OtherCpuInfo {ProcessorFeatures[2] u64}.
  ['VendorId0', 'u32'],
  ['VendorId1', 'u32'],
  ['VendorId2', 'u32'],
  ['VersionInformation', 'u32'],
  ['FeatureInformation', 'u32'],
  ['AMDExtendedCpuFeatures', 'u32'],
] as const);

/** MINIDUMP_MISC_INFO (version 1, 24 bytes). Later versions extend it in place. */
export const MINIDUMP_MISC_INFO = defineStruct('MINIDUMP_MISC_INFO', [
  ['SizeOfInfo', 'u32'],
  ['Flags1', 'u32'],
  ['ProcessId', 'u32'],
  ['ProcessCreateTime', 'u32'],
  ['ProcessUserTime', 'u32'],
  ['ProcessKernelTime', 'u32'],
] as const);

/** MINIDUMP_MISC_INFO_2 (44 bytes): adds processor power information. */
export const MINIDUMP_MISC_INFO_2 = defineStruct('MINIDUMP_MISC_INFO_2', [
  ...MINIDUMP_MISC_INFO.fields,
  ['ProcessorMaxMhz', 'u32'],
  ['ProcessorCurrentMhz', 'u32'],
  ['ProcessorMhzLimit', 'u32'],
  ['ProcessorMaxIdleState', 'u32'],
  ['ProcessorCurrentIdleState', 'u32'],
] as const);

/** TIME_ZONE_INFORMATION (172 bytes) — https://learn.microsoft.com/windows/win32/api/timezoneapi/ns-timezoneapi-time_zone_information */
export const TIME_ZONE_INFORMATION = defineStruct('TIME_ZONE_INFORMATION', [
  ['Bias', 'i32'],
  ['StandardName', { bytes: 64 }], // WCHAR[32]
  ['StandardDate', { bytes: 16 }], // SYSTEMTIME
  ['StandardBias', 'i32'],
  ['DaylightName', { bytes: 64 }], // WCHAR[32]
  ['DaylightDate', { bytes: 16 }], // SYSTEMTIME
  ['DaylightBias', 'i32'],
] as const);

/** MINIDUMP_MISC_INFO_3 (232 bytes): integrity level, execute flags, time zone. */
export const MINIDUMP_MISC_INFO_3 = defineStruct('MINIDUMP_MISC_INFO_3', [
  ...MINIDUMP_MISC_INFO_2.fields,
  ['ProcessIntegrityLevel', 'u32'],
  ['ProcessExecuteFlags', 'u32'],
  ['ProtectedProcess', 'u32'],
  ['TimeZoneId', 'u32'],
  ['TimeZone', { bytes: TIME_ZONE_INFORMATION.size }],
] as const);

/** MINIDUMP_MISC_INFO_4 (832 bytes): OS build strings. */
export const MINIDUMP_MISC_INFO_4 = defineStruct('MINIDUMP_MISC_INFO_4', [
  ...MINIDUMP_MISC_INFO_3.fields,
  ['BuildString', { bytes: 520 }], // WCHAR[MAX_PATH]
  ['DbgBldStr', { bytes: 80 }], // WCHAR[40]
] as const);

/** MINIDUMP_MISC_INFO_5 (1364 bytes): XSTATE_CONFIG_FEATURE_MSC_INFO + process cookie. */
export const MINIDUMP_MISC_INFO_5 = defineStruct('MINIDUMP_MISC_INFO_5', [
  ...MINIDUMP_MISC_INFO_4.fields,
  ['XStateSizeOfInfo', 'u32'], // XStateData.SizeOfInfo
  ['XStateContextSize', 'u32'], // XStateData.ContextSize
  ['XStateEnabledFeatures', 'u64'], // XStateData.EnabledFeatures
  ['XStateFeatures', { bytes: 64 * 8 }], // XSTATE_FEATURE[64] {Offset, Size}
  ['ProcessCookie', 'u32'],
] as const);

/** MINIDUMP_MISC_INFO Flags1 bits. */
export const MISC_FLAGS = {
  PROCESS_ID: 0x1,
  PROCESS_TIMES: 0x2,
  PROCESSOR_POWER_INFO: 0x4,
  PROCESS_INTEGRITY: 0x10,
  PROCESS_EXECUTE_FLAGS: 0x20,
  TIMEZONE: 0x40,
  PROTECTED_PROCESS: 0x80,
  BUILDSTRING: 0x100,
  PROCESS_COOKIE: 0x200,
} as const;

/** MINIDUMP_MEMORY_INFO_LIST header — entries at SizeOfHeader, SizeOfEntry apart. */
export const MINIDUMP_MEMORY_INFO_LIST = defineStruct('MINIDUMP_MEMORY_INFO_LIST', [
  ['SizeOfHeader', 'u32'],
  ['SizeOfEntry', 'u32'],
  ['NumberOfEntries', 'u64'],
] as const);

/** MINIDUMP_MEMORY_INFO — one VirtualQuery result. */
export const MINIDUMP_MEMORY_INFO = defineStruct('MINIDUMP_MEMORY_INFO', [
  ['BaseAddress', 'u64'],
  ['AllocationBase', 'u64'],
  ['AllocationProtect', 'u32'],
  ['__alignment1', 'u32'],
  ['RegionSize', 'u64'],
  ['State', 'u32'],
  ['Protect', 'u32'],
  ['Type', 'u32'],
  ['__alignment2', 'u32'],
] as const);

/** MINIDUMP_THREAD_INFO_LIST header. */
export const MINIDUMP_THREAD_INFO_LIST = defineStruct('MINIDUMP_THREAD_INFO_LIST', [
  ['SizeOfHeader', 'u32'],
  ['SizeOfEntry', 'u32'],
  ['NumberOfEntries', 'u32'],
] as const);

/** MINIDUMP_THREAD_INFO — times are FILETIME ticks (100 ns). */
export const MINIDUMP_THREAD_INFO = defineStruct('MINIDUMP_THREAD_INFO', [
  ['ThreadId', 'u32'],
  ['DumpFlags', 'u32'],
  ['DumpError', 'u32'],
  ['ExitStatus', 'u32'],
  ['CreateTime', 'u64'],
  ['ExitTime', 'u64'],
  ['KernelTime', 'u64'],
  ['UserTime', 'u64'],
  ['StartAddress', 'u64'],
  ['Affinity', 'u64'],
] as const);

/** MINIDUMP_THREAD_NAME — ThreadNameRva is an RVA64 to a MINIDUMP_STRING. */
export const MINIDUMP_THREAD_NAME = defineStruct('MINIDUMP_THREAD_NAME', [
  ['ThreadId', 'u32'],
  ['ThreadNameRva', 'u64'],
] as const);

/** MINIDUMP_HANDLE_DATA_STREAM header. */
export const MINIDUMP_HANDLE_DATA_STREAM = defineStruct('MINIDUMP_HANDLE_DATA_STREAM', [
  ['SizeOfHeader', 'u32'],
  ['SizeOfDescriptor', 'u32'],
  ['NumberOfDescriptors', 'u32'],
  ['Reserved', 'u32'],
] as const);

/** MINIDUMP_HANDLE_DESCRIPTOR (32 bytes). */
export const MINIDUMP_HANDLE_DESCRIPTOR = defineStruct('MINIDUMP_HANDLE_DESCRIPTOR', [
  ['Handle', 'u64'],
  ['TypeNameRva', 'u32'],
  ['ObjectNameRva', 'u32'],
  ['Attributes', 'u32'],
  ['GrantedAccess', 'u32'],
  ['HandleCount', 'u32'],
  ['PointerCount', 'u32'],
] as const);

/** MINIDUMP_HANDLE_DESCRIPTOR_2 (40 bytes): adds ObjectInfoRva. */
export const MINIDUMP_HANDLE_DESCRIPTOR_2 = defineStruct('MINIDUMP_HANDLE_DESCRIPTOR_2', [
  ...MINIDUMP_HANDLE_DESCRIPTOR.fields,
  ['ObjectInfoRva', 'u32'],
  ['Reserved0', 'u32'],
] as const);

/** Breakpad's MDRawBreakpadInfo (breakpad/src/google_breakpad/common/minidump_format.h). */
export const MD_BREAKPAD_INFO = defineStruct('MDRawBreakpadInfo', [
  ['Validity', 'u32'], // 1 = dump_thread_id valid, 2 = requesting_thread_id valid
  ['DumpThreadId', 'u32'],
  ['RequestingThreadId', 'u32'],
] as const);

/** Crashpad's MinidumpCrashpadInfo (crashpad/minidump/minidump_extensions.h). */
export const MD_CRASHPAD_INFO = defineStruct('MinidumpCrashpadInfo', [
  ['Version', 'u32'],
  ['ReportId', { bytes: 16 }], // UUID
  ['ClientId', { bytes: 16 }], // UUID
  ['SimpleAnnotationsDataSize', 'u32'], // simple_annotations location
  ['SimpleAnnotationsRva', 'u32'],
  ['ModuleListDataSize', 'u32'], // module_list location
  ['ModuleListRva', 'u32'],
] as const);

/** Crashpad's MinidumpSimpleStringDictionaryEntry: two RVAs of MinidumpUTF8String. */
export const MD_CRASHPAD_DICTIONARY_ENTRY = defineStruct('MinidumpSimpleStringDictionaryEntry', [
  ['KeyRva', 'u32'],
  ['ValueRva', 'u32'],
] as const);

/** Crashpad's MinidumpModuleCrashpadInfoLink. */
export const MD_CRASHPAD_MODULE_LINK = defineStruct('MinidumpModuleCrashpadInfoLink', [
  ['MinidumpModuleListIndex', 'u32'],
  ['DataSize', 'u32'],
  ['Rva', 'u32'],
] as const);

/** Crashpad's MinidumpModuleCrashpadInfo. */
export const MD_CRASHPAD_MODULE_INFO = defineStruct('MinidumpModuleCrashpadInfo', [
  ['Version', 'u32'],
  ['ListAnnotationsDataSize', 'u32'],
  ['ListAnnotationsRva', 'u32'],
  ['SimpleAnnotationsDataSize', 'u32'],
  ['SimpleAnnotationsRva', 'u32'],
] as const);

/** MinidumpModuleCrashpadInfo, later versions: adds annotation_objects (a MinidumpAnnotationList). */
export const MD_CRASHPAD_MODULE_INFO_2 = defineStruct('MinidumpModuleCrashpadInfo_2', [
  ...MD_CRASHPAD_MODULE_INFO.fields,
  ['AnnotationObjectsDataSize', 'u32'],
  ['AnnotationObjectsRva', 'u32'],
] as const);

/** Crashpad's MinidumpAnnotation: name (MinidumpUTF8String) and value (MinidumpByteArray) RVAs. */
export const MD_CRASHPAD_ANNOTATION = defineStruct('MinidumpAnnotation', [
  ['NameRva', 'u32'],
  ['Type', 'u16'], // 1 = string
  ['Reserved', 'u16'],
  ['ValueRva', 'u32'],
] as const);
