/**
 * Whether this process runs elevated (as administrator) on Windows. Writing
 * HKEY_LOCAL_MACHINE needs it, so the Windows backend asks first and refuses
 * with a clear message instead of failing half-way through.
 *
 * `fltmc` (the filter manager tool, present on every Windows since Vista)
 * exits non-zero with "access denied" unless the caller is elevated, which
 * makes it the usual no-dependency check.
 */
import { execFile } from 'node:child_process';

export function isElevated(): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('fltmc', [], { windowsHide: true }, (error) => resolve(!error));
  });
}
