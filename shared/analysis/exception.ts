/**
 * Turns a user-mode exception record into words: the crash name Breakpad's
 * minidump_stackwalk prints (its "Crash reason"), the crash address it
 * prints, WinDbg's explanation of the parameters ("Attempt to write to
 * address 00000045") and the failure class WinDbg starts its bucket with.
 */
import type { DumpException } from '../dump/types';
import { hex, padHex } from '../hex';
import { fastFailName } from './catalog/fastFail';
import { lookupStatus } from './catalog/ntstatus';

export const STATUS_ACCESS_VIOLATION = 0xc0000005;
export const STATUS_IN_PAGE_ERROR = 0xc0000006;
export const STATUS_INVALID_PARAMETER = 0xc000000d;
export const STATUS_BREAKPOINT = 0x80000003;
export const STATUS_WX86_BREAKPOINT = 0x4000001f;
export const STATUS_STACK_OVERFLOW = 0xc00000fd;
export const STATUS_HEAP_CORRUPTION = 0xc0000374;
export const STATUS_STACK_BUFFER_OVERRUN = 0xc0000409;
export const STATUS_INVALID_CRUNTIME_PARAMETER = 0xc0000417;
export const CPP_EH_EXCEPTION = 0xe06d7363;

/** Magic numbers MSVC puts in parameter 0 of a C++ exception (EH_MAGIC_NUMBER1..3). */
const CPP_EH_MAGIC = new Set([0x19930520n, 0x19930521n, 0x19930522n]);

export type AccessKind = 'read' | 'write' | 'execute';

export interface DecodedException {
  code: number;
  /** ntstatus.h / winnt.h name of the code itself; null when unknown. */
  codeName: string | null;
  /** The crash name: Breakpad's crash reason where it has one (see ntstatus.ts), else ours. */
  name: string;
  /** One sentence in WinDbg's words: "Attempt to write to address 00000045". */
  description: string;
  /** Breakpad's crash address: the faulting data address for access violations, else where it was raised. */
  address: bigint;
  /** Access kind for access violations and in-page errors. */
  access?: AccessKind;
  /** Fast-fail sub-code name for 0xC0000409. */
  subcode?: string;
  /** WinDbg FAILURE_BUCKET_ID prefix: NULL_POINTER_READ, INVALID_POINTER_WRITE, STACK_OVERFLOW… */
  failureClass: string;
  /** What each parameter means, index for index; null where nothing is known. */
  parameterMeanings: (string | null)[];
}

function accessKind(p0: bigint | undefined): AccessKind | undefined {
  // EXCEPTION_RECORD.ExceptionInformation[0] for access violations: 0 read, 1 write, 8 DEP (execute).
  if (p0 === 0n) return 'read';
  if (p0 === 1n) return 'write';
  if (p0 === 8n) return 'execute';
  return undefined;
}

const ACCESS_SUFFIX: Record<AccessKind, string> = { read: 'READ', write: 'WRITE', execute: 'EXEC' };

/** WinDbg's wording after EXCEPTION_RECORD, with the address as `ptr` prints it. */
function attemptText(kind: AccessKind | undefined, address: string): string {
  switch (kind) {
    case 'read': return `Attempt to read from address ${address}`;
    case 'write': return `Attempt to write to address ${address}`;
    case 'execute': return `Attempt to execute non-executable address ${address}`;
    default: return `Attempt to access address ${address}`;
  }
}

/** Access-violation class the way WinDbg buckets it: null page, small offset from null, anything else. */
function pointerClass(kind: AccessKind | undefined, address: bigint): string {
  const k = kind === 'write' ? 'WRITE' : kind === 'execute' ? 'EXECUTE' : 'READ';
  if (kind === 'execute') return address < 0x10000n ? 'NULL_POINTER_EXECUTE' : 'BAD_INSTRUCTION_PTR';
  if (address === 0n) return `NULL_POINTER_${k}`;
  if (address < 0x10000n) return `NULL_CLASS_PTR_${k}`;
  return `INVALID_POINTER_${k}`;
}

