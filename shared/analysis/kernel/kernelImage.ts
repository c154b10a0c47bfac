/**
 * How WinDbg names kernel modules: `lm` shows the kernel as module "nt" with
 * the image's original name (ntkrnlmp.exe) although the driver list stores
 * "ntoskrnl.exe" (corpus: 083125-14875-01 `lm t n`); other modules are the
 * file name without its extension ("hal", "dump_storport").
 */
import type { CpuArch, DumpModule } from '../../dump/types';
import { moduleNameOf } from '../culprit';

export interface KernelImageFacts {
  arch: CpuArch;
  build: number | undefined;
  cpuCount: number;
  pae?: boolean;
}

const KERNEL_FILES = /^(ntoskrnl|ntkrnlmp|ntkrnlpa|ntkrpamp)\.exe$/i;

export function isKernelImage(m: DumpModule, kernBase?: bigint): boolean {
  return (kernBase !== undefined && m.base === kernBase) || KERNEL_FILES.test(m.name);
}

/**
 * The kernel's original file name. Since Vista only multiprocessor kernels
 * ship (a 1-CPU machine still runs ntkrnlmp.exe, as the corpus dump shows);
 * 32-bit PAE kernels are ntkrpamp.exe. Older systems pick by CPU count.
 */
export function kernelImageName(f: KernelImageFacts): string {
  const mp = (f.build ?? 0) >= 6000 || f.cpuCount > 1;
  if (f.arch === 'x86' && f.pae) return mp ? 'ntkrpamp.exe' : 'ntkrnlpa.exe';
  return mp ? 'ntkrnlmp.exe' : 'ntoskrnl.exe';
}

/** WinDbg's module name (the part before '!'). */
export function windbgModuleName(m: DumpModule, kernBase?: bigint): string {
  return isKernelImage(m, kernBase) ? 'nt' : moduleNameOf(m.name);
}

/** WinDbg's IMAGE_NAME for a module. */
export function windbgImageName(m: DumpModule, f: KernelImageFacts, kernBase?: bigint): string {
  return isKernelImage(m, kernBase) ? kernelImageName(f) : m.name;
}
