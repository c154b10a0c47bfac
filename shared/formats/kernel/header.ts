import type { Reader } from '../../bytes/reader';
import type { StructValue } from '../../bytes/struct';
import { DumpFormatError } from '../../errors';
import {
  DUMP_HEADER32,
  DUMP_HEADER64,
  DUMP_SIGNATURE,
  DUMP_VALID_DUMP,
  DUMP_VALID_DUMP64,
  PHYSICAL_MEMORY_BLOCK_BYTES,
  PHYSICAL_MEMORY_DESCRIPTOR32,
  PHYSICAL_MEMORY_DESCRIPTOR64,
  PHYSICAL_MEMORY_RUN32,
  PHYSICAL_MEMORY_RUN64,
} from './structs';

/** One run of consecutive physical pages: [basePage, basePage + pageCount). */
export interface PhysicalRun {
  basePage: bigint;
  pageCount: bigint;
}

/**
 * DUMP_HEADER32 / DUMP_HEADER64 normalised to one shape: pointers widened to
 * bigint, and the PAGE filler Windows leaves in unused fields turned into
 * `undefined` ("absent", see windows-crash-facts §6).
 */
export interface KernelHeader {
  is64: boolean;
  /** Byte length of the main header; the type-specific header starts here. */
  headerSize: number;
  majorVersion: number;
  /** The OS build number (19041, 22000…). */
  minorVersion: number;
  directoryTableBase: bigint;
  pfnDataBase: bigint;
  psLoadedModuleList: bigint;
  psActiveProcessHead: bigint;
  machineImageType: number;
  numberProcessors: number;
  bugCheckCode: number;
  bugCheckParameters: [bigint, bigint, bigint, bigint];
  /** x86 only: the kernel ran with PAE paging. */
  paeEnabled: boolean;
  kdSecondaryVersion: number | undefined;
  kdDebuggerDataBlock: bigint;
  /** PHYSICAL_MEMORY_DESCRIPTOR; undefined when the slot holds the PAGE filler. */
  physicalMemory: { numberOfPages: bigint; runs: PhysicalRun[] } | undefined;
  /** File offsets of the CONTEXT and EXCEPTION_RECORD slots. */
  contextOffset: number;
  exceptionOffset: number;
  comment: string | undefined;
  dumpType: number;
  miniDumpFields: number | undefined;
  secondaryDataState: number | undefined;
  productType: number | undefined;
  suiteMask: number | undefined;
  writerStatus: number | undefined;
  requiredDumpSpace: bigint | undefined;
  /** FILETIME (100 ns since 1601, UTC). */
  systemTime: bigint | undefined;
  /** 100 ns units since boot. */
  systemUpTime: bigint | undefined;
  attributes: number | undefined;
  bootId: number | undefined;
}

/** 'PAGE' repeated: Windows fills every header byte it does not write with it. */
const FILLER32 = DUMP_SIGNATURE;
const FILLER64 = 0x4547415045474150n;

const u32OrAbsent = (v: number): number | undefined => (v === FILLER32 ? undefined : v);
const u64OrAbsent = (v: bigint): bigint | undefined => (v === FILLER64 ? undefined : v);

/** The word size the signature announces, or undefined when it is not a kernel dump. */
export function sniffKernelHeader(r: Reader): '32' | '64' | undefined {
  if (!r.has(0, 8) || r.u32(0) !== DUMP_SIGNATURE) return undefined;
  const valid = r.u32(4);
  if (valid === DUMP_VALID_DUMP64) return '64';
  if (valid === DUMP_VALID_DUMP) return '32';
  return undefined;
}

