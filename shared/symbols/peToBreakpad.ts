import type { SymModuleText } from '../formats/breakpad/symWriter';
import { readCodeView } from '../formats/pe/codeView';
import { readExports } from '../formats/pe/exports';
import { IMAGE_FILE_MACHINE, type PeImage } from '../formats/pe/peImage';
import { demangleMsvc } from './msvcDemangle';

const CPU: Record<number, string> = {
  [IMAGE_FILE_MACHINE.I386]: 'x86', [IMAGE_FILE_MACHINE.AMD64]: 'x86_64', [IMAGE_FILE_MACHINE.ARM64]: 'arm64', [IMAGE_FILE_MACHINE.ARMNT]: 'arm',
};

export function peCpu(pe: PeImage): string {
  return CPU[pe.machine] ?? 'unknown';
}

/**
 * What a PE alone tells a symbolizer: its identity (MODULE from CodeView,
 * INFO CODE_ID) and its exports as PUBLIC records. Forwarded exports are
 * skipped: their address is a string, not code.
 */
export function peToBreakpad(pe: PeImage, codeFile: string): SymModuleText {
  const cv = readCodeView(pe);
  const publics = readExports(pe)
    .filter((e) => !e.forwarder)
    .map((e) => ({ rva: e.rva, paramSize: 0, name: (e.name?.startsWith('?') ? demangleMsvc(e.name) : undefined) ?? e.name ?? `Ordinal${e.ordinal}` }));
  return {
    os: 'windows',
    cpu: peCpu(pe),
    debugId: cv?.debugId ?? '000000000000000000000000000000000',
    debugFile: cv?.debugFile ?? codeFile,
    codeId: pe.codeId,
    codeFile,
    files: [],
    funcs: [],
    publics,
  };
}
