/**
 * MINIDUMP_TYPE bits (minidumpapiset.h), which WER's CustomDumpFlags and
 * ProcDump-style tools use to say what a user-mode dump contains.
 */
export const MINIDUMP_TYPE_FLAGS: readonly { mask: number; name: string }[] = [
  { mask: 0x1, name: 'MiniDumpWithDataSegs' },
  { mask: 0x2, name: 'MiniDumpWithFullMemory' },
  { mask: 0x4, name: 'MiniDumpWithHandleData' },
  { mask: 0x8, name: 'MiniDumpFilterMemory' },
  { mask: 0x10, name: 'MiniDumpScanMemory' },
  { mask: 0x20, name: 'MiniDumpWithUnloadedModules' },
  { mask: 0x40, name: 'MiniDumpWithIndirectlyReferencedMemory' },
  { mask: 0x80, name: 'MiniDumpFilterModulePaths' },
  { mask: 0x100, name: 'MiniDumpWithProcessThreadData' },
  { mask: 0x200, name: 'MiniDumpWithPrivateReadWriteMemory' },
  { mask: 0x400, name: 'MiniDumpWithoutOptionalData' },
  { mask: 0x800, name: 'MiniDumpWithFullMemoryInfo' },
  { mask: 0x1000, name: 'MiniDumpWithThreadInfo' },
  { mask: 0x2000, name: 'MiniDumpWithCodeSegs' },
  { mask: 0x4000, name: 'MiniDumpWithoutAuxiliaryState' },
  { mask: 0x8000, name: 'MiniDumpWithFullAuxiliaryState' },
  { mask: 0x10000, name: 'MiniDumpWithPrivateWriteCopyMemory' },
  { mask: 0x20000, name: 'MiniDumpIgnoreInaccessibleMemory' },
  { mask: 0x40000, name: 'MiniDumpWithTokenInformation' },
  { mask: 0x80000, name: 'MiniDumpWithModuleHeaders' },
  { mask: 0x100000, name: 'MiniDumpFilterTriage' },
  { mask: 0x200000, name: 'MiniDumpWithAvxXStateContext' },
  { mask: 0x400000, name: 'MiniDumpWithIptTrace' },
  { mask: 0x800000, name: 'MiniDumpScanInaccessiblePartialPages' },
  { mask: 0x1000000, name: 'MiniDumpFilterWriteCombinedMemory' },
];

/** MiniDumpValidTypeFlags: every bit the SDK defines. */
export const MINIDUMP_VALID_TYPE_FLAGS = 0x01ffffff;

/** Bit names of a MINIDUMP_TYPE value, "MiniDumpNormal" for 0. */
export function minidumpTypeNames(flags: number): string[] {
  if (flags === 0) return ['MiniDumpNormal'];
  return MINIDUMP_TYPE_FLAGS.filter((f) => (flags & f.mask) !== 0).map((f) => f.name);
}
