import type { SymbolInfo } from './types';

/**
 * Symbols for one module from one source (a .sym file, a PDB, a PE's
 * exports). The chain (symbolChain.ts) asks its sources in order.
 */
export interface ModuleSymbols {
  /** "breakpad", "pdb", "pe-exports": shown in diagnostics. */
  readonly source: string;
  lookup(rva: number): SymbolInfo | undefined;
}
