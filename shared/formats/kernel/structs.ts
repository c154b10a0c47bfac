import { defineStruct } from '../../bytes/struct';

/**
 * Wire structures of Windows kernel crash dumps (PAGEDUMP / PAGEDU64), in SDK
 * order and with SDK names. Sources: ntiodump.h as reproduced publicly, WDBGEXTS.H
 * (KDDEBUGGER_DATA64), kdmp-parser's kdmp-parser-structs.h and volatility3's
 * crash.json; our own check against the corpus dumps is in
 * tests/unit/shared/formats/kernel/structs.test.ts. No logic lives here.
 * https://learn.microsoft.com/windows-hardware/drivers/debugger/kernel-mode-dump-files
 */

/** 'PAGE' — first u32 of every kernel dump, and the filler of unused header bytes. */
export const DUMP_SIGNATURE = 0x45474150;
/** 'DUMP' — ValidDump of a 32-bit header (and of bitmap/RDMP sub-headers). */
export const DUMP_VALID_DUMP = 0x504d5544;
/** 'DU64' — ValidDump of a 64-bit header. */
export const DUMP_VALID_DUMP64 = 0x34365544;
/** 'SDMP' — bitmap (summary) dump header: kernel memory. */
export const BITMAP_SUMMARY_SIGNATURE = 0x504d4453;
/** 'FDMP' — bitmap dump header: full (complete) memory. */
export const BITMAP_FULL_SIGNATURE = 0x504d4446;
/** 'RDMP' — debugger-written dumps (.dump /k /ka /f, DumpType 8–10). */
export const RDMP_SIGNATURE = 0x504d4452;
/** 'TRGD' — marker at TRIAGE_DUMP.ValidOffset. */
export const TRIAGE_VALID_MARKER = 0x44475254;
/** 'KDBG' — DBGKD_DEBUG_DATA_HEADER64.OwnerTag. */
export const KDBG_OWNER_TAG = 0x4742444b;

/** DUMP_HEADER*.DumpType (ntiodump.h DUMP_TYPE values as written in files). */
export const DumpType = {
  Full: 1,
  Summary: 2,
  Header: 3,
  Triage: 4,
  BitmapFull: 5,
  BitmapKernel: 6,
  Automatic: 7,
  RdmpKernel: 8,
  RdmpKernelAndUser: 9,
  RdmpComplete: 10,
} as const;

/** IMAGE_FILE_MACHINE_* values seen in MachineImageType. */
export const Machine = { I386: 0x14c, AMD64: 0x8664, ARM64: 0xaa64, ARMNT: 0x1c4 } as const;

/** DUMP_HEADER*.MiniDumpFields bits (TRIAGE_DUMP_* in ntiodump.h). */
export const TriageFields = {
  Context: 0x1,
  Exception: 0x2,
  Prcb: 0x4,
  Process: 0x8,
  Thread: 0x10,
  Stack: 0x20,
  DriverList: 0x40,
  BrokenDriver: 0x80,
  MmInfo: 0x100,
  DataPage: 0x200,
  DebuggerData: 0x400,
  DataBlocks: 0x800,
} as const;

/** Physical pages are 4 KiB on every architecture these dumps come from. */
export const PAGE_SIZE = 0x1000;
/** Bytes the PHYSICAL_MEMORY_DESCRIPTOR union occupies in either header. */
export const PHYSICAL_MEMORY_BLOCK_BYTES = 700;
/** Sizes of the CONTEXT slot in each header (x86 CONTEXT is 0x2cc; the slot is larger). */
export const CONTEXT_SLOT32 = 1200;
export const CONTEXT_SLOT64 = 3000;

