/**
 * Modules that raise or report exceptions on someone else's behalf: the
 * loader and Win32 layers, the C/C++ runtimes, COM/RPC plumbing and WOW64.
 * A crash whose top frames are here is blamed on the first frame outside
 * them, as WinDbg's !analyze does with its triage list (MODULE_NAME skips
 * ntdll/kernelbase for a RaiseException, an abort() in ucrtbase…).
 */
const EXACT = new Set([
  'ntdll.dll', 'kernelbase.dll', 'kernel32.dll', 'kernel.appcore.dll',
  'ucrtbase.dll', 'ucrtbased.dll', 'msvcrt.dll', 'msvcp_win.dll',
  'user32.dll', 'win32u.dll', 'gdi32.dll', 'gdi32full.dll',
  'combase.dll', 'ole32.dll', 'oleaut32.dll', 'rpcrt4.dll', 'sechost.dll', 'advapi32.dll',
  'wow64.dll', 'wow64win.dll', 'wow64cpu.dll', 'wow64base.dll',
  'verifier.dll', 'apphelp.dll',
]);

/** Versioned runtimes: msvcr90d.dll, msvcp140.dll, vcruntime140_1.dll, concrt140.dll. */
const PATTERNS = [/^msvc[rp]\d+d?\.dll$/, /^vcruntime\d+(_\d+)?d?\.dll$/, /^concrt\d+d?\.dll$/];

export function isSystemModule(name: string): boolean {
  const n = name.toLowerCase();
  return EXACT.has(n) || PATTERNS.some((p) => p.test(n));
}
