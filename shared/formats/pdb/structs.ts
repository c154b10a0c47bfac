import { defineStruct } from '../../bytes/struct';

/**
 * PDB wire structures. Names follow Microsoft's microsoft-pdb sources
 * (PDB/dbi/dbi.h, include/cvinfo.h) and LLVM's PDB docs:
 * https://llvm.org/docs/PDB/index.html
 */

/** MSF 7.00 superblock at offset 0 (LLVM: SuperBlock). */
export const MSF_SUPERBLOCK = defineStruct('MSF SuperBlock', [
  ['FileMagic', { bytes: 32 }],
  ['BlockSize', 'u32'],
  ['FreeBlockMapBlock', 'u32'],
  ['NumBlocks', 'u32'],
  ['NumDirectoryBytes', 'u32'],
  ['Unknown', 'u32'],
  ['BlockMapAddr', 'u32'],
] as const);

/** "Microsoft C/C++ MSF 7.00\r\n\x1aDS\0\0\0" */
export const MSF7_MAGIC = 'Microsoft C/C++ MSF 7.00\r\n\x1aDS\0\0\0';
/** The PDB 2.0 ("JG") container: a different directory layout we do not read. */
export const MSF2_MAGIC_PREFIX = 'Microsoft C/C++ program database 2.00\r\n';

/** Fixed stream numbers. */
export const PDB_STREAM_INFO = 1;
export const PDB_STREAM_TPI = 2;
export const PDB_STREAM_DBI = 3;
export const PDB_STREAM_IPI = 4;

/**
 * TPI / IPI stream header (TpiStreamHeader in LLVM, HDR in microsoft-pdb PDB/dbi/tpi.h);
 * type records follow at HeaderSize, numbered from TypeIndexBegin.
 * https://llvm.org/docs/PDB/TpiStream.html
 */
export const TPI_HEADER = defineStruct('TpiStreamHeader', [
  ['Version', 'u32'],
  ['HeaderSize', 'u32'],
  ['TypeIndexBegin', 'u32'],
  ['TypeIndexEnd', 'u32'],
  ['TypeRecordBytes', 'u32'],
  ['HashStreamIndex', 'u16'],
  ['HashAuxStreamIndex', 'u16'],
  ['HashKeySize', 'u32'],
  ['NumHashBuckets', 'u32'],
  ['HashValueBufferOffset', 'i32'],
  ['HashValueBufferLength', 'u32'],
  ['IndexOffsetBufferOffset', 'i32'],
  ['IndexOffsetBufferLength', 'u32'],
  ['HashAdjBufferOffset', 'i32'],
  ['HashAdjBufferLength', 'u32'],
] as const);
/** TPI version of every PDB since VC 8 (impv80); older ones are not read. */
export const TPI_VERSION_V80 = 20040203;

/** PDB info stream header (PdbStreamHeader / PDBStream70). */
export const PDB_INFO_HEADER = defineStruct('PdbStreamHeader', [
  ['Version', 'u32'],
  ['Signature', 'u32'],
  ['Age', 'u32'],
  ['UniqueId', { bytes: 16 }], // GUID
] as const);

/** DBI stream header (NewDBIHdr in dbi.h). */
export const DBI_HEADER = defineStruct('DbiStreamHeader', [
  ['VersionSignature', 'i32'],
  ['VersionHeader', 'u32'],
  ['Age', 'u32'],
  ['GlobalStreamIndex', 'u16'],
  ['BuildNumber', 'u16'],
  ['PublicStreamIndex', 'u16'],
  ['PdbDllVersion', 'u16'],
  ['SymRecordStream', 'u16'],
  ['PdbDllRbld', 'u16'],
  ['ModInfoSize', 'i32'],
  ['SectionContributionSize', 'i32'],
  ['SectionMapSize', 'i32'],
  ['SourceInfoSize', 'i32'],
  ['TypeServerMapSize', 'i32'],
  ['MFCTypeServerIndex', 'u32'],
  ['OptionalDbgHeaderSize', 'i32'],
  ['ECSubstreamSize', 'i32'],
  ['Flags', 'u16'],
  ['Machine', 'u16'],
  ['Padding', 'u32'],
] as const);