/** DUMP_HEADER32 — ntiodump.h; 0x1000 bytes, the type-specific header follows. */
export const DUMP_HEADER32 = defineStruct('DUMP_HEADER32', [
  ['Signature', 'u32'],
  ['ValidDump', 'u32'],
  ['MajorVersion', 'u32'],
  ['MinorVersion', 'u32'],
  ['DirectoryTableBase', 'u32'],
  ['PfnDataBase', 'u32'],
  ['PsLoadedModuleList', 'u32'],
  ['PsActiveProcessHead', 'u32'],
  ['MachineImageType', 'u32'],
  ['NumberProcessors', 'u32'],
  ['BugCheckCode', 'u32'],
  ['BugCheckParameter1', 'u32'],
  ['BugCheckParameter2', 'u32'],
  ['BugCheckParameter3', 'u32'],
  ['BugCheckParameter4', 'u32'],
  ['VersionUser', { bytes: 32 }],
  ['PaeEnabled', 'u8'],
  ['KdSecondaryVersion', 'u8'],
  ['Spare3', { bytes: 2 }],
  ['KdDebuggerDataBlock', 'u32'],
  ['PhysicalMemoryBlock', { bytes: PHYSICAL_MEMORY_BLOCK_BYTES }],
  ['ContextRecord', { bytes: CONTEXT_SLOT32 }],
  ['Exception', { bytes: 80 }], // EXCEPTION_RECORD32
  ['Comment', { bytes: 128 }],
  ['Attributes', 'u32'],
  ['BootId', 'u32'],
  ['Reserved0', { bytes: 1760 }],
  ['DumpType', 'u32'],
  ['MiniDumpFields', 'u32'],
  ['SecondaryDataState', 'u32'],
  ['ProductType', 'u32'],
  ['SuiteMask', 'u32'],
  ['WriterStatus', 'u32'],
  ['RequiredDumpSpace', 'u64'],
  ['Reserved2', { bytes: 16 }],
  ['SystemUpTime', 'u64'],
  ['SystemTime', 'u64'],
  ['Reserved3', { bytes: 56 }],
] as const);

/** DUMP_HEADER64 — ntiodump.h / kdmp-parser HEADER64; 0x2000 bytes. */
export const DUMP_HEADER64 = defineStruct('DUMP_HEADER64', [
  ['Signature', 'u32'],
  ['ValidDump', 'u32'],
  ['MajorVersion', 'u32'],
  ['MinorVersion', 'u32'],
  ['DirectoryTableBase', 'u64'],
  ['PfnDataBase', 'u64'],
  ['PsLoadedModuleList', 'u64'],
  ['PsActiveProcessHead', 'u64'],
  ['MachineImageType', 'u32'],
  ['NumberProcessors', 'u32'],
  ['BugCheckCode', 'u32'],
  ['Padding1', 'u32'],
  ['BugCheckParameter1', 'u64'],
  ['BugCheckParameter2', 'u64'],
  ['BugCheckParameter3', 'u64'],
  ['BugCheckParameter4', 'u64'],
  ['VersionUser', { bytes: 32 }],
  ['KdDebuggerDataBlock', 'u64'],
  ['PhysicalMemoryBlock', { bytes: PHYSICAL_MEMORY_BLOCK_BYTES }],
  ['Padding2', 'u32'],
  ['ContextRecord', { bytes: CONTEXT_SLOT64 }],
  ['Exception', { bytes: 0x98 }], // EXCEPTION_RECORD64
  ['DumpType', 'u32'],
  ['Padding3', 'u32'],
  ['RequiredDumpSpace', 'u64'],
  ['SystemTime', 'u64'],
  ['Comment', { bytes: 128 }],
  ['SystemUpTime', 'u64'],
  ['MiniDumpFields', 'u32'],
  ['SecondaryDataState', 'u32'],
  ['ProductType', 'u32'],
  ['SuiteMask', 'u32'],
  ['WriterStatus', 'u32'],
  ['Unused1', 'u8'],
  ['KdSecondaryVersion', 'u8'],
  ['Unused2', { bytes: 2 }],
  ['Attributes', 'u32'],
  ['BootId', 'u32'],
  ['Reserved0', { bytes: 4008 }],
] as const);

/** PHYSICAL_MEMORY_DESCRIPTOR32 head; PHYSICAL_MEMORY_RUN32 entries follow. */
export const PHYSICAL_MEMORY_DESCRIPTOR32 = defineStruct('PHYSICAL_MEMORY_DESCRIPTOR32', [
  ['NumberOfRuns', 'u32'],
  ['NumberOfPages', 'u32'],
] as const);
export const PHYSICAL_MEMORY_RUN32 = defineStruct('PHYSICAL_MEMORY_RUN32', [
  ['BasePage', 'u32'],
  ['PageCount', 'u32'],
] as const);