function asciiField(b: Uint8Array): string | undefined {
  let s = '';
  for (const c of b) {
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s.length === 0 || /^(PAGE)+/.test(s) ? undefined : s;
}

/** Reads and checks the main header. Throws DumpFormatError for anything that is not a kernel dump. */
export function readKernelHeader(r: Reader): KernelHeader {
  const width = sniffKernelHeader(r);
  if (!width) {
    throw new DumpFormatError('BadSignature', `kernel dump: expected "PAGEDUMP" or "PAGEDU64" at offset 0, found ${describeMagic(r)}`, { offset: 0 });
  }
  return width === '64' ? readHeader64(r) : readHeader32(r);
}

function describeMagic(r: Reader): string {
  const n = Math.min(8, r.size);
  const b = r.bytes(0, n);
  let s = '';
  for (const c of b) s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
  return n === 0 ? 'an empty file' : `"${s}"`;
}

function requireFullHeader(r: Reader, size: number, what: string): void {
  if (!r.has(0, size)) {
    throw new DumpFormatError('Truncated', `kernel dump: the ${what} header needs 0x${size.toString(16)} bytes but the file has only 0x${r.size.toString(16)}`, { offset: 0, size, limit: r.size });
  }
}

/** Fields after the exception record: same width in both layouts, unwritten ones left as PAGE filler. */
type DumpTypeFieldNames =
  | 'Comment' | 'DumpType' | 'MiniDumpFields' | 'SecondaryDataState' | 'ProductType' | 'SuiteMask'
  | 'WriterStatus' | 'RequiredDumpSpace' | 'SystemTime' | 'SystemUpTime' | 'Attributes' | 'BootId';

function dumpTypeFields(h: Pick<StructValue<typeof DUMP_HEADER64.fields>, DumpTypeFieldNames>) {
  return {
    comment: asciiField(h.Comment),
    dumpType: h.DumpType,
    miniDumpFields: u32OrAbsent(h.MiniDumpFields),
    secondaryDataState: u32OrAbsent(h.SecondaryDataState),
    productType: u32OrAbsent(h.ProductType),
    suiteMask: u32OrAbsent(h.SuiteMask),
    writerStatus: u32OrAbsent(h.WriterStatus),
    requiredDumpSpace: u64OrAbsent(h.RequiredDumpSpace),
    systemTime: u64OrAbsent(h.SystemTime),
    systemUpTime: u64OrAbsent(h.SystemUpTime),
    attributes: u32OrAbsent(h.Attributes),
    bootId: u32OrAbsent(h.BootId),
  } satisfies Partial<KernelHeader>;
}

function readHeader64(r: Reader): KernelHeader {
  requireFullHeader(r, DUMP_HEADER64.size, 'DUMP_HEADER64');
  const h = DUMP_HEADER64.read(r, 0);
  const pmOffset = DUMP_HEADER64.offsetOf('PhysicalMemoryBlock');
  return {
    is64: true,
    headerSize: DUMP_HEADER64.size,
    majorVersion: h.MajorVersion,
    minorVersion: h.MinorVersion,
    directoryTableBase: h.DirectoryTableBase,
    pfnDataBase: h.PfnDataBase,
    psLoadedModuleList: h.PsLoadedModuleList,
    psActiveProcessHead: h.PsActiveProcessHead,
    machineImageType: h.MachineImageType,
    numberProcessors: h.NumberProcessors,
    bugCheckCode: h.BugCheckCode,
    bugCheckParameters: [h.BugCheckParameter1, h.BugCheckParameter2, h.BugCheckParameter3, h.BugCheckParameter4],
    paeEnabled: false,
    kdSecondaryVersion: h.KdSecondaryVersion === 0x41 /* 'A' of the PAGE filler */ ? undefined : h.KdSecondaryVersion,
    kdDebuggerDataBlock: h.KdDebuggerDataBlock,
    physicalMemory: readRuns(r, pmOffset, true),
    contextOffset: DUMP_HEADER64.offsetOf('ContextRecord'),
    exceptionOffset: DUMP_HEADER64.offsetOf('Exception'),
    ...dumpTypeFields(h),
  };
}

function readHeader32(r: Reader): KernelHeader {
  requireFullHeader(r, DUMP_HEADER32.size, 'DUMP_HEADER32');
  const h = DUMP_HEADER32.read(r, 0);
  const pmOffset = DUMP_HEADER32.offsetOf('PhysicalMemoryBlock');
  const w = (v: number): bigint => BigInt(v);
  return {
    is64: false,
    headerSize: DUMP_HEADER32.size,
    majorVersion: h.MajorVersion,
    minorVersion: h.MinorVersion,
    directoryTableBase: w(h.DirectoryTableBase),
    pfnDataBase: w(h.PfnDataBase),
    psLoadedModuleList: w(h.PsLoadedModuleList),
    psActiveProcessHead: w(h.PsActiveProcessHead),
    machineImageType: h.MachineImageType,
    numberProcessors: h.NumberProcessors,
    bugCheckCode: h.BugCheckCode,
    bugCheckParameters: [w(h.BugCheckParameter1), w(h.BugCheckParameter2), w(h.BugCheckParameter3), w(h.BugCheckParameter4)],
    paeEnabled: h.PaeEnabled === 1,
    kdSecondaryVersion: h.KdSecondaryVersion === 0x41 ? undefined : h.KdSecondaryVersion,
    kdDebuggerDataBlock: w(h.KdDebuggerDataBlock),
    physicalMemory: readRuns(r, pmOffset, false),
    contextOffset: DUMP_HEADER32.offsetOf('ContextRecord'),
    exceptionOffset: DUMP_HEADER32.offsetOf('Exception'),
    ...dumpTypeFields(h),
  };
}

/**
 * The PHYSICAL_MEMORY_DESCRIPTOR inside the header. The slot is 700 bytes, so
 * the run count is capped by what fits there (not by the file size), and a
 * slot full of PAGE filler means "no descriptor".
 */
function readRuns(r: Reader, offset: number, is64: boolean): KernelHeader['physicalMemory'] {
  if (r.u32(offset) === FILLER32) return undefined;
  const head = is64 ? PHYSICAL_MEMORY_DESCRIPTOR64 : PHYSICAL_MEMORY_DESCRIPTOR32;
  const run = is64 ? PHYSICAL_MEMORY_RUN64 : PHYSICAL_MEMORY_RUN32;
  const d = head.read(r, offset);
  const maxRuns = Math.floor((PHYSICAL_MEMORY_BLOCK_BYTES - head.size) / run.size);
  if (d.NumberOfRuns > maxRuns) {
    throw new DumpFormatError('BadCount', `kernel dump: PHYSICAL_MEMORY_DESCRIPTOR claims ${d.NumberOfRuns} runs but its 700-byte slot holds at most ${maxRuns}`, { offset });
  }
  const runs: PhysicalRun[] = [];
  for (let i = 0; i < d.NumberOfRuns; i++) {
    const v = run.read(r, offset + head.size + i * run.size);
    runs.push({ basePage: BigInt(v.BasePage), pageCount: BigInt(v.PageCount) });
  }
  return { numberOfPages: BigInt(d.NumberOfPages), runs };
}