/** SectionContribEntry (SC in dbi.h), 28 bytes. */
export const SECTION_CONTRIB = defineStruct('SectionContribEntry', [
  ['Section', 'u16'],
  ['Padding1', 'u16'],
  ['Offset', 'i32'],
  ['Size', 'i32'],
  ['Characteristics', 'u32'],
  ['ModuleIndex', 'u16'],
  ['Padding2', 'u16'],
  ['DataCrc', 'u32'],
  ['RelocCrc', 'u32'],
] as const);

/** Section contribution substream versions (DbiSecContribVer60 / V2). */
export const SC_VERSION_60 = 0xeffe0000 + 19970605;
export const SC_VERSION_2 = 0xeffe0000 + 20140516;

/** ModInfo (MODI_60 in dbi.h), fixed part; two NUL-terminated names follow, then 4-byte alignment. */
export const MOD_INFO = defineStruct('ModInfo', [
  ['Unused1', 'u32'],
  ['SectionContr', { bytes: 28 }], // SectionContribEntry
  ['Flags', 'u16'],
  ['ModuleSymStream', 'u16'],
  ['SymByteSize', 'u32'],
  ['C11ByteSize', 'u32'],
  ['C13ByteSize', 'u32'],
  ['SourceFileCount', 'u16'],
  ['Padding', 'u16'],
  ['Unused2', 'u32'],
  ['SourceFileNameIndex', 'u32'],
  ['PdbFilePathNameIndex', 'u32'],
] as const);

/** Indexes into the DBI optional debug header (an array of u16 stream numbers). */
export const DBG_HEADER = { FPO: 0, Exception: 1, Fixup: 2, OmapToSrc: 3, OmapFromSrc: 4, SectionHdr: 5, NewFPO: 9, SectionHdrOrig: 10 } as const;

/** OMAP entry: maps an RVA in one layout to another (0 = no mapping). */
export const OMAP_ENTRY = defineStruct('OMAP', [
  ['rva', 'u32'],
  ['rvaTo', 'u32'],
] as const);

/** Publics stream header (PSGSIHDR in gsi.h); a GSI hash table follows, then the address map. */
export const PUBLICS_HEADER = defineStruct('PublicsStreamHeader', [
  ['SymHash', 'u32'],
  ['AddrMap', 'u32'],
  ['NumThunks', 'u32'],
  ['SizeOfThunk', 'u32'],
  ['ISectThunkTable', 'u16'],
  ['Padding', 'u16'],
  ['OffThunkTable', 'u32'],
  ['NumSections', 'u32'],
] as const);

/** Every CodeView symbol record starts with its length (not counting itself) and kind (cvinfo.h SYMTYPE). */
export const SYM_HEADER = defineStruct('SYMTYPE', [
  ['reclen', 'u16'],
  ['rectyp', 'u16'],
] as const);

/** CodeView symbol kinds we read (cvinfo.h SYM_ENUM_e). */
export const S_PUB32 = 0x110e;
export const S_LPROC32 = 0x110f;
export const S_GPROC32 = 0x1110;
export const S_LPROC32_ID = 0x1146;
export const S_GPROC32_ID = 0x1147;
export const S_LPROC32_DPC = 0x1155;
export const S_LPROC32_DPC_ID = 0x1156;
export const S_END = 0x0006;
export const S_INLINESITE = 0x114d;

/** PUBSYM32 after the record header; the name follows. */
export const PUBSYM32 = defineStruct('PUBSYM32', [
  ['pubsymflags', 'u32'], // CV_PUBSYMFLAGS: fCode 1, fFunction 2, fManaged 4, fMSIL 8
  ['off', 'u32'],
  ['seg', 'u16'],
] as const);