/** PHYSICAL_MEMORY_DESCRIPTOR64 head; PHYSICAL_MEMORY_RUN64 entries follow. */
export const PHYSICAL_MEMORY_DESCRIPTOR64 = defineStruct('PHYSICAL_MEMORY_DESCRIPTOR64', [
  ['NumberOfRuns', 'u32'],
  ['Padding', 'u32'],
  ['NumberOfPages', 'u64'],
] as const);
export const PHYSICAL_MEMORY_RUN64 = defineStruct('PHYSICAL_MEMORY_RUN64', [
  ['BasePage', 'u64'],
  ['PageCount', 'u64'],
] as const);

/**
 * Bitmap dump header (kdmp-parser BMP_HEADER64; ntiodump's SUMMARY_DUMP for
 * Win8+), at the end of the main header for both word sizes. Page n of
 * physical memory is stored iff bit n of the bitmap is set; stored pages
 * follow in ascending order from FirstPage.
 */
export const BITMAP_DUMP_HEADER = defineStruct('BITMAP_DUMP_HEADER', [
  ['Signature', 'u32'], // 'SDMP' or 'FDMP'
  ['ValidDump', 'u32'], // 'DUMP'
  ['DumpOptions', 'u32'],
  ['Padding', { bytes: 0x14 }],
  ['FirstPage', 'u64'], // file offset of the first stored page (ntiodump: HeaderSize)
  ['TotalPresentPages', 'u64'], // set bits (ntiodump: Pages)
  ['Pages', 'u64'], // bitmap length in bits (ntiodump: BitmapSize)
] as const);
/** Bitmap bytes start right after BITMAP_DUMP_HEADER (at +0x38). */
export const BITMAP_BITS_OFFSET = BITMAP_DUMP_HEADER.size;

/**
 * RDMP header of debugger-written dumps (`.dump /k`, `/ka`, `/f`; DumpType 8/9/10),
 * at 0x2000 (kdmp-parser's RDMP_HEADER64). Not checked against a real file: the
 * corpus has none (see windows-crash-facts §3.2).
 */
export const RDMP_HEADER64 = defineStruct('RDMP_HEADER64', [
  ['Marker', 'u32'], // 0x40
  ['Signature', 'u32'], // 'RDMP'
  ['ValidDump', 'u32'], // 'DUMP'
  ['Reserved1', 'u32'],
  ['MetadataSize', 'u64'],
  ['FirstPageOffset', 'u64'], // file offset of the first stored page
  // Kernel variant: two unknown u64; full variant: NumberOfRanges u32, 2 × u16, TotalNumberOfPages u64.
  ['VariantData1', 'u64'],
  ['VariantData2', 'u64'],
] as const);

/** One range of consecutive stored physical pages after RDMP_HEADER64 (a zero PageFileNumber ends the list). */
export const RDMP_PFN_RANGE = defineStruct('RDMP_PFN_RANGE', [
  ['PageFileNumber', 'u64'],
  ['NumberOfPages', 'u64'],
] as const);

/** Common prefix of TRIAGE_DUMP32 and TRIAGE_DUMP64. All offsets are from the start of the file. */
const TRIAGE_COMMON = [
  ['ServicePackBuild', 'u32'],
  ['SizeOfDump', 'u32'],
  ['ValidOffset', 'u32'],
  ['ContextOffset', 'u32'],
  ['ExceptionOffset', 'u32'],
  ['MmOffset', 'u32'],
  ['UnloadedDriversOffset', 'u32'],
  ['PrcbOffset', 'u32'],
  ['ProcessOffset', 'u32'],
  ['ThreadOffset', 'u32'],
  ['CallStackOffset', 'u32'],
  ['SizeOfCallStack', 'u32'],
  ['DriverListOffset', 'u32'],
  ['DriverCount', 'u32'],
  ['StringPoolOffset', 'u32'],
  ['StringPoolSize', 'u32'],
  ['BrokenDriverOffset', 'u32'],
  ['TriageOptions', 'u32'],
] as const;

