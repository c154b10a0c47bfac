import type { PdbTypeInfo } from '../formats/pdb/typeInfo';
import type { ListedSymbol, SymbolInfo } from './types';

/**
 * Symbols for one module from one source (a .sym file, a PDB, a PE's
 * exports). The chain (symbolChain.ts) asks its sources in order.
 */
export interface ModuleSymbols {
  /** "breakpad", "pdb", "pe-exports": shown in diagnostics. */
  readonly source: string;
  lookup(rva: number): SymbolInfo | undefined;
  /** Every symbol, in the file's order (what `x` prints without /a /n /z); built once. */
  list?(): readonly ListedSymbol[];
  /** Type information (structure layouts), when the source has it: a PDB's TPI stream. */
  types?(): PdbTypeInfo | undefined;
}

/** No symbol data: what `x` prints for a public without type information. */
export const NO_PARAMETER_INFO = '(<no parameter info>)';
export const NO_TYPE_INFORMATION = '= <no type information>';
