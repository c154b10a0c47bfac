/**
 * Bug check catalog: code → name, what each parameter means, typical causes.
 * Written in our own words from Microsoft's "Bug check code reference"
 * (windows-driver-docs) and ../shared/reference/windows-crash-facts.md §5/§6.
 * Where WinDbg's `!analyze -v` has its own argument wording we use it, so
 * our text report reads like WinDbg's (e.g. 0x4A "Current IRQL").
 * Codes with 0x10000000 set are the "_M" twins of the base code (§6).
 */

export interface BugcheckInfo {
  code: number;
  name: string;
  /** One line, as WinDbg prints under the name. */
  summary: string;
  /** Meaning of Arg1..Arg4; '' when reserved. */
  parameters: [string, string, string, string];
  /** Typical culprits, in words. */
  causes: string;
  /** Which parameter (1–4) holds the faulting instruction address, if any (facts §5 practical notes). */
  ipParameter?: 1 | 2 | 3 | 4;
  /** Which parameter holds the memory address that was referenced, if any. */
  addressParameter?: 1 | 2 | 3 | 4;
  /** WinDbg's FAILURE_BUCKET_ID prefix when it differs from the name (e.g. 0x4A → RAISED_IRQL_FAULT). */
  bucketPrefix?: string;
}

type Row = [code: number, name: string, summary: string, params: [string, string, string, string], causes: string, extra?: Partial<BugcheckInfo>];

const R = 'Reserved';