/** TRIAGE_DUMP32 — ntiodump.h; at 0x1000 in a 32-bit small memory dump. */
export const TRIAGE_DUMP32 = defineStruct('TRIAGE_DUMP32', [
  ...TRIAGE_COMMON,
  ['TopOfStack', 'u32'],
  ['DataPageAddress', 'u32'],
  ['DataPageOffset', 'u32'],
  ['DataPageSize', 'u32'],
  ['DebuggerDataOffset', 'u32'],
  ['DebuggerDataSize', 'u32'],
  ['DataBlocksOffset', 'u32'],
  ['DataBlocksCount', 'u32'],
] as const);

/** TRIAGE_DUMP64 — ntiodump.h; at 0x2000 in a 64-bit small memory dump. */
export const TRIAGE_DUMP64 = defineStruct('TRIAGE_DUMP64', [
  ...TRIAGE_COMMON,
  ['TopOfStack', 'u64'],
  ['BStoreOffset', 'u32'], // IA-64 backing store; unused on x64/ARM64
  ['SizeOfBStore', 'u32'],
  ['LimitOfBStore', 'u64'],
  ['DataPageAddress', 'u64'],
  ['DataPageOffset', 'u32'],
  ['DataPageSize', 'u32'],
  ['DebuggerDataOffset', 'u32'],
  ['DebuggerDataSize', 'u32'],
  ['DataBlocksOffset', 'u32'],
  ['DataBlocksCount', 'u32'],
] as const);

/** TRIAGE_DATA_BLOCK — one range of virtual memory a small dump carries. */
export const TRIAGE_DATA_BLOCK = defineStruct('TRIAGE_DATA_BLOCK', [
  ['Address', 'u64'],
  ['Offset', 'u32'],
  ['Size', 'u32'],
] as const);

/** KLDR_DATA_TABLE_ENTRY32 (WDBGEXTS.H): also the kernel's own loader entry on x86. */
export const KLDR_DATA_TABLE_ENTRY32 = defineStruct('KLDR_DATA_TABLE_ENTRY32', [
  ['InLoadOrderLinksFlink', 'u32'],
  ['InLoadOrderLinksBlink', 'u32'],
  ['Undefined1', 'u32'],
  ['Undefined2', 'u32'],
  ['Undefined3', 'u32'],
  ['NonPagedDebugInfo', 'u32'],
  ['DllBase', 'u32'],
  ['EntryPoint', 'u32'],
  ['SizeOfImage', 'u32'],
  ['FullDllNameLength', 'u16'], // UNICODE_STRING32 FullDllName
  ['FullDllNameMaximumLength', 'u16'],
  ['FullDllNameBuffer', 'u32'],
  ['BaseDllNameLength', 'u16'], // UNICODE_STRING32 BaseDllName
  ['BaseDllNameMaximumLength', 'u16'],
  ['BaseDllNameBuffer', 'u32'],
  ['Flags', 'u32'],
  ['LoadCount', 'u16'],
  ['Undefined5', 'u16'],
  ['SectionPointer', 'u32'],
  ['CheckSum', 'u32'],
  ['TimeDateStamp', 'u32'],
] as const);

/** KLDR_DATA_TABLE_ENTRY64 (WDBGEXTS.H): also the kernel's own loader entry on x64/ARM64. */
export const KLDR_DATA_TABLE_ENTRY64 = defineStruct('KLDR_DATA_TABLE_ENTRY64', [
  ['InLoadOrderLinksFlink', 'u64'],
  ['InLoadOrderLinksBlink', 'u64'],
  ['Undefined1', 'u64'],
  ['Undefined2', 'u64'],
  ['Undefined3', 'u64'],
  ['NonPagedDebugInfo', 'u64'],
  ['DllBase', 'u64'],
  ['EntryPoint', 'u64'],
  ['SizeOfImage', 'u32'],
  ['Padding0', 'u32'],
  ['FullDllNameLength', 'u16'], // UNICODE_STRING64 FullDllName
  ['FullDllNameMaximumLength', 'u16'],
  ['FullDllNamePadding', 'u32'],
  ['FullDllNameBuffer', 'u64'],
  ['BaseDllNameLength', 'u16'], // UNICODE_STRING64 BaseDllName
  ['BaseDllNameMaximumLength', 'u16'],
  ['BaseDllNamePadding', 'u32'],
  ['BaseDllNameBuffer', 'u64'],
  ['Flags', 'u32'],
  ['LoadCount', 'u16'],
  ['Undefined5', 'u16'],
  ['SectionPointer', 'u64'],
  ['CheckSum', 'u32'],
  ['Padding1', 'u32'],
  ['TimeDateStamp', 'u32'],
  ['Padding2', 'u32'],
] as const);

