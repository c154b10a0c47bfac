/**
 * Messages for `!error`, `!gle` and `.exr`: the most common Win32 errors and
 * NTSTATUS codes, worded as FormatMessage returns them (winerror.h,
 * ntstatus.h). Codes not listed here are reported as unknown, never guessed.
 */
export const WIN32_ERRORS: Record<number, [string, string]> = {
  0: ['ERROR_SUCCESS', 'The operation completed successfully.'],
  1: ['ERROR_INVALID_FUNCTION', 'Incorrect function.'],
  2: ['ERROR_FILE_NOT_FOUND', 'The system cannot find the file specified.'],
  3: ['ERROR_PATH_NOT_FOUND', 'The system cannot find the path specified.'],
  5: ['ERROR_ACCESS_DENIED', 'Access is denied.'],
  6: ['ERROR_INVALID_HANDLE', 'The handle is invalid.'],
  8: ['ERROR_NOT_ENOUGH_MEMORY', 'Not enough memory resources are available to process this command.'],
  14: ['ERROR_OUTOFMEMORY', 'Not enough memory resources are available to complete this operation.'],
  31: ['ERROR_GEN_FAILURE', 'A device attached to the system is not functioning.'],
  32: ['ERROR_SHARING_VIOLATION', 'The process cannot access the file because it is being used by another process.'],
  87: ['ERROR_INVALID_PARAMETER', 'The parameter is incorrect.'],
  109: ['ERROR_BROKEN_PIPE', 'The pipe has been ended.'],
  122: ['ERROR_INSUFFICIENT_BUFFER', 'The data area passed to a system call is too small.'],
  126: ['ERROR_MOD_NOT_FOUND', 'The specified module could not be found.'],
  127: ['ERROR_PROC_NOT_FOUND', 'The specified procedure could not be found.'],
  183: ['ERROR_ALREADY_EXISTS', 'Cannot create a file when that file already exists.'],
  203: ['ERROR_ENVVAR_NOT_FOUND', 'The system could not find the environment option that was entered.'],
  258: ['WAIT_TIMEOUT', 'The wait operation timed out.'],
  259: ['ERROR_NO_MORE_ITEMS', 'No more data is available.'],
  487: ['ERROR_INVALID_ADDRESS', 'Attempt to access invalid address.'],
  997: ['ERROR_IO_PENDING', 'Overlapped I/O operation is in progress.'],
  998: ['ERROR_NOACCESS', 'Invalid access to memory location.'],
  1168: ['ERROR_NOT_FOUND', 'Element not found.'],
  1400: ['ERROR_INVALID_WINDOW_HANDLE', 'Invalid window handle.'],
  1455: ['ERROR_COMMITMENT_LIMIT', 'The paging file is too small for this operation to complete.'],
};

