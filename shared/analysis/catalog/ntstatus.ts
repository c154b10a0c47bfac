/**
 * NTSTATUS and exception codes seen in user-mode crash dumps: symbolic name
 * (as ntstatus.h / winnt.h spell it; EXCEPTION_* where winnt.h has an alias,
 * because that is what WinDbg and Breakpad print) and the message text.
 *
 * Messages follow the system message table (FormatMessage) in wording, with
 * the `%p`/`%s` inserts left for exception.ts to fill in where it can.
 * Source: ntstatus.h / winnt.h in the Windows SDK, [MS-ERREF] 2.3.
 */
export interface StatusInfo {
  name: string;
  description: string;
}

const S = (name: string, description: string): StatusInfo => ({ name, description });

/** Keyed by the unsigned 32-bit code. */
export const NTSTATUS: ReadonlyMap<number, StatusInfo> = new Map<number, StatusInfo>([
  // Win32 error codes the RPC runtime raises as exceptions.
  [0x000006a6, S('RPC_S_INVALID_BINDING', 'The binding handle is invalid.')],
  [0x000006ba, S('RPC_S_SERVER_UNAVAILABLE', 'The RPC server is unavailable.')],
  [0x4000001e, S('STATUS_WX86_SINGLE_STEP', 'Exception status code used by Win32 x86 emulation subsystem (single step).')],
  [0x4000001f, S('STATUS_WX86_BREAKPOINT', 'A breakpoint was reached in a 32-bit process running under WOW64.')],
  [0x40010005, S('DBG_CONTROL_C', 'Debugger got control C.')],
  [0x40010006, S('DBG_PRINTEXCEPTION_C', 'Debugger printed exception on control C.')],
  [0x40010008, S('DBG_CONTROL_BREAK', 'Debugger received control break.')],
  [0x4001000a, S('DBG_PRINTEXCEPTION_WIDE_C', 'Debugger printed a wide-character string (OutputDebugStringW).')],
  [0x406d1388, S('MS_VC_EXCEPTION', 'Visual C++ thread-naming exception (SetThreadName); harmless unless unhandled.')],
  // Warnings (0x8…).
  [0x80000001, S('EXCEPTION_GUARD_PAGE', 'Guard page violation: a page of memory that marks the end of a data structure, such as a stack or an array, has been accessed.')],
  [0x80000002, S('EXCEPTION_DATATYPE_MISALIGNMENT', 'Datatype misalignment: a datatype misalignment was detected in a load or store instruction.')],
  [0x80000003, S('EXCEPTION_BREAKPOINT', 'Break instruction exception: a breakpoint has been reached.')],
  [0x80000004, S('EXCEPTION_SINGLE_STEP', 'Single step: a single step or trace operation has just been completed.')],
  [0x80000005, S('STATUS_BUFFER_OVERFLOW', 'Buffer overflow: the data was too large to fit into the specified buffer.')],
  [0x80000026, S('STATUS_LONGJUMP', 'A long jump has been executed.')],
  [0x80000029, S('STATUS_UNWIND_CONSOLIDATE', 'A frame consolidation has been executed.')],
  // Errors (0xC…).
  [0xc0000001, S('STATUS_UNSUCCESSFUL', 'The requested operation was unsuccessful.')],
  [0xc0000002, S('STATUS_NOT_IMPLEMENTED', 'The requested operation is not implemented.')],
  [0xc0000005, S('EXCEPTION_ACCESS_VIOLATION', 'The instruction at 0x%p referenced memory at 0x%p. The memory could not be %s.')],
  [0xc0000006, S('EXCEPTION_IN_PAGE_ERROR', 'The instruction at 0x%p referenced memory at 0x%p. The required data was not placed into memory because of an I/O error status of 0x%x.')],
  [0xc0000007, S('STATUS_PAGEFILE_QUOTA', 'The page file quota for the process has been exhausted.')],
  [0xc0000008, S('EXCEPTION_INVALID_HANDLE', 'An invalid HANDLE was specified.')],
  [0xc0000009, S('STATUS_BAD_INITIAL_STACK', 'An invalid initial stack was specified in a call to NtCreateThread.')],
  [0xc000000a, S('STATUS_BAD_INITIAL_PC', 'An invalid initial start address was specified in a call to NtCreateThread.')],
  [0xc000000d, S('STATUS_INVALID_PARAMETER', 'An invalid parameter was passed to a service or function.')],
  [0xc000000f, S('STATUS_NO_SUCH_FILE', 'The file does not exist.')],
  [0xc0000010, S('STATUS_INVALID_DEVICE_REQUEST', 'The specified request is not a valid operation for the target device.')],
  [0xc0000017, S('STATUS_NO_MEMORY', 'Not enough virtual memory or paging file quota is available to complete the specified operation.')],
  [0xc0000018, S('STATUS_CONFLICTING_ADDRESSES', 'The specified address range conflicts with the address space.')],
  [0xc000001d, S('EXCEPTION_ILLEGAL_INSTRUCTION', 'Illegal instruction: an attempt was made to execute an illegal instruction.')],
  [0xc0000022, S('STATUS_ACCESS_DENIED', 'A process has requested access to an object but has not been granted those access rights.')],
  [0xc0000023, S('STATUS_BUFFER_TOO_SMALL', 'The buffer is too small to contain the entry.')],
  [0xc0000024, S('STATUS_OBJECT_TYPE_MISMATCH', 'There is a mismatch between the type of object that is required by the requested operation and the type of object that is specified in the request.')],
  [0xc0000025, S('EXCEPTION_NONCONTINUABLE_EXCEPTION', 'Cannot continue: Windows cannot continue from this exception.')],
  [0xc0000026, S('EXCEPTION_INVALID_DISPOSITION', 'An invalid exception disposition was returned by an exception handler.')],
  [0xc0000027, S('STATUS_UNWIND', 'Unwind exception code.')],
  [0xc0000028, S('STATUS_BAD_STACK', 'An invalid or unaligned stack was encountered during an unwind operation.')],
  [0xc0000029, S('STATUS_INVALID_UNWIND_TARGET', 'An invalid unwind target was encountered during an unwind operation.')],
  [0xc0000034, S('STATUS_OBJECT_NAME_NOT_FOUND', 'The object name is not found.')],
  [0xc000003a, S('STATUS_OBJECT_PATH_NOT_FOUND', 'The path does not exist.')],
  [0xc0000043, S('STATUS_SHARING_VIOLATION', 'A file cannot be opened because the share access flags are incompatible.')],
  [0xc0000044, S('STATUS_QUOTA_EXCEEDED', 'Insufficient quota exists to complete the operation.')],
  [0xc000007b, S('STATUS_INVALID_IMAGE_FORMAT', 'The image is either not designed to run on Windows or it contains an error.')],
  [0xc000008c, S('EXCEPTION_ARRAY_BOUNDS_EXCEEDED', 'Array bounds exceeded.')],
  [0xc000008d, S('EXCEPTION_FLT_DENORMAL_OPERAND', 'Floating-point denormal operand.')],
  [0xc000008e, S('EXCEPTION_FLT_DIVIDE_BY_ZERO', 'Floating-point division by zero.')],
  [0xc000008f, S('EXCEPTION_FLT_INEXACT_RESULT', 'Floating-point inexact result.')],
  [0xc0000090, S('EXCEPTION_FLT_INVALID_OPERATION', 'Floating-point invalid operation.')],
  [0xc0000091, S('EXCEPTION_FLT_OVERFLOW', 'Floating-point overflow.')],
  [0xc0000092, S('EXCEPTION_FLT_STACK_CHECK', 'Floating-point stack check.')],
  [0xc0000093, S('EXCEPTION_FLT_UNDERFLOW', 'Floating-point underflow.')],
  [0xc0000094, S('EXCEPTION_INT_DIVIDE_BY_ZERO', 'Integer division by zero.')],
  [0xc0000095, S('EXCEPTION_INT_OVERFLOW', 'Integer overflow.')],
  [0xc0000096, S('EXCEPTION_PRIV_INSTRUCTION', 'Privileged instruction.')],
  [0xc000009a, S('STATUS_INSUFFICIENT_RESOURCES', 'Insufficient system resources exist to complete the API.')],
  [0xc000009c, S('STATUS_DEVICE_DATA_ERROR', 'There are bad blocks (sectors) on the hard disk.')],
  [0xc000009d, S('STATUS_DEVICE_NOT_CONNECTED', 'The device is not connected.')],
  [0xc00000bb, S('STATUS_NOT_SUPPORTED', 'The request is not supported.')],
  [0xc00000e5, S('STATUS_INTERNAL_ERROR', 'An internal error occurred.')],
  [0xc00000fd, S('EXCEPTION_STACK_OVERFLOW', 'A new guard page for the stack cannot be created.')],
  [0xc0000102, S('STATUS_FILE_CORRUPT_ERROR', 'The file or directory is corrupt and unreadable.')],
  [0xc0000120, S('STATUS_CANCELLED', 'The I/O request was canceled.')],
  [0xc000012d, S('STATUS_COMMITMENT_LIMIT', 'Your system is low on virtual memory.')],
  [0xc0000135, S('STATUS_DLL_NOT_FOUND', 'The code execution cannot proceed because a DLL was not found.')],
  [0xc0000138, S('STATUS_ORDINAL_NOT_FOUND', 'The ordinal could not be located in the dynamic link library.')],
  [0xc0000139, S('STATUS_ENTRYPOINT_NOT_FOUND', 'The procedure entry point could not be located in the dynamic link library.')],
  [0xc000013a, S('STATUS_CONTROL_C_EXIT', 'The application terminated as a result of a CTRL+C.')],
  [0xc0000142, S('STATUS_DLL_INIT_FAILED', 'Initialization of a dynamic link library failed.')],
  [0xc0000144, S('STATUS_UNHANDLED_EXCEPTION', 'An unhandled exception occurred.')],
  [0xc0000185, S('STATUS_IO_DEVICE_ERROR', 'The I/O device reported an I/O error.')],
  [0xc0000194, S('EXCEPTION_POSSIBLE_DEADLOCK', 'Possible deadlock condition.')],
  [0xc000021a, S('STATUS_SYSTEM_PROCESS_TERMINATED', 'A critical system process terminated unexpectedly.')],
  [0xc0000221, S('STATUS_IMAGE_CHECKSUM_MISMATCH', 'The image file is valid but has the wrong checksum: the file may be corrupt.')],
  [0xc000026b, S('STATUS_DLL_INIT_FAILED_LOGOFF', 'The DLL failed to initialize because the system is shutting down.')],
  [0xc000027b, S('STATUS_STOWED_EXCEPTION', 'An application-internal exception has occurred (Windows Runtime stowed exception).')],
  [0xc00002b4, S('STATUS_FLOAT_MULTIPLE_FAULTS', 'Multiple floating-point faults.')],
  [0xc00002b5, S('STATUS_FLOAT_MULTIPLE_TRAPS', 'Multiple floating-point traps.')],
  [0xc00002c5, S('STATUS_DATATYPE_MISALIGNMENT_ERROR', 'A datatype misalignment error was detected in a load or store instruction.')],
  [0xc0000374, S('STATUS_HEAP_CORRUPTION', 'A heap has been corrupted.')],
  [0xc0000409, S('STATUS_STACK_BUFFER_OVERRUN', 'The system detected an overrun of a stack-based buffer in this application. This overrun could potentially allow a malicious user to gain control of this application.')],
  [0xc0000417, S('STATUS_INVALID_CRUNTIME_PARAMETER', 'An invalid parameter was passed to a C runtime function.')],
  [0xc000041d, S('STATUS_FATAL_USER_CALLBACK_EXCEPTION', 'An unhandled exception was encountered during a user callback.')],
  [0xc0000420, S('STATUS_ASSERTION_FAILURE', 'An assertion failure has occurred.')],
  [0xc0000428, S('STATUS_INVALID_IMAGE_HASH', 'Windows cannot verify the digital signature for this file.')],
  [0xc0000602, S('STATUS_FAIL_FAST_EXCEPTION', 'A fail fast exception occurred. Exception handlers will not be invoked and the process will be terminated immediately.')],
  [0xc000070a, S('STATUS_THREADPOOL_HANDLE_EXCEPTION', 'An exception occurred in a thread-pool callback while handling a handle.')],
  [0xc0000906, S('STATUS_VIRUS_INFECTED', 'The operation did not complete successfully because the file contains a virus.')],
  [0xc015000f, S('STATUS_SXS_EARLY_DEACTIVATION', 'The activation context being deactivated is not the most recently activated one.')],
  [0xc0150010, S('STATUS_SXS_INVALID_DEACTIVATION', 'The activation context being deactivated is not active for the current thread of execution.')],
  // Software exceptions raised by language runtimes (RaiseException codes, not NTSTATUS).
  [0xc06d007e, S('VCPP_EXCEPTION_MODULE_NOT_FOUND', 'Delay-load helper: the DLL could not be found (Visual C++ delay-load exception, ERROR_MOD_NOT_FOUND).')],
  [0xc06d007f, S('VCPP_EXCEPTION_PROC_NOT_FOUND', 'Delay-load helper: the procedure could not be found (Visual C++ delay-load exception, ERROR_PROC_NOT_FOUND).')],
  [0xe0434352, S('CLR_EXCEPTION', 'A .NET (CLR) exception was not handled.')],
  [0xe0434f4d, S('COMPLUS_EXCEPTION', 'A .NET Framework 1.x (COM+) exception was not handled.')],
  [0xe06d7363, S('CPP_EH_EXCEPTION', 'A C++ exception (throw) was not handled.')],
]);

/** The entry for `code`, or undefined for codes we do not know. */
export function lookupStatus(code: number): StatusInfo | undefined {
  return NTSTATUS.get(code >>> 0);
}