/** DUMP_DRIVER_ENTRY32 — a small dump's driver list entry. */
export const DUMP_DRIVER_ENTRY32 = defineStruct('DUMP_DRIVER_ENTRY32', [
  ['DriverNameOffset', 'u32'], // → DUMP_STRING in the string pool (file offset)
  ['LdrEntry', { bytes: KLDR_DATA_TABLE_ENTRY32.size }],
] as const);

/** DUMP_DRIVER_ENTRY64 — a small dump's driver list entry (0x90 bytes). */
export const DUMP_DRIVER_ENTRY64 = defineStruct('DUMP_DRIVER_ENTRY64', [
  ['DriverNameOffset', 'u32'],
  ['Padding', 'u32'],
  ['LdrEntry', { bytes: KLDR_DATA_TABLE_ENTRY64.size }],
] as const);

/** DUMP_STRING head: Length (characters, as the corpus shows) then WCHAR Buffer[]. */
export const DUMP_STRING = defineStruct('DUMP_STRING', [['Length', 'u32']] as const);

/** Head of the unloaded-driver list: a count, padded to the entry alignment. */
export const DUMP_UNLOADED_DRIVERS_HEAD32 = defineStruct('DUMP_UNLOADED_DRIVERS_HEAD32', [['Count', 'u32']] as const);
export const DUMP_UNLOADED_DRIVERS_HEAD64 = defineStruct('DUMP_UNLOADED_DRIVERS_HEAD64', [
  ['Count', 'u32'],
  ['Padding', 'u32'],
] as const);

/** DUMP_UNLOADED_DRIVERS32 — a copy of one MmUnloadedDrivers entry. */
export const DUMP_UNLOADED_DRIVERS32 = defineStruct('DUMP_UNLOADED_DRIVERS32', [
  ['NameLength', 'u16'], // UNICODE_STRING32 Name (pointer into kernel memory)
  ['NameMaximumLength', 'u16'],
  ['NameBuffer', 'u32'],
  ['DriverName', { bytes: 24 }], // WCHAR[12], not NUL-terminated when full
  ['StartAddress', 'u32'],
  ['EndAddress', 'u32'],
] as const);

/** DUMP_UNLOADED_DRIVERS64 — a copy of one MmUnloadedDrivers entry. */
export const DUMP_UNLOADED_DRIVERS64 = defineStruct('DUMP_UNLOADED_DRIVERS64', [
  ['NameLength', 'u16'], // UNICODE_STRING64 Name
  ['NameMaximumLength', 'u16'],
  ['NamePadding', 'u32'],
  ['NameBuffer', 'u64'],
  ['DriverName', { bytes: 24 }],
  ['StartAddress', 'u64'],
  ['EndAddress', 'u64'],
] as const);

/** MI_UNLOADED_DRIVERS entries in MmUnloadedDrivers (the kernel keeps the last 50). */
export const MI_UNLOADED_DRIVERS_MAX = 50;

/** UNLOADED_DRIVERS (x86): one entry of the kernel's MmUnloadedDrivers array. */
export const UNLOADED_DRIVERS32 = defineStruct('UNLOADED_DRIVERS32', [
  ['NameLength', 'u16'],
  ['NameMaximumLength', 'u16'],
  ['NameBuffer', 'u32'],
  ['StartAddress', 'u32'],
  ['EndAddress', 'u32'],
  ['CurrentTime', 'u64'], // when it was unloaded (FILETIME)
] as const);