/** PROCSYM32 after the record header; the name follows. */
export const PROCSYM32 = defineStruct('PROCSYM32', [
  ['pParent', 'u32'],
  ['pEnd', 'u32'],
  ['pNext', 'u32'],
  ['len', 'u32'],
  ['DbgStart', 'u32'],
  ['DbgEnd', 'u32'],
  ['typind', 'u32'],
  ['off', 'u32'],
  ['seg', 'u16'],
  ['flags', 'u8'],
] as const);

/** C13 debug subsection header (CV_DebugSSubsectionHeader_t). */
export const DEBUG_SUBSECTION_HEADER = defineStruct('CV_DebugSSubsectionHeader_t', [
  ['type', 'u32'],
  ['cbLen', 'u32'],
] as const);

export const DEBUG_S_IGNORE = 0x80000000;
export const DEBUG_S_LINES = 0xf2;
export const DEBUG_S_FILECHKSMS = 0xf4;

/** CV_DebugSLinesHeader_t: the code range one DEBUG_S_LINES subsection covers. */
export const DEBUG_LINES_HEADER = defineStruct('CV_DebugSLinesHeader_t', [
  ['offCon', 'u32'],
  ['segCon', 'u16'],
  ['flags', 'u16'], // CV_LINES_HAVE_COLUMNS = 1
  ['cbCon', 'u32'],
] as const);

/** CV_DebugSLinesFileBlockHeader_t: lines of one source file. */
export const DEBUG_LINES_FILE_BLOCK = defineStruct('CV_DebugSLinesFileBlockHeader_t', [
  ['offFile', 'u32'], // offset into the DEBUG_S_FILECHKSMS subsection
  ['nLines', 'u32'],
  ['cbBlock', 'u32'],
] as const);

/** CV_Line_t: offset from offCon, then linenumStart:24 deltaLineEnd:7 fStatement:1. */
export const CV_LINE = defineStruct('CV_Line_t', [
  ['offset', 'u32'],
  ['flags', 'u32'],
] as const);

/** Header of one DEBUG_S_FILECHKSMS entry; checksum bytes follow, then 4-byte alignment. */
export const FILE_CHECKSUM_HEADER = defineStruct('FileChecksumEntry', [
  ['offFileName', 'u32'], // into the /names string table
  ['cbChecksum', 'u8'],
  ['ChecksumType', 'u8'],
] as const);

/** /names string table header (PDBStringTableHeader). */
export const STRING_TABLE_HEADER = defineStruct('PDBStringTableHeader', [
  ['Signature', 'u32'], // 0xEFFEEFFE
  ['HashVersion', 'u32'],
  ['ByteSize', 'u32'],
] as const);
export const STRING_TABLE_SIGNATURE = 0xeffeeffe;

/** FRAMEDATA (cvinfo.h / LLVM FrameData): x86 frame layout records of the DBI "new FPO" stream. */
export const FRAMEDATA = defineStruct('FRAMEDATA', [
  ['ulRvaStart', 'u32'],
  ['cbBlock', 'u32'],
  ['cbLocals', 'u32'],
  ['cbParams', 'u32'],
  ['cbStkMax', 'u32'],
  ['frameFunc', 'u32'], // program string: offset into /names
  ['cbProlog', 'u16'],
  ['cbSavedRegs', 'u16'],
  ['flags', 'u32'], // fHasSEH:1 fHasEH:1 fIsFunctionStart:1
] as const);

/** FPO_DATA (winnt.h): the old x86 frame-pointer-omission records. Bits: cbProlog:8 cbRegs:3 fHasSEH:1 fUseBP:1 reserved:1 cbFrame:2. */
export const FPO_DATA = defineStruct('FPO_DATA', [
  ['ulOffStart', 'u32'],
  ['cbProcSize', 'u32'],
  ['cdwLocals', 'u32'],
  ['cdwParams', 'u16'],
  ['bits', 'u16'],
] as const);
