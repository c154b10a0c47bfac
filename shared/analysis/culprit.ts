/**
 * Who to blame: WinDbg's MODULE_NAME / IMAGE_NAME / SYMBOL_NAME. The first
 * frame of the crashing thread outside the system and runtime modules
 * (systemModules.ts), because an exception raised or detected inside
 * ntdll, kernelbase or the CRT was almost always caused by their caller.
 */
import type { ReportCulprit, ReportFrame } from './report';
import { isSystemModule } from './systemModules';

/** "crashme.exe" → "crashme": WinDbg's module name is the image name without its extension. */
export function moduleNameOf(image: string): string {
  const dot = image.lastIndexOf('.');
  return dot > 0 ? image.slice(0, dot) : image;
}

/** WinDbg's SYMBOL_NAME: `test_app!CrashFunction+3` with symbols, `crashme+a6cd` without. */
export function symbolName(frame: ReportFrame): string | null {
  return frame.module ? symbolIn(moduleNameOf(frame.module), frame) : null;
}

/** SYMBOL_NAME of a frame in the module WinDbg calls `mod`: `mod!function+off`, or `mod+off` without symbols. */
export function symbolIn(mod: string, frame: ReportFrame): string {
  const bare = (h: string | null): string => (h ?? '0x0').replace(/^0x/, '');
  if (frame.function) return `${mod}!${frame.function}+${bare(frame.functionOffset)}`;
  return `${mod}+${bare(frame.moduleOffset)}`;
}

export function findCulprit(frames: readonly ReportFrame[]): ReportCulprit | null {
  const inModules = frames.filter((f) => f.module !== null);
  if (inModules.length === 0) return null;
  const blamed = inModules.find((f) => !isSystemModule(f.module!));
  const frame = blamed ?? inModules[0]!;
  const image = frame.module!;
  return {
    module: moduleNameOf(image),
    image,
    symbol: symbolName(frame),
    reason: reasonFor(frame, frames, blamed !== undefined),
    frame: frame.index,
  };
}

function reasonFor(frame: ReportFrame, frames: readonly ReportFrame[], outsideSystem: boolean): string {
  if (!outsideSystem) {
    return `every frame of the crashing thread is in a system module; blamed the topmost one (frame ${frame.index}, ${frame.module})`;
  }
  if (frame.index === 0) return `the exception happened in ${frame.module} (frame 0)`;
  const skipped = [...new Set(frames.slice(0, frame.index).map((f) => f.module ?? 'memory outside any module'))];
  return `first frame outside system modules (frame ${frame.index}); frames above it are in ${skipped.join(', ')}`;
}