const ROWS: Row[] = [
  [0x01, 'APC_INDEX_MISMATCH', 'A mismatch in the APC state index.', ['Address of the system function (system call)', 'Thread\'s ApcStateIndex', 'Thread\'s KernelApcDisable/CombinedApcDisable', 'Call type (0 = system call, 1 = worker routine)'], 'a driver left APCs disabled (unbalanced KeEnterCriticalRegion/KeLeaveCriticalRegion)'],
  [0x0a, 'IRQL_NOT_LESS_OR_EQUAL', 'An attempt was made to access a pageable (or completely invalid) address at an interrupt request level (IRQL) that is too high.', ['Memory referenced', 'IRQL', 'Bitfield: bit 0 = write, bit 3 = execute (0 = read)', 'Address which referenced memory'], 'a driver touching paged or invalid memory at raised IRQL; P1 below 0x1000 suggests a NULL dereference', { ipParameter: 4, addressParameter: 1 }],
  [0x19, 'BAD_POOL_HEADER', 'The pool is already corrupt at the time of the current request.', ['Violation type', 'Depends on the type', 'Depends on the type', 'Depends on the type'], 'pool corruption by the owner of the preceding block; enable Driver Verifier special pool'],
  [0x1a, 'MEMORY_MANAGEMENT', 'A severe memory management error occurred.', ['Subtype of the error', 'Subtype-specific', 'Subtype-specific', 'Subtype-specific'], 'faulty RAM or overclocking, or a driver corrupting memory-manager structures (PTE/PFN, MDLs)'],
  [0x1e, 'KMODE_EXCEPTION_NOT_HANDLED', 'A kernel-mode program generated an exception which the error handler did not catch.', ['The exception code that was not handled', 'The address at which the exception occurred', 'Parameter 0 of the exception', 'Parameter 1 of the exception'], 'the driver containing the exception address (P2)', { ipParameter: 2 }],
  [0x20, 'KERNEL_APC_PENDING_DURING_EXIT', 'An asynchronous procedure call (APC) was still pending when a thread exited.', ['Address of the APC found pending', 'Thread\'s APC disable count', 'Current IRQL', R], 'a driver that disabled APCs (or raised IRQL) without restoring them'],
  [0x23, 'FAT_FILE_SYSTEM', 'A problem occurred in the FAT file system.', ['Source file and line number', 'Exception record (if FatExceptionFilter is on the stack)', 'Context record (same condition)', R], 'disk corruption, nonpaged pool exhaustion, filter drivers'],
  [0x24, 'NTFS_FILE_SYSTEM', 'A problem occurred in ntfs.sys.', ['High 16 bits: source file id, low 16 bits: line', 'Exception record (if NtfsExceptionFilter is on the stack)', 'Context record (same condition)', R], 'disk or NTFS corruption, file-system filter drivers (antivirus, backup), storage hardware'],
  [0x27, 'RDR_FILE_SYSTEM', 'A problem occurred in the SMB redirector file system.', ['Source file and line number', 'Exception record', 'Context record', R], 'network redirector; nonpaged pool exhaustion'],
  [0x2e, 'DATA_BUS_ERROR', 'A parity error in system memory.', ['Virtual address that caused the fault', 'Physical address that caused the fault', 'Processor status register (PSR)', 'Faulting instruction register (FIR)'], 'failing RAM, cache or motherboard; a driver touching an address that does not exist'],
  [0x34, 'CACHE_MANAGER', 'A problem occurred in the file system\'s cache manager.', ['Source file and line number', R, R, R], 'nonpaged pool exhaustion, file-system filter drivers'],
  [0x3b, 'SYSTEM_SERVICE_EXCEPTION', 'An exception happened while executing a system service routine.', ['Exception code that caused the bugcheck', 'Address of the instruction which caused the bugcheck', 'Address of the context record for the exception that caused the bugcheck', 'zero'], 'drivers reached through system calls: graphics (win32k, dxgkrnl), antivirus, file-system filters', { ipParameter: 2 }],
  [0x3d, 'INTERRUPT_EXCEPTION_NOT_HANDLED', 'An exception occurred during an interrupt and was not handled.', ['Exception record', 'Context record', R, R], 'an interrupt service routine in a driver'],
  [0x44, 'MULTIPLE_IRP_COMPLETE_REQUESTS', 'A driver has requested that an IRP be completed, but the packet has already been completed.', ['Address of the IRP', R, R, R], 'a driver completed an IRP twice, or two drivers both completed it'],
  [0x4a, 'IRQL_GT_ZERO_AT_SYSTEM_SERVICE', 'Returning to usermode from a system call at an IRQL > PASSIVE_LEVEL.', ['Address of system function (system call routine)', 'Current IRQL', '0', '0'], 'a driver returned from a system call without lowering IRQL (Sysinternals NotMyFault "raised IRQL")', { bucketPrefix: 'RAISED_IRQL_FAULT' }],
  [0x4e, 'PFN_LIST_CORRUPT', 'The page frame number (PFN) list is corrupted.', ['Subtype', 'Subtype-specific', 'Subtype-specific', 'Subtype-specific'], 'a driver passing a bad MDL, or failing RAM'],
  [0x50, 'PAGE_FAULT_IN_NONPAGED_AREA', 'Invalid system memory was referenced.', ['Memory referenced', 'Access type (read, write or execute; see below)', 'If non-zero, the instruction address which referenced the bad memory address', 'Type of fault (0 freed PTE, 2 no valid page table, 3 wrong session, 4 non-canonical VA, 0xF user VA from kernel)'], 'a bad pointer or use-after-free in a driver (antivirus and filter drivers are frequent), or faulty RAM', { ipParameter: 3, addressParameter: 1 }],
  [0x51, 'REGISTRY_ERROR', 'A severe registry error occurred.', ['Subtype', 'Pointer to the hive (if available)', 'Subtype-specific', 'Subtype-specific'], 'a corrupt hive or an I/O error reading it; failing disk'],
  [0x5c, 'HAL_INITIALIZATION_FAILED', 'The HAL could not be initialized.', [R, R, R, R], 'firmware/ACPI problems, unsupported hardware'],
  [0x6b, 'PROCESS1_INITIALIZATION_FAILED', 'Phase 1 process initialization failed.', ['NT status code of the failure', R, R, R], 'a damaged system file or boot volume'],
  [0x74, 'BAD_SYSTEM_CONFIG_INFO', 'There is an error in the registry.', [R, R, R, 'NT status code of the failure'], 'a corrupt SYSTEM hive; restore it or use Last Known Good'],
  [0x77, 'KERNEL_STACK_INPAGE_ERROR', 'The requested page of kernel data from the paging file could not be read into memory.', ['Status code (or 0)', 'Status / page-file value', 'Page file number or PTE', 'Page file offset or address'], 'disk, controller or cabling errors while reading the page file; bad RAM'],
  [0x7a, 'KERNEL_DATA_INPAGE_ERROR', 'The requested page of kernel data could not be read into memory.', ['Lock type or PTE', 'Error status (NTSTATUS of the I/O)', 'Current process or virtual address', 'Virtual address that could not be paged in'], 'storage I/O errors (failing disk, cable, controller), bad RAM, or a paging file on a bad sector', { addressParameter: 4 }],
  [0x7b, 'INACCESSIBLE_BOOT_DEVICE', 'The operating system lost access to the system partition during startup.', ['Address of a UNICODE_STRING or device object', R, R, R], 'a missing or wrong storage driver (AHCI/RAID mode change), a damaged boot volume'],
  [0x7e, 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED', 'This is a very common bugcheck. Usually the exception address pinpoints the driver/function that caused the problem.', ['The exception code that was not handled', 'The address that the exception occurred at', 'Exception Record Address', 'Context Record Address'], 'the driver containing the exception address (P2); use .exr P3 and .cxr P4', { ipParameter: 2 }],
  [0x7f, 'UNEXPECTED_KERNEL_MODE_TRAP', 'A trap occurred in kernel mode, and it is a kind of trap that the kernel is not allowed to have or catch.', ['The trap number (8 = double fault)', R, R, R], 'a double fault (kernel stack overflow) or hardware; 0 = divide error in a driver'],
  [0x80, 'NMI_HARDWARE_FAILURE', 'A hardware malfunction was reported through a non-maskable interrupt.', [R, R, R, R], 'hardware; also the NMI button / NMICrashDump'],
  [0x8e, 'KERNEL_MODE_EXCEPTION_NOT_HANDLED', 'A kernel-mode application generated an exception that the error handler did not catch.', ['The exception code that was not handled', 'The address at which the exception occurred', 'The trap frame', R], 'the driver containing the exception address (P2); bad RAM', { ipParameter: 2 }],
  [0x9c, 'MACHINE_CHECK_EXCEPTION', 'A fatal machine check exception occurred (older form of 0x124).', ['Processor number', 'Processor-specific', 'Processor-specific', 'Processor-specific'], 'CPU, memory or bus hardware; overclocking'],
  [0x9f, 'DRIVER_POWER_STATE_FAILURE', 'A driver has failed to complete a power IRP within a specific time.', ['Subtype (3 = a device blocked an IRP too long)', 'Physical Device Object of the stack (subtype 3)', 'nt!TRIAGE_9F_POWER (subtype 3)', 'The blocked IRP (subtype 3)'], 'a device driver not finishing sleep/resume; !irp P4 and !devstack P2 show which'],
  [0xa0, 'INTERNAL_POWER_ERROR', 'The power policy manager experienced a fatal error.', ['Subtype', 'Subtype-specific', 'Subtype-specific', 'Subtype-specific'], 'power manager: hibernation file, ACPI or firmware problems'],
  [0xa5, 'ACPI_BIOS_ERROR', 'The ACPI BIOS of the computer is not fully compliant with the ACPI specification.', ['Subtype', 'Subtype-specific', 'Subtype-specific', 'Subtype-specific'], 'firmware: update the BIOS/UEFI'],
  [0xbe, 'ATTEMPTED_WRITE_TO_READONLY_MEMORY', 'An attempt was made to write to readonly memory.', ['Virtual address for the attempted write', 'PTE contents', R, R], 'a driver writing to read-only memory (code, read-only data)', { addressParameter: 1 }],
  [0xc1, 'SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION', 'Special pool detected memory corruption.', ['Address trying to free', 'Subtype-specific', 'Subtype-specific', 'Subtype'], 'the driver under Driver Verifier special pool wrote outside its allocation'],
  [0xc2, 'BAD_POOL_CALLER', 'The current thread is making a bad pool request.', ['Type of violation', 'Violation-specific', 'Violation-specific', 'Violation-specific'], 'a driver misusing pool APIs: double free, bad IRQL, bad tag'],
  [0xc4, 'DRIVER_VERIFIER_DETECTED_VIOLATION', 'A device driver attempting to corrupt the system has been caught.', ['Violation code (also the rule ID for verifier /rules)', 'Code-specific', 'Code-specific', 'Code-specific'], 'the verified driver named in the analysis'],
  [0xc5, 'DRIVER_CORRUPTED_EXPOOL', 'An attempt was made to access a pageable (or completely invalid) address at an IRQL that is too high, caused by a driver that corrupted the system pool.', ['Memory referenced', 'IRQL', '0 = read, 1 = write', 'Address which referenced memory'], 'pool corruption by a driver; enable special pool', { ipParameter: 4, addressParameter: 1 }],
  [0xc9, 'DRIVER_VERIFIER_IOMANAGER_VIOLATION', 'The I/O manager detected a violation by a driver being verified.', ['Violation code', 'Code-specific', 'Code-specific', 'Code-specific'], 'the verified driver\'s IRP handling'],
  [0xca, 'PNP_DETECTED_FATAL_ERROR', 'The Plug and Play Manager encountered a severe error.', ['Type of violation', 'Type-specific', 'Type-specific', 'Type-specific'], 'a PnP driver (often a bus or filter driver)'],
  [0xce, 'DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS', 'A driver unloaded without cancelling timers, DPCs, worker threads, or other such items.', ['Memory referenced', '0 = read, 1 = write', 'Address that referenced memory', R], 'the unloaded driver: check the unloaded-driver list', { ipParameter: 3, addressParameter: 1 }],
  [0xd1, 'DRIVER_IRQL_NOT_LESS_OR_EQUAL', 'An attempt was made to access a pageable (or completely invalid) address at an interrupt request level (IRQL) that is too high. This is usually caused by drivers using improper addresses.', ['Memory referenced', 'IRQL', '0 = read, 1 = write, 2 or 8 = execute', 'Address which referenced memory'], 'a driver accessing pageable or invalid memory at raised IRQL; network, Wi-Fi and storage drivers are common', { ipParameter: 4, addressParameter: 1 }],
  [0xd5, 'DRIVER_PAGE_FAULT_IN_FREED_SPECIAL_POOL', 'The system is attempting to access memory after it has been freed.', ['Memory referenced', '0 = read, 1 = write', 'Address that referenced memory', R], 'use-after-free in the driver being verified', { ipParameter: 3, addressParameter: 1 }],
  [0xd6, 'DRIVER_PAGE_FAULT_BEYOND_END_OF_ALLOCATION', 'The driver accessed memory beyond the end of its pool allocation.', ['Memory referenced', '0 = read, 1 = write', 'Address that referenced memory', R], 'buffer overrun in the driver being verified', { ipParameter: 3, addressParameter: 1 }],
  [0xe2, 'MANUALLY_INITIATED_CRASH', 'The user manually initiated this crash dump.', [R, R, R, R], 'the user (CrashOnCtrlScroll, NotMyFault or a debugger): expected, not a fault'],
  [0xea, 'THREAD_STUCK_IN_DEVICE_DRIVER', 'A thread in a device driver is endlessly spinning.', ['Pointer to the stuck thread object', 'Pointer to the DEFERRED_WATCHDOG object', 'Pointer to the offending driver name', 'Number of times the error was intercepted'], 'the graphics driver waiting for the GPU; GPU hardware or overheating'],
  [0xed, 'UNMOUNTABLE_BOOT_VOLUME', 'The I/O subsystem attempted to mount the boot volume and it failed.', ['Device object of the boot volume', 'Status code from the file system', R, R], 'a damaged boot volume, cable or controller driver'],
  [0xef, 'CRITICAL_PROCESS_DIED', 'A critical system process died.', ['Process object or thread object', 'If 0, a process died. If 1, a thread died.', R, R], 'csrss, wininit, smss, services or winlogon ended: storage I/O failure, malware, or a forced kill'],
  [0xf4, 'CRITICAL_OBJECT_TERMINATION', 'A process or thread crucial to system operation has unexpectedly exited or been terminated.', ['Object type (3 = process, 6 = thread)', 'Terminating object', 'Process image file name', 'Pointer to an ASCII string with an explanatory message'], 'like 0xEF; often in-page I/O errors on the system drive'],
  [0xfc, 'ATTEMPTED_EXECUTE_OF_NOEXECUTE_MEMORY', 'An attempt was made to execute non-executable memory.', ['Virtual address for the attempted execute', 'PTE contents', R, R], 'a driver jumping into data (corrupt function pointer, exploit)', { addressParameter: 1 }],
  [0xfe, 'BUGCODE_USB_DRIVER', 'An error has occurred in a universal serial bus (USB) driver.', ['Type of USB error', 'Type-specific', 'Type-specific', 'Type-specific'], 'a USB host controller or device driver'],
  [0x101, 'CLOCK_WATCHDOG_TIMEOUT', 'An expected clock interrupt on a secondary processor, in a multi-processor system, was not received within the allocated interval.', ['Clock interrupt time-out interval, in nominal clock ticks', '0', 'Address of the processor control block (PRCB) for the unresponsive processor', 'Index of the hung processor'], 'a CPU stopped servicing clock interrupts: hardware, firmware/microcode, overclocking, hypervisor'],
  [0x109, 'CRITICAL_STRUCTURE_CORRUPTION', 'The kernel has detected critical kernel code or data corruption.', [R, R, 'Address of the corrupted region (when known)', 'Type of corrupted region'], 'a driver patching the kernel (PatchGuard), or failing RAM'],
  [0x10e, 'VIDEO_MEMORY_MANAGEMENT_INTERNAL', 'The video memory manager has encountered a condition that it can\'t recover from.', ['Reason code', 'Reason-specific', 'Reason-specific', 'Reason-specific'], 'the graphics driver'],
  [0x113, 'VIDEO_DXGKRNL_FATAL_ERROR', 'The Microsoft DirectX graphics kernel subsystem has detected a violation.', ['Reason code', 'Reason-specific', 'Reason-specific', 'Reason-specific'], 'the graphics driver'],
  [0x116, 'VIDEO_TDR_FAILURE', 'Attempt to reset the display driver and recover from timeout failed.', ['Optional pointer to internal TDR recovery context (TDR_RECOVERY_CONTEXT)', 'The pointer into responsible device driver module (e.g. owner tag)', 'Optional error code (NTSTATUS) of the last failed operation', 'Optional internal context dependent data'], 'the GPU driver could not be reset after a timeout: GPU driver or hardware, overheating', { ipParameter: 2 }],
  [0x117, 'VIDEO_TDR_TIMEOUT_DETECTED', 'The display driver failed to respond in a timely fashion.', ['Optional pointer to internal TDR recovery context', 'The pointer into responsible device driver module', 'The secondary bucketing key', R], 'the GPU driver (live dump)', { ipParameter: 2 }],
  [0x119, 'VIDEO_SCHEDULER_INTERNAL_ERROR', 'The video scheduler has detected that fatal violation has occurred.', ['The subtype of the bugcheck', 'Subtype-specific', 'Subtype-specific', 'Subtype-specific'], 'the graphics driver (dxgkrnl scheduler)'],
  [0x124, 'WHEA_UNCORRECTABLE_ERROR', 'A fatal hardware error has occurred.', ['WHEA error source (0 = machine check exception)', 'Address of the WHEA_ERROR_RECORD structure', 'High order 32-bits of the MCi_STATUS value (source 0)', 'Low order 32-bits of the MCi_STATUS value (source 0)'], 'hardware: CPU/cache, RAM, PCIe device, overclocking or voltage, firmware'],
  [0x133, 'DPC_WATCHDOG_VIOLATION', 'The DPC watchdog detected a prolonged run time at an IRQL of DISPATCH_LEVEL or above.', ['0 = a single DPC or ISR exceeded its time allotment; 1 = cumulative time at DISPATCH_LEVEL or above too long', 'DPC time count (P1 = 0) or watchdog period (P1 = 1)', 'DPC time allotment (P1 = 0) or nt!DPC_WATCHDOG_GLOBAL_TRIAGE_BLOCK (P1 = 1)', 'Triage block (P1 = 0)'], 'storage (storport, NVMe, SATA AHCI), network or graphics drivers; firmware'],
  [0x139, 'KERNEL_SECURITY_CHECK_FAILURE', 'A kernel component has corrupted a critical data structure. The corruption could potentially allow a malicious user to gain control of this machine.', ['Type of memory safety violation', 'Address of the trap frame for the exception that caused the bugcheck', 'Address of the exception record for the exception that caused the bugcheck', R], 'memory corruption by a driver; 3 = corrupted LIST_ENTRY'],
  [0x13a, 'KERNEL_MODE_HEAP_CORRUPTION', 'The kernel mode heap manager has detected corruption in a heap.', ['Type of corruption detected', 'Address of the heap that reported the corruption', 'Address at which the corruption was detected', R], 'a driver corrupting the kernel segment heap'],
  [0x144, 'BUGCODE_USB3_DRIVER', 'An error occurred in the USB 3 driver stack.', ['Type of USB 3 error', 'Type-specific', 'Type-specific', 'Type-specific'], 'USB 3 host controller, hub or device drivers; firmware'],
  [0x141, 'VIDEO_ENGINE_TIMEOUT_DETECTED', 'One of the display engines failed to respond in a timely fashion (live dump).', ['Optional pointer to internal TDR recovery context', 'The pointer into responsible device driver module', 'The secondary bucketing key', 'Optional internal context dependent data'], 'the GPU driver or hardware; the system recovered', { ipParameter: 2 }],
  [0x154, 'UNEXPECTED_STORE_EXCEPTION', 'The store component caught an unexpected exception.', ['Pointer to the store context or data manager', 'Exception information', R, R], 'the memory-compression store: failing disk or RAM, page-file I/O errors'],
  [0x15f, 'CONNECTED_STANDBY_WATCHDOG_TIMEOUT_LIVEDUMP', 'A connected-standby watchdog timeout occurred (live dump).', ['Subcomponent that timed out', 'Subcomponent-specific', 'Subcomponent-specific', 'Subcomponent-specific'], 'a device or driver blocking the transition into or out of Modern Standby'],
  [0x161, 'LIVE_SYSTEM_DUMP', 'The system administrator requested the collection of a live system memory dump.', [R, R, R, R], 'not a crash: a live dump taken while the system kept running'],
  [0x193, 'VIDEO_DXGKRNL_LIVEDUMP', 'The DirectX graphics kernel took a live dump to help diagnose a problem.', ['Reason code', R, R, R], 'the graphics driver; not a crash'],
  [0x19c, 'WIN32K_POWER_WATCHDOG_TIMEOUT', 'Win32k did not turn the monitor on in a timely manner.', ['Type of failure', 'Type-specific', 'Type-specific', 'Type-specific'], 'graphics or display drivers during resume'],
  [0x1a1, 'WIN32K_CALLOUT_WATCHDOG_LIVEDUMP', 'A win32k callout took too long (live dump).', ['Thread blocking the callout', R, R, R], 'a driver or component holding a win32k callout; not a crash'],
  [0x1aa, 'EXCEPTION_ON_INVALID_STACK', 'Exception dispatch crossed an invalid kernel stack.', ['The pointer to the invalid stack', 'Type of stack', 'Context record address', 'Exception record address'], 'kernel stack corruption or overflow by a driver'],
  [0x1ab, 'UNWIND_ON_INVALID_STACK', 'Unwinding crossed an invalid kernel stack.', ['Pointer to the current stack limit', 'Type of stack', 'Context record address', 'Address of the dispatch context'], 'kernel stack corruption by a driver'],
  [0x1c8, 'MANUALLY_INITIATED_POWER_BUTTON_HOLD', 'The system was configured to initiate a bugcheck when the user holds the power button.', ['Time in milliseconds the power button was held', 'Pointer to the power button triage block', R, R], 'the user held the power button (usually because the system had hung)'],
  [0xdeaddead, 'MANUALLY_INITIATED_CRASH1', 'The user deliberately initiated a crash dump from either the kernel debugger or the keyboard.', [R, R, R, R], 'a deliberate crash (.crash, tools)'],
];

const TABLE = new Map<number, BugcheckInfo>(
  ROWS.map(([code, name, summary, parameters, causes, extra]) => [code, { code, name, summary, parameters, causes, ...extra }]),
);

/** All catalog entries, ascending by code. */
export function allBugchecks(): BugcheckInfo[] {
  return [...TABLE.values()].sort((a, b) => a.code - b.code);
}

/**
 * The entry for a code. "_M" codes (0x10000000 | base) share the base code's
 * parameters and get "_M" appended to the name.
 */
export function lookupBugcheck(code: number): BugcheckInfo | undefined {
  code >>>= 0;
  const direct = TABLE.get(code);
  if (direct) return direct;
  if ((code & 0x10000000) !== 0) {
    const base = TABLE.get(code & ~0x10000000);
    if (base) return { ...base, code, name: `${base.name}_M` };
  }
  return undefined;
}

/** "0x50 P2" decoded for the dump's build, where the meaning of a value depends on it. */
export function explainParameter(code: number, index: 1 | 2 | 3 | 4, value: bigint, build: number | undefined): string | undefined {
  const base = (code >>> 0) & ~0x10000000;
  if (base === 0x50 && index === 2) {
    // Windows 10 1507 (build 10240) changed P2 to a bit field (facts §5).
    if (build !== undefined && build < 10240) return value === 0n ? 'read operation' : 'write operation';
    if ((value & 0x10n) !== 0n) return 'execute operation';
    return (value & 0x2n) !== 0n ? 'write operation' : 'read operation';
  }
  if ((base === 0x0a || base === 0xd1) && index === 3) {
    if ((value & 0x8n) !== 0n) return 'execute operation';
    if (base === 0xd1 && value === 2n) return 'execute operation';
    return (value & 0x1n) !== 0n ? 'write operation' : 'read operation';
  }
  if (base === 0x7f && index === 1) {
    const traps: Record<string, string> = { '0': 'divide error', '4': 'overflow', '5': 'bound check', '6': 'invalid opcode', '8': 'double fault (usually a kernel stack overflow)' };
    return traps[value.toString()];
  }
  if (base === 0x139 && index === 1) {
    const kinds: Record<string, string> = { '2': 'stack cookie check failed', '3': 'LIST_ENTRY corrupted', '5': 'invalid parameter', '10': 'CFG indirect call check failed', '14': 'reference count corrupted' };
    return kinds[value.toString()];
  }
  return undefined;
}