/** UNLOADED_DRIVERS (x64/ARM64). */
export const UNLOADED_DRIVERS64 = defineStruct('UNLOADED_DRIVERS64', [
  ['NameLength', 'u16'],
  ['NameMaximumLength', 'u16'],
  ['NamePadding', 'u32'],
  ['NameBuffer', 'u64'],
  ['StartAddress', 'u64'],
  ['EndAddress', 'u64'],
  ['CurrentTime', 'u64'],
] as const);

/**
 * KDDEBUGGER_DATA64 (WDBGEXTS.H), the fields up to KiProcessorBlock and
 * MmUnloadedDrivers; `Size` in the header says how much of it is present.
 * Starts with DBGKD_DEBUG_DATA_HEADER64 {LIST_ENTRY64 List; OwnerTag; Size}.
 */
export const KDDEBUGGER_DATA64 = defineStruct('KDDEBUGGER_DATA64', [
  ['ListFlink', 'u64'],
  ['ListBlink', 'u64'],
  ['OwnerTag', 'u32'],
  ['Size', 'u32'],
  ['KernBase', 'u64'],
  ['BreakpointWithStatus', 'u64'],
  ['SavedContext', 'u64'],
  ['ThCallbackStack', 'u16'],
  ['NextCallback', 'u16'],
  ['FramePointer', 'u16'],
  ['PaeEnabled', 'u16'],
  ['KiCallUserMode', 'u64'],
  ['KeUserCallbackDispatcher', 'u64'],
  ['PsLoadedModuleList', 'u64'],
  ['PsActiveProcessHead', 'u64'],
  ['PspCidTable', 'u64'],
  ['ExpSystemResourcesList', 'u64'],
  ['ExpPagedPoolDescriptor', 'u64'],
  ['ExpNumberOfPagedPools', 'u64'],
  ['KeTimeIncrement', 'u64'],
  ['KeBugCheckCallbackListHead', 'u64'],
  ['KiBugcheckData', 'u64'],
  ['IopErrorLogListHead', 'u64'],
  ['ObpRootDirectoryObject', 'u64'],
  ['ObpTypeObjectType', 'u64'],
  ['MmSystemCacheStart', 'u64'],
  ['MmSystemCacheEnd', 'u64'],
  ['MmSystemCacheWs', 'u64'],
  ['MmPfnDatabase', 'u64'],
  ['MmSystemPtesStart', 'u64'],
  ['MmSystemPtesEnd', 'u64'],
  ['MmSubsectionBase', 'u64'],
  ['MmNumberOfPagingFiles', 'u64'],
  ['MmLowestPhysicalPage', 'u64'],
  ['MmHighestPhysicalPage', 'u64'],
  ['MmNumberOfPhysicalPages', 'u64'],
  ['MmMaximumNonPagedPoolInBytes', 'u64'],
  ['MmNonPagedSystemStart', 'u64'],
  ['MmNonPagedPoolStart', 'u64'],
  ['MmNonPagedPoolEnd', 'u64'],
  ['MmPagedPoolStart', 'u64'],
  ['MmPagedPoolEnd', 'u64'],
  ['MmPagedPoolInformation', 'u64'],
  ['MmPageSize', 'u64'],
  ['MmSizeOfPagedPoolInBytes', 'u64'],
  ['MmTotalCommitLimit', 'u64'],
  ['MmTotalCommittedPages', 'u64'],
  ['MmSharedCommit', 'u64'],
  ['MmDriverCommit', 'u64'],
  ['MmProcessCommit', 'u64'],
  ['MmPagedPoolCommit', 'u64'],
  ['MmExtendedCommit', 'u64'],
  ['MmZeroedPageListHead', 'u64'],
  ['MmFreePageListHead', 'u64'],
  ['MmStandbyPageListHead', 'u64'],
  ['MmModifiedPageListHead', 'u64'],
  ['MmModifiedNoWritePageListHead', 'u64'],
  ['MmAvailablePages', 'u64'],
  ['MmResidentAvailablePages', 'u64'],
  ['PoolTrackTable', 'u64'],
  ['NonPagedPoolDescriptor', 'u64'],
  ['MmHighestUserAddress', 'u64'],
  ['MmSystemRangeStart', 'u64'],
  ['MmUserProbeAddress', 'u64'],
  ['KdPrintCircularBuffer', 'u64'],
  ['KdPrintCircularBufferEnd', 'u64'],
  ['KdPrintWritePointer', 'u64'],
  ['KdPrintRolloverCount', 'u64'],
  ['MmLoadedUserImageList', 'u64'],
  ['NtBuildLab', 'u64'],
  ['KiNormalSystemCall', 'u64'],
  ['KiProcessorBlock', 'u64'],
  ['MmUnloadedDrivers', 'u64'],
  ['MmLastUnloadedDriver', 'u64'],
  ['MmTriageActionTaken', 'u64'],
  ['MmSpecialPoolTag', 'u64'],
  ['KernelVerifier', 'u64'],
  ['MmVerifierData', 'u64'],
  ['MmAllocatedNonPagedPool', 'u64'],
  ['MmPeakCommitment', 'u64'],
  ['MmTotalCommitLimitMaximum', 'u64'],
  ['CmNtCSDVersion', 'u64'],
  ['MmPhysicalMemoryBlock', 'u64'],
  ['MmSessionBase', 'u64'],
  ['MmSessionSize', 'u64'],
  ['MmSystemParentTablePage', 'u64'],
  ['MmVirtualTranslationBase', 'u64'],
  // Offsets block (u16 each) used by debuggers to read EPROCESS/ETHREAD/KPRCB.
  ['OffsetKThreadNextProcessor', 'u16'],
  ['OffsetKThreadTeb', 'u16'],
  ['OffsetKThreadKernelStack', 'u16'],
  ['OffsetKThreadInitialStack', 'u16'],
  ['OffsetKThreadApcProcess', 'u16'],
  ['OffsetKThreadState', 'u16'],
  ['OffsetKThreadBStore', 'u16'],
  ['OffsetKThreadBStoreLimit', 'u16'],
  ['SizeEProcess', 'u16'],
  ['OffsetEprocessPeb', 'u16'],
  ['OffsetEprocessParentCID', 'u16'],
  ['OffsetEprocessDirectoryTableBase', 'u16'],
  ['SizePrcb', 'u16'],
  ['OffsetPrcbDpcRoutine', 'u16'],
  ['OffsetPrcbCurrentThread', 'u16'],
  ['OffsetPrcbMhz', 'u16'],
  ['OffsetPrcbCpuType', 'u16'],
  ['OffsetPrcbVendorString', 'u16'],
  ['OffsetPrcbProcStateContext', 'u16'],
  ['OffsetPrcbNumber', 'u16'],
  ['SizeEThread', 'u16'],
] as const);

