/**
 * The grouping key, in WinDbg's FAILURE_BUCKET_ID shape:
 * CLASS_code_image!function, e.g. INVALID_POINTER_WRITE_c0000005_crashme.exe!Unknown.
 * Same crash, same bucket: nothing machine-specific (addresses, offsets) goes in.
 */
import type { ReportCulprit, ReportFrame } from './report';

export function bucketId(failureClass: string, code: number, culprit: ReportCulprit | null, frames: readonly ReportFrame[]): string {
  const frame = culprit?.frame != null ? frames[culprit.frame] : undefined;
  const fn = frame?.function ?? 'Unknown';
  const image = culprit?.image ?? 'Unknown';
  return `${failureClass}_${(code >>> 0).toString(16)}_${image}!${fn}`;
}
