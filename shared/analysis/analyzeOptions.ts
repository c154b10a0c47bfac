import type { SymbolResolver } from '../symbols/types';
import type { FrameUnwinder } from './stackwalk/unwinder';

/** What a caller may pass to analyze(). */
export interface AnalyzeOptions {
  /** Symbol lookups for frames; default: none (module + offset only). */
  symbols?: SymbolResolver;
  /** Unwind-data unwinders tried before frame pointers and scanning (see stackwalk/unwinder.ts). */
  unwinders?: readonly FrameUnwinder[];
  /** The dump's path, copied into the document's `file.path`. */
  path?: string;
  /** Walk every thread (default) or only the crashing one. */
  allThreads?: boolean;
  /** Frame cap per thread (default stackwalk MAX_FRAMES). */
  maxFrames?: number;
  /** Frame cap over all threads together (default analyze FRAME_BUDGET). */
  frameBudget?: number;
}