/** The u64 slots of KDDEBUGGER_DATA64 after the header: the part Windows encodes. */
export const KDBG_ENCODED_START = KDDEBUGGER_DATA64.offsetOf('KernBase');

/**
 * CONTEXT (winnt.h) for the architectures kernel dumps come from: the same
 * layouts a minidump thread carries, declared once in ../minidump/context.
 */
export { CONTEXT_AMD64 } from '../minidump/context/amd64';
export { CONTEXT_ARM64 } from '../minidump/context/arm64';
export { CONTEXT_X86 } from '../minidump/context/x86';

/** EXCEPTION_RECORD64 (winnt.h), as stored in DUMP_HEADER64.Exception. */
export const EXCEPTION_RECORD64 = defineStruct('EXCEPTION_RECORD64', [
  ['ExceptionCode', 'u32'],
  ['ExceptionFlags', 'u32'],
  ['ExceptionRecord', 'u64'],
  ['ExceptionAddress', 'u64'],
  ['NumberParameters', 'u32'],
  ['Alignment', 'u32'],
  ['ExceptionInformation', { bytes: 15 * 8 }],
] as const);

/** EXCEPTION_RECORD32 (winnt.h), as stored in DUMP_HEADER32.Exception. */
export const EXCEPTION_RECORD32 = defineStruct('EXCEPTION_RECORD32', [
  ['ExceptionCode', 'u32'],
  ['ExceptionFlags', 'u32'],
  ['ExceptionRecord', 'u32'],
  ['ExceptionAddress', 'u32'],
  ['NumberParameters', 'u32'],
  ['ExceptionInformation', { bytes: 15 * 4 }],
] as const);
