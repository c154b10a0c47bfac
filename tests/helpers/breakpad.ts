// Reading Breakpad minidump_stackwalk's human output (../shared/corpus/expected/*.stackwalk.txt).
import type { FrameTrust } from '../../shared/analysis/report';

/** Breakpad's "Found by:" words, mapped to our trust names. */
const FOUND_BY: Record<string, FrameTrust> = {
  'given as instruction pointer in context': 'context',
  "previous frame's frame pointer": 'frame-pointer',
  'stack scanning': 'scan',
  'call frame info': 'cfi',
  'call frame info with scanning': 'scan',
  // Breakpad's amd64 walker reads [rsp] as a leaf function's return address before scanning;
  // our scan starts at the same word, so the frame is the same and we call it a scan.
  'simulating a return from leaf function': 'scan',
};

/** "Found by:" of each frame of one thread in Breakpad's human output, as our trust names. */
export function breakpadTrust(text: string, thread: number): FrameTrust[] {
  const start = text.search(new RegExp(`^Thread ${thread}( \\(crashed\\))?$`, 'm'));
  const rest = text.slice(start).split('\n').slice(1);
  const end = rest.findIndex((l) => /^(Thread \d+|Loaded modules:)/.test(l));
  return rest.slice(0, end < 0 ? undefined : end)
    .map((l) => /Found by: (.*)$/.exec(l)?.[1])
    .filter((s): s is string => s !== undefined)
    .map((s) => FOUND_BY[s] ?? (`unknown: ${s}` as FrameTrust));
}