/**
 * Decodes an exception. `is64` picks the pointer width for addresses in the
 * text (and masks 32-bit dumps' addresses, whose upper half can hold junk:
 * Breakpad does the same, see minidump_32bit_crash_addr.dmp).
 */
export function decodeException(ex: DumpException, is64: boolean): DecodedException {
  const code = ex.code >>> 0;
  const p = ex.parameters;
  const mask = (v: bigint): bigint => (is64 ? BigInt.asUintN(64, v) : BigInt.asUintN(32, v));
  const ptr = (v: bigint): string => padHex(mask(v), is64 ? 16 : 8);
  const status = lookupStatus(code);
  const meanings: (string | null)[] = p.map(() => null);
  let address = mask(ex.address);
  let name = status?.name ?? unknownName(code);
  let description = status?.description ?? `Exception code 0x${padHex(code, 8)} is not a known status code.`;
  let failureClass = 'APPLICATION_FAULT';
  let access: AccessKind | undefined;
  let subcode: string | undefined;

  switch (code) {
    case STATUS_ACCESS_VIOLATION:
    case STATUS_IN_PAGE_ERROR: {
      const base = code === STATUS_ACCESS_VIOLATION ? 'EXCEPTION_ACCESS_VIOLATION' : 'EXCEPTION_IN_PAGE_ERROR';
      if (p.length >= 1) {
        access = accessKind(p[0]);
        meanings[0] = access ? `${access} access` : 'access type (unknown value)';
        if (access) name = `${base}_${ACCESS_SUFFIX[access]}`;
      }
      if (p.length >= 2) {
        address = mask(p[1]!);
        meanings[1] = 'address accessed';
        description = attemptText(access, ptr(address));
      }
      if (code === STATUS_IN_PAGE_ERROR && p.length >= 3) {
        const io = Number(BigInt.asUintN(32, p[2]!));
        meanings[2] = `I/O status 0x${padHex(io, 8)}${lookupStatus(io) ? ` (${lookupStatus(io)!.name})` : ''}`;
        description += `; the page could not be read in (I/O status 0x${padHex(io, 8)})`;
        failureClass = `IN_PAGE_ERROR_${access ? ACCESS_SUFFIX[access] : 'READ'}`;
      } else {
        failureClass = pointerClass(access, address);
      }
      break;
    }
    case STATUS_STACK_BUFFER_OVERRUN: {
      // Since Windows 8, __fastfail(code) raises 0xC0000409 with the code in parameter 0.
      if (p.length >= 1) {
        subcode = fastFailName(p[0]!) ?? `FAST_FAIL_${p[0]!.toString()}`;
        name = subcode;
        meanings[0] = `fast-fail code ${p[0]!.toString()} (${subcode})`;
        description = `__fastfail(${p[0]!.toString()}): ${subcode}. ${FAST_FAIL_HINT[subcode] ?? 'The process ended itself immediately; no exception handler ran.'}`;
        failureClass = `FAIL_FAST_${subcode.replace(/^FAST_FAIL_/, '')}`;
      } else {
        name = 'EXCEPTION_STACK_BUFFER_OVERRUN';
        failureClass = 'STACK_BUFFER_OVERRUN';
      }
      break;
    }
    case STATUS_STACK_OVERFLOW:
      description = 'Stack overflow: the thread ran out of stack (no new guard page could be created).';
      if (p.length >= 2) {
        meanings[0] = 'access type';
        meanings[1] = 'address on the guard page';
      }
      failureClass = 'STACK_OVERFLOW';
      break;
    case STATUS_BREAKPOINT:
    case STATUS_WX86_BREAKPOINT:
      description = 'A breakpoint was hit (int 3 / __debugbreak / DebugBreak).';
      failureClass = 'BREAKPOINT';
      break;
    case STATUS_HEAP_CORRUPTION:
      if (p.length >= 1) meanings[0] = 'heap handle';
      description = p.length >= 1 ? `The heap at ${ptr(p[0]!)} has been corrupted.` : 'A heap has been corrupted.';
      failureClass = 'HEAP_CORRUPTION';
      break;
    case STATUS_INVALID_PARAMETER:
    case STATUS_INVALID_CRUNTIME_PARAMETER:
      // Breakpad prints the raw code ("0xc000000d / 0x00000000"); the status name says more.
      description = `${status!.description} (usually the C runtime's invalid-parameter handler ending the process)`;
      failureClass = code === STATUS_INVALID_PARAMETER ? 'INVALID_PARAMETER' : 'INVALID_CRUNTIME_PARAMETER';
      break;
    case CPP_EH_EXCEPTION: {
      const magic = p[0];
      if (magic !== undefined) meanings[0] = CPP_EH_MAGIC.has(magic) ? 'MSVC EH magic number' : 'EH magic (unexpected value)';
      if (p.length >= 2) meanings[1] = 'thrown object';
      if (p.length >= 3) meanings[2] = 'ThrowInfo (type of the thrown object)';
      if (p.length >= 4) meanings[3] = 'image base of the throwing module';
      description = p.length >= 3
        ? `Unhandled C++ exception: object at ${ptr(p[1]!)}, ThrowInfo at ${ptr(p[2]!)}.`
        : 'Unhandled C++ exception.';
      failureClass = 'CPP_EH_EXCEPTION';
      break;
    }
    default:
      failureClass = status ? className(status.name) : 'APPLICATION_FAULT';
  }
  return { code, codeName: status?.name ?? null, name, description, address, access, subcode, failureClass, parameterMeanings: meanings };
}