export const NTSTATUS: Record<number, [string, string]> = {
  0x00000000: ['STATUS_SUCCESS', 'The operation completed successfully.'],
  0x00000102: ['STATUS_TIMEOUT', 'The wait operation timed out.'],
  0x00000103: ['STATUS_PENDING', 'The operation that was requested is pending completion.'],
  0x80000003: ['STATUS_BREAKPOINT', '{EXCEPTION} Breakpoint A breakpoint has been reached.'],
  0x80000004: ['STATUS_SINGLE_STEP', '{EXCEPTION} Single Step A single step or trace operation has just been completed.'],
  0x80000001: ['STATUS_GUARD_PAGE_VIOLATION', '{EXCEPTION} Guard Page Exception A page of memory that marks the end of a data structure, such as a stack or an array, has been accessed.'],
  0x4000001f: ['STATUS_WX86_BREAKPOINT', 'Exception status code used by Win32 x86 emulation subsystem.'],
  0xc0000005: ['STATUS_ACCESS_VIOLATION', 'The instruction at 0x%p referenced memory at 0x%p. The memory could not be %s.'],
  0xc0000006: ['STATUS_IN_PAGE_ERROR', 'The instruction at 0x%p referenced memory at 0x%p. The required data was not placed into memory because of an I/O error status of 0x%x.'],
  0xc0000008: ['STATUS_INVALID_HANDLE', 'An invalid HANDLE was specified.'],
  0xc000000d: ['STATUS_INVALID_PARAMETER', 'An invalid parameter was passed to a service or function.'],
  0xc0000017: ['STATUS_NO_MEMORY', '{Not Enough Quota} Not enough virtual memory or paging file quota is available to complete the specified operation.'],
  0xc000001d: ['STATUS_ILLEGAL_INSTRUCTION', '{EXCEPTION} Illegal Instruction An attempt was made to execute an illegal instruction.'],
  0xc0000022: ['STATUS_ACCESS_DENIED', 'A process has requested access to an object, but has not been granted those access rights.'],
  0xc0000025: ['STATUS_NONCONTINUABLE_EXCEPTION', '{EXCEPTION} Cannot Continue Windows cannot continue from this exception.'],
  0xc0000026: ['STATUS_INVALID_DISPOSITION', 'An invalid exception disposition was returned by an exception handler.'],
  0xc000008c: ['STATUS_ARRAY_BOUNDS_EXCEEDED', '{EXCEPTION} Array bounds exceeded.'],
  0xc000008d: ['STATUS_FLOAT_DENORMAL_OPERAND', '{EXCEPTION} Floating-point denormal operand.'],
  0xc000008e: ['STATUS_FLOAT_DIVIDE_BY_ZERO', '{EXCEPTION} Floating-point division by zero.'],
  0xc0000090: ['STATUS_FLOAT_INVALID_OPERATION', '{EXCEPTION} Floating-point invalid operation.'],
  0xc0000094: ['STATUS_INTEGER_DIVIDE_BY_ZERO', '{EXCEPTION} Integer division by zero.'],
  0xc0000095: ['STATUS_INTEGER_OVERFLOW', '{EXCEPTION} Integer overflow.'],
  0xc0000096: ['STATUS_PRIVILEGED_INSTRUCTION', '{EXCEPTION} Privileged instruction.'],
  0xc00000fd: ['STATUS_STACK_OVERFLOW', 'A new guard page for the stack cannot be created.'],
  0xc0000135: ['STATUS_DLL_NOT_FOUND', '{Unable To Locate Component} This application has failed to start because %hs was not found.'],
  0xc0000139: ['STATUS_ENTRYPOINT_NOT_FOUND', '{Entry Point Not Found} The procedure entry point %hs could not be located in the dynamic link library %hs.'],
  0xc000013a: ['STATUS_CONTROL_C_EXIT', '{Application Exit by CTRL+C} The application terminated as a result of a CTRL+C.'],
  0xc0000142: ['STATUS_DLL_INIT_FAILED', '{DLL Initialization Failed} Initialization of the dynamic link library %hs failed.'],
  0xc0000194: ['STATUS_POSSIBLE_DEADLOCK', '{EXCEPTION} Possible deadlock condition.'],
  0xc0000374: ['STATUS_HEAP_CORRUPTION', 'A heap has been corrupted.'],
  0xc0000409: ['STATUS_STACK_BUFFER_OVERRUN', 'The system detected an overrun of a stack-based buffer in this application. This overrun could potentially allow a malicious user to gain control of this application.'],
  0xc0000417: ['STATUS_INVALID_CRUNTIME_PARAMETER', 'An invalid parameter was passed to a C runtime function.'],
  0xc0000420: ['STATUS_ASSERTION_FAILURE', 'An assertion failure has occurred.'],
  0xc0000602: ['STATUS_FAIL_FAST_EXCEPTION', '{Fail Fast Exception} A fail fast exception occurred. Exception handlers will not be invoked and the process will be terminated immediately.'],
  0xe06d7363: ['CPP_EH_EXCEPTION', 'A C++ exception was thrown (throw statement: MSVC exception code 0xE06D7363, "msc").'],
};

/** `!error` text: "Error code: (Win32) 0x5 (5) - Access is denied." or the NTSTATUS form. */
export function errorText(code: number, asNtStatus?: boolean): string {
  const nt = asNtStatus ?? code > 0xffff;
  if (nt) {
    const e = NTSTATUS[code];
    return `Error code: (NTSTATUS) 0x${code.toString(16)} (${code}) - ${e ? e[1] : '<Unable to get error code text>'}`;
  }
  const e = WIN32_ERRORS[code];
  return `Error code: (Win32) 0x${code.toString(16)} (${code}) - ${e ? e[1] : '<Unable to get error code text>'}`;
}