/**
 * Codes we do not know. A code without the severity bits (below 0x40000000)
 * or with the customer bit (0x20000000) is not a system status: the program
 * raised it itself (RaiseException). Unreal Engine, for instance, raises 1
 * on fatal errors, which Breakpad prints as "0x00000001 / 0x00000000".
 */
function unknownName(code: number): string {
  if (code < 0x40000000 || (code & 0x20000000) !== 0) return 'APPLICATION_DEFINED_EXCEPTION';
  return hex(code);
}

/** EXCEPTION_INT_DIVIDE_BY_ZERO → INT_DIVIDE_BY_ZERO: WinDbg buckets by the bare condition. */
function className(statusName: string): string {
  return statusName.replace(/^(EXCEPTION|STATUS)_/, '');
}

/** What the common fast-fail codes usually mean, in one sentence. */
const FAST_FAIL_HINT: Record<string, string> = {
  FAST_FAIL_LEGACY_GS_VIOLATION: 'A /GS stack cookie check failed: a stack buffer was overrun.',
  FAST_FAIL_STACK_COOKIE_CHECK_FAILURE: 'A /GS stack cookie check failed: a stack buffer was overrun.',
  FAST_FAIL_CORRUPT_LIST_ENTRY: 'A doubly linked list entry was corrupt (memory corruption).',
  FAST_FAIL_INVALID_ARG: 'An invalid argument reached the C runtime (invalid-parameter handler).',
  FAST_FAIL_FATAL_APP_EXIT: 'The program asked to end at once (abort(), std::terminate or FatalAppExit).',
  FAST_FAIL_RANGE_CHECK_FAILURE: 'An array index was out of range.',
  FAST_FAIL_GUARD_ICALL_CHECK_FAILURE: 'Control Flow Guard stopped an indirect call to an invalid target.',
  FAST_FAIL_INVALID_REFERENCE_COUNT: 'A reference count went below zero or overflowed.',
  FAST_FAIL_GUARD_SS_FAILURE: 'The CET shadow stack did not match the return address.',
  FAST_FAIL_HEAP_METADATA_CORRUPTION: 'Heap metadata was corrupt.',
  FAST_FAIL_UNEXPECTED_HEAP_EXCEPTION: 'The heap raised an exception it did not expect.',
};
